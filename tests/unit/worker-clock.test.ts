// The worker's clock over a fake real time: pause, resume, single step and speed.

import { describe, expect, it } from 'vitest'
import { WorkerClock, type RealTime } from '../../engine/worker/worker-clock.ts'

/** Real time that moves only when told; pending real timeouts fire in order as it passes them. */
class FakeRealTime implements RealTime {
  time = 0
  private seq = 0
  private readonly timeouts = new Map<number, { at: number; seq: number; fire: () => void }>()

  now(): number {
    return this.time
  }

  wallClock(): number {
    return 1_700_000_000_000 + this.time
  }

  setTimeout(fire: () => void, ms: number): unknown {
    const handle = ++this.seq
    this.timeouts.set(handle, { at: this.time + ms, seq: handle, fire })
    return handle
  }

  clearTimeout(handle: unknown): void {
    this.timeouts.delete(handle as number)
  }

  get pending(): number {
    return this.timeouts.size
  }

  advance(ms: number): void {
    const target = this.time + ms
    for (;;) {
      let next: [number, { at: number; seq: number; fire: () => void }] | undefined
      for (const entry of this.timeouts)
        if (
          entry[1].at <= target &&
          (!next || entry[1].at < next[1].at || (entry[1].at === next[1].at && entry[1].seq < next[1].seq))
        )
          next = entry
      if (!next) break
      this.timeouts.delete(next[0])
      this.time = Math.max(this.time, next[1].at)
      next[1].fire()
    }
    this.time = target
  }
}

function setup() {
  const real = new FakeRealTime()
  const clock = new WorkerClock(real)
  const start = clock.now()
  const fired: string[] = []
  const at = (ms: number, name: string) =>
    clock.setTimer(start + ms, () => fired.push(`${name}@${clock.now() - start}`))
  return { real, clock, start, fired, at }
}

describe('WorkerClock', () => {
  it('starts at the wall clock and runs at real speed', () => {
    const { real, clock, start } = setup()
    expect(start).toBe(1_700_000_000_000)
    real.advance(250)
    expect(clock.now() - start).toBe(250)
    expect(clock.state()).toEqual({ now: start + 250, paused: false, speed: 1 })
  })

  it('fires timers in time order, ties in the order they were set, and skips cleared ones', () => {
    const { real, clock, fired, at } = setup()
    let flushed = 0
    clock.onTimersFired = () => flushed++
    at(300, 'c')
    at(100, 'a')
    const cleared = at(200, 'cleared')
    at(100, 'b')
    clock.clearTimer(cleared)
    real.advance(99)
    expect(fired).toEqual([])
    real.advance(301)
    expect(fired).toEqual(['a@100', 'b@100', 'c@300'])
    expect(flushed).toBeGreaterThan(0)
  })

  it('never asks the real clock for a timeout past 2^31-1 ms, where real timers fire at once', () => {
    const { real, fired, at } = setup()
    const requested: number[] = []
    const setTimeout = real.setTimeout.bind(real)
    real.setTimeout = (fire, ms) => {
      requested.push(ms)
      return setTimeout(fire, ms)
    }
    const tenYears = 315_360_000_000
    at(tenYears, 'far')
    real.advance(2_147_483_647)
    expect(fired).toEqual([])
    real.advance(tenYears - 2_147_483_647)
    expect(fired).toEqual([`far@${tenYears}`])
    expect(Math.max(...requested)).toBeLessThanOrEqual(2_147_483_647)
  })

  it('pause freezes time and timers; resume goes on from where it stopped', () => {
    const { real, clock, start, fired, at } = setup()
    at(1000, 'due')
    real.advance(400)
    clock.pause()
    expect(real.pending).toBe(0) // no real timeout runs while paused
    real.advance(10_000)
    expect(clock.now() - start).toBe(400)
    expect(fired).toEqual([])
    expect(clock.state().paused).toBe(true)
    clock.resume()
    real.advance(599)
    expect(fired).toEqual([])
    real.advance(1)
    expect(fired).toEqual(['due@1000'])
  })

  it('step, while paused, jumps to the next timer and fires everything due then', () => {
    const { clock, start, fired, at } = setup()
    clock.pause()
    at(500, 'a')
    at(500, 'b')
    at(900, 'c')
    expect(clock.step()).toBe(true)
    expect(fired).toEqual(['a@500', 'b@500'])
    expect(clock.now() - start).toBe(500)
    expect(clock.step()).toBe(true)
    expect(fired).toEqual(['a@500', 'b@500', 'c@900'])
    expect(clock.step()).toBe(false) // nothing left
    expect(clock.now() - start).toBe(900)
  })

  it('step pauses a running clock first, so time does not jump by what already passed', () => {
    const { real, clock, start, fired, at } = setup()
    at(1000, 'next')
    real.advance(300)
    expect(clock.step()).toBe(true)
    expect(fired).toEqual(['next@1000'])
    expect(clock.state()).toMatchObject({ now: start + 1000, paused: true })
    real.advance(500)
    expect(clock.now() - start).toBe(1000)
  })

  it('a timer set by a firing timer for the same instant fires in the same step', () => {
    const { clock, start, fired } = setup()
    clock.pause()
    clock.setTimer(start + 100, () => {
      fired.push('first')
      clock.setTimer(clock.now(), () => fired.push('chained'))
    })
    clock.step()
    expect(fired).toEqual(['first', 'chained'])
  })

  it('speed scales virtual time and timer delays, and keeps time continuous when changed', () => {
    const { real, clock, start, fired, at } = setup()
    real.advance(100)
    clock.setSpeed(10)
    expect(clock.now() - start).toBe(100)
    real.advance(50)
    expect(clock.now() - start).toBe(600)
    at(1600, 'fast') // 1000 virtual ms ahead: 100 real ms at 10x
    real.advance(99)
    expect(fired).toEqual([])
    real.advance(1)
    expect(fired).toEqual(['fast@1600'])
    clock.setSpeed(0.1)
    at(1700, 'slow') // 100 virtual ms ahead: 1000 real ms at 0.1x
    real.advance(999)
    expect(fired).toEqual(['fast@1600'])
    real.advance(1)
    expect(fired).toEqual(['fast@1600', 'slow@1700'])
    expect(clock.state().speed).toBe(0.1)
  })

  it('speed changes while paused apply on resume', () => {
    const { real, clock, start } = setup()
    clock.pause()
    clock.setSpeed(100)
    real.advance(1000)
    expect(clock.now() - start).toBe(0)
    clock.resume()
    real.advance(10)
    expect(clock.now() - start).toBe(1000)
  })

  it('refuses speeds outside 0.1 to 100', () => {
    const { clock } = setup()
    for (const bad of [0, 0.05, 101, Number.NaN, -1]) expect(() => clock.setSpeed(bad)).toThrow(RangeError)
    clock.setSpeed(0.1)
    clock.setSpeed(100)
    expect(clock.state().speed).toBe(100)
  })
})

describe('WorkerClock.freeze', () => {
  it('holds the time still until thawed, and any clock command thaws it', () => {
    const { real, clock, start, fired, at } = setup()
    real.advance(100)
    clock.freeze()
    real.advance(50)
    expect(clock.now() - start).toBe(100)
    clock.thaw()
    expect(clock.now() - start).toBe(150)

    at(500, 'next')
    clock.freeze()
    expect(clock.step()).toBe(true) // a step inside a frozen batch still moves time
    expect(fired).toEqual(['next@500'])
    expect(clock.now() - start).toBe(500)
  })
})
