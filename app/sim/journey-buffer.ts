// Always-on memory of recent messages' events, fed by the canvas's event feed, so a dot clicked a
// moment after it moved still has its history. Bounded by messages: the oldest journeys fall off.
// A dead-lettered copy joins the journey of the message it came from.

import type { BrokerEvent } from '../../engine/events.ts'

/**
 * A map that forgets in generations: when the young half is full it becomes the old half and the
 * previous old half goes. Dropping the oldest entry one at a time (delete the first key) costs far
 * more at tens of thousands of events a second.
 */
class Generations<V> {
  private young = new Map<number, V>()
  private old = new Map<number, V>()
  constructor(private readonly half: number) {}

  get size(): number {
    return this.young.size + this.old.size
  }

  get(key: number): V | undefined {
    const v = this.young.get(key)
    if (v !== undefined) return v
    const o = this.old.get(key)
    // Still in use: it moves to the young half, so an active journey outlives its generation.
    if (o !== undefined) {
      this.old.delete(key)
      this.set(key, o)
    }
    return o
  }

  /** Reads without moving the entry: looking must not change what is kept. */
  peek(key: number): V | undefined {
    return this.young.get(key) ?? this.old.get(key)
  }

  set(key: number, value: V): void {
    if (this.young.size >= this.half) {
      this.old = this.young
      this.young = new Map()
    }
    this.young.set(key, value)
  }

  delete(key: number): void {
    this.young.delete(key)
    this.old.delete(key)
  }

  clear(): void {
    this.young.clear()
    this.old.clear()
  }
}

export class JourneyBuffer {
  private readonly journeys: Generations<BrokerEvent[]>
  /** Copy id -> the id its journey is kept under. */
  private readonly rootOf: Generations<number>
  private readonly watchers = new Map<number, Set<() => void>>()

  /** Keeps between maxMessages / 2 and maxMessages of the latest messages. */
  constructor(
    readonly maxMessages = 4000,
    readonly maxEventsPerMessage = 200,
  ) {
    this.journeys = new Generations(Math.max(1, Math.floor(maxMessages / 2)))
    this.rootOf = new Generations(Math.max(1, Math.floor(maxMessages / 2)))
  }

  get size(): number {
    return this.journeys.size
  }

  push(events: readonly BrokerEvent[]): void {
    let touched: Set<number> | null = null
    const watching = this.watchers.size > 0
    for (const e of events) {
      if (!('messageId' in e)) continue
      // A message is published once: a second publish of an id is a new message (the broker was reset).
      if (e.type === 'published') this.rootOf.delete(e.messageId)
      const root = this.rootOf.get(e.messageId) ?? e.messageId
      let list = this.journeys.get(root)
      if (!list || (e.type === 'published' && list.length > 0)) this.journeys.set(root, (list = []))
      if (list.length < this.maxEventsPerMessage) list.push(e)
      if (e.type === 'deadLettered') this.rootOf.set(e.newMessageId, root)
      if (watching && this.watchers.has(root)) (touched ??= new Set()).add(root)
    }
    if (touched) for (const root of touched) for (const w of this.watchers.get(root) ?? []) w()
  }

  /** The id a message's journey is kept under: the first message of a dead-letter chain. */
  rootId(messageId: number): number {
    return this.rootOf.peek(messageId) ?? messageId
  }

  /** Every event remembered for the message and its dead-lettered copies, oldest first. */
  journey(messageId: number): BrokerEvent[] {
    return [...(this.journeys.peek(this.rootId(messageId)) ?? [])]
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
