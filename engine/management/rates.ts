// Rates as the management API reports them (`*_details.rate`, per second of virtual time): the change of a count
// between samples at least one statistics interval apart, RabbitMQ's default of 5 s. Sampled when asked, so an
// idle broker costs nothing and a live view polling every 5 s sees each interval's rate.

import type { MessageCounters } from '../message-counters.ts'

export const STATISTICS_INTERVAL_MS = 5000

interface Sample {
  at: number
  value: number
  rate: number
}

export class RateSampler {
  private readonly samples = new Map<string, Sample>()

  constructor(private readonly now: () => number) {}

  /** The rate of a count known by `key` (e.g. "queue/vhost/name/publish"). */
  rate(key: string, value: number): number {
    const now = this.now()
    const sample = this.samples.get(key)
    if (!sample) {
      this.samples.set(key, { at: now, value, rate: 0 })
      return 0
    }
    const elapsed = now - sample.at
    if (elapsed >= STATISTICS_INTERVAL_MS) {
      sample.rate = round((value - sample.value) / (elapsed / 1000))
      sample.at = now
      sample.value = value
    }
    return sample.rate
  }

  /** `{ name: n, name_details: { rate } }` for each count, as message_stats and queue totals write them. */
  counts(prefix: string, counts: Record<string, number>): Record<string, number | { rate: number }> {
    const out: Record<string, number | { rate: number }> = {}
    for (const name in counts) {
      out[name] = counts[name]
      out[`${name}_details`] = { rate: this.rate(`${prefix}/${name}`, counts[name]) }
    }
    return out
  }

  forget(prefix: string): void {
    for (const key of this.samples.keys()) if (key.startsWith(`${prefix}/`)) this.samples.delete(key)
  }
}

const round = (rate: number) => Math.round(rate * 10) / 10

/**
 * A queue's message_stats: RabbitMQ lists the publish count once something was published, and the delivery
 * counts once something was delivered or fetched.
 */
export function queueMessageCounts(c: MessageCounters): Record<string, number> {
  const counts: Record<string, number> = {}
  if (c.publish > 0) counts.publish = c.publish
  const delivered = c.deliver + c.deliverNoAck + c.get + c.getNoAck
  if (delivered > 0 || c.getEmpty > 0) {
    counts.ack = c.ack
    counts.deliver = c.deliver
    counts.deliver_get = delivered
    counts.deliver_no_ack = c.deliverNoAck
    counts.get = c.get
    counts.get_empty = c.getEmpty
    counts.get_no_ack = c.getNoAck
    counts.redeliver = c.redeliver
  }
  return counts
}

/** Counts summed over many objects, every key present (overview and vhost totals). */
export function totalMessageCounts(all: Iterable<MessageCounters>): Record<string, number> {
  const t = { publish: 0, deliver: 0, deliverNoAck: 0, get: 0, getNoAck: 0, getEmpty: 0, redeliver: 0, ack: 0 }
  for (const c of all) {
    t.publish += c.publish
    t.deliver += c.deliver
    t.deliverNoAck += c.deliverNoAck
    t.get += c.get
    t.getNoAck += c.getNoAck
    t.getEmpty += c.getEmpty
    t.redeliver += c.redeliver
    t.ack += c.ack
  }
  return {
    publish: t.publish,
    ack: t.ack,
    deliver: t.deliver,
    deliver_get: t.deliver + t.deliverNoAck + t.get + t.getNoAck,
    deliver_no_ack: t.deliverNoAck,
    get: t.get,
    get_empty: t.getEmpty,
    get_no_ack: t.getNoAck,
    redeliver: t.redeliver,
  }
}
