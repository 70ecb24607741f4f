// Turns an EventBatch from the worker (events column by column) back into events, in their order.

import type { BrokerEvent } from '../../engine/events.ts'
import type { EventBatch } from '../../engine/worker/protocol.ts'

export function decodeEvents(batch: EventBatch): BrokerEvent[] {
  const { order, kinds } = batch
  const rows = new Array<number>(kinds.length).fill(0)
  const out = new Array<BrokerEvent>(order.length)
  for (let i = 0; i < order.length; i++) {
    const k = order[i]
    const kind = kinds[k]
    const row = rows[k]++
    const event: Record<string, unknown> = { type: kind.type }
    const { fields, columns } = kind
    for (let f = 0; f < fields.length; f++) event[fields[f]] = columns[f][row]
    out[i] = event as unknown as BrokerEvent
  }
  return out
}
