import { describe, expect, it } from 'vitest'
import type { Delivery } from '../../engine/index.ts'
import { TestBroker, text } from './test-broker.ts'

describe('broker events', () => {
  it('topology changes emit declared and bound events with their definitions', () => {
    const b = new TestBroker()
      .exchange('x', 'topic', { durable: true })
      .queue('q', { 'x-max-length': 5 })
      .bind('x', 'q', 'a.*')
    expect(b.events.filter((e) => e.type !== 'channelOpened')).toEqual([
      {
        type: 'exchangeDeclared',
        at: 0,
        vhost: '/',
        name: 'x',
        exchangeType: 'topic',
        durable: true,
        autoDelete: false,
        internal: false,
        arguments: {},
      },
      {
        type: 'queueDeclared',
        at: 0,
        vhost: '/',
        name: 'q',
        durable: false,
        exclusive: false,
        autoDelete: false,
        arguments: { 'x-max-length': 5 },
      },
      {
        type: 'bound',
        at: 0,
        vhost: '/',
        binding: { source: 'x', destination: 'q', destinationType: 'queue', routingKey: 'a.*', arguments: {} },
      },
    ])
  })

  it('a redeclare of an existing exchange or queue emits nothing', () => {
    const b = new TestBroker().exchange('x').queue('q')
    b.clearEvents()
    b.exchange('x').queue('q')
    expect(b.events).toEqual([])
  })

  it('publish -> route -> enqueue -> deliver -> ack, each as one typed event', () => {
    const b = new TestBroker().exchange('x').queue('q').bind('x', 'q', 'k')
    b.clearEvents()
    b.clock.advance(5)
    const outcome = b.publish('x', 'k', 'héllo', { deliveryMode: 2 })
    const id = outcome.messageId
    expect(b.events).toEqual([
      {
        type: 'published',
        at: 5,
        vhost: '/',
        messageId: id,
        exchange: 'x',
        routingKey: 'k',
        channel: b.channel.id,
        size: 6,
        persistent: true,
      },
      { type: 'routed', at: 5, vhost: '/', messageId: id, exchange: 'x', queues: ['q'] },
      { type: 'enqueued', at: 5, vhost: '/', messageId: id, queue: 'q', ready: 1 },
      { type: 'confirmed', at: 5, channel: b.channel.id, publishSeq: outcome.publishSeq, messageId: id, ack: true },
    ])
    b.clearEvents()
    b.clock.advance(5)
    const c = b.consume('q', { consumerTag: 'c1' })
    expect(b.eventTypes()).toEqual(['channelOpened', 'consumerAdded', 'delivered'])
    expect(b.eventsOf('delivered')[0]).toEqual({
      type: 'delivered',
      at: 10,
      vhost: '/',
      messageId: id,
      queue: 'q',
      channel: c.channel.id,
      consumerTag: 'c1',
      deliveryTag: 1,
      redelivered: false,
    })
    b.clearEvents()
    b.ack(c.deliveries[0])
    expect(b.events).toEqual([
      { type: 'acked', at: 10, vhost: '/', messageId: id, queue: 'q', channel: c.channel.id, deliveryTag: 1 },
    ])
  })

  it('a message delivered straight to a waiting consumer is published, routed and delivered', () => {
    const b = new TestBroker().queue('q')
    const c = b.consume('q')
    b.clearEvents()
    const { messageId } = b.publish('', 'q', 'm')
    const history = b.messageHistory(messageId)
    expect(history[0]).toBe('published')
    expect(history).toContain('routed')
    expect(history).toContain('delivered')
    expect(history.indexOf('routed')).toBeLessThan(history.indexOf('delivered'))
    expect(c.deliveries).toHaveLength(1)
  })

  it('basic.get emits delivered with a null consumer tag', () => {
    const b = new TestBroker().queue('q')
    b.publish('', 'q', 'm')
    b.clearEvents()
    b.get('q')
    expect(b.eventsOf('delivered')).toMatchObject([{ consumerTag: null, deliveryTag: 1, queue: 'q' }])
  })

  it('unroutable, returned and nack-requeue events', () => {
    const b = new TestBroker().exchange('x').queue('q')
    b.clearEvents()
    const lost = b.publish('x', 'k', 'm', {}, true)
    expect(b.eventsOf('unroutable')).toEqual([
      { type: 'unroutable', at: 0, vhost: '/', messageId: lost.messageId, exchange: 'x', routingKey: 'k' },
    ])
    expect(b.eventsOf('returned')).toMatchObject([{ messageId: lost.messageId, replyCode: 312, replyText: 'NO_ROUTE' }])
    b.publish('', 'q', 'm')
    const got = b.get('q')!
    b.clearEvents()
    b.nack(got)
    expect(b.events).toMatchObject([
      { type: 'nacked', messageId: got.messageId, requeue: true },
      { type: 'requeued', messageId: got.messageId, queue: 'q', ready: 1 },
    ])
    const again = b.get('q')!
    b.clearEvents()
    b.reject(again, false)
    expect(b.eventTypes()).toEqual(['rejected', 'dropped'])
    expect(b.eventsOf('rejected')[0]).toMatchObject({ requeue: false })
  })

  it('expiry and dead-lettering emit expired, deadLettered, routed and enqueued for the new message', () => {
    const b = new TestBroker().queue('work', { 'x-message-ttl': 1000, 'x-dead-letter-exchange': 'dlx' })
    b.exchange('dlx', 'fanout').queue('dead').bind('dlx', 'dead', '')
    b.publish('', 'work', 'hello')
    b.clearEvents()
    b.clock.advance(1000)
    expect(b.depth('dead')).toBe(1)
    const [expired, deadLettered, routed, enqueued] = b.events
    expect(expired).toEqual({ type: 'expired', at: 1000, vhost: '/', messageId: 1, queue: 'work' })
    expect(deadLettered).toMatchObject({
      type: 'deadLettered',
      at: 1000,
      messageId: 1,
      queue: 'work',
      reason: 'expired',
      exchange: 'dlx',
      routingKey: 'work',
    })
    const newId = (deadLettered as { newMessageId: number }).newMessageId
    expect(routed).toMatchObject({ type: 'routed', messageId: newId, exchange: 'dlx', queues: ['dead'] })
    expect(enqueued).toMatchObject({ type: 'enqueued', messageId: newId, queue: 'dead', ready: 1 })
    expect(b.events).toHaveLength(4)
  })

  it('overflow emits dropped or rejectedByQueue', () => {
    const b = new TestBroker()
      .queue('drop', { 'x-max-length': 1 })
      .queue('refuse', { 'x-max-length': 1, 'x-overflow': 'reject-publish' })
    const oldest = b.publish('', 'drop', 'a')
    b.publish('', 'refuse', 'a')
    b.clearEvents()
    b.publish('', 'drop', 'b')
    const refused = b.publish('', 'refuse', 'b')
    expect(b.eventsOf('dropped')).toMatchObject([{ queue: 'drop', reason: 'maxlen', messageId: oldest.messageId }])
    expect(b.eventsOf('rejectedByQueue')).toMatchObject([
      { queue: 'refuse', messageId: refused.messageId, overflow: 'reject-publish' },
    ])
    expect(b.eventsOf('confirmed').map((e) => e.ack)).toEqual([true, false])
  })

  it('purge, delete, unbind and channel close emit their events', () => {
    const b = new TestBroker().exchange('x').queue('q').bind('x', 'q', 'k')
    b.publish('', 'q', 'm')
    const channel = b.openChannel()
    b.clearEvents()
    b.unbind('x', 'q', 'k')
    b.channel.queuePurge('q')
    b.channel.queueDelete('q')
    channel.close()
    expect(b.eventTypes()).toEqual(['unbound', 'purged', 'queueDeleted', 'channelClosed'])
    expect(b.eventsOf('purged')[0]).toMatchObject({ queue: 'q', count: 1 })
    expect(b.eventsOf('channelClosed')[0]).toMatchObject({ channel: channel.id, replyCode: 200, replyText: 'OK' })
  })

  it('a broker without an event sink builds no events and behaves the same', () => {
    const run = (b: TestBroker) => {
      b.exchange('x', 'topic').queue('work', {
        'x-message-ttl': 500,
        'x-dead-letter-exchange': 'dlx',
        'x-max-length': 3,
      })
      b.exchange('dlx', 'fanout').queue('dead').bind('dlx', 'dead').bind('x', 'work', 'a.#')
      const c = b.consume('work', { prefetch: 1 })
      const confirms = ['a.1', 'a.2', 'b.1', 'a.3', 'a.4', 'a.5'].map(
        (key) => b.publish('x', key, key, {}, true).confirm,
      )
      b.nack(c.deliveries[0], { requeue: false })
      b.clock.advance(600)
      b.ack(c.deliveries[1])
      const seen = (ds: Delivery[]) => ds.map((d) => [text(d.body), d.redelivered, d.deliveryTag])
      return {
        confirms,
        returns: b.returns.length,
        consumed: seen(c.deliveries),
        dead: b.drain('dead'),
        work: b.drain('work'),
      }
    }
    const withEvents = new TestBroker()
    const silent = new TestBroker({ events: false })
    expect(silent.broker.emit).toBeNull()
    const expected = run(withEvents)
    expect(run(silent)).toEqual(expected)
    expect(silent.events).toEqual([])
    expect(withEvents.events.length).toBeGreaterThan(20)
  })

  it('every event carries the broker clock', () => {
    const b = new TestBroker().queue('q', { 'x-message-ttl': 250 })
    b.clock.advance(1000)
    b.publish('', 'q', 'm')
    b.clock.advance(400)
    expect(b.eventsOf('published')[0].at).toBe(1000)
    expect(b.eventsOf('expired')[0].at).toBe(1250)
  })
})
