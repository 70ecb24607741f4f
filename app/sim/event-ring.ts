import type { BrokerEvent, BrokerEventType } from '../../engine/events'

// Bounded log of broker events: the oldest fall off once `capacity` is reached.
export class EventRing {
  private buf: BrokerEvent[] = []
  private start = 0
  /** While paused, pushes are ignored: the log holds still for reading. */
  paused = false
  constructor(readonly capacity = 5000) {}

  push(events: readonly BrokerEvent[]): void {
    if (this.paused) return
    for (const e of events) {
      if (this.buf.length < this.capacity) this.buf.push(e)
      else {
        this.buf[this.start] = e
        this.start = (this.start + 1) % this.capacity
      }
    }
  }

  clear(): void {
    this.buf = []
    this.start = 0
  }

  get size(): number {
    return this.buf.length
  }

  /** Oldest first. */
  toArray(): BrokerEvent[] {
    return this.buf.slice(this.start).concat(this.buf.slice(0, this.start))
  }
}

export interface EventFilter {
  entity?: string // exchange, queue or consumer tag, substring match
  /** More substrings that count as the entity, e.g. the ids of the consumer nodes whose name matched. */
  alsoEntities?: readonly string[]
  types?: ReadonlySet<BrokerEventType>
}

/** The exchange and queue names and the consumer tag an event concerns. */
export function eventEntities(e: BrokerEvent): string[] {
  const out: string[] = []
  const r = e as Record<string, unknown>
  for (const k of ['name', 'queue', 'exchange', 'consumerTag'] as const)
    if (typeof r[k] === 'string') out.push(r[k] as string)
  if (Array.isArray(r.queues)) out.push(...(r.queues as string[]))
  if (e.type === 'bound' || e.type === 'unbound') out.push(e.binding.source, e.binding.destination)
  return out
}

export function matchesFilter(e: BrokerEvent, f: EventFilter): boolean {
  if (f.types && f.types.size > 0 && !f.types.has(e.type)) return false
  if (f.entity) {
    const needles = [f.entity, ...(f.alsoEntities ?? [])].map((n) => n.toLowerCase())
    if (!eventEntities(e).some((n) => needles.some((needle) => n.toLowerCase().includes(needle)))) return false
  }
  return true
}

/** Matching events, newest first; `total` counts them all, `rows` holds at most `max`. */
export function shownEvents(
  events: readonly BrokerEvent[],
  filter: EventFilter,
  max = Infinity,
): { rows: BrokerEvent[]; total: number } {
  const rows: BrokerEvent[] = []
  let total = 0
  for (let i = events.length - 1; i >= 0; i--) {
    if (!matchesFilter(events[i], filter)) continue
    total++
    if (rows.length < max) rows.push(events[i])
  }
  return { rows, total }
}

/** Every event of a message's journey, following dead-lettered copies (newMessageId). */
export function messageJourney(events: readonly BrokerEvent[], messageId: number): BrokerEvent[] {
  const ids = new Set<number>([messageId])
  const out: BrokerEvent[] = []
  for (const e of events) {
    if (!('messageId' in e) || !ids.has(e.messageId)) continue
    out.push(e)
    if (e.type === 'deadLettered') ids.add(e.newMessageId)
  }
  return out
}

/** The page's event log: the Events tab records into it while open; closing and reopening the tab keeps what was recorded. */
export const eventLog = new EventRing(5000)
