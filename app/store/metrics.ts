// Per-queue metrics: events counted into per-second buckets, depth sampled once a second, the last
// HISTORY_SECONDS kept. Charts read the series and redraw when `tick` changes; nothing is persisted.

import { create } from 'zustand'
import type { BrokerEvent } from '../../engine/events.ts'

export const HISTORY_SECONDS = 300

export const RATE_KEYS = ['publish', 'deliver', 'ack', 'redeliver', 'deadLetter', 'expire', 'drop'] as const
export type RateKey = (typeof RATE_KEYS)[number]
export type Counts = Record<RateKey, number>

export const RATE_LABELS: Record<RateKey, string> = {
  publish: 'publish',
  deliver: 'deliver',
  ack: 'ack',
  redeliver: 'redeliver',
  deadLetter: 'dead-letter',
  expire: 'expire',
  drop: 'drop',
}

/** Columns for uPlot: t (unix seconds), then depth and rates, one value per second. */
export interface QueueSeries extends Record<RateKey, number[]> {
  t: number[]
  ready: number[]
  unacked: number[]
}

export const emptyCounts = (): Counts => ({
  publish: 0,
  deliver: 0,
  ack: 0,
  redeliver: 0,
  deadLetter: 0,
  expire: 0,
  drop: 0,
})

const emptySeries = (): QueueSeries => ({
  t: [],
  ready: [],
  unacked: [],
  ...(Object.fromEntries(RATE_KEYS.map((k) => [k, []])) as unknown as Record<RateKey, number[]>),
})

/** Adds a batch of events to the current second's counts, by queue. */
export function countEvents(events: readonly BrokerEvent[], into: Map<string, Counts>, vhost = '/'): void {
  const at = (queue: string) => {
    let c = into.get(queue)
    if (!c) into.set(queue, (c = emptyCounts()))
    return c
  }
  for (const e of events) {
    if ('vhost' in e && e.vhost !== vhost) continue
    switch (e.type) {
      // Every message routed to the queue, as RabbitMQ's publish rate counts it: one handed straight to a
      // waiting consumer is never enqueued, so 'enqueued' alone would miss it.
      case 'routed':
        for (const queue of e.queues) at(queue).publish++
        break
      case 'delivered': {
        const c = at(e.queue)
        c.deliver++
        if (e.redelivered) c.redeliver++
        break
      }
      case 'acked':
        at(e.queue).ack++
        break
      case 'deadLettered':
        at(e.queue).deadLetter++
        break
      case 'expired':
        at(e.queue).expire++
        break
      case 'dropped':
        at(e.queue).drop++
        break
    }
  }
}

/**
 * Closes one second: appends a point to every queue that exists (depths) or saw events, and trims each
 * series to `keep` points. Queues that are gone (no depth) are removed.
 */
export function closeSecond(
  series: Map<string, QueueSeries>,
  counts: Map<string, Counts>,
  second: number,
  depths: Record<string, { ready: number; unacked: number }>,
  keep = HISTORY_SECONDS,
): void {
  for (const name of series.keys()) if (!(name in depths)) series.delete(name)
  for (const [name, depth] of Object.entries(depths)) {
    let s = series.get(name)
    if (!s) series.set(name, (s = emptySeries()))
    const c = counts.get(name) ?? emptyCounts()
    s.t.push(second)
    s.ready.push(depth.ready)
    s.unacked.push(depth.unacked)
    for (const k of RATE_KEYS) s[k].push(c[k])
    if (s.t.length > keep) {
      const drop = s.t.length - keep
      s.t.splice(0, drop)
      s.ready.splice(0, drop)
      s.unacked.splice(0, drop)
      for (const k of RATE_KEYS) s[k].splice(0, drop)
    }
  }
  counts.clear()
}

/** Sums every queue's series point by point (the dashboard's totals). */
export function totalSeries(series: Map<string, QueueSeries>): QueueSeries {
  const out = emptySeries()
  let longest: QueueSeries | null = null
  for (const s of series.values()) if (!longest || s.t.length > longest.t.length) longest = s
  if (!longest) return out
  out.t = [...longest.t]
  const n = out.t.length
  const cols = ['ready', 'unacked', ...RATE_KEYS] as const
  for (const k of cols) out[k] = new Array<number>(n).fill(0)
  for (const s of series.values()) {
    const offset = n - s.t.length
    for (const k of cols) for (let i = 0; i < s.t.length; i++) out[k][offset + i] += s[k][i]
  }
  return out
}

export interface MetricsState {
  tick: number // bumps once a second, after the series got a point
  /** Mutable: read it when `tick` changes. */
  series: Map<string, QueueSeries>
}

export const useMetrics = create<MetricsState>()(() => ({ tick: 0, series: new Map() }))

/** Counts events and closes a second every second; returns a stop function. */
export function startMetrics(
  subscribe: (listener: (events: BrokerEvent[]) => void) => () => void,
  depths: () => Record<string, { ready: number; unacked: number }>,
  vhost: () => string,
): () => void {
  const counts = new Map<string, Counts>()
  const off = subscribe((events) => countEvents(events, counts, vhost()))
  const timer = setInterval(() => {
    const { series, tick } = useMetrics.getState()
    closeSecond(series, counts, Math.floor(Date.now() / 1000), depths())
    useMetrics.setState({ tick: tick + 1 })
  }, 1000)
  return () => {
    off()
    clearInterval(timer)
  }
}
