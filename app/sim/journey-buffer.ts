// Always-on memory of recent messages' events, fed by the canvas's event feed, so a dot clicked a
// moment after it moved still has its history. Bounded by messages: the oldest journeys fall off.
// A dead-lettered copy joins the journey of the message it came from.

import type { BrokerEvent } from '../../engine/events.ts'

export class JourneyBuffer {
  private readonly journeys = new Map<number, BrokerEvent[]>()
  /** Copy id -> the id its journey is kept under. */
  private readonly rootOf = new Map<number, number>()
  private readonly watchers = new Map<number, Set<() => void>>()

  constructor(readonly maxMessages = 4000, readonly maxEventsPerMessage = 200) {}

  get size(): number {
    return this.journeys.size
  }

  push(events: readonly BrokerEvent[]): void {
    let touched: Set<number> | null = null
    for (const e of events) {
      if (!('messageId' in e)) continue
      const root = this.rootOf.get(e.messageId) ?? e.messageId
      let list = this.journeys.get(root)
      if (!list) {
        list = []
        this.journeys.set(root, list)
        if (this.journeys.size > this.maxMessages) this.journeys.delete(this.journeys.keys().next().value as number)
      }
      if (list.length < this.maxEventsPerMessage) list.push(e)
      if (e.type === 'deadLettered') {
        this.rootOf.set(e.newMessageId, root)
        if (this.rootOf.size > this.maxMessages) this.rootOf.delete(this.rootOf.keys().next().value as number)
      }
      if (this.watchers.size > 0 && this.watchers.has(root)) (touched ??= new Set()).add(root)
    }
    if (touched) for (const root of touched) for (const w of this.watchers.get(root) ?? []) w()
  }

  /** The id a message's journey is kept under: the first message of a dead-letter chain. */
  rootId(messageId: number): number {
    return this.rootOf.get(messageId) ?? messageId
  }

  /** Every event remembered for the message and its dead-lettered copies, oldest first. */
  journey(messageId: number): BrokerEvent[] {
    return [...(this.journeys.get(this.rootId(messageId)) ?? [])]
  }

  /** Calls `changed` whenever the message's journey gets another event. */
  watch(messageId: number, changed: () => void): () => void {
    const root = this.rootId(messageId)
    let set = this.watchers.get(root)
    if (!set) this.watchers.set(root, (set = new Set()))
    set.add(changed)
    return () => {
      set.delete(changed)
      if (set.size === 0) this.watchers.delete(root)
    }
  }

  clear(): void {
    this.journeys.clear()
    this.rootOf.clear()
  }
}

/** The page's buffer, filled by the flight feed (app/canvas/overlay/FlightOverlay.tsx). */
export const journeys = new JourneyBuffer()
