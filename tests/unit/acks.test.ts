import { describe, expect, it } from 'vitest'
import { TestBroker } from './test-broker.ts'

/** A queue "q" holding `bodies`, all fetched with basic.get (unacked) on the main channel. */
function fetched(bodies: string[], queueArgs = {}) {
  const b = new TestBroker().queue('q', queueArgs)
  for (const body of bodies) b.publish('', 'q', body)
  const got = bodies.map(() => b.get('q')!)
  return { b, got }
}

describe('acknowledgements', () => {
  it('basic.ack settles one message', () => {
    const { b, got } = fetched(['m1', 'm2'])
    b.ack(got[1])
    expect(b.unacked('q')).toBe(1)
    expect(b.channel.unackedCount).toBe(1)
  })

  it('ack multiple settles every tag up to the given one; nack multiple requeues the rest in order', () => {
    const { b, got } = fetched(['m1', 'm2', 'm3', 'm4'])
    b.ack(got[1], true)
    expect(b.unacked('q')).toBe(2)
    b.nack(got[3], { multiple: true, requeue: true })
    expect(b.depth('q')).toBe(2)
    const again = [b.get('q', true)!, b.get('q', true)!]
    expect(again.map((d) => [d.body, d.redelivered])).toEqual([
      ['m3', true],
      ['m4', true],
    ])
  })

  it('ack with tag 0 and multiple settles everything outstanding', () => {
    const { b } = fetched(['m1', 'm2', 'm3'])
    b.ack(0, true)
    expect(b.unacked('q')).toBe(0)
    expect(b.eventsOf('acked')).toHaveLength(3)
  })

  it('nack multiple with requeue=false drops (or dead-letters) every message up to the tag', () => {
    const { b, got } = fetched(['m1', 'm2', 'm3'])
    b.nack(got[1], { multiple: true, requeue: false })
    expect(b.unacked('q')).toBe(1)
    expect(b.depth('q')).toBe(0)
    expect(b.eventsOf('dropped')).toMatchObject([{ reason: 'rejected' }, { reason: 'rejected' }])
  })

  it('reject settles exactly one message', () => {
    const { b, got } = fetched(['m1', 'm2'])
    b.reject(got[1], true)
    expect(b.unacked('q')).toBe(1)
    expect(b.get('q', true)).toMatchObject({ body: 'm2', redelivered: true })
  })

  it('requeue defaults to true and marks the message redelivered', () => {
    const { b, got } = fetched(['m1'])
    b.nack(got[0])
    expect(b.get('q')).toMatchObject({ body: 'm1', redelivered: true })
  })

  it('an unknown delivery tag is 406 and closes the channel, requeueing its unacked messages', () => {
    const { b, got } = fetched(['m1', 'm2'])
    const channel = b.channel
    b.expectError(() => channel.ack(99), 406)
    expect(channel.closed).toBe(true)
    expect(channel.closeReason).toMatchObject({ code: 406, text: 'PRECONDITION_FAILED' })
    expect(b.depth('q')).toBe(2)
    expect(b.unacked('q')).toBe(0)
    expect(got).toHaveLength(2)
    expect(b.eventsOf('channelClosed')).toMatchObject([{ channel: channel.id, replyCode: 406 }])
  })

  it('acking the same tag twice is an unknown delivery tag', () => {
    const { b, got } = fetched(['m1', 'm2'])
    b.ack(got[0])
    b.expectError(() => b.ack(got[0]), 406)
    expect(b.depth('q')).toBe(1)
  })

  it('ack multiple with a tag no longer outstanding is 406 too', () => {
    const { b, got } = fetched(['m1', 'm2', 'm3'])
    b.ack(got[1])
    b.expectError(() => b.ack(got[1], true), 406)
  })

  it('nack and reject of an unknown tag are 406', () => {
    const b = new TestBroker().queue('q')
    b.expectError(() => b.nack(5), 406)
    b.expectError(() => b.reject(5), 406)
  })

  it('a message fetched with noAck cannot be acked', () => {
    const b = new TestBroker().queue('q')
    b.publish('', 'q', 'm')
    const got = b.get('q', true)!
    expect(b.unacked('q')).toBe(0)
    b.expectError(() => b.ack(got), 406)
  })

  it('delivery tags are per channel', () => {
    const b = new TestBroker().queue('q')
    b.publish('', 'q', 'a')
    b.publish('', 'q', 'b')
    const other = b.openChannel()
    const first = b.channel.get('q')!
    const second = other.get('q')!
    expect([first.deliveryTag, second.deliveryTag]).toEqual([1, 1])
    other.ack(1)
    expect(b.unacked('q')).toBe(1)
    b.channel.ack(1)
    expect(b.unacked('q')).toBe(0)
  })

  it('classic queues: a requeued message goes back to its original position', () => {
    const { b, got } = fetched(['m1', 'm2'])
    b.publish('', 'q', 'm3')
    b.nack(got[1])
    b.nack(got[0])
    const again = [1, 2, 3].map(() => b.get('q', true)!)
    expect(again.map((d) => [d.body, d.redelivered])).toEqual([
      ['m1', true],
      ['m2', true],
      ['m3', false],
    ])
  })

  it('basic.get reports the messages left behind', () => {
    const b = new TestBroker().queue('q')
    for (const body of ['m1', 'm2', 'm3']) b.publish('', 'q', body)
    expect([b.get('q')!.messageCount, b.get('q')!.messageCount, b.get('q')!.messageCount]).toEqual([2, 1, 0])
    expect(b.get('q')).toBeNull()
  })

  it('purge removes ready messages only; unacked ones can be requeued afterwards', () => {
    const { b, got } = fetched(['m1'])
    b.publish('', 'q', 'm2')
    b.publish('', 'q', 'm3')
    expect(b.channel.queuePurge('q')).toBe(2)
    b.nack(got[0])
    expect(b.drain('q')).toEqual(['m1'])
  })
})

describe('quorum queue acknowledgements', () => {
  it('every delivery carries x-delivery-count, counting the returns', () => {
    const b = new TestBroker().quorum('qq')
    b.publish('', 'qq', 'm1')
    const first = b.get('qq')!
    expect(first.properties.headers).toEqual({ 'x-delivery-count': 0 })
    expect(first.redelivered).toBe(false)
    b.nack(first, { requeue: true })
    const second = b.get('qq')!
    expect(second).toMatchObject({ redelivered: true })
    expect(second.properties.headers).toEqual({ 'x-delivery-count': 1 })
    b.nack(second, { requeue: true })
    expect(b.get('qq')!.properties.headers).toEqual({ 'x-delivery-count': 2 })
  })

  it('requeued messages go behind messages never fetched, in the order they were returned', () => {
    const b = new TestBroker().quorum('qq')
    for (const body of ['m1', 'm2', 'm3']) b.publish('', 'qq', body)
    const m1 = b.get('qq')!
    const m2 = b.get('qq')!
    b.nack(m2)
    b.nack(m1)
    const again = [1, 2, 3].map(() => b.get('qq', true)!)
    expect(again.map((d) => [d.body, d.redelivered, d.properties.headers!['x-delivery-count']])).toEqual([
      ['m3', false, 0],
      ['m2', true, 1],
      ['m1', true, 1],
    ])
  })

  it('x-delivery-limit dead-letters on the return that passes the limit, or drops without a DLX', () => {
    const b = new TestBroker().quorum('qq', { 'x-delivery-limit': 2 })
    b.publish('', 'qq', 'm')
    for (let i = 0; i < 2; i++) b.nack(b.get('qq')!)
    const third = b.get('qq')!
    expect(third.properties.headers!['x-delivery-count']).toBe(2)
    b.nack(third)
    expect(b.get('qq')).toBeNull()
    expect(b.eventsOf('dropped')).toMatchObject([{ queue: 'qq', reason: 'delivery_limit' }])
  })

  it('a reject without requeue does not count as a delivery attempt', () => {
    const b = new TestBroker().exchange('dlx', 'fanout').queue('dlq').bind('dlx', 'dlq')
    b.quorum('qq', { 'x-delivery-limit': 0, 'x-dead-letter-exchange': 'dlx' })
    b.publish('', 'qq', 'm')
    b.reject(b.get('qq')!, false)
    expect(b.get('dlq', true)!.properties.headers!['x-first-death-reason']).toBe('rejected')
  })
})
