// What a cut link does to a shovel's messages, per ack mode: on-confirm loses nothing (and may duplicate),
// on-publish and no-ack lose what was in flight. Messages published during the cut wait in the source.

import { describe, expect, it } from 'vitest'
import { shovel, TestDesign } from './design-harness.ts'

function withShovel(ackMode: string) {
  const t = new TestDesign().queue('a', 'src').queue('b', 'dst')
  expect(t.parameter('a', 'shovel', 's', shovel('a', 'b', { 'ack-mode': ackMode }))).toBe(201)
  return t.settle()
}

describe('shovel across a cut link', () => {
  for (const mode of ['on-confirm', 'on-publish', 'no-ack']) {
    it(`${mode}: messages published during the cut wait in the source and arrive after reconnect-delay`, () => {
      const t = withShovel(mode)
      t.publish('a', '', 'src', ['1', '2']).settle()
      expect(t.depth('b', 'dst')).toBe(2)
      t.design.links.cut('a', 'b')
      t.publish('a', '', 'src', ['3', '4', '5']).settle(300)
      expect([t.depth('a', 'src'), t.consumers('a', 'src'), t.depth('b', 'dst')]).toEqual([3, 0, 2])
      t.design.links.restore('a', 'b') // the retry is due 1 s after the cut: 700 ms from here
      t.settle(699)
      expect(t.depth('b', 'dst')).toBe(2)
      t.settle(1)
      expect([t.depth('a', 'src'), t.depth('b', 'dst')]).toEqual([0, 5])
    })
  }

  it('keeps retrying every reconnect-delay while the link stays cut', () => {
    const t = withShovel('on-confirm')
    t.design.links.cut('a', 'b')
    t.settle(3500)
    t.publish('a', '', 'src', ['x']).settle()
    expect(t.depth('a', 'src')).toBe(1)
    t.design.links.restore('a', 'b')
    t.settle(1000)
    expect(t.depth('b', 'dst')).toBe(1)
  })
})

describe('shovel with messages in flight when the link is cut', () => {
  const inFlight = (mode: string) => {
    const t = withShovel(mode)
    t.design.links.pause('a', 'b')
    t.publish('a', '', 'src', ['1', '2', '3']).settle(500)
    expect([t.depth('a', 'src'), t.consumers('a', 'src'), t.depth('b', 'dst')]).toEqual([0, 1, 0])
    t.design.links.cut('a', 'b')
    t.design.links.restore('a', 'b')
    t.settle(1000)
    return t
  }

  it('on-confirm: the unacked messages go back to the source and arrive, none lost', () => {
    const t = inFlight('on-confirm')
    expect(t.depth('b', 'dst')).toBe(3)
    expect(t.design.shovels.of('a')[0].shovel?.counts.lost).toBe(0)
  })

  for (const mode of ['on-publish', 'no-ack'])
    it(`${mode}: what was in flight is lost, and counted`, () => {
      const t = inFlight(mode)
      expect([t.depth('a', 'src'), t.depth('b', 'dst')]).toEqual([0, 0])
      expect(t.design.shovels.of('a')[0].shovel?.counts.lost).toBe(3)
    })

  it('on-confirm: a confirm lost on the way back duplicates the message, counted', () => {
    const t = withShovel('on-confirm')
    t.design.links.setLatency('a', 'b', 100)
    t.publish('a', '', 'src', ['1']).settle(150) // published at b at 100 ms; its confirm is due back at 200 ms
    expect(t.depth('b', 'dst')).toBe(1)
    t.design.links.cut('a', 'b')
    expect(t.design.shovels.of('a')[0].shovel?.counts.duplicated).toBe(1)
    t.design.links.restore('a', 'b')
    t.settle(1200)
    expect(t.drain('b', 'dst')).toEqual(['1', '1'])
  })
})

describe('shovel counts across an ack-mode switch made with no virtual time passing', () => {
  const switched = (from: string, to: string) => {
    const t = withShovel(from)
    t.design.links.setLatency('a', 'b', 100)
    t.publish('a', '', 'src', ['1']) // taken by the shovel, on the wire for 100 ms
    expect(t.parameter('a', 'shovel', 's', shovel('a', 'b', { 'ack-mode': to }))).toBe(204)
    return t
  }
  const counts = (t: TestDesign) => t.design.shovels.of('a')[0].shovel?.counts

  it('on-publish to on-confirm: the source had not acked yet, so the message comes back and arrives, none lost', () => {
    const t = switched('on-publish', 'on-confirm').settle(1000)
    expect(t.drain('b', 'dst')).toEqual(['1'])
    expect(counts(t)?.lost).toBe(0)
  })

  it('no-ack to on-confirm: the message taken without an ack dies with the old connection, counted lost', () => {
    const t = switched('no-ack', 'on-confirm').settle(1000)
    expect(t.depth('b', 'dst')).toBe(0)
    expect(counts(t)?.lost).toBe(1)
  })

  it('on-confirm to on-publish, then a cut at once: the source had not acked, so nothing is lost', () => {
    const t = switched('on-confirm', 'on-publish')
    t.design.links.cut('a', 'b')
    t.design.links.restore('a', 'b')
    t.settle(1500)
    expect(t.drain('b', 'dst')).toEqual(['1'])
    expect(counts(t)?.lost).toBe(0)
  })
})
