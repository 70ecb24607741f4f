// Time is injected: the engine never reads the wall clock or sets timers itself.

export type TimerHandle = number

export interface Clock {
  /** Milliseconds since the clock's epoch. */
  now(): number
  /** Runs `fire` once the clock reaches `at` (ms). */
  setTimer(at: number, fire: () => void): TimerHandle
  clearTimer(handle: TimerHandle): void
}

interface PendingTimer {
  at: number
  seq: number
  fire: () => void
}

/** A clock that moves only when told to; timers fire in time order, ties in the order they were set. */
export class ManualClock implements Clock {
  private time: number
  private nextHandle = 1
  private readonly timers = new Map<TimerHandle, PendingTimer>()

  constructor(start = 0) {
    this.time = start
  }

  now(): number {
    return this.time
  }

  setTimer(at: number, fire: () => void): TimerHandle {
    const handle = this.nextHandle++
    this.timers.set(handle, { at, seq: handle, fire })
    return handle
  }

  clearTimer(handle: TimerHandle): void {
    this.timers.delete(handle)
  }

  /** The time of the earliest pending timer, or undefined when none is set. */
  nextTimerAt(): number | undefined {
    let earliest: number | undefined
    for (const t of this.timers.values()) if (earliest === undefined || t.at < earliest) earliest = t.at
    return earliest
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way, in order. */
  advance(ms: number): void {
    const target = this.time + ms
    for (;;) {
      const due = this.earliestDue(target)
      if (!due) break
      this.timers.delete(due[0])
      if (due[1].at > this.time) this.time = due[1].at
      due[1].fire()
    }
    this.time = target
  }

  private earliestDue(limit: number): [TimerHandle, PendingTimer] | undefined {
    let best: [TimerHandle, PendingTimer] | undefined
    for (const entry of this.timers) {
      const t = entry[1]
      if (t.at > limit) continue
      if (!best || t.at < best[1].at || (t.at === best[1].at && t.seq < best[1].seq)) best = entry
    }
    return best
  }
}
