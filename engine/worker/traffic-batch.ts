// Connection traffic gathered for one post to the page. Deliveries to a channel become one batch of
// columns and confirms become ranges, while every other kind of traffic keeps its place in the channel's order.

import type { Delivery } from '../model.ts'
import { compactColumn } from './columns.ts'
import type { DeliveryBatch, PublishReply, Traffic } from './protocol.ts'

interface OpenSlot {
  deliveries: DeliveryRows | null
  acks: number[] | null
  nacks: number[] | null
}

/** A DeliveryBatch while it is being filled: every field a plain array. */
interface DeliveryRows {
  deliveryTags: number[]
  consumerTags: string[]
  redelivered: boolean[]
  exchanges: string[]
  routingKeys: string[]
  bodies: Delivery['body'][]
  properties: Delivery['properties'][]
  queues: string[]
  messageIds: number[]
}

export class TrafficBatch {
  private traffic: Traffic[] = []
  /** Per connection and channel, the deliveries and confirms entries still open for appending. */
  private readonly open = new Map<number, Map<number, OpenSlot>>()
  private filling: DeliveryRows[] = []

  get empty(): boolean {
    return this.traffic.length === 0
  }

  delivery(connection: number, channel: number, d: Delivery): void {
    const slot = this.slot(connection, channel)
    let rows = slot.deliveries
    if (!rows) {
      rows = slot.deliveries = {
        deliveryTags: [],
        consumerTags: [],
        redelivered: [],
        exchanges: [],
        routingKeys: [],
        bodies: [],
        properties: [],
        queues: [],
        messageIds: [],
      }
      this.filling.push(rows)
      this.traffic.push({ kind: 'deliveries', connection, channel, deliveries: rows as unknown as DeliveryBatch })
    }
    rows.deliveryTags.push(d.deliveryTag)
    rows.consumerTags.push(d.consumerTag ?? '')
    rows.redelivered.push(d.redelivered)
    rows.exchanges.push(d.exchange)
    rows.routingKeys.push(d.routingKey)
    rows.bodies.push(d.body)
    rows.properties.push(d.properties)
    rows.queues.push(d.queue)
    rows.messageIds.push(d.messageId)
  }

  /** A publisher confirm, numbered as the page numbered its publishes. */
  confirm(connection: number, channel: number, seq: number, ack: boolean): void {
    const slot = this.slot(connection, channel)
    if (!slot.acks || !slot.nacks) {
      slot.acks = []
      slot.nacks = []
      this.traffic.push({ kind: 'confirms', connection, channel, acks: slot.acks, nacks: slot.nacks })
    }
    addToRanges(ack ? slot.acks : slot.nacks, seq)
  }

  /** Any other traffic; deliveries and confirms that follow it on its channel (or connection) go after it. */
  push(traffic: Traffic, connection: number, channel: number | null): void {
    if (channel === null) this.open.delete(connection)
    else this.open.get(connection)?.delete(channel)
    this.traffic.push(traffic)
  }

  /** Everything gathered, ready to post; the batch starts empty again. */
  take(): Traffic[] {
    for (const rows of this.filling) compactDeliveries(rows)
    const traffic = this.traffic
    this.traffic = []
    this.filling = []
    this.open.clear()
    return traffic
  }

  private slot(connection: number, channel: number): OpenSlot {
    let channels = this.open.get(connection)
    if (!channels) this.open.set(connection, (channels = new Map()))
    let slot = channels.get(channel)
    if (!slot) channels.set(channel, (slot = { deliveries: null, acks: null, nacks: null }))
    return slot
  }
}

/** Turns the repetitive columns of a filled batch into single values, in place. */
function compactDeliveries(rows: DeliveryRows): void {
  const batch = rows as unknown as DeliveryBatch
  batch.consumerTags = compactColumn(rows.consumerTags)
  batch.redelivered = compactColumn(rows.redelivered)
  batch.exchanges = compactColumn(rows.exchanges)
  batch.routingKeys = compactColumn(rows.routingKeys)
  batch.properties = compactColumn(rows.properties)
  batch.queues = compactColumn(rows.queues)
}

/** Appends `seq` to [first, last] pairs, extending the last pair when it follows on. */
export function addToRanges(ranges: number[], seq: number): void {
  const n = ranges.length
  if (n > 0 && ranges[n - 1] === seq - 1) ranges[n - 1] = seq
  else ranges.push(seq, seq)
}

function mergeRanges(a: number[], b: number[]): number[] {
  if (a.length === 0) return b
  if (b.length === 0) return a
  const pairs: [number, number][] = []
  for (const r of [a, b]) for (let i = 0; i < r.length; i += 2) pairs.push([r[i], r[i + 1]])
  pairs.sort((x, y) => x[0] - y[0])
  return pairs.flat()
}

/** Confirms that wait for the commit carrying their messages: ranges per channel, and the replies of single publishes. */
export class PendingConfirms {
  readonly channels: { connection: number; channel: number; acks: number[]; nacks: number[] }[] = []
  readonly replies: { id: number; result: PublishReply }[] = []
  /** For 'confirmed' events, gathered only while the UI listens. */
  events: { channel: number; publishSeq: number; messageId: number; ack: boolean }[] | null = null
  private last: PendingConfirms['channels'][number] | null = null

  get empty(): boolean {
    return this.channels.length === 0 && this.replies.length === 0 && this.events === null
  }

  add(connection: number, channel: number, seq: number, ack: boolean): void {
    let c = this.last
    if (!c || c.connection !== connection || c.channel !== channel) {
      c = this.channels.find((x) => x.connection === connection && x.channel === channel) ?? null
      if (!c) this.channels.push((c = { connection, channel, acks: [], nacks: [] }))
      this.last = c
    }
    addToRanges(ack ? c.acks : c.nacks, seq)
  }

  event(channel: number, publishSeq: number, messageId: number, ack: boolean): void {
    ;(this.events ??= []).push({ channel, publishSeq, messageId, ack })
  }

  /** The confirms traffic once the commit is done: if it failed, every ack becomes a nack. */
  release(committed: boolean): Extract<Traffic, { kind: 'confirms' }>[] {
    return this.channels.map((c) => ({
      kind: 'confirms' as const,
      connection: c.connection,
      channel: c.channel,
      acks: committed ? c.acks : [],
      nacks: committed ? c.nacks : mergeRanges(c.nacks, c.acks),
    }))
  }
}
