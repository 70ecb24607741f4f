// A shovel's status as GET /api/shovels and rabbitmqctl shovel_status report it.

import type { DesignMember } from '../design/registry.ts'
import type { JsonObject } from '../management/templates.ts'

const pad = (n: number) => String(n).padStart(2, '0')

/** "2026-12-03 13:00:36", the management API's local-time format, from a wall-clock time in ms. */
export function statusTimestamp(ms: number): string {
  const d = new Date(ms)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
}

export function shovelStatuses(member: DesignMember, wallClock: (at: number) => number): JsonObject[] {
  const node = member.host.nodeName(member.name)
  return member.shovels.of(member.name).map(({ vhost, name, shovel, error }) => {
    const base: JsonObject = { node, name, vhost, type: 'dynamic' }
    if (!shovel) return { ...base, state: 'terminated', reason: error ?? '', timestamp: statusTimestamp(wallClock(0)) }
    base.timestamp = statusTimestamp(wallClock(shovel.since))
    if (shovel.state !== 'running')
      return { ...base, state: shovel.state, ...(shovel.reason ? { reason: shovel.reason } : {}) }
    const c = shovel.config
    const out: JsonObject = {
      ...base,
      state: 'running',
      pending: 0,
      remaining: 'unlimited',
      remaining_unacked: 'unlimited',
      forwarded: shovel.counts.forwarded,
      src_uri: shovel.ends.src,
      src_protocol: 'amqp091',
      dest_protocol: 'amqp091',
      dest_uri: shovel.ends.dest,
      blocked_status: 'running',
    }
    if (c.srcQueue !== undefined) out.src_queue = c.srcQueue
    if (c.srcExchange !== undefined) {
      out.src_exchange = c.srcExchange
      out.src_exchange_key = c.srcExchangeKey
    }
    if (c.destQueue !== undefined) out.dest_queue = c.destQueue
    if (c.destExchange !== undefined) out.dest_exchange = c.destExchange
    if (c.destExchangeKey !== undefined) out.dest_exchange_key = c.destExchangeKey
    return out
  })
}
