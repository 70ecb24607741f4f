// A stream queue over AMQP 0-9-1: publishing appends to a log, consuming never removes. Each consumer reads
// from its own offset (x-stream-offset), within its prefetch; acks only give credit back.

import { AmqpError, describeQueue, preconditionFailed } from '../errors.ts'
import type { FieldTable, Message, MessageProperties, QueueDef, QueueSettings } from '../model.ts'
import type { QueuedMessage } from '../queue-store.ts'
import { Queue, type Consumer, type QueueHost } from '../queue.ts'
import type { TimerHandle } from '../clock.ts'
import { parseOffsetSpec, type OffsetSpec } from './offset-spec.ts'
import { maxAgeOf, segmentBytesOf } from './stream-arguments.ts'
import { StreamLog } from './stream-log.ts'

/** What a stream needs of its vhost besides a queue's needs: where removed segments go. */
export interface StreamHost extends QueueHost {
  /** Retention dropped these messages (oldest first, from `firstOffset`): they leave the disk too. */
  segmentsRemoved(queue: StreamQueue, removed: Message[], firstOffset: number): void
}

interface Reader {
  next: number // the next offset to read
  filter: Set<string> | null // x-stream-filter, when the version filters
  matchUnfiltered: boolean // x-stream-match-unfiltered: also read messages published without a filter value
}

const FILTER_VALUE = 'x-stream-filter-value'

export class StreamQueue extends Queue {
  readonly log: StreamLog
  private readonly readers = new Map<Consumer, Reader>()
  private reading = false
  private readAgain = false
  private retentionTimer: TimerHandle | null = null
  private readonly maxAge: number | undefined

  constructor(
    vhost: string,
    def: QueueDef,
    argumentSettings: QueueSettings,
    settings: QueueSettings,
    private readonly streamHost: StreamHost,
  ) {
    super(vhost, def, argumentSettings, settings, null, streamHost)
    this.log = new StreamLog(segmentBytesOf(def.arguments))
    this.maxAge = maxAgeOf(def.arguments)
  }

  /** A stream answers declare-ok and queue.delete with 0 messages (recorded: stream-delete). */
  override get messageCount(): number {
    return 0
  }

  /** Messages kept in the log, for the management API and the designer. */
  get storedCount(): number {
    return this.log.length
  }

  override refusesPublish(): boolean {
    return false
  }

  override publish(message: Message): QueuedMessage {
    this.counters.publish++
    const clock = this.streamHost.clock
    const offset = this.log.append(message, clock.now())
    const entry: QueuedMessage = {
      message,
      seq: offset,
      expiresAt: Infinity,
      redelivered: false,
      deliveryCount: 0,
      appendedAt: clock.now(),
    }
    this.streamHost.accepted(this, entry)
    const emit = this.streamHost.emit
    if (emit)
      emit({
        type: 'enqueued',
        at: clock.now(),
        vhost: this.vhost,
        messageId: message.id,
        queue: this.name,
        ready: this.log.length,
      })
    if (this.log.rolled) this.applyRetention()
    this.dispatch()
    return entry
  }

  // ---- retention ----------------------------------------------------------

  /** Drops whole closed segments over x-max-length-bytes or older than x-max-age, then waits for the next to age. */
  applyRetention(): void {
    const now = this.streamHost.clock.now()
    const firstOffset = this.log.first
    const removed = this.log.truncate(
      this.settings.maxLengthBytes,
      this.maxAge === undefined ? undefined : now - this.maxAge,
    )
    if (removed.length > 0) this.streamHost.segmentsRemoved(this, removed, firstOffset)
    this.scheduleAgeRetention()
  }

  private scheduleAgeRetention(): void {
    if (this.maxAge === undefined || this.deleted) return
    if (this.retentionTimer !== null) this.streamHost.clock.clearTimer(this.retentionTimer)
    this.retentionTimer = null
    const at = this.log.oldestClosedSegmentLastAppend() + this.maxAge
    if (at === Infinity) return
    this.retentionTimer = this.streamHost.clock.setTimer(at + 1, () => {
      this.retentionTimer = null
      this.applyRetention()
    })
  }

  // ---- consumers ----------------------------------------------------------

  /** rabbit_stream_queue:consume: manual acks, a prefetch, and an offset the version can parse. */
  override checkConsumer(noAck: boolean, prefetch: number, args: FieldTable): void {
    const what = describeQueue(this.name, this.vhost)
    if (noAck) throw new AmqpError('NOT_IMPLEMENTED', `automatic acknowledgement not supported by stream ${what}`)
    if (prefetch === 0) throw preconditionFailed(`consumer prefetch count is not set for stream ${what}`)
    parseOffsetSpec(args['x-stream-offset'], this.streamHost.profile)
  }

  override addConsumer(consumer: Consumer): void {
    const args = consumer.arguments
    const spec = parseOffsetSpec(args['x-stream-offset'], this.streamHost.profile)
    const filtering = this.streamHost.profile.streamFiltering
    const filter = filtering ? filterOf(args['x-stream-filter']) : null
    this.readers.set(consumer, {
      next: this.startOffset(spec),
      filter,
      matchUnfiltered: filter !== null && args['x-stream-match-unfiltered'] === true,
    })
    super.addConsumer(consumer)
  }

  override removeConsumer(consumer: Consumer): void {
    super.removeConsumer(consumer)
    this.readers.delete(consumer)
  }

  /** The offset a consumer starts from; past the tail it waits for that offset (recorded: stream-offset-numeric). */
  startOffset(spec: OffsetSpec): number {
    const log = this.log
    switch (spec.kind) {
      case 'first':
        return log.first
      case 'last':
        return log.length > 0 ? log.tail - 1 : log.tail
      case 'next':
        return log.tail
      case 'offset':
        return Math.max(spec.offset, log.first)
      case 'timestamp':
        return log.firstAtOrAfter(spec.at)
      case 'interval':
        return log.firstAtOrAfter(this.streamHost.clock.now() - spec.ms)
    }
  }

  /** Where a consumer will read next, for the designer's cursor and lag. */
  offsetOf(consumer: Consumer): number | undefined {
    return this.readers.get(consumer)?.next
  }

  override unblock(consumer: Consumer): void {
    if (!consumer.blocked || consumer.cancelled) return
    consumer.blocked = false
    this.dispatch()
  }

  /** Every consumer reads on while its channel has credit. Re-entrant calls fold into the running loop. */
  override dispatch(): void {
    if (this.suspended) return // a replicated stream without a leader that reaches a majority
    if (this.reading) {
      this.readAgain = true
      return
    }
    this.reading = true
    try {
      do {
        this.readAgain = false
        for (let i = 0; i < this.consumers.length; i++) this.readFor(this.consumers[i])
      } while (this.readAgain)
    } finally {
      this.reading = false
    }
  }

  private readFor(consumer: Consumer): void {
    const reader = this.readers.get(consumer)
    if (!reader || consumer.blocked || !this.reaches(consumer)) return
    const log = this.log
    if (reader.next < log.first) reader.next = log.first
    while (reader.next < log.tail && !this.deleted) {
      if (!consumer.channel.canDeliver(consumer)) {
        consumer.blocked = true
        consumer.channel.parkBlocked(consumer)
        return
      }
      const offset = reader.next++
      const message = log.messageAt(offset)
      if (message === undefined || !passes(reader, message)) continue
      const entry: QueuedMessage = {
        message: this.deliveryMessage(message, offset),
        seq: offset,
        expiresAt: Infinity,
        redelivered: false,
        deliveryCount: 0,
      }
      consumer.channel.deliver(this, entry, consumer)
    }
  }

  /** The message as a stream delivers it: with its x-stream-offset header (and, from 4.0, a delivery mode). */
  private deliveryMessage(message: Message, offset: number): Message {
    const source = message.properties
    const properties: MessageProperties = { ...source, headers: { ...source.headers, 'x-stream-offset': offset } }
    if (properties.deliveryMode === undefined && this.streamHost.profile.streamDeliveryModeShown)
      properties.deliveryMode = 1
    return {
      id: message.id,
      exchange: message.exchange,
      routingKey: message.routingKey,
      routingKeys: message.routingKeys,
      body: message.body,
      size: message.size,
      properties,
      persistent: message.persistent,
    }
  }

  // ---- what a stream does not do ------------------------------------------

  override fetch(): QueuedMessage | undefined {
    throw new AmqpError('NOT_IMPLEMENTED', `basic.get not supported by stream ${describeQueue(this.name, this.vhost)}`)
  }

  override purge(): QueuedMessage[] {
    throw new AmqpError('NOT_IMPLEMENTED', `purge not supported by stream ${describeQueue(this.name, this.vhost)}`)
  }

  /** Nothing goes back: a returned delivery stays in the log, and the consumer has read past it. */
  override requeue(): void {}

  override afterRequeue(): void {
    this.dispatch()
  }

  override expireHead(): void {}

  override touch(): void {}

  override applySettings(next: QueueSettings): void {
    this.settings = next
    this.applyRetention()
  }

  /** Messages read back from disk, in offset order: offsets and append times survive the restart. */
  override restore(entries: QueuedMessage[]): void {
    const now = this.streamHost.clock.now()
    for (const entry of entries) this.log.restore(entry.seq, entry.message, entry.appendedAt ?? now)
    this.applyRetention()
  }

  override dispose(): void {
    super.dispose()
    if (this.retentionTimer !== null) this.streamHost.clock.clearTimer(this.retentionTimer)
    this.retentionTimer = null
  }
}

function filterOf(value: unknown): Set<string> | null {
  if (typeof value === 'string') return new Set([value])
  if (Array.isArray(value)) return new Set(value.filter((v): v is string => typeof v === 'string'))
  return null
}

function passes(reader: Reader, message: Message): boolean {
  if (reader.filter === null) return true
  const value = message.properties.headers?.[FILTER_VALUE]
  if (typeof value !== 'string') return reader.matchUnfiltered
  return reader.filter.has(value)
}
