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
  deliveryCount: number // quorum queues: how many times it was returned
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

/** x-max-priority: one FIFO per level, highest first; no priority means 0, above the maximum means the maximum. */
export class PriorityStore implements ReadyStore {
  private readonly levels: RingBuffer<QueuedMessage>[]
  private count = 0
  bytes = 0

  constructor(private readonly maxPriority: number) {
    this.levels = Array.from({ length: maxPriority + 1 }, () => new RingBuffer<QueuedMessage>(8))
  }

  get length(): number {
    return this.count
  }

  private levelOf(entry: QueuedMessage): RingBuffer<QueuedMessage> {
    const p = entry.message.properties.priority
    const level = typeof p === 'number' && p > 0 ? Math.min(p, this.maxPriority) : 0
    return this.levels[level]
  }

  push(entry: QueuedMessage): void {
    this.levelOf(entry).push(entry)
    this.count++
    this.bytes += entry.message.size
  }

  requeue(entry: QueuedMessage): void {
    this.levelOf(entry).insertBefore(entry, bySeq(entry))
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
