// The network between the brokers of a design: each pair has one link that can be cut, paused and slowed.
// What crosses a link travels on a wire: it arrives after the link's latency, waits while the link is paused,
// and is lost when the link is cut. A broker's link to itself is always up and has no latency.

import type { Clock, TimerHandle } from '../clock.ts'
import { RingBuffer } from '../ring-buffer.ts'

export type LinkState = 'up' | 'paused' | 'cut'

export interface LinkStatus {
  a: string
  b: string
  state: LinkState
  latency: number
  inFlight: number
}

interface InFlight {
  at: number
  arrive: () => void
  lost: () => void
}

/** Told when a link is cut (to close what used it) or restored (to reconnect). */
export type LinkListener = (a: string, b: string, state: LinkState) => void

class Link {
  state: LinkState = 'up'
  latency = 0
  readonly wire = new RingBuffer<InFlight>()
  timer: TimerHandle | null = null
  constructor(
    readonly a: string,
    readonly b: string,
  ) {}
}

const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`)

export class Links {
  private readonly links = new Map<string, Link>()
  private readonly listeners: LinkListener[] = []

  constructor(private readonly clock: Clock) {}

  private link(a: string, b: string): Link {
    const key = pairKey(a, b)
    let link = this.links.get(key)
    if (!link) {
      link = a < b ? new Link(a, b) : new Link(b, a)
      this.links.set(key, link)
    }
    return link
  }

  listen(listener: LinkListener): void {
    this.listeners.push(listener)
  }

  /** Whether a connection from `a` can reach `b` now (a paused link still connects: it only holds traffic). */
  reachable(a: string, b: string): boolean {
    return a === b || this.link(a, b).state !== 'cut'
  }

  state(a: string, b: string): LinkState {
    return a === b ? 'up' : this.link(a, b).state
  }

  /**
   * Sends something from `a` to `b`: `arrive` runs when it gets there (never within this call, so no broker
   * is re-entered mid-operation), `lost` when a cut drops it on the way.
   */
  send(a: string, b: string, arrive: () => void, lost: () => void): void {
    const link = this.link(a, b)
    if (a !== b && link.state === 'cut') {
      this.clock.setTimer(this.clock.now(), lost)
      return
    }
    const latency = a === b ? 0 : link.latency
    link.wire.push({ at: this.clock.now() + latency, arrive, lost })
    this.schedule(link)
  }

  private schedule(link: Link): void {
    if (link.timer !== null || link.state !== 'up') return
    const head = link.wire.peek()
    if (!head) return
    link.timer = this.clock.setTimer(Math.max(head.at, this.clock.now()), () => this.deliverDue(link))
  }

  private deliverDue(link: Link): void {
    link.timer = null
    const now = this.clock.now()
    for (let head = link.wire.peek(); head && head.at <= now && link.state === 'up'; head = link.wire.peek()) {
      link.wire.shift()
      head.arrive()
    }
    this.schedule(link)
  }

  cut(a: string, b: string): void {
    if (a === b) return
    const link = this.link(a, b)
    if (link.state === 'cut') return
    link.state = 'cut'
    this.stopTimer(link)
    const lost: InFlight[] = []
    for (let item = link.wire.shift(); item; item = link.wire.shift()) lost.push(item)
    for (const item of lost) item.lost()
    for (const listener of this.listeners) listener(link.a, link.b, 'cut')
  }

  /** Holds what crosses the link (it stays in flight) without closing the connections over it. */
  pause(a: string, b: string): void {
    if (a === b) return
    const link = this.link(a, b)
    if (link.state !== 'up') return
    link.state = 'paused'
    this.stopTimer(link)
  }

  restore(a: string, b: string): void {
    if (a === b) return
    const link = this.link(a, b)
    if (link.state === 'up') return
    link.state = 'up'
    this.schedule(link)
    for (const listener of this.listeners) listener(link.a, link.b, 'up')
  }

  setLatency(a: string, b: string, ms: number): void {
    if (a === b) return
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('latency is a number of milliseconds, 0 or more')
    this.link(a, b).latency = ms
  }

  /** Every link that is not in its default state (up, no latency) or has something in flight. */
  list(): LinkStatus[] {
    return [...this.links.values()].map((l) => ({
      a: l.a,
      b: l.b,
      state: l.state,
      latency: l.latency,
      inFlight: l.wire.length,
    }))
  }

  /** Forgets the links of a broker that leaves the design; what was in flight to or from it is lost. */
  removeBroker(name: string): void {
    for (const [key, link] of this.links) {
      if (link.a !== name && link.b !== name) continue
      this.cut(link.a, link.b)
      this.links.delete(key)
    }
  }

  private stopTimer(link: Link): void {
    if (link.timer !== null) this.clock.clearTimer(link.timer)
    link.timer = null
  }
}
