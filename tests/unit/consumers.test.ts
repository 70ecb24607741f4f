import { describe, expect, it } from 'vitest'
import { TestBroker } from './test-broker.ts'

const publishAll = (b: TestBroker, queue: string, bodies: string[]) =>
  bodies.forEach((body) => b.publish('', queue, body))

describe('consumers', () => {
  it('a consumer receives messages already waiting and new ones, with its tag and fresh delivery tags', () => {
    const b = new TestBroker().queue('q')
    b.publish('', 'q', 'before')
    const c = b.consume('q', { consumerTag: 'c1' })
    b.publish('', 'q', 'after')
    expect(c.bodies()).toEqual(['before', 'after'])
    expect(c.deliveries.map((d) => [d.consumerTag, d.deliveryTag, d.redelivered])).toEqual([
      ['c1', 1, false],
      ['c1', 2, false],
    ])
    expect(b.unacked('q')).toBe(2)
  })

  it('a server-generated consumer tag starts with amq.ctag-', () => {
    const b = new TestBroker().queue('q')
    const tag = b.openChannel().consume('q')
    expect(tag).toMatch(/^amq\.ctag-[A-Za-z0-9_-]{22}$/)
  })

  it('reusing a consumer tag on the same channel is refused with 530 and closes the connection', () => {
    const b = new TestBroker().queue('q')
    const channel = b.openChannel()
    channel.consume('q', { consumerTag: 'dup' })
    b.expectError(() => channel.consume('q', { consumerTag: 'dup' }), 530)
    expect(b.connection.closed).toBe(true)
  })

  it('prefetch limits unacked deliveries until acks come', () => {
    const b = new TestBroker().queue('q')
    const c = b.consume('q', { prefetch: 2 })
    publishAll(b, 'q', ['m1', 'm2', 'm3', 'm4', 'm5'])
    expect(c.bodies()).toEqual(['m1', 'm2'])
    expect(b.depth('q')).toBe(3)
    b.ack(c.deliveries[0])
    expect(c.bodies()).toEqual(['m1', 'm2', 'm3'])
    b.ack(c.deliveries[1])
    expect(c.bodies()).toEqual(['m1', 'm2', 'm3', 'm4'])
    expect(b.depth('q')).toBe(1)
  })

  it('round-robins between consumers', () => {
    const b = new TestBroker().queue('q')
    const c1 = b.consume('q', { prefetch: 1 })
    const c2 = b.consume('q', { prefetch: 1 })
    publishAll(b, 'q', ['m1', 'm2', 'm3', 'm4'])
    expect(c1.bodies()).toEqual(['m1'])
    expect(c2.bodies()).toEqual(['m2'])
    b.ack(c1.deliveries[0])
    b.ack(c2.deliveries[0])
    expect(c1.bodies()).toEqual(['m1', 'm3'])
    expect(c2.bodies()).toEqual(['m2', 'm4'])
  })

  it('round-robin without prefetch alternates message by message', () => {
    const b = new TestBroker().queue('q')
    const c1 = b.consume('q')
    const c2 = b.consume('q')
    const c3 = b.consume('q')
    publishAll(b, 'q', ['m1', 'm2', 'm3', 'm4', 'm5', 'm6'])
    expect([c1.bodies(), c2.bodies(), c3.bodies()]).toEqual([
      ['m1', 'm4'],
      ['m2', 'm5'],
      ['m3', 'm6'],
    ])
  })

  it('a noAck consumer ignores prefetch and leaves nothing unacked', () => {
    const b = new TestBroker().queue('q')
    const c = b.consume('q', { prefetch: 1, noAck: true })
    publishAll(b, 'q', ['m1', 'm2', 'm3'])
    expect(c.bodies()).toEqual(['m1', 'm2', 'm3'])
    expect(b.unacked('q')).toBe(0)
  })

  it('a global (channel) prefetch is shared by the consumers of the channel', () => {
    const b = new TestBroker().queue('q1').queue('q2')
    const channel = b.openChannel()
    channel.qos(2, true)
    const c1 = b.consume('q1', { channel })
    const c2 = b.consume('q2', { channel })
    publishAll(b, 'q1', ['a1', 'a2'])
    publishAll(b, 'q2', ['b1', 'b2'])
    expect(c1.bodies()).toEqual(['a1', 'a2'])
    expect(c2.bodies()).toEqual([])
    b.ack(c1.deliveries[0])
    expect(c2.bodies()).toEqual(['b1'])
  })

  it('an exclusive consumer cannot join a queue with consumers, and no consumer can join an exclusive one (403)', () => {
    const b = new TestBroker().queue('q')
    const c1 = b.consume('q')
    b.expectError(() => b.consume('q', { exclusive: true }), 403)
    c1.cancel()
    b.consume('q', { exclusive: true })
    b.expectError(() => b.consume('q'), 403)
    expect(b.consumerCount('q')).toBe(1)
  })

  it('single active consumer: only the first consumer gets messages until it cancels', () => {
    const b = new TestBroker().queue('q', { 'x-single-active-consumer': true })
    const c1 = b.consume('q', { noAck: true })
    const c2 = b.consume('q', { noAck: true })
    publishAll(b, 'q', ['m1', 'm2'])
    expect(c1.bodies()).toEqual(['m1', 'm2'])
    expect(c2.bodies()).toEqual([])
    expect(b.consumerCount('q')).toBe(2)
    c1.cancel()
    b.publish('', 'q', 'm3')
    expect(c2.bodies()).toEqual(['m3'])
  })

  it('single active consumer: the others wait even while the active one is held by prefetch', () => {
    const b = new TestBroker().queue('q', { 'x-single-active-consumer': true })
    const c1 = b.consume('q', { prefetch: 1 })
    const c2 = b.consume('q', { prefetch: 1 })
    publishAll(b, 'q', ['m1', 'm2', 'm3'])
    expect(c1.bodies()).toEqual(['m1'])
    expect(c2.bodies()).toEqual([])
    b.ack(c1.deliveries[0])
    expect(c1.bodies()).toEqual(['m1', 'm2'])
    expect(c2.bodies()).toEqual([])
  })

  it('single active consumer: when the active channel closes, the next consumer takes over with the requeued messages', () => {
    const b = new TestBroker().queue('q', { 'x-single-active-consumer': true })
    const c1 = b.consume('q', { prefetch: 1 })
    const c2 = b.consume('q', { prefetch: 5 })
    publishAll(b, 'q', ['m1', 'm2'])
    c1.channel.close()
    expect(c2.bodies()).toEqual(['m1', 'm2'])
    expect(c2.deliveries.map((d) => d.redelivered)).toEqual([true, false])
  })

  it('consumer priorities: the higher x-priority consumer gets messages while it has capacity', () => {
    const b = new TestBroker().queue('q')
    const low = b.consume('q', { prefetch: 10, arguments: { 'x-priority': 1 } })
    const high = b.consume('q', { prefetch: 2, arguments: { 'x-priority': 10 } })
    publishAll(b, 'q', ['m1', 'm2', 'm3', 'm4'])
    expect(high.bodies()).toEqual(['m1', 'm2'])
    expect(low.bodies()).toEqual(['m3', 'm4'])
    b.ack(high.deliveries[0])
    b.publish('', 'q', 'm5')
    expect(high.bodies()).toEqual(['m1', 'm2', 'm5'])
  })

  it('consumers without x-priority count as priority 0 and a negative priority is lower still', () => {
    const b = new TestBroker().queue('q')
    const negative = b.consume('q', { arguments: { 'x-priority': -5 } })
    const plain = b.consume('q')
    publishAll(b, 'q', ['m1', 'm2'])
    expect(plain.bodies()).toEqual(['m1', 'm2'])
    expect(negative.bodies()).toEqual([])
  })

  it('a non-integer x-priority is refused with 406', () => {
    const b = new TestBroker().queue('q')
    b.expectError(() => b.consume('q', { arguments: { 'x-priority': 'high' } }), 406)
  })

  it('basic.cancel keeps unacked deliveries unacked; they can still be acked', () => {
    const b = new TestBroker().queue('q')
    const c = b.consume('q', { prefetch: 1 })
    publishAll(b, 'q', ['m1', 'm2'])
    c.cancel()
    expect(b.consumerCount('q')).toBe(0)
    expect(b.unacked('q')).toBe(1)
    expect(b.depth('q')).toBe(1)
    b.ack(c.deliveries[0])
    expect(b.unacked('q')).toBe(0)
    expect(c.bodies()).toEqual(['m1'])
    expect(b.get('q', true)!.body).toBe('m2')
  })

  it('basic.qos applies to consumers created afterwards, not to existing ones', () => {
    const b = new TestBroker().queue('q')
    const channel = b.openChannel()
    const c1 = b.consume('q', { channel, prefetch: 1 })
    channel.qos(5)
    publishAll(b, 'q', ['m1', 'm2', 'm3'])
    expect(c1.bodies()).toEqual(['m1'])
    const c2 = b.consume('q', { channel })
    expect(c2.bodies()).toEqual(['m2', 'm3'])
  })

  it('queue.declare reports ready messages (not unacked ones) and consumers', () => {
    const b = new TestBroker().queue('q')
    publishAll(b, 'q', ['m1', 'm2', 'm3'])
    b.consume('q', { prefetch: 1 })
    expect(b.channel.queueDeclare({ queue: 'q', passive: true })).toEqual({
      queue: 'q',
      messageCount: 2,
      consumerCount: 1,
    })
    expect(b.channel.queueDeclare({ queue: 'q' })).toEqual({ queue: 'q', messageCount: 2, consumerCount: 1 })
  })

  it('unacked deliveries of a cancelled consumer are requeued when its channel closes', () => {
    const b = new TestBroker().queue('q')
    const c = b.consume('q', { prefetch: 1 })
    publishAll(b, 'q', ['m1', 'm2'])
    c.cancel()
    c.channel.close()
    expect(b.unacked('q')).toBe(0)
    expect(b.get('q', true)).toMatchObject({ body: 'm1', redelivered: true })
  })

  it('closing a channel requeues its unacked messages in their original order, marked redelivered', () => {
    const b = new TestBroker().queue('q')
    const c1 = b.consume('q', { prefetch: 2 })
    const c2 = b.consume('q', { prefetch: 2 })
    publishAll(b, 'q', ['m1', 'm2', 'm3', 'm4'])
    expect(c1.bodies()).toEqual(['m1', 'm3'])
    c2.channel.close()
    expect(c1.bodies()).toEqual(['m1', 'm3'])
    c1.channel.close()
    expect(b.depth('q')).toBe(4)
    const got = ['m1', 'm2', 'm3', 'm4'].map(() => b.get('q', true)!)
    expect(got.map((d) => d.body)).toEqual(['m1', 'm2', 'm3', 'm4'])
    expect(got.every((d) => d.redelivered)).toBe(true)
  })

  it('closing a channel puts requeued messages ahead of messages never delivered', () => {
    const b = new TestBroker().queue('q')
    const c = b.consume('q', { prefetch: 2 })
    publishAll(b, 'q', ['m1', 'm2', 'm3', 'm4'])
    c.channel.close()
    expect(b.drain('q')).toEqual(['m1', 'm2', 'm3', 'm4'])
  })

  it('an auto-delete queue is deleted with its messages when its last consumer goes, not before', () => {
    const b = new TestBroker().queue('q', {}, { autoDelete: true })
    const c1 = b.consume('q')
    const c2 = b.consume('q', { prefetch: 1 })
    publishAll(b, 'q', ['m1', 'm2', 'm3'])
    c1.cancel()
    expect(b.exists('q')).toBe(true)
    expect(b.consumerCount('q')).toBe(1)
    c2.channel.close()
    expect(b.exists('q')).toBe(false)
    expect(b.eventsOf('queueDeleted')).toMatchObject([{ name: 'q', reason: 'auto-delete' }])
  })

  it('an auto-delete queue that never had a consumer stays', () => {
    const b = new TestBroker().queue('q', {}, { autoDelete: true })
    b.publish('', 'q', 'm')
    b.clock.advance(60_000)
    expect(b.exists('q')).toBe(true)
  })

  it('deleting a queue cancels its consumers and tells them', () => {
    const b = new TestBroker().queue('q')
    publishAll(b, 'q', ['m1', 'm2'])
    const c = b.consume('q', { prefetch: 1 })
    b.expectError(() => b.channel.queueDelete('q', { ifUnused: true }), 406)
    expect(b.channel.queueDelete('q')).toBe(1)
    expect(c.cancelledByBroker).toBe(true)
    expect(c.channel.consumers.size).toBe(0)
    expect(b.eventsOf('consumerRemoved')).toMatchObject([{ consumerTag: c.tag, byBroker: true }])
    expect(b.channel.queueDelete('q')).toBe(0)
    b.expectError(() => b.channel.queuePurge('q'), 404)
  })

  it('acking a message of a deleted queue is fine', () => {
    const b = new TestBroker().queue('q')
    b.publish('', 'q', 'm')
    const c = b.consume('q')
    b.channel.queueDelete('q')
    b.ack(c.deliveries[0])
    expect(c.channel.closed).toBe(false)
  })

  it('consuming from a missing queue is 404', () => {
    const b = new TestBroker()
    b.expectError(() => b.consume('nosuch'), 404)
  })
})
