// The page's picture of the worker's virtual clock between two readings: virtual time runs at `speed`
// times real time unless paused, so the display can move every frame without asking the worker.

import type { ClockState } from '../../engine/worker/protocol.ts'

export class ClockFollower {
  private reading: (ClockState & { realAt: number }) | null = null

  /** Takes a reading of the worker's clock, made at `realNow` (performance.now()). */
  update(state: ClockState, realNow: number): void {
    this.reading = { ...state, realAt: realNow }
  }

  get state(): ClockState | null {
    return this.reading && { now: this.reading.now, paused: this.reading.paused, speed: this.reading.speed }
  }

  /** Virtual time now, or null before the first reading. */
  now(realNow: number): number | null {
    const r = this.reading
    if (!r) return null
    return r.paused ? r.now : r.now + Math.max(0, realNow - r.realAt) * r.speed
  }
}
