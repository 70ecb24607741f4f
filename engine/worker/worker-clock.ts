// The worker's clock: real time by default, with pause, single step and a speed factor.
// Virtual time runs at `speed` times real time; timers fire in virtual-time order.

import type { Clock, TimerHandle } from '../clock.ts'
import type { ClockState } from './protocol.ts'

const MAX_TIMER_DELAY = 2147483647

/** The real-time sources the clock reads, injected so tests can drive it. */
export interface RealTime {
  now(): number // ms, monotonic
  wallClock(): number // ms since the epoch, where virtual time starts
  setTimeout(fire: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

interface Timer {
  at: number
  seq: number
  fire: () => void
}

export const MIN_SPEED = 0.1
export const MAX_SPEED = 100

export class WorkerClock implements Clock {
  private virtualBase: number
  private realBase: number
  private paused = false
  private speed = 1
  private nextHandle = 1
  private readonly timers = new Map<TimerHandle, Timer>()
  private wakeUp: unknown = null
  private wakeUpAt = Infinity
  private frozen: number | null = null
  /** Called after timers fired, so the worker can flush what they produced. */
  onTimersFired: () => void = () => {}

  constructor(private readonly real: RealTime) {
    this.virtualBase = real.wallClock()
    this.realBase = real.now()
  }

  now(): number {
    if (this.frozen !== null) return this.frozen
    if (this.paused) return this.virtualBase
    return this.virtualBase + (this.real.now() - this.realBase) * this.speed
  }

  setTimer(at: number, fire: () => void): TimerHandle {
    const handle = this.nextHandle++
    this.timers.set(handle, { at, seq: handle, fire })
    if (at < this.wakeUpAt) this.arm()
    return handle
  }

  clearTimer(handle: TimerHandle): void {
    this.timers.delete(handle)
  }

  /**
   * Until thaw(), now() returns the time of this call: a batch of commands happens at one instant and
   * reads the real clock once instead of once per message. Any clock command thaws it.
   */
  freeze(): void {
    this.frozen = null
    this.frozen = this.now()
  }

  thaw(): void {
    this.frozen = null
  }

  state(): ClockState {
    return { now: this.now(), paused: this.paused, speed: this.speed }
  }

  pause(): void {
    this.frozen = null
    if (this.paused) return
    this.virtualBase = this.now()
    this.paused = true
    this.disarm()
  }

  resume(): void {
    this.frozen = null
    if (!this.paused) return
    this.realBase = this.real.now()
    this.paused = false
    this.arm()
  }

  setSpeed(factor: number): void {
    this.frozen = null
    if (!(factor >= MIN_SPEED && factor <= MAX_SPEED))
      throw new RangeError(`speed must be between ${MIN_SPEED} and ${MAX_SPEED}, got ${factor}`)
    this.virtualBase = this.now()
    this.realBase = this.real.now()
    this.speed = factor
    this.arm()
  }

  /** Pauses if running, then jumps to the next timer and fires everything due then. Returns false when none is set. */
  step(): boolean {
    this.frozen = null
    this.pause()
    const next = this.earliest()
    if (!next) return false
    if (next.at > this.virtualBase) this.virtualBase = next.at
    this.fireDue()
    return true
  }

  private earliest(): Timer | undefined {
    let best: Timer | undefined
    for (const t of this.timers.values())
      if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t
    return best
  }

  private fireDue(): void {
    for (;;) {
      const now = this.now()
      let due: [TimerHandle, Timer] | undefined
      for (const entry of this.timers) {
        const t = entry[1]
        if (t.at <= now && (!due || t.at < due[1].at || (t.at === due[1].at && t.seq < due[1].seq))) due = entry
      }
      if (!due) break
      this.timers.delete(due[0])
      due[1].fire()
    }
    this.onTimersFired()
    if (!this.paused) this.arm()
  }

  private disarm(): void {
    if (this.wakeUp !== null) this.real.clearTimeout(this.wakeUp)
    this.wakeUp = null
    this.wakeUpAt = Infinity
  }

  private arm(): void {
    this.disarm()
    if (this.paused) return
    const next = this.earliest()
    if (!next) return
    // A real timer fires at once past 2^31-1 ms, and expiries go up to ten years: wake up early and re-arm.
    const delay = Math.min(MAX_TIMER_DELAY, Math.max(0, (next.at - this.now()) / this.speed))
    this.wakeUpAt = next.at
    this.wakeUp = this.real.setTimeout(() => {
      this.wakeUp = null
      this.wakeUpAt = Infinity
      this.fireDue()
    }, delay)
  }
}
