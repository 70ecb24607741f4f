import { describe, expect, it } from 'vitest'
import { ClockFollower } from '../../app/sim/clock-follower'
import { formatClock, formatOffset, parseSeed } from '../../app/sim/time-format'

describe('time formatting', () => {
  it('shows the clock as local time of day with milliseconds or tenths', () => {
    const at = new Date(2026, 0, 1, 13, 5, 9, 42).getTime()
    expect(formatClock(at)).toBe('13:05:09.042')
    expect(formatClock(at + 900, 1)).toBe('13:05:09.9')
  })

  it('shows offsets within a journey', () => {
    expect(formatOffset(0)).toBe('+0 ms')
    expect(formatOffset(350)).toBe('+350 ms')
    expect(formatOffset(2500)).toBe('+2.500 s')
    expect(formatOffset(65_000)).toBe('+1 min 05.000 s')
  })

  it('reads a seed or says what is wrong with it', () => {
    expect(parseSeed(' 42 ')).toEqual({ seed: 42 })
    expect(parseSeed('4.2')).toHaveProperty('error')
    expect(parseSeed('-1')).toHaveProperty('error')
    expect(parseSeed('4294967296')).toEqual({ error: 'The seed must be at most 4294967295.' })
  })
})

describe('ClockFollower', () => {
  it('runs virtual time at speed times real time between readings, and stands still when paused', () => {
    const f = new ClockFollower()
    expect(f.now(0)).toBeNull()
    f.update({ now: 10_000, paused: false, speed: 10 }, 500)
    expect(f.now(600)).toBe(11_000)
    f.update({ now: 20_000, paused: true, speed: 10 }, 700)
    expect(f.now(5000)).toBe(20_000)
  })
})
