import { describe, expect, it } from 'vitest'
import { TestBroker } from './test-broker.ts'

describe('message TTL', () => {
  it('x-message-ttl removes a message once its TTL has passed, not before', () => {
    const b = new TestBroker().queue('q', { 'x-message-ttl': 1000 })
    b.publish('', 'q', 'm')
    b.clock.advance(999)
    expect(b.depth('q')).toBe(1)
    b.clock.advance(1)
    expect(b.depth('q')).toBe(0)
    expect(b.get('q')).toBeNull()
    expect(b.eventsOf('expired')).toHaveLength(1)
    expect(b.eventsOf('dropped')).toMatchObject([{ queue: 'q', reason: 'expired' }])
  })

  it('the TTL runs from when the message entered the queue', () => {
    const b = new TestBroker().queue('q', { 'x-message-ttl': 1000 })
    b.publish('', 'q', 'early')
    b.clock.advance(600)
    b.publish('', 'q', 'late')
    b.clock.advance(400)
    expect(b.drain('q')).toEqual(['late'])
  })

  it('a per-message expiration expires that message only', () => {
    const b = new TestBroker().queue('q')
    b.publish('', 'q', 'short', { expiration: '500' })
    b.publish('', 'q', 'forever')
    b.clock.advance(500)
    expect(b.drain('q')).toEqual(['forever'])
  })

  it('expiration "0" is discarded at once when no consumer can take it', () => {
    const b = new TestBroker().queue('q')
    expect(b.publish('', 'q', 'zero', { expiration: '0' }).confirm).toBe('ack')
    expect(b.get('q')).toBeNull()
    expect(b.depth('q')).toBe(0)
  })

  it('expiration "0" and x-message-ttl 0 still reach a consumer that can take the message now', () => {
    const b = new TestBroker().queue('q1', { 'x-message-ttl': 0 }).queue('q2')
    const c1 = b.consume('q1', { prefetch: 1 })
    b.publish('', 'q1', 'm1')
    b.publish('', 'q1', 'm2')
    expect(c1.bodies()).toEqual(['m1'])
    expect(b.depth('q1')).toBe(0)
    const c2 = b.consume('q2', { noAck: true })
    b.publish('', 'q2', 'zero', { expiration: '0' })
    expect(c2.bodies()).toEqual(['zero'])
    expect(c2.deliveries[0].properties.expiration).toBe('0')
  })

  it('x-message-ttl 0 drops a message no consumer can take', () => {
    const b = new TestBroker().queue('q', { 'x-message-ttl': 0 })
    b.publish('', 'q', 'm')
    expect(b.depth('q')).toBe(0)
    expect(b.get('q')).toBeNull()
  })

  it('only the head expires: a short-TTL message behind a long one waits and is still counted', () => {
    const b = new TestBroker().queue('q')
    b.publish('', 'q', 'long', { expiration: '60000' })
    b.publish('', 'q', 'short', { expiration: '100' })
    b.clock.advance(300)
    expect(b.depth('q')).toBe(2)
    const got = b.get('q', true)!
    expect(got.body).toBe('long')
    expect(got.messageCount).toBe(0)
    expect(b.depth('q')).toBe(0)
    expect(b.get('q', true)).toBeNull()
  })

  it('a consumer never receives the expired message that waited behind the head', () => {
    const b = new TestBroker().queue('q')
    b.publish('', 'q', 'long', { expiration: '60000' })
    b.publish('', 'q', 'short', { expiration: '100' })
    b.publish('', 'q', 'plain')
    b.clock.advance(300)
    const c = b.consume('q', { noAck: true })
    expect(c.bodies()).toEqual(['long', 'plain'])
  })

  it('the lower of x-message-ttl and expiration wins', () => {
    const b = new TestBroker().queue('q', { 'x-message-ttl': 1500 })
    b.publish('', 'q', 'short-exp', { expiration: '200' })
    b.publish('', 'q', 'long-exp', { expiration: '60000' })
    b.clock.advance(400)
    expect(b.depth('q')).toBe(1)
    b.clock.advance(1100)
    expect(b.depth('q')).toBe(0)
  })

  it('an expired message is dead-lettered with reason expired, its expiration moved to original-expiration', () => {
    const b = new TestBroker().exchange('dlx', 'fanout').queue('dlq').bind('dlx', 'dlq')
    b.queue('q', { 'x-dead-letter-exchange': 'dlx' })
    b.publish('', 'q', 'm', { expiration: '1000' })
    b.clock.advance(1000)
    const got = b.get('dlq', true)!
    expect(got).toMatchObject({ body: 'm', exchange: 'dlx', routingKey: 'q' })
    expect(got.properties.expiration).toBeUndefined()
    expect(got.properties.headers).toMatchObject({
      'x-death': [
        { count: 1, reason: 'expired', queue: 'q', exchange: '', 'routing-keys': ['q'], 'original-expiration': '1000' },
      ],
      'x-first-death-reason': 'expired',
      'x-first-death-queue': 'q',
      'x-first-death-exchange': '',
    })
    expect(b.eventsOf('deadLettered')).toMatchObject([{ queue: 'q', reason: 'expired', exchange: 'dlx' }])
  })

  it('a queue TTL alone leaves no original-expiration in x-death', () => {
    const b = new TestBroker().exchange('dlx', 'fanout').queue('dlq').bind('dlx', 'dlq')
    b.queue('q', { 'x-message-ttl': 100, 'x-dead-letter-exchange': 'dlx' })
    b.publish('', 'q', 'm')
    b.clock.advance(100)
    const death = (b.get('dlq', true)!.properties.headers!['x-death'] as Record<string, unknown>[])[0]
    expect(death.reason).toBe('expired')
    expect(death).not.toHaveProperty('original-expiration')
  })

  it('an unacked message does not expire; requeued after its TTL it is dead-lettered as expired', () => {
    const b = new TestBroker().exchange('dlx', 'fanout').queue('dlq').bind('dlx', 'dlq')
    b.queue('q', { 'x-message-ttl': 200, 'x-dead-letter-exchange': 'dlx' })
    b.publish('', 'q', 'm')
    const got = b.get('q')!
    b.clock.advance(400)
    expect(b.unacked('q')).toBe(1)
    expect(b.depth('dlq')).toBe(0)
    b.nack(got, { requeue: true })
    expect(b.depth('q')).toBe(0)
    expect(b.get('dlq', true)!.properties.headers!['x-first-death-reason']).toBe('expired')
  })

  it('an unacked message can be acked after its TTL has passed', () => {
    const b = new TestBroker().queue('q', { 'x-message-ttl': 100 })
    b.publish('', 'q', 'm')
    const c = b.consume('q')
    b.clock.advance(1000)
    b.ack(c.deliveries[0])
    expect(b.unacked('q')).toBe(0)
    expect(b.eventsOf('expired')).toHaveLength(0)
  })

  it('a requeued message keeps its original expiry time', () => {
    const b = new TestBroker().queue('q', { 'x-message-ttl': 1000 })
    b.publish('', 'q', 'm')
    b.clock.advance(500)
    b.nack(b.get('q')!, { requeue: true })
    b.clock.advance(499)
    expect(b.depth('q')).toBe(1)
    b.clock.advance(1)
    expect(b.depth('q')).toBe(0)
  })

  it('invalid expiration values fail the publish with 406', () => {
    const b = new TestBroker().queue('q')
    b.expectError(() => b.publish('', 'q', 'm', { expiration: 'abc' }), 406)
    b.expectError(() => b.publish('', 'q', 'm', { expiration: '-1' }), 406)
    b.expectError(() => b.publish('', 'q', 'm', { expiration: '10s' }), 406)
    expect(b.depth('q')).toBe(0)
  })

  it('messages expiring while a consumer is blocked by prefetch never reach it', () => {
    const b = new TestBroker().queue('q', { 'x-message-ttl': 1000 })
    const c = b.consume('q', { prefetch: 1 })
    b.publish('', 'q', 'm1')
    b.publish('', 'q', 'm2')
    b.clock.advance(1000)
    b.ack(c.deliveries[0])
    expect(c.bodies()).toEqual(['m1'])
    expect(b.depth('q')).toBe(0)
  })
})

describe('queue expiry (x-expires)', () => {
  it('deletes a queue that stays unused for x-expires ms, with its messages', () => {
    const b = new TestBroker().queue('q', { 'x-expires': 1000 })
    b.publish('', 'q', 'm')
    b.clock.advance(999)
    expect(b.exists('q')).toBe(true)
    b.clock.advance(1)
    expect(b.exists('q')).toBe(false)
    expect(b.eventsOf('queueDeleted')).toMatchObject([{ name: 'q', reason: 'expired', messages: 1 }])
    b.expectError(() => b.channel.queueDeclare({ queue: 'q', passive: true }), 404)
  })

  it('basic.get renews the lease; publishing does not', () => {
    const b = new TestBroker().queue('qget', { 'x-expires': 1000 }).queue('qpub', { 'x-expires': 1000 })
    b.clock.advance(600)
    expect(b.get('qget')).toBeNull()
    b.publish('', 'qpub', 'm')
    b.clock.advance(600)
    expect(b.exists('qget')).toBe(true)
    expect(b.exists('qpub')).toBe(false)
    b.clock.advance(400)
    expect(b.exists('qget')).toBe(false)
  })

  it('redeclaring renews the lease, passive or not', () => {
    const b = new TestBroker().queue('q', { 'x-expires': 1000 })
    b.clock.advance(800)
    b.queue('q', { 'x-expires': 1000 })
    b.clock.advance(800)
    b.channel.queueDeclare({ queue: 'q', passive: true })
    b.clock.advance(800)
    expect(b.exists('q')).toBe(true)
    b.clock.advance(200)
    expect(b.exists('q')).toBe(false)
  })

  it('a queue with a consumer does not expire; the lease starts when the consumer cancels', () => {
    const b = new TestBroker().queue('q', { 'x-expires': 300 })
    const c = b.consume('q')
    b.clock.advance(600)
    expect(b.consumerCount('q')).toBe(1)
    c.cancel()
    b.clock.advance(299)
    expect(b.exists('q')).toBe(true)
    b.clock.advance(1)
    expect(b.exists('q')).toBe(false)
  })
})
