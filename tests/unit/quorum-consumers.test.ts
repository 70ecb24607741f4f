// Consumers of quorum queues, the same on every version (recorded on 3.10.8, 4.0.5 and 4.3.6:
// tests/conformance/*/recorded/exclusive-consume-quorum-*, consumer-count-quorum-*).

import { describe, expect, it } from 'vitest'
import { BROKER_VERSIONS } from '../../engine/profile.ts'
import { TestBroker } from './test-broker.ts'

describe.each(BROKER_VERSIONS)('quorum queue consumers on %s', (version) => {
  it('ignore exclusive consume: others join an exclusive consumer, and an exclusive one joins others', () => {
    const b = new TestBroker({ version }).quorum('q')
    b.consume('q', { exclusive: true })
    b.consume('q')
    b.consume('q', { exclusive: true })
    expect(b.consumerCount('q')).toBe(3)
  })

  it('count each unsettled basic.get as a consumer until it is settled', () => {
    const b = new TestBroker({ version }).quorum('q')
    for (const body of ['m1', 'm2', 'm3']) b.publish('', 'q', body)
    const first = b.get('q')!
    const second = b.get('q')!
    expect(b.consumerCount('q')).toBe(2)
    b.ack(first)
    expect(b.consumerCount('q')).toBe(1)
    b.nack(second)
    expect(b.consumerCount('q')).toBe(0)
    b.get('q', true)
    expect(b.consumerCount('q')).toBe(0)
  })

  it('count a cancelled consumer while it holds unacked messages, and not after its channel closes', () => {
    const b = new TestBroker({ version }).quorum('q')
    for (const body of ['m1', 'm2', 'm3']) b.publish('', 'q', body)
    const c = b.consume('q', { prefetch: 2 })
    c.cancel()
    expect(b.consumerCount('q')).toBe(1)
    b.ack(c.deliveries[0])
    expect(b.consumerCount('q')).toBe(1)
    c.channel.close()
    expect(b.consumerCount('q')).toBe(0)
  })

  it('with single active consumer: the active one, plus a cancelled one still holding messages', () => {
    const b = new TestBroker({ version }).quorum('q', { 'x-single-active-consumer': true })
    const c1 = b.consume('q', { prefetch: 2 })
    b.consume('q', { prefetch: 2 })
    b.consume('q', { prefetch: 2 })
    expect(b.consumerCount('q')).toBe(1)
    b.publish('', 'q', 'm1')
    c1.cancel()
    expect(b.consumerCount('q')).toBe(2)
  })

  it('with single active consumer refuse basic.get (405), with consumers or without', () => {
    const b = new TestBroker({ version }).quorum('q', { 'x-single-active-consumer': true })
    b.publish('', 'q', 'm1')
    b.expectError(() => b.get('q', true), 405)
    b.consume('q', { prefetch: 1 })
    b.expectError(() => b.get('q', true), 405)
    const classic = new TestBroker({ version }).queue('c', { 'x-single-active-consumer': true }, { durable: true })
    classic.publish('', 'c', 'm1')
    expect(classic.drain('c')).toEqual(['m1'])
  })

  it('a classic queue counts only its subscribed consumers', () => {
    const b = new TestBroker({ version }).queue('q')
    b.publish('', 'q', 'm1')
    b.get('q')
    expect(b.consumerCount('q')).toBe(0)
  })

  it('a classic queue still refuses them (403)', () => {
    const b = new TestBroker({ version }).queue('q')
    b.consume('q', { exclusive: true })
    b.expectError(() => b.consume('q'), 403)
  })
})
