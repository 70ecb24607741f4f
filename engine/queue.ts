// One queue: its ready messages, its consumers in round-robin order, prefetch blocking,
// expiry at the head, overflow, and hand-off of dead letters to the broker.

import { MessageCounters } from './message-counters.ts'
import type { Clock, TimerHandle } from './clock.ts'
import type { EventSink } from './events.ts'
import type { Destination } from './exchanges/router.ts'
import type { DeadLetterReason, FieldTable, Message, Overflow, QueueDef, QueueSettings } from './model.ts'
import {
  ClassicStore,
  PriorityStore,
  QuorumStore,
  QuorumTwoLevelStore,
  ReturnsFirstStore,
  type QueuedMessage,
  type ReadyStore,
} from './queue-store.ts'
import type { VersionProfile } from './profile.ts'
import { expiresAt } from './expiry.ts'
import { effectiveDeliveryLimit } from './delivery-limit.ts'
import { RingBuffer } from './ring-buffer.ts'
import type { DropReason } from './events.ts'
import type { QueueReplicas } from './cluster/replicas.ts'

/** What a queue needs of a consumer's channel: whether it may take a message, and taking it. */
export interface ConsumerChannel {
  readonly id: number
  /** `node`: the cluster node the consumer's client is connected to. */
  readonly connection: { readonly id: number; readonly node?: string }
  /** Open, not cancelled, and under its prefetch limits. */
  canDeliver(consumer: Consumer): boolean
  deliver(queue: Queue, entry: QueuedMessage, consumer: Consumer): void
  /** The consumer is out of the rotation until its channel's acks make room. */
  parkBlocked(consumer: Consumer): void
  /** The queue is going away: the channel forgets the consumer and tells its client. */
  cancelByBroker(consumer: Consumer): void
}

/** What holds a queue's messages unsettled outside its subscribed consumers: a cancelled consumer, or one basic.get. */
export type MessageHolder = object

export interface Consumer {
  readonly tag: string
  readonly channel: ConsumerChannel
  readonly queue: Queue
  readonly noAck: boolean
  readonly exclusive: boolean
  readonly priority: number // x-priority
  readonly prefetch: number // 0 = unlimited
  readonly arguments: FieldTable // basic.consume arguments (x-stream-offset, x-stream-filter, ...)
  unacked: number
  blocked: boolean // waiting for acks, out of the rotation
  cancelled: boolean
}

/** What a queue needs from the broker around it. */
export interface QueueHost {
  readonly clock: Clock
  /** The broker's version profile: how quorum queues order, count and choose their single active consumer. */
  readonly profile: VersionProfile
  readonly emit: EventSink | null
  /** Hands a message to the dead-letter pipeline (or drops it when no exchange is set). */
  deadLetter(queue: Queue, entry: QueuedMessage, reason: DeadLetterReason): void
  dropped(queue: Queue, entry: QueuedMessage, reason: DropReason): void
  /** A message entered the queue (before any delivery), so durable queues can store it first. */
  accepted(queue: Queue, entry: QueuedMessage): void
  /** The channels forget the messages of the queue they hold unacked, which are returned (the queue restarted). */
  orphanUnacked(queue: Queue): QueuedMessage[]
  /** The queue asks to be deleted: x-expires passed, or an auto-delete queue lost its last consumer. */
  removeIdleQueue(queue: Queue, reason: 'auto-delete' | 'expired'): void
}

/** A quorum queue's ready messages as the version orders them; 4.3 treats no priority as 4 (rabbit_fifo). */
function quorumStore(profile: VersionProfile): ReturnsFirstStore {
  const priorities = profile.quorumPriorities
  const store: ReadyStore =
    priorities === 'two-levels'
      ? new QuorumTwoLevelStore()
      : priorities === 'strict-0-31'
        ? new PriorityStore(31, 4, true)
        : new QuorumStore()
  return new ReturnsFirstStore(store)
}

/** Low-water mark for quorum reject-publish: publishing resumes below 80% of the limit (rabbit_fifo). */
const QUORUM_SOFT_LIMIT = 0.8

export class Queue implements Destination {
  readonly kind = 'queue' as const
  routeMark = 0
  readonly ready: ReadyStore
  /** The same store as `ready` for a quorum queue, which can put a returned message in front or behind. */
  private readonly quorumReady: ReturnsFirstStore | null = null
  unacked = 0
  /** Consumers in the order they subscribed (single active consumer takes the first). */
  readonly consumers: Consumer[] = []
  readonly counters = new MessageCounters()
  private readonly rotation = new Map<number, RingBuffer<Consumer>>() // x-priority -> consumers able to take
  private priorities: number[] = [] // descending
  private nextSeq = 1
  private dispatching = false
  private dispatchAgain = false
  private expiryTimer: TimerHandle | null = null
  private expiryTimerAt = Infinity
  private idleTimer: TimerHandle | null = null
  private mayExpire = false
  private hadConsumers = false
  /** Quorum reject-publish: set when the queue went over its limit, cleared below the soft limit. */
  private rejectingPublishes = false
  deleted = false
  exclusiveConsumer: Consumer | null = null
  /** Quorum queues: what holds unsettled messages outside the subscribed consumers, with how many (see hold). */
  private readonly holders = new Map<MessageHolder, number>()
  /** classicSingleActiveCancelStalls: the channel of the active consumer that cancelled holding messages, while nobody took over. */
  private stalledBy: ConsumerChannel | null = null
  /** Quorum single active consumer chosen by priority: the one currently active. */
  private activeByPriority: Consumer | null = null
  /** Where the queue lives in a cluster of several nodes; null on a single node. */
  replicas: QueueReplicas | null = null
  /** A quorum queue without a leader: it neither delivers nor hands out messages. */
  suspended = false

  constructor(
    readonly vhost: string,
    readonly def: QueueDef,
    /** Settings from the x-arguments alone, before policies. */
    readonly argumentSettings: QueueSettings,
    /** Effective settings: the arguments combined with the matching policies (see policy.ts). */
    public settings: QueueSettings,
    readonly owner: number | null, // exclusive owner's connection id
    private readonly host: QueueHost,
  ) {
    if (settings.type === 'quorum') this.ready = this.quorumReady = quorumStore(host.profile)
    else if (settings.maxPriority !== undefined) this.ready = new PriorityStore(settings.maxPriority)
    else this.ready = new ClassicStore()
    this.touch()
  }

  get name(): string {
    return this.def.name
  }

  get isQuorum(): boolean {
    return this.settings.type === 'quorum'
  }

  get isStream(): boolean {
    return this.settings.type === 'stream'
  }

  /** Refuses a consumer this queue type cannot serve, before it is registered (streams have rules of their own). */
  checkConsumer(_noAck: boolean, _prefetch: number, _args: FieldTable): void {}

  get messageCount(): number {
    return this.ready.length
  }

  /**
   * A quorum queue with single active consumer counts only the active one (recorded: version-quorum-sac-consumer-priority),
   * and any quorum queue also counts what still holds its messages: basic.get channels and cancelled consumers.
   */
  get consumerCount(): number {
    if (!this.isQuorum) return this.consumers.length
    const subscribed = this.settings.singleActiveConsumer ? Math.min(1, this.consumers.length) : this.consumers.length
    return subscribed + this.holders.size
  }

  /**
   * A cancelled consumer, or a basic.get, holds messages not settled yet. A quorum queue counts each such holder
   * (every unsettled basic.get on its own) as a consumer until it settles them all, as rabbit_fifo keeps them among
   * its consumers (recorded on 3.10.8, 4.0.5 and 4.3.6: consumer-count-quorum-get-holders-two-channels,
   * consumer-count-quorum-get-holder-beside-consumer, returned-quorum-cancel-then-nack-prefetch3).
   */
  hold(holder: MessageHolder, messages = 1): void {
    if (this.isQuorum) this.holders.set(holder, (this.holders.get(holder) ?? 0) + messages)
  }

  /** One message of `holder` was settled or returned. */
  letGo(holder: MessageHolder): void {
    const held = this.holders.get(holder)
    if (held === undefined) return
    if (held > 1) this.holders.set(holder, held - 1)
    else this.holders.delete(holder)
  }

  // ---- publishing -------------------------------------------------------

  /**
   * x-overflow as the queue applies it: a quorum queue knows no reject-publish-dlx and drops (and dead-letters) its
   * head instead (recorded on 3.10.8, 4.0.5 and 4.3.6: arg-quorum-overflow-srejectnegpublishnegdlxs,
   * quorum-reject-publish-dlx-dead-letters-head).
   */
  private get overflow(): Overflow | undefined {
    const overflow = this.settings.overflow
    return overflow === 'reject-publish-dlx' && this.isQuorum ? 'drop-head' : overflow
  }

  /** Would this message overflow a queue that refuses publishes when full? (will_overflow / rabbit_fifo) */
  refusesPublish(message: Message): boolean {
    const { maxLength, maxLengthBytes } = this.settings
    if ((maxLength === undefined && maxLengthBytes === undefined) || this.overflow === 'drop-head') return false
    if (this.isQuorum) return this.rejectingPublishes
    return (
      (maxLength !== undefined && this.ready.length + 1 > maxLength) ||
      (maxLengthBytes !== undefined && this.ready.bytes + message.size > maxLengthBytes)
    )
  }

  /** Takes a routed message: delivers it at once when a consumer can take it, else enqueues it. `redelivered`: a dead letter some versions flag. */
  publish(message: Message, messageTtl: number | undefined, redelivered = false): QueuedMessage {
    this.counters.publish++
    const now = this.host.clock.now()
    const entry: QueuedMessage = {
      message,
      seq: this.nextSeq++,
      expiresAt: expiresAt(now, this.settings.messageTtl, messageTtl),
      redelivered,
      deliveryCount: 0,
    }
    if (entry.expiresAt !== Infinity) this.mayExpire = true
    this.host.accepted(this, entry)
    if (this.ready.length === 0 && this.consumers.length > 0) {
      const consumer = this.nextConsumer()
      if (consumer) {
        this.deliver(consumer, entry)
        return entry
      }
    }
    if (this.settings.messageTtl === 0 && this.settings.deadLetterExchange === undefined) {
      // deliver_or_enqueue: with a zero TTL and no dead-letter exchange an undeliverable message is discarded.
      this.host.dropped(this, entry, 'expired')
      return entry
    }
    this.ready.push(entry)
    if (this.host.emit) this.emitEnqueued(entry)
    this.afterEnqueue()
    return entry
  }

  private emitEnqueued(entry: QueuedMessage): void {
    this.host.emit!({
      type: 'enqueued',
      at: this.host.clock.now(),
      vhost: this.vhost,
      messageId: entry.message.id,
      queue: this.name,
      ready: this.ready.length,
    })
  }

  private afterEnqueue(): void {
    const { maxLength, maxLengthBytes } = this.settings
    if (maxLength !== undefined || maxLengthBytes !== undefined) this.enforceLimits()
    if (this.mayExpire) this.expireHead()
    this.dispatch()
  }

  private overLimit(): boolean {
    const { maxLength, maxLengthBytes } = this.settings
    return (
      (maxLength !== undefined && this.ready.length > maxLength) ||
      (maxLengthBytes !== undefined && this.ready.bytes > maxLengthBytes)
    )
  }

  private enforceLimits(): void {
    if (!this.overLimit()) return
    if (this.isQuorum && this.overflow !== 'drop-head') {
      this.rejectingPublishes = true
      return
    }
    while (this.overLimit()) {
      const head = this.ready.shift()!
      this.host.deadLetter(this, head, 'maxlen')
    }
  }

  /** Quorum reject-publish resumes once the queue drains below its soft limit. */
  private relieveLimits(): void {
    if (!this.rejectingPublishes) return
    const { maxLength, maxLengthBytes } = this.settings
    const below = (limit: number | undefined, value: number) =>
      limit === undefined || value <= Math.trunc(limit * QUORUM_SOFT_LIMIT)
    if (below(maxLength, this.ready.length) && below(maxLengthBytes, this.ready.bytes)) this.rejectingPublishes = false
  }

  // ---- expiry -----------------------------------------------------------

  /** Expired heads leave the queue (dead-lettered as `expired`); then the timer is set for the next head. */
  expireHead(): void {
    if (!this.mayExpire) return
    const now = this.host.clock.now()
    if (this.ready.nextExpiry() <= now) {
      const expired: QueuedMessage[] = []
      this.ready.takeExpired(now, expired)
      for (const entry of expired) {
        if (this.host.emit)
          this.host.emit({ type: 'expired', at: now, vhost: this.vhost, messageId: entry.message.id, queue: this.name })
        this.host.deadLetter(this, entry, 'expired')
      }
      this.relieveLimits()
    }
    this.scheduleExpiry()
  }

  private scheduleExpiry(): void {
    const at = this.ready.nextExpiry()
    if (at === this.expiryTimerAt) return
    if (this.expiryTimer !== null) this.host.clock.clearTimer(this.expiryTimer)
    this.expiryTimer = null
    this.expiryTimerAt = at
    if (at !== Infinity) {
      this.expiryTimer = this.host.clock.setTimer(at, () => {
        this.expiryTimer = null
        this.expiryTimerAt = Infinity
        this.expireHead()
        this.dispatch()
      })
    }
  }

  // ---- x-expires --------------------------------------------------------

  /** Any use (declare, basic.get, the last consumer leaving) restarts the x-expires lease. */
  touch(): void {
    const { expires } = this.settings
    if (expires === undefined || this.deleted) return
    if (this.idleTimer !== null) this.host.clock.clearTimer(this.idleTimer)
    this.idleTimer = null
    if (this.consumers.length > 0) return
    this.idleTimer = this.host.clock.setTimer(this.host.clock.now() + expires, () => {
      this.idleTimer = null
      if (this.consumers.length === 0) this.host.removeIdleQueue(this, 'expired')
    })
  }

  // ---- consumers --------------------------------------------------------

  /**
   * An exclusive consumer keeps every other one out, and waits for the queue to have none. Quorum queues ignore
   * the flag (recorded on 3.10.8, 4.0.5 and 4.3.6: exclusive-consume-quorum-*).
   */
  refusesConsumer(exclusive: boolean): boolean {
    // Quorum queues ignore exclusive consume; a stream lets others read beside an exclusive consumer
    // (recorded: exclusive-consume-quorum-*, stream-consumer-exclusive-and-cancel).
    if (this.isQuorum || this.isStream) return false
    return this.exclusiveConsumer !== null || (exclusive && this.consumers.length > 0)
  }

  addConsumer(consumer: Consumer): void {
    this.consumers.push(consumer)
    this.hadConsumers = true
    this.stalledBy = null // a new subscriber wakes the stalled hand-over: the first waiting one takes over
    if (consumer.exclusive && !this.isQuorum) this.exclusiveConsumer = consumer
    if (this.idleTimer !== null) {
      this.host.clock.clearTimer(this.idleTimer)
      this.idleTimer = null
    }
    this.enterRotation(consumer)
    this.dispatch()
  }

  removeConsumer(consumer: Consumer): void {
    const index = this.consumers.indexOf(consumer)
    if (index < 0) return
    consumer.cancelled = true
    this.consumers.splice(index, 1)
    if (consumer.unacked > 0) this.hold(consumer, consumer.unacked)
    if (this.exclusiveConsumer === consumer) this.exclusiveConsumer = null
    if (this.consumers.length === 0) {
      if (this.def.autoDelete && this.hadConsumers) {
        this.host.removeIdleQueue(this, 'auto-delete')
        return
      }
      this.touch()
    }
    // A single active consumer hands over to the next one (in subscription order, or by priority).
    if (this.settings.singleActiveConsumer && (index === 0 || consumer === this.activeByPriority)) {
      if (index === 0 && consumer.unacked > 0 && !this.isQuorum && this.host.profile.classicSingleActiveCancelStalls) {
        this.stalledBy = consumer.channel
      } else this.dispatch()
    }
  }

  /** classicSingleActiveCancelStalls: a publish now crashes the queue (see crashOnPublish). */
  get crashesOnPublish(): boolean {
    return this.stalledBy !== null
  }

  /**
   * The 3.10 queue process crashes on the publish and restarts: its consumers are cancelled (and told), the channels'
   * unacked messages are forgotten. A durable queue comes back with its persistent messages, the unacked ones
   * redelivered, and refuses the publish (nack); a transient one comes back empty and the publish is lost, though
   * confirmed (recorded from 3.10.8: single-active-classic-cancel-then-publish, -then-publish-durable).
   * Returns whether the publish is confirmed.
   */
  crashOnPublish(message: Message): boolean {
    this.stalledBy = null
    for (const consumer of [...this.consumers]) consumer.channel.cancelByBroker(consumer)
    const held = new Set(this.host.orphanUnacked(this))
    const all = [...held, ...this.purge()].sort((a, b) => a.seq - b.seq)
    for (const entry of all) {
      if (this.def.durable && entry.message.properties.deliveryMode === 2) {
        if (held.has(entry)) entry.redelivered = true
        this.ready.push(entry)
      } else this.host.dropped(this, entry, 'queue-crashed')
    }
    if (this.def.durable) return false
    const lost = { message, seq: this.nextSeq++, expiresAt: Infinity, redelivered: false, deliveryCount: 0 }
    this.host.accepted(this, lost)
    this.host.dropped(this, lost, 'queue-crashed')
    return true
  }

  private enterRotation(consumer: Consumer): void {
    consumer.blocked = false
    if (this.settings.singleActiveConsumer) return
    let ring = this.rotation.get(consumer.priority)
    if (!ring) {
      ring = new RingBuffer<Consumer>(4)
      this.rotation.set(consumer.priority, ring)
      this.priorities = [...this.rotation.keys()].sort((a, b) => b - a)
    }
    ring.push(consumer)
  }

  /** A blocked consumer whose channel got acks rejoins the rotation at the back. */
  unblock(consumer: Consumer): void {
    if (!consumer.blocked || consumer.cancelled) return
    if (this.settings.singleActiveConsumer) consumer.blocked = false
    else this.enterRotation(consumer)
    this.dispatch()
  }

  /**
   * Single active consumer: the first subscribed, or (quorum queues from 4.0) the one of highest x-priority,
   * first subscribed among equals. A consumer losing its place keeps it until its unacked messages are settled.
   */
  private singleActiveConsumer(): Consumer | undefined {
    if (!(this.isQuorum && this.host.profile.quorumSingleActiveByPriority)) return this.consumers[0]
    let best = this.consumers[0]
    for (const consumer of this.consumers) if (consumer.priority > best.priority) best = consumer
    const current = this.activeByPriority
    if (current && current !== best && !current.cancelled && current.unacked > 0) {
      if (!current.blocked) {
        current.blocked = true
        current.channel.parkBlocked(current) // its acks bring the queue back here to hand over
      }
      return undefined
    }
    this.activeByPriority = best ?? null
    return best
  }

  /** The consumer to deliver to next, taken out of the rotation; consumers that cannot take are parked as blocked. */
  private nextConsumer(): Consumer | null {
    if (this.settings.singleActiveConsumer) {
      if (this.stalledBy) return null
      const active = this.singleActiveConsumer()
      if (!active || !this.reaches(active)) return null
      if (active.channel.canDeliver(active)) return active
      if (!active.blocked) {
        active.blocked = true
        active.channel.parkBlocked(active)
      }
      return null
    }
    for (let p = 0; p < this.priorities.length; p++) {
      const ring = this.rotation.get(this.priorities[p])!
      for (let n = ring.length; n > 0; n--) {
        const consumer = ring.shift()!
        if (consumer.cancelled) continue
        if (!this.reaches(consumer)) {
          ring.push(consumer) // cut off by a partition: it keeps its turn for when the cluster heals
          continue
        }
        if (consumer.channel.canDeliver(consumer)) {
          ring.push(consumer)
          return consumer
        }
        consumer.blocked = true
        consumer.channel.parkBlocked(consumer)
      }
    }
    return null
  }

  /** In a cluster, a consumer whose node cannot reach the queue's leader (or home) gets nothing from it. */
  protected reaches(consumer: Consumer): boolean {
    return this.replicas === null || this.replicas.reaches(consumer.channel.connection.node)
  }

  /** Delivers ready messages while some consumer can take them. Re-entrant calls fold into the running loop. */
  dispatch(): void {
    if (this.dispatching) {
      this.dispatchAgain = true
      return
    }
    if (this.consumers.length === 0 || this.ready.length === 0 || this.suspended) return
    this.dispatching = true
    try {
      do {
        this.dispatchAgain = false
        while (this.ready.length > 0 && !this.deleted) {
          if (this.mayExpire && this.ready.nextExpiry() <= this.host.clock.now()) this.expireHead()
          if (this.ready.length === 0) break
          const consumer = this.nextConsumer()
          if (!consumer) break
          this.deliver(consumer, this.ready.shift()!)
          this.relieveLimits()
        }
      } while (this.dispatchAgain)
    } finally {
      this.dispatching = false
    }
    if (this.mayExpire) this.scheduleExpiry()
  }

  private deliver(consumer: Consumer, entry: QueuedMessage): void {
    consumer.channel.deliver(this, entry, consumer)
  }

  // ---- fetching, requeue, purge -----------------------------------------

  /** basic.get: the head message, after dropping expired ones. */
  fetch(): QueuedMessage | undefined {
    if (this.suspended) return undefined
    this.touch()
    if (this.mayExpire) this.expireHead()
    const entry = this.ready.shift()
    if (entry) {
      this.relieveLimits()
      // rabbit_amqqueue_process:fetch drops what expired at the new head before the count is read.
      if (this.mayExpire) this.expireHead()
    }
    return entry
  }

  /**
   * Puts unacked messages back (nack/reject with requeue, channel close), redelivered from now on.
   * `countsDelivery`: this kind of return adds to a quorum message's delivery count (the profile says which do);
   * `toFront`: a quorum queue serves it before the others (a closed channel's always, nacks and rejects from 4.0).
   */
  requeue(entry: QueuedMessage, countsDelivery = true, toFront = true): void {
    if (this.deleted) {
      this.host.dropped(this, entry, 'queue-deleted')
      return
    }
    entry.redelivered = true
    if (this.isQuorum) {
      entry.acquiredCount = (entry.acquiredCount ?? 0) + 1
      if (countsDelivery) entry.deliveryCount++
      const limit = effectiveDeliveryLimit(
        this.settings.deliveryLimit,
        this.def.arguments['x-delivery-limit'],
        this.host.profile,
      )
      if (limit !== undefined && entry.deliveryCount > limit) {
        this.host.deadLetter(this, entry, 'delivery_limit')
        return
      }
    }
    if (toFront || !this.quorumReady) this.ready.requeue(entry)
    else this.quorumReady.requeueBehind(entry)
    if (this.host.emit) {
      this.host.emit({
        type: 'requeued',
        at: this.host.clock.now(),
        vhost: this.vhost,
        messageId: entry.message.id,
        queue: this.name,
        ready: this.ready.length,
      })
    }
  }

  /**
   * A channel closed and gave back what it held here. If its consumer stalled the hand-over, the queue wakes up
   * (recorded from 3.10.8: single-active-classic-cancel-then-channel-close).
   */
  channelGone(channel: ConsumerChannel): void {
    if (this.stalledBy === channel) this.stalledBy = null
  }

  /** After a batch of requeues: expire what is due and deliver again. */
  afterRequeue(): void {
    if (this.mayExpire) this.expireHead()
    this.dispatch()
  }

  purge(): QueuedMessage[] {
    const purged = this.ready.drain()
    this.rejectingPublishes = false
    if (this.mayExpire) this.scheduleExpiry()
    return purged
  }

  /** A policy changed: limits apply at once, a new x-expires restarts the lease; queued messages keep their expiry. */
  applySettings(next: QueueSettings): void {
    const previous = this.settings
    this.settings = next
    if (previous.expires !== next.expires) this.touch()
    if (
      previous.maxLength !== next.maxLength ||
      previous.maxLengthBytes !== next.maxLengthBytes ||
      previous.overflow !== next.overflow
    ) {
      if (!this.isQuorum || this.overflow === 'drop-head') this.rejectingPublishes = false
      this.enforceLimits()
      this.relieveLimits()
    }
    this.dispatch()
  }

  /** Puts back messages recovered from disk, in their original order, then expires what is due. */
  restore(entries: QueuedMessage[]): void {
    for (const entry of entries) {
      this.ready.push(entry)
      if (entry.expiresAt !== Infinity) this.mayExpire = true
      if (entry.seq >= this.nextSeq) this.nextSeq = entry.seq + 1
    }
    this.expireHead()
  }

  /** Stops every timer; the broker removes bindings and consumers. */
  dispose(): void {
    this.deleted = true
    this.replicas?.dispose()
    if (this.expiryTimer !== null) this.host.clock.clearTimer(this.expiryTimer)
    if (this.idleTimer !== null) this.host.clock.clearTimer(this.idleTimer)
    this.expiryTimer = this.idleTimer = null
  }
}
