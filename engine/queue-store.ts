// Where a queue keeps its ready messages: FIFO for classic queues (a requeued message returns to its
// place), one FIFO per level for priority queues, and plain FIFO for quorum queues (requeue to the back).

import type { Message } from './model.ts'
import { RingBuffer } from './ring-buffer.ts'

/** One message in one queue: the message is shared, these fields are the queue's own. */
export interface QueuedMessage {
  message: Message
  seq: number // position in this queue; requeued messages go back by it
  expiresAt: number // broker ms, Infinity when it never expires
  redelivered: boolean
  deliveryCount: number // quorum queues: returns that count towards x-delivery-limit (see quorumReturnCounting)
  acquiredCount?: number // quorum queues: every return, counted or not (x-acquired-count); unset until the first
  appendedAt?: number // streams: when the message was appended (broker ms), stored so retention by age survives a restart
}

export interface ReadyStore {
  readonly length: number
  readonly bytes: number
  push(entry: QueuedMessage): void
  /** Puts a message back after a nack, reject or channel close. */
  requeue(entry: QueuedMessage): void
  shift(): QueuedMessage | undefined
  peek(): QueuedMessage | undefined
  /** Removes and returns the expired messages at the head of the queue by `now`. */
  takeExpired(now: number, out: QueuedMessage[]): void
  /** When the head expires, Infinity when never. */
  nextExpiry(): number
  drain(): QueuedMessage[]
  entries(): Iterable<QueuedMessage>
}

const bySeq = (entry: QueuedMessage) => (existing: QueuedMessage) => existing.seq > entry.seq

function takeExpiredFrom(fifo: RingBuffer<QueuedMessage>, now: number, out: QueuedMessage[]): number {
  let bytes = 0
  for (let head = fifo.peek(); head && head.expiresAt <= now; head = fifo.peek()) {
    fifo.shift()
    bytes += head.message.size
    out.push(head)
  }
  return bytes
}

/** Classic queue: FIFO; a requeued message returns to its original position. */
export class ClassicStore implements ReadyStore {
  private readonly fifo = new RingBuffer<QueuedMessage>()
  bytes = 0

  get length(): number {
    return this.fifo.length
  }

  push(entry: QueuedMessage): void {
    this.fifo.push(entry)
    this.bytes += entry.message.size
  }

  requeue(entry: QueuedMessage): void {
    this.fifo.insertBefore(entry, bySeq(entry))
    this.bytes += entry.message.size
  }

  shift(): QueuedMessage | undefined {
    const entry = this.fifo.shift()
    if (entry) this.bytes -= entry.message.size
    return entry
  }

  peek(): QueuedMessage | undefined {
    return this.fifo.peek()
  }

  takeExpired(now: number, out: QueuedMessage[]): void {
    this.bytes -= takeExpiredFrom(this.fifo, now, out)
  }

  nextExpiry(): number {
    return this.fifo.peek()?.expiresAt ?? Infinity
  }

  drain(): QueuedMessage[] {
    this.bytes = 0
    return this.fifo.drain()
  }

  entries(): Iterable<QueuedMessage> {
    return this.fifo
  }
}

/**
 * x-max-priority: one FIFO per level, highest first; no priority means `defaultPriority` (0 in classic queues),
 * above the maximum means the maximum. `requeueAtBack`: a returned message queues behind its level (quorum).
 */
export class PriorityStore implements ReadyStore {
  private readonly levels: RingBuffer<QueuedMessage>[]
  private count = 0
  bytes = 0

  constructor(
    private readonly maxPriority: number,
    private readonly defaultPriority = 0,
    private readonly requeueAtBack = false,
  ) {
    this.levels = Array.from({ length: maxPriority + 1 }, () => new RingBuffer<QueuedMessage>(8))
  }

  get length(): number {
    return this.count
  }

  private levelOf(entry: QueuedMessage): RingBuffer<QueuedMessage> {
    const p = entry.message.properties.priority
    const level = typeof p === 'number' ? Math.min(Math.max(p, 0), this.maxPriority) : this.defaultPriority
    return this.levels[level]
  }

  push(entry: QueuedMessage): void {
    this.levelOf(entry).push(entry)
    this.count++
    this.bytes += entry.message.size
  }

  requeue(entry: QueuedMessage): void {
    if (this.requeueAtBack) this.levelOf(entry).push(entry)
    else this.levelOf(entry).insertBefore(entry, bySeq(entry))
    this.count++
    this.bytes += entry.message.size
  }

  private top(): RingBuffer<QueuedMessage> | undefined {
    for (let i = this.levels.length - 1; i >= 0; i--) if (this.levels[i].length > 0) return this.levels[i]
    return undefined
  }

  shift(): QueuedMessage | undefined {
    const entry = this.top()?.shift()
    if (entry) {
      this.count--
      this.bytes -= entry.message.size
    }
    return entry
  }

  peek(): QueuedMessage | undefined {
    return this.top()?.peek()
  }

  // Like a classic queue, only the head of the whole queue expires: a short TTL behind a higher priority waits.
  takeExpired(now: number, out: QueuedMessage[]): void {
    for (let head = this.peek(); head && head.expiresAt <= now; head = this.peek()) out.push(this.shift()!)
  }

  nextExpiry(): number {
    return this.peek()?.expiresAt ?? Infinity
  }

  drain(): QueuedMessage[] {
    const out: QueuedMessage[] = []
    for (let i = this.levels.length - 1; i >= 0; i--) out.push(...this.levels[i].drain())
    this.count = 0
    this.bytes = 0
    return out
  }

  *entries(): Iterable<QueuedMessage> {
    for (let i = this.levels.length - 1; i >= 0; i--) yield* this.levels[i]
  }
}

/** Quorum queue: one FIFO; a returned message goes to the back, behind everything already waiting (rabbit_fifo). */
export class QuorumStore extends ClassicStore {
  override requeue(entry: QueuedMessage): void {
    this.push(entry)
  }
}

/**
 * Quorum queue of RabbitMQ 4.0-4.2: two FIFOs, high (priority above 4) and normal, served two high for one
 * normal while both hold messages (rabbit_fifo_q; recorded: version-quorum-priorities). Returns go to the back.
 */
export class QuorumTwoLevelStore implements ReadyStore {
  private readonly high = new RingBuffer<QueuedMessage>()
  private readonly normal = new RingBuffer<QueuedMessage>()
  private highStreak = 0
  bytes = 0

  get length(): number {
    return this.high.length + this.normal.length
  }

  private fifoOf(entry: QueuedMessage): RingBuffer<QueuedMessage> {
    const p = entry.message.properties.priority
    return typeof p === 'number' && p > 4 ? this.high : this.normal
  }

  private next(): RingBuffer<QueuedMessage> | undefined {
    if (this.high.length > 0 && (this.normal.length === 0 || this.highStreak < 2)) return this.high
    return this.normal.length > 0 ? this.normal : undefined
  }

  push(entry: QueuedMessage): void {
    this.fifoOf(entry).push(entry)
    this.bytes += entry.message.size
  }

  requeue(entry: QueuedMessage): void {
    this.push(entry)
  }

  shift(): QueuedMessage | undefined {
    const fifo = this.next()
    const entry = fifo?.shift()
    if (!entry) return undefined
    this.highStreak = fifo === this.high ? this.highStreak + 1 : 0
    this.bytes -= entry.message.size
    return entry
  }

  peek(): QueuedMessage | undefined {
    return this.next()?.peek()
  }

  takeExpired(now: number, out: QueuedMessage[]): void {
    this.bytes -= takeExpiredFrom(this.high, now, out)
    this.bytes -= takeExpiredFrom(this.normal, now, out)
  }

  nextExpiry(): number {
    return Math.min(this.high.peek()?.expiresAt ?? Infinity, this.normal.peek()?.expiresAt ?? Infinity)
  }

  drain(): QueuedMessage[] {
    this.bytes = 0
    this.highStreak = 0
    return [...this.high.drain(), ...this.normal.drain()]
  }

  *entries(): Iterable<QueuedMessage> {
    yield* this.high
    yield* this.normal
  }
}

/**
 * Quorum queue: returned messages wait in a queue of their own that is served before everything else, in the order
 * they came back (recorded: quorum-requeue-order). Every version returns a closed channel's messages there; 3.10
 * puts nacked and rejected ones behind the others instead (`requeueBehind`; see quorumReturnsToFront).
 */
export class ReturnsFirstStore implements ReadyStore {
  private readonly returns = new RingBuffer<QueuedMessage>()
  private returnedBytes = 0

  constructor(private readonly inner: ReadyStore) {}

  get length(): number {
    return this.returns.length + this.inner.length
  }

  get bytes(): number {
    return this.returnedBytes + this.inner.bytes
  }

  push(entry: QueuedMessage): void {
    this.inner.push(entry)
  }

  requeue(entry: QueuedMessage): void {
    this.returns.push(entry)
    this.returnedBytes += entry.message.size
  }

  requeueBehind(entry: QueuedMessage): void {
    this.inner.requeue(entry)
  }

  shift(): QueuedMessage | undefined {
    const entry = this.returns.shift()
    if (!entry) return this.inner.shift()
    this.returnedBytes -= entry.message.size
    return entry
  }

  peek(): QueuedMessage | undefined {
    return this.returns.peek() ?? this.inner.peek()
  }

  takeExpired(now: number, out: QueuedMessage[]): void {
    this.returnedBytes -= takeExpiredFrom(this.returns, now, out)
    this.inner.takeExpired(now, out)
  }

  nextExpiry(): number {
    return Math.min(this.returns.peek()?.expiresAt ?? Infinity, this.inner.nextExpiry())
  }

  drain(): QueuedMessage[] {
    this.returnedBytes = 0
    return [...this.returns.drain(), ...this.inner.drain()]
  }

  *entries(): Iterable<QueuedMessage> {
    yield* this.returns
    yield* this.inner.entries()
  }
}
