// Sampling: a bounded number of dots per edge and in all, every message counted for the true rate.

import { describe, expect, it } from 'vitest'
import { Sampler } from '../../app/store/flights.ts'

describe('dot sampling', () => {
  it('draws at most the per-edge limit, counts the rest as hidden, and frees a place when a dot ends', () => {
    const s = new Sampler(20, 1000)
    let drawn = 0
    for (let i = 0; i < 100; i++) if (s.admit('e1', true)) drawn++
    expect(drawn).toBe(20)
    s.release('e1')
    expect(s.admit('e1', true)).toBe(true)
    expect(s.admit('e1', true)).toBe(false)
    const f = s.tick().get('e1')!
    expect(f.rate).toBe(102)
    expect(f.hidden).toBe(81)
    expect(f.total).toBe(102)
  })

  it('keeps the whole canvas under the overall limit', () => {
    const s = new Sampler(20, 30)
    let drawn = 0
    for (let e = 0; e < 10; e++) for (let i = 0; i < 10; i++) if (s.admit(`e${e}`, true)) drawn++
    expect(drawn).toBe(30)
    expect(s.shown).toBe(30)
  })

  it('counts without drawing when motion is off, and the rate is the last second (four quarters)', () => {
    const s = new Sampler()
    for (let q = 0; q < 6; q++) {
      for (let i = 0; i < 25; i++) expect(s.admit('e', false)).toBe(false)
      s.tick()
    }
    expect(s.figures('e')).toEqual({ rate: 100, hidden: 75, total: 150 })
    s.tick()
    expect(s.figures('e')?.rate).toBe(75)
  })
})

describe('dot sampling across edges', () => {
  it('shares the overall budget between busy edges', () => {
    const s = new Sampler(20, 40)
    for (let e = 0; e < 10; e++) s.admit(`e${e}`, false) // ten busy edges
    s.tick()
    let drawn = 0
    for (let i = 0; i < 50; i++) if (s.admit('e0', true)) drawn++
    expect(drawn).toBe(4) // 40 dots / 10 edges
    expect(s.admit('e1', true)).toBe(true)
  })
})
