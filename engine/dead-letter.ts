// Dead-lettering as rabbit_dead_letter does it: the x-death history, x-first-death-* headers,
// and the cycle rule that drops a message looping back to a queue without any rejection on the way.

import type { DeadLetterReason, FieldTable, FieldValue, Message, MessageProperties } from './model.ts'
import { isTable } from './field-values.ts'

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
 * Builds the message republished to the dead-letter exchange. `nowSeconds` stamps the x-death entry;
 * `lastDeathHeaders` (profile) adds x-last-death-* describing this death.
 */
export function makeDeadLetter(
  message: Message,
  reason: DeadLetterReason,
  queue: string,
  target: DeadLetterTarget,
  newId: number,
  nowSeconds: number,
  lastDeathHeaders: boolean,
): Message {
  const { expiration, ...rest } = message.properties
  const headers: FieldTable = { ...(message.properties.headers ?? {}) }
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
  if (lastDeathHeaders) {
    headers['x-last-death-reason'] = reason
    headers['x-last-death-queue'] = queue
    headers['x-last-death-exchange'] = message.exchange
  }
  if (target.routingKey !== undefined) delete headers.CC

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
