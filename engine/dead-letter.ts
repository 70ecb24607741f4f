// Dead-lettering as rabbit_dead_letter does it: the x-death history, x-first-death-* headers,
// and the cycle rule that drops a message looping back to a queue without any rejection on the way.

import type { DeadLetterReason, FieldTable, FieldValue, Message, MessageProperties } from './model.ts'
import { isTable } from './field-values.ts'
import type { VersionProfile } from './profile.ts'

const HISTORY_HEADERS = ['x-death', 'x-first-death-reason', 'x-first-death-queue', 'x-first-death-exchange'] as const

export interface DeadLetterTarget {
  exchange: string
  routingKey: string | undefined // x-dead-letter-routing-key, when set
}

/** The CC keys a message carries in its headers: they count as routing keys of its x-death entry. */
function ccKeys(headers: FieldTable | undefined): string[] {
  const cc = headers?.CC
  return Array.isArray(cc) ? cc.filter((k): k is string => typeof k === 'string') : []
}

/**
 * Builds the message republished to the dead-letter exchange. `nowSeconds` stamps the x-death entry. The profile
 * says whether x-last-death-* describe this death, and whether a client's own x-death header counts as history.
 */
export function makeDeadLetter(
  message: Message,
  reason: DeadLetterReason,
  queue: string,
  target: DeadLetterTarget,
  newId: number,
  nowSeconds: number,
  profile: Pick<VersionProfile, 'lastDeathHeaders' | 'deadLetterHistoryFromHeaders' | 'deadLetterKeepsCC'>,
): Message {
  const { expiration, ...rest } = message.properties
  const headers: FieldTable = { ...(message.properties.headers ?? {}) }
  if (!profile.deadLetterHistoryFromHeaders && !message.deadLettered) {
    // From 4.0 the broker keeps a message's deaths itself: what a client wrote in these headers is replaced.
    for (const key of HISTORY_HEADERS) delete headers[key]
  }
  const info: FieldTable = {
    reason,
    queue,
    time: nowSeconds,
    exchange: message.exchange,
    'routing-keys': [message.routingKey, ...ccKeys(message.properties.headers)],
  }
  if (expiration !== undefined) info['original-expiration'] = expiration

  const deaths = Array.isArray(headers['x-death']) ? (headers['x-death'] as FieldValue[]).filter(isTable) : null
  if (!deaths) {
    headers['x-first-death-reason'] = reason
    headers['x-first-death-queue'] = queue
    headers['x-first-death-exchange'] = message.exchange
    headers['x-death'] = [{ count: 1, ...info }]
  } else {
    const same = deaths.findIndex((d) => d.queue === queue && d.reason === reason)
    if (same < 0) {
      headers['x-death'] = [{ count: 1, ...info }, ...deaths]
    } else {
      // An entry seen before keeps its first exchange, keys and time; only its count moves on.
      const previous = deaths[same]
      const count = typeof previous.count === 'number' ? previous.count + 1 : 1
      headers['x-death'] = [{ ...previous, count }, ...deaths.filter((_, i) => i !== same)]
    }
  }
  if (profile.lastDeathHeaders) {
    headers['x-last-death-reason'] = reason
    headers['x-last-death-queue'] = queue
    headers['x-last-death-exchange'] = message.exchange
  }
  if (target.routingKey !== undefined && !profile.deadLetterKeepsCC) delete headers.CC

  const properties: MessageProperties = { ...rest, headers }
  return {
    id: newId,
    exchange: target.exchange,
    routingKey: target.routingKey ?? message.routingKey,
    routingKeys: target.routingKey !== undefined ? null : message.routingKeys,
    body: message.body,
    size: message.size,
    properties,
    persistent: message.persistent,
    deadLettered: true,
  }
}

/**
 * rabbit_dead_letter:is_cycle: the message already died in `queue`, and every death since then
 * (that one included) was automatic. Dead-lettering for `rejected` never counts as a cycle.
 */
export function isDeadLetterCycle(reason: DeadLetterReason, message: Message, queue: string): boolean {
  if (reason === 'rejected') return false
  const deaths = message.properties.headers?.['x-death']
  if (!Array.isArray(deaths)) return false
  const index = deaths.findIndex((d) => isTable(d) && d.queue === queue)
  if (index < 0) return false
  for (let i = 0; i <= index; i++) {
    const d = deaths[i]
    if (!isTable(d) || d.reason === 'rejected') return false
  }
  return true
}
