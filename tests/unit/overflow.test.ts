import { describe, expect, it } from 'vitest'
import { TestBroker } from './test-broker.ts'

describe('queue length limits', () => {
  it('drop-head (the default) drops the oldest messages to make room', () => {
    const b = new TestBroker().queue('q', { 'x-max-length': 2 })
    for (const body of ['m1', 'm2', 'm3', 'm4']) expect(b.publish('', 'q', body).confirm).toBe('ack')
    expect(b.drain('q')).toEqual(['m3', 'm4'])
    expect(b.eventsOf('dropped')).toMatchObject([{ reason: 'maxlen' }, { reason: 'maxlen' }])
  })

  it('drop-head dead-letters the dropped messages with reason maxlen', () => {
    const b = new TestBroker().exchange('dlx', 'fanout').queue('dlq').bind('dlx', 'dlq')
    b.queue('q', { 'x-max-length': 1, 'x-dead-letter-exchange': 'dlx' })
    b.publish('', 'q', 'm1')
    b.publish('', 'q', 'm2')
    expect(b.drain('q')).toEqual(['m2'])
    const dead = b.get('dlq', true)!
    expect(dead.body).toBe('m1')
    expect(dead.properties.headers).toMatchObject({
      'x-death': [{ count: 1, reason: 'maxlen', queue: 'q' }],
      'x-first-death-reason': 'maxlen',
    })
  })

  it('x-max-length 0 keeps nothing with drop-head and refuses everything with reject-publish', () => {
    const b = new TestBroker()
      .queue('q1', { 'x-max-length': 0 })
      .queue('q2', { 'x-max-length': 0, 'x-overflow': 'reject-publish' })
    expect(b.publish('', 'q1', 'a').confirm).toBe('ack')
    expect(b.publish('', 'q2', 'b').confirm).toBe('nack')
    expect([b.depth('q1'), b.depth('q2')]).toEqual([0, 0])
  })

  it('reject-publish nacks the overflowing publish and keeps the queue as it was', () => {
    const b = new TestBroker().queue('q', { 'x-max-length': 2, 'x-overflow': 'reject-publish' })
    const confirms = ['m1', 'm2', 'm3'].map((body) => b.publish('', 'q', body).confirm)
    expect(confirms).toEqual(['ack', 'ack', 'nack'])
    expect(b.eventsOf('rejectedByQueue')).toMatchObject([{ queue: 'q', overflow: 'reject-publish' }])
    b.get('q', true)
    expect(b.publish('', 'q', 'm4').confirm).toBe('ack')
    expect(b.drain('q')).toEqual(['m2', 'm4'])
  })

  it('reject-publish: a message routed to two queues is nacked when one of them refuses it, and the other keeps it', () => {
    const b = new TestBroker()
      .exchange('f', 'fanout')
      .queue('full', { 'x-max-length': 0, 'x-overflow': 'reject-publish' })
      .queue('open')
    b.bind('f', 'full').bind('f', 'open')
    const outcome = b.publish('f', '', 'm')
    expect(outcome).toMatchObject({ confirm: 'nack', queues: 1, returned: false })
    expect([b.depth('full'), b.depth('open')]).toEqual([0, 1])
  })

  it('reject-publish-dlx nacks the overflowing publish and dead-letters it with reason maxlen', () => {
    const b = new TestBroker().exchange('dlx', 'fanout').queue('dlq').bind('dlx', 'dlq')
    b.queue('q', { 'x-max-length': 1, 'x-overflow': 'reject-publish-dlx', 'x-dead-letter-exchange': 'dlx' })
    expect(b.publish('', 'q', 'm1').confirm).toBe('ack')
    expect(b.publish('', 'q', 'm2').confirm).toBe('nack')
    expect(b.drain('q')).toEqual(['m1'])
    const dead = b.get('dlq', true)!
    expect(dead).toMatchObject({ body: 'm2', exchange: 'dlx', routingKey: 'q' })
    expect(dead.properties.headers).toMatchObject({
      'x-death': [{ count: 1, reason: 'maxlen', queue: 'q', exchange: '', 'routing-keys': ['q'] }],
    })
  })

  it('x-max-length-bytes counts UTF-8 bytes of the bodies', () => {
    const b = new TestBroker().queue('q', { 'x-max-length-bytes': 4 })
    b.publish('', 'q', 'éé') // 2 characters, 4 bytes
    b.publish('', 'q', 'a') // 5 bytes in all: the head goes
    expect(b.drain('q')).toEqual(['a'])
  })

  it('x-max-length-bytes with reject-publish: a body that would exceed the limit is nacked, an empty body still fits', () => {
    const b = new TestBroker().queue('q', { 'x-max-length-bytes': 5, 'x-overflow': 'reject-publish' })
    const confirms = ['abc', 'de', 'f', ''].map((body) => b.publish('', 'q', body).confirm)
    expect(confirms).toEqual(['ack', 'ack', 'nack', 'ack'])
    expect(b.depth('q')).toBe(3)
  })

  it('byte limits count bytes of binary bodies too', () => {
    const b = new TestBroker().queue('q', { 'x-max-length-bytes': 3, 'x-overflow': 'reject-publish' })
    expect(b.publish('', 'q', new Uint8Array([1, 2, 3])).confirm).toBe('ack')
    expect(b.publish('', 'q', new Uint8Array([4])).confirm).toBe('nack')
  })

  it('unacked messages are not counted and not dropped', () => {
    const b = new TestBroker().queue('q', { 'x-max-length': 2 })
    const c = b.consume('q', { prefetch: 1 })
    for (const body of ['m1', 'm2', 'm3', 'm4']) b.publish('', 'q', body)
    expect(c.bodies()).toEqual(['m1'])
    expect(b.depth('q')).toBe(2)
    expect(b.unacked('q')).toBe(1)
    b.ack(c.deliveries[0])
    expect(c.bodies()).toEqual(['m1', 'm3'])
    expect(b.depth('q')).toBe(1)
  })

  it('unacked messages do not count against reject-publish either', () => {
    const b = new TestBroker().queue('q', { 'x-max-length': 1, 'x-overflow': 'reject-publish' })
    b.publish('', 'q', 'm1')
    b.get('q')
    expect(b.publish('', 'q', 'm2').confirm).toBe('ack')
    expect(b.publish('', 'q', 'm3').confirm).toBe('nack')
  })

  it('drop-head on a priority queue drops the head, i.e. the highest-priority message', () => {
    const b = new TestBroker().queue('q', { 'x-max-priority': 10, 'x-max-length': 2 })
    b.publish('', 'q', 'high', { priority: 9 })
    b.publish('', 'q', 'low', { priority: 1 })
    b.publish('', 'q', 'mid', { priority: 5 })
    expect(b.drain('q')).toEqual(['mid', 'low'])
  })

  it('quorum queue drop-head dead-letters the oldest message with reason maxlen', () => {
    const b = new TestBroker().exchange('dlx', 'fanout').queue('dlq').bind('dlx', 'dlq')
    b.quorum('qq', { 'x-max-length': 1, 'x-dead-letter-exchange': 'dlx' })
    b.publish('', 'qq', 'm1')
    b.publish('', 'qq', 'm2')
    expect(b.get('dlq', true)!.body).toBe('m1')
    expect(b.drain('qq')).toEqual(['m2'])
  })

  it('quorum queue reject-publish accepts one message over the limit before nacking', () => {
    const b = new TestBroker().quorum('qq', { 'x-max-length': 2, 'x-overflow': 'reject-publish' })
    const confirms = ['m1', 'm2', 'm3', 'm4', 'm5'].map((body) => b.publish('', 'qq', body).confirm)
    expect(confirms).toEqual(['ack', 'ack', 'ack', 'nack', 'nack'])
    expect(b.depth('qq')).toBe(3)
  })
})
