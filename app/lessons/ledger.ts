// What the broker did while a lesson is open, tallied from its events for the challenge checks: which
// messages reached which queue (and with which routing key, or dead-lettered from where), how they were
// settled, what each simulated consumer held, and what a restart found. Counters only; no message bodies.

import type { BrokerEvent, DropReason } from '../../engine/events.ts'
import type { DeadLetterReason } from '../../engine/model.ts'

/** Per-message maps forget their oldest entries past this size; a lesson never needs more. */
const MESSAGE_MEMORY = 50_000

export type Tally =
  | 'acked'
  | 'redelivered'
  | 'nack'
  | 'nack-requeue'
  | 'reject'
  | 'reject-requeue'
  | 'expired'
  | 'returned'
  | 'publish-nacked'
  | 'purged'
  | 'node-stopped' // by node name
  | 'no-majority' // by quorum queue

/** What the check reads of the broker's state besides the events: which queues exist and their depth. */
export interface BrokerView {
  /** Ready plus unacked messages, by queue name; a queue that does not exist is absent. */
  depths: Record<string, number>
  /** The same for the design's other brokers, by broker name; absent in a one-broker lesson. */
  brokers?: Record<string, Record<string, number>>
  /** The links between brokers; a pair never touched is up and absent. */
  links?: readonly { a: string; b: string; state: 'up' | 'paused' | 'cut'; inFlight: number }[]
}

export interface RestartRecord {
  /** Confirmed messages each queue held when the broker went down. */
  confirmedHeld: Record<string, number>
  total: number
}

const pair = (a: string, b: string) => `${a}\u0000${b}`

function bump(map: Map<string, number>, key: string, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by)
}

function remember<K, V>(map: Map<K, V>, key: K, value: V): void {
  map.set(key, value)
  if (map.size > MESSAGE_MEMORY) map.delete(map.keys().next().value as K)
}

/** A simulated consumer's tag is sim-<id>-<n> (engine/simulation); the designer's own consumers are not tracked. */
function consumerIdOf(tag: string | null): string | null {
  const match = tag ? /^sim-(.+)-\d+$/.exec(tag) : null
  return match ? match[1] : null
}

export class ChallengeLedger {
  private keyOf = new Map<number, string>()
  private expiredIds = new Map<number, true>()
  private origin = new Map<number, { from: string; id: number; reason: DeadLetterReason }>()
  private published = new Map<string, number>()
  private enqueued = new Map<string, number>()
  private enqueuedWithKey = new Map<string, number>()
  private enqueuedFrom = new Map<string, number>()
  private deadLetters = new Map<string, number>()
  private tallies = new Map<string, number>()
  private drops = new Map<string, number>()
  private failed = new Map<string, Set<number>>()
  private failedReached = new Map<string, Set<number>>()
  private channelOwner = new Map<number, string>()
  private noAckChannels = new Set<number>()
  private holding = new Map<string, number>()
  private maxHeld = new Map<string, number>()
  private received = new Map<string, number>()
  private leaders = new Map<string, Set<string>>() // quorum queue -> the nodes it elected as leader
  lastRestart: RestartRecord | null = null
  /** Links seen cut since the last reset. */
  cuts = 0
  private cutNow = new Set<string>()

  /**
   * The challenge starts over: every count and every restart is forgotten. What identifies messages and
   * consumers stays (routing keys, dead-letter origins, channel owners, what each consumer holds now).
   */
  reset(): void {
    for (const map of [
      this.published,
      this.enqueued,
      this.enqueuedWithKey,
      this.enqueuedFrom,
      this.deadLetters,
      this.tallies,
      this.drops,
      this.received,
    ])
      map.clear()
    this.failed.clear()
    this.failedReached.clear()
    this.leaders.clear()
    this.maxHeld = new Map(this.holding)
    this.lastRestart = null
    this.cuts = 0
  }

  /** A link seen cut that was not cut when last seen counts as one cut. */
  observeLinks(links: NonNullable<BrokerView['links']>): void {
    const now = new Set(links.filter((l) => l.state === 'cut').map((l) => pair(l.a, l.b)))
    for (const key of now) if (!this.cutNow.has(key)) this.cuts++
    this.cutNow = now
  }

  record(events: readonly BrokerEvent[]): void {
    for (const e of events) this.recordOne(e)
  }

  private recordOne(e: BrokerEvent): void {
    switch (e.type) {
      case 'published':
        remember(this.keyOf, e.messageId, e.routingKey)
        bump(this.published, e.routingKey)
        break
      // Reaching a queue is being routed there: a message handed straight to a consumer is never 'enqueued'.
      case 'routed':
        for (const queue of e.queues) this.onReached(e.messageId, queue, 1)
        break
      case 'rejectedByQueue':
        this.onReached(e.messageId, e.queue, -1)
        break
      case 'deadLettered':
        remember(this.keyOf, e.newMessageId, e.routingKey)
        remember(this.origin, e.newMessageId, { from: e.queue, id: e.messageId, reason: e.reason })
        break
      case 'expired':
        remember(this.expiredIds, e.messageId, true)
        bump(this.tallies, pair('expired', e.queue))
        break
      case 'dropped':
        bump(this.drops, pair(e.queue, e.reason))
        // A zero-TTL message nobody could take is dropped as expired without an 'expired' event first.
        if (e.reason === 'expired' && !this.expiredIds.has(e.messageId)) bump(this.tallies, pair('expired', e.queue))
        break
      case 'purged':
        bump(this.tallies, pair('purged', e.queue), e.count)
        break
      case 'returned':
        bump(this.tallies, pair('returned', ''))
        break
      case 'confirmed':
        if (!e.ack) bump(this.tallies, pair('publish-nacked', ''))
        break
      case 'nodeChanged':
        if (!e.running) bump(this.tallies, pair('node-stopped', e.node))
        break
      case 'leaderChanged':
        if (!e.active) bump(this.tallies, pair('no-majority', e.queue))
        else {
          const elected = this.leaders.get(e.queue) ?? new Set<string>()
          elected.add(e.leader)
          this.leaders.set(e.queue, elected)
        }
        break
      case 'delivered':
        this.onDelivered(e.channel, e.consumerTag, e.queue, e.redelivered)
        break
      case 'acked':
        bump(this.tallies, pair('acked', e.queue))
        this.release(e.channel)
        break
      case 'nacked':
      case 'rejected': {
        const how = e.type === 'nacked' ? 'nack' : 'reject'
        bump(this.tallies, pair(e.requeue ? `${how}-requeue` : how, e.queue))
        if (!e.requeue) this.failuresOf(this.failed, e.queue).add(e.messageId)
        this.release(e.channel)
        break
      }
      case 'consumerAdded': {
        const id = consumerIdOf(e.consumerTag)
        if (!id) break
        this.channelOwner.set(e.channel, id)
        if (e.noAck) this.noAckChannels.add(e.channel)
        else this.noAckChannels.delete(e.channel)
        this.holding.set(id, 0)
        this.maxHeld.set(id, 0)
        this.received.set(id, 0)
        break
      }
      case 'channelClosed': {
        const id = this.channelOwner.get(e.channel)
        if (id) this.holding.set(id, 0)
        this.channelOwner.delete(e.channel)
        break
      }
      default:
        break
    }
  }

  private failuresOf(map: Map<string, Set<number>>, key: string): Set<number> {
    let set = map.get(key)
    if (!set) map.set(key, (set = new Set()))
    return set
  }

  private onReached(messageId: number, queue: string, by: 1 | -1): void {
    bump(this.enqueued, queue, by)
    const key = this.keyOf.get(messageId)
    if (key !== undefined) bump(this.enqueuedWithKey, pair(queue, key), by)
    const from = this.origin.get(messageId)
    if (!from) return
    bump(this.enqueuedFrom, pair(queue, from.from), by)
    bump(this.deadLetters, pair(queue, from.reason), by)
    if (by > 0) this.failuresOf(this.failedReached, pair(from.from, queue)).add(from.id)
  }

  private onDelivered(channel: number, tag: string | null, queue: string, redelivered: boolean): void {
    if (redelivered) bump(this.tallies, pair('redelivered', queue))
    const id = this.channelOwner.get(channel) ?? consumerIdOf(tag)
    if (!id) return
    bump(this.received, id)
    if (this.noAckChannels.has(channel)) return
    const held = (this.holding.get(id) ?? 0) + 1
    this.holding.set(id, held)
    if (held > (this.maxHeld.get(id) ?? 0)) this.maxHeld.set(id, held)
  }

  private release(channel: number): void {
    const id = this.channelOwner.get(channel)
    if (id) this.holding.set(id, Math.max(0, (this.holding.get(id) ?? 0) - 1))
  }

  /**
   * The broker is going down: the messages its queues hold now. The lessons that check a restart publish
   * everything with confirms, and a simulated producer's confirms are not events, so the depth stands for them.
   */
  restarting(view: BrokerView): void {
    const confirmedHeld: Record<string, number> = {}
    let total = 0
    for (const [queue, n] of Object.entries(view.depths)) {
      if (n === 0) continue
      confirmedHeld[queue] = n
      total += n
    }
    this.lastRestart = { confirmedHeld, total }
    // A new broker numbers its messages and channels afresh.
    this.keyOf.clear()
    this.origin.clear()
    this.expiredIds.clear()
    this.channelOwner.clear()
  }

  /** How many nodes other than `from` a quorum queue elected as its leader. */
  leadersOtherThan(queue: string, from: string): number {
    let others = 0
    for (const leader of this.leaders.get(queue) ?? []) if (leader !== from) others++
    return others
  }

  count(tally: Tally, queue: string): number {
    return this.tallies.get(pair(tally, queue)) ?? 0
  }

  reached(queue: string, key?: string): number {
    return (key === undefined ? this.enqueued.get(queue) : this.enqueuedWithKey.get(pair(queue, key))) ?? 0
  }

  reachedFrom(queue: string, from: string): number {
    return this.enqueuedFrom.get(pair(queue, from)) ?? 0
  }

  publishedWithKey(key: string): number {
    return this.published.get(key) ?? 0
  }

  deadLetteredInto(queue: string, reason: DeadLetterReason): number {
    return this.deadLetters.get(pair(queue, reason)) ?? 0
  }

  dropped(queue: string, reason: DropReason): number {
    return this.drops.get(pair(queue, reason)) ?? 0
  }

  failures(queue: string): number {
    return this.failed.get(queue)?.size ?? 0
  }

  failuresReaching(from: string, to: string): number {
    const reached = this.failedReached.get(pair(from, to))
    let n = 0
    for (const id of this.failed.get(from) ?? []) if (reached?.has(id)) n++
    return n
  }

  maxInFlight(consumer: string): number {
    return this.maxHeld.get(consumer) ?? 0
  }

  receivedBy(consumer: string): number {
    return this.received.get(consumer) ?? 0
  }
}
