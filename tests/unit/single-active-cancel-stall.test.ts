// classicSingleActiveCancelStalls: on 3.10 the active consumer of a classic single-active-consumer queue that cancels
// holding unacked messages leaves the queue without an active consumer (recorded from 3.10.8, 4.0.5 and 4.3.6:
// single-active-classic-cancel-then-ack, -cancel-then-publish, -cancel-then-new-consumer).

import { describe, expect, it } from 'vitest'
import { PROFILES, type BrokerVersion } from '../../engine/profile.ts'
import { versionChanges } from '../../engine/version-changes.ts'
import { changeText } from '../../app/versions/words.ts'
import { TestBroker, text } from './test-broker.ts'

/** c1 (active) holds m1 and m2 and cancels; c2 waits behind it; m3 is ready. */
function cancelWhileHolding(version: BrokerVersion) {
  const b = new TestBroker({ version }).queue('q', { 'x-single-active-consumer': true })
  const c1 = b.consume('q', { prefetch: 2 })
  const c2 = b.consume('q', { prefetch: 2 })
  for (const body of ['m1', 'm2', 'm3']) b.publish('', 'q', body)
  c1.cancel()
  return { b, c1, c2 }
}

describe('classicSingleActiveCancelStalls', () => {
  it('3.10: nobody takes over, even once the cancelled consumer acks', () => {
    const { b, c1, c2 } = cancelWhileHolding('3.10')
    b.ack(c1.deliveries[0])
    b.ack(c1.deliveries[1])
    expect(c2.bodies()).toEqual([])
    expect(b.depth('q')).toBe(1)
    expect(b.consumerCount('q')).toBe(1)
  })

  it('3.10: a new subscriber wakes the hand-over, and the first waiting consumer takes over', () => {
    const { b, c2 } = cancelWhileHolding('3.10')
    const c3 = b.consume('q', { prefetch: 2 })
    expect(c2.bodies()).toEqual(['m3'])
    expect(c3.bodies()).toEqual([])
  })

  it("3.10: the cancelled consumer's channel closing wakes it, and its messages go to the next consumer first", () => {
    const { b, c1, c2 } = cancelWhileHolding('3.10')
    c1.channel.close()
    expect(c2.bodies()).toEqual(['m1', 'm2'])
    expect(b.depth('q')).toBe(1)
  })

  it('3.10: basic.get still takes the ready messages', () => {
    const { b, c2 } = cancelWhileHolding('3.10')
    expect(b.drain('q')).toEqual(['m3'])
    expect(c2.bodies()).toEqual([])
  })

  it('3.10: a publish meanwhile crashes the queue: its consumers are cancelled and its messages lost', () => {
    const { b, c2 } = cancelWhileHolding('3.10')
    b.publish('', 'q', 'm4')
    expect(c2.cancelledByBroker).toBe(true)
    expect(c2.bodies()).toEqual([])
    expect(b.depth('q')).toBe(0)
    expect(b.consumerCount('q')).toBe(0)
    expect(b.exists('q')).toBe(true)
  })

  it('3.10: a durable queue comes back from the crash with its persistent messages, and refuses the publish', () => {
    const b = new TestBroker({ version: '3.10' }).queue('q', { 'x-single-active-consumer': true }, { durable: true })
    const c1 = b.consume('q', { prefetch: 2 })
    const c2 = b.consume('q', { prefetch: 2 })
    for (const body of ['m1', 'm2', 'm3']) b.publish('', 'q', body, { deliveryMode: 2 })
    c1.cancel()
    expect(b.publish('', 'q', 'm4', { deliveryMode: 2 }).confirm).toBe('nack')
    expect(c2.cancelledByBroker).toBe(true)
    b.ack(c1.deliveries[0])
    const again = [b.get('q', true)!, b.get('q', true)!, b.get('q', true)!]
    expect(again.map((m) => [text(m.body), m.redelivered])).toEqual([
      ['m1', true],
      ['m2', true],
      ['m3', false],
    ])
  })

  it.each(['4.0', '4.3'] as const)('%s: the next consumer takes over at once', (version) => {
    const { b, c2 } = cancelWhileHolding(version)
    expect(c2.bodies()).toEqual(['m3'])
    b.publish('', 'q', 'm4')
    expect(c2.bodies()).toEqual(['m3', 'm4'])
  })

  it('3.10: a cancel holding nothing hands over as usual', () => {
    const b = new TestBroker({ version: '3.10' }).queue('q', { 'x-single-active-consumer': true })
    const c1 = b.consume('q', { noAck: true })
    const c2 = b.consume('q', { noAck: true })
    b.publish('', 'q', 'm1')
    c1.cancel()
    b.publish('', 'q', 'm2')
    expect(c2.bodies()).toEqual(['m2'])
  })
  it('is listed when a design with such a queue switches, in English and French', () => {
    const b = new TestBroker({ version: '4.3' })
      .queue('sac', { 'x-single-active-consumer': true }, { durable: true })
      .queue('plain', {}, { durable: true })
    const changes = versionChanges(b.broker, PROFILES['3.10']).filter(
      (c) => c.behaviour === 'classicSingleActiveCancelStalls',
    )
    expect(changes.map((c) => c.entity.name)).toEqual(['sac'])
    expect(changes[0].message).toContain('crashes the queue')
    expect(changeText(changes[0], 'fr')).toContain('fait planter la file')
    const back = new TestBroker({ version: '3.10' }).queue(
      'sac',
      { 'x-single-active-consumer': true },
      { durable: true },
    )
    expect(versionChanges(back.broker, PROFILES['4.0']).map((c) => c.behaviour)).toContain(
      'classicSingleActiveCancelStalls',
    )
  })
})
