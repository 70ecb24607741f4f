// Broker events sent column by column: per event type, one array per field. Cloning objects costs the
// receiving page about three times as much, since every object carries its property names again.

import type { BrokerEvent } from '../events.ts'
import type { EventBatch } from './protocol.ts'

interface Kind {
  index: number
  fields: string[]
  columns: unknown[][]
}

/** Gathers events into an EventBatch; app/broker/event-batch.ts turns it back into events, in order. */
export class EventBatchEncoder {
  private order: number[] = []
  private kinds: EventBatch['kinds'] = []
  private byType = new Map<string, Kind>()

  get size(): number {
    return this.order.length
  }

  add(event: BrokerEvent): void {
    const e = event as unknown as Record<string, unknown>
    let kind = this.byType.get(event.type)
    const keys = Object.keys(e)
    if (!kind || kind.fields.length + 1 !== keys.length) kind = this.kindFor(event.type, keys)
    this.order.push(kind.index)
    const { fields, columns } = kind
    for (let i = 0; i < fields.length; i++) columns[i].push(e[fields[i]])
  }

  /** Events of one type normally share their fields; one with other fields gets a kind of its own. */
  private kindFor(type: BrokerEvent['type'], keys: string[]): Kind {
    const fields = keys.filter((k) => k !== 'type')
    const signature = `${type}\u0000${fields.join('\u0000')}`
    let kind = this.byType.get(signature)
    if (!kind) {
      kind = { index: this.kinds.length, fields, columns: fields.map(() => []) }
      this.kinds.push({ type, fields, columns: kind.columns })
      this.byType.set(signature, kind)
      if (!this.byType.has(type)) this.byType.set(type, kind)
    }
    return kind
  }

  take(): EventBatch {
    const batch: EventBatch = { order: this.order, kinds: this.kinds }
    this.order = []
    this.kinds = []
    this.byType = new Map()
    return batch
  }
}
