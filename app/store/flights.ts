// Messages in motion: a store of its own (never persisted), so dots and edge rates re-render nothing else.
// The overlay's loop owns the dots; this store holds the per-edge figures it publishes a few times a second.

import { create } from 'zustand'

/** Dots shown at once on one edge; more in flight show as "+N". */
export const MAX_DOTS_PER_EDGE = 20
/** Dots on the whole canvas at once (waiting or moving): measured, 60 keeps a 100-node design at 10,000 msg/s within the frame budget. */
export const MAX_DOTS_TOTAL = 60
/** How long a dot takes along one edge. */
export const HOP_MS = 700

export interface EdgeFigures {
  rate: number // messages per second over the last second, every message counted
  hidden: number // messages on the edge in the last HOP_MS that were not drawn
  total: number // every message along this edge since the page opened
}

export interface FlightsState {
  /** The user's toggle; the effective setting also honours prefers-reduced-motion. */
  motion: boolean
  reducedMotion: boolean
  dots: number // dots on the canvas now
  edges: Record<string, EdgeFigures> // one object per edge, replaced only when its figures change
  setMotion(on: boolean): void
  setReducedMotion(on: boolean): void
}

export const useFlights = create<FlightsState>()((set) => ({
  motion: true,
  reducedMotion: typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches,
  dots: 0,
  edges: {},
  setMotion: (motion) => set({ motion }),
  setReducedMotion: (reducedMotion) => set({ reducedMotion }),
}))

export const motionOn = (s: FlightsState) => s.motion && !s.reducedMotion

const QUARTERS = 4 // the rate is the sum of the last four quarter-second counts

interface Lane {
  shown: number // dots alive or waiting to start
  quarters: number[]
  current: number
  hiddenNow: number
  hiddenQuarters: number[] // about HOP_MS worth: the messages on the edge now that have no dot
  total: number
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)

/**
 * Decides which messages get a dot: at most `perEdge` per edge and `overall` in all; every message is
 * counted for the edge's rate whether drawn or not. `tick()` every quarter second rolls the rate windows.
 */
export class Sampler {
  private readonly lanes = new Map<string, Lane>()
  shown = 0
  /** Per-edge limit now: busy edges share the overall budget, so one hot edge cannot take it all. */
  private share: number

  constructor(
    private readonly perEdge = MAX_DOTS_PER_EDGE,
    private readonly overall = MAX_DOTS_TOTAL,
  ) {
    this.share = perEdge
  }

  private lane(edge: string): Lane {
    let l = this.lanes.get(edge)
    if (!l) {
      l = { shown: 0, quarters: [], current: 0, hiddenNow: 0, hiddenQuarters: [], total: 0 }
      this.lanes.set(edge, l)
    }
    return l
  }

  /** Counts one message on `edge`; true when it may be drawn (the caller then calls `release` when the dot ends). */
  admit(edge: string, draw: boolean): boolean {
    const l = this.lane(edge)
    l.current++
    l.total++
    if (draw && l.shown < this.share && this.shown < this.overall) {
      l.shown++
      this.shown++
      return true
    }
    l.hiddenNow++
    return false
  }

  release(edge: string): void {
    const l = this.lanes.get(edge)
    if (!l || l.shown === 0) return
    l.shown--
    this.shown--
  }

  /** Rolls the windows; returns the figures of every edge that has seen traffic. */
  tick(): Map<string, EdgeFigures> {
    const out = new Map<string, EdgeFigures>()
    let busy = 0
    for (const l of this.lanes.values()) if (l.current > 0 || l.shown > 0) busy++
    this.share = Math.min(this.perEdge, Math.max(2, Math.floor(this.overall / Math.max(1, busy))))
    for (const [edge, l] of this.lanes) {
      l.quarters.push(l.current)
      if (l.quarters.length > QUARTERS) l.quarters.shift()
      l.current = 0
      l.hiddenQuarters.push(l.hiddenNow)
      if (l.hiddenQuarters.length > 3) l.hiddenQuarters.shift()
      l.hiddenNow = 0
      out.set(edge, { rate: sum(l.quarters), hidden: sum(l.hiddenQuarters), total: l.total })
    }
    return out
  }

  figures(edge: string): EdgeFigures | null {
    const l = this.lanes.get(edge)
    if (!l) return null
    return { rate: sum(l.quarters), hidden: sum(l.hiddenQuarters), total: l.total }
  }

  reset(): void {
    this.lanes.clear()
    this.shown = 0
  }
}

const sameFigures = (a: EdgeFigures | undefined, b: EdgeFigures) =>
  !!a && a.rate === b.rate && a.hidden === b.hidden && a.total === b.total

/** Publishes the sampler's figures into the store, keeping the objects of edges whose figures did not change. */
export function publishFigures(figures: Map<string, EdgeFigures>, dots: number): void {
  const s = useFlights.getState()
  let next: Record<string, EdgeFigures> | null = null
  for (const [edge, f] of figures) {
    if (sameFigures(s.edges[edge], f)) continue
    next ??= { ...s.edges }
    next[edge] = f
  }
  if (next || dots !== s.dots) useFlights.setState(next ? { edges: next, dots } : { dots })
}
