import { describe, expect, it } from 'vitest'
import type { BrokerEvent } from '../../engine/events'
import { describeEvent } from '../../app/sim/describe'
import { JourneyBuffer } from '../../app/sim/journey-buffer'
import { journeySteps, queuesHolding } from '../../app/sim/journey'
import { shownEvents } from '../../app/sim/event-ring'

const V = '/'
const published = (messageId: number, at: number, exchange = 'orders', routingKey = 'order.paid'): BrokerEvent => ({
  type: 'published',
  at,
  vhost: V,
  messageId,
  exchange,
  routingKey,
  channel: 1,
  size: 5,
  persistent: false,
})
const routed = (messageId: number, at: number, queues: string[], exchange = 'orders'): BrokerEvent => ({
  type: 'routed',
  at,
  vhost: V,
  messageId,
  exchange,
  queues,
})
const enqueued = (messageId: number, at: number, queue: string): BrokerEvent => ({
  type: 'enqueued',
  at,
  vhost: V,
  messageId,
  queue,
  ready: 1,
})
const rejected = (messageId: number, at: number, queue: string): BrokerEvent => ({
  type: 'rejected',
  at,
  vhost: V,
  messageId,
  queue,
  channel: 2,
  deliveryTag: 1,
  requeue: false,
})
const deadLettered = (messageId: number, newMessageId: number, at: number, queue: string): BrokerEvent => ({
  type: 'deadLettered',
  at,
  vhost: V,
  messageId,
  newMessageId,
  queue,
  reason: 'rejected',
  exchange: 'payment.dlx',
  routingKey: 'order.paid',
})

describe('journeySteps', () => {
  const events = [
    published(1, 1000),
    routed(1, 1000, ['payment']),
    enqueued(1, 1000, 'payment'),
    {
      type: 'delivered',
      at: 1200,
      vhost: V,
      messageId: 1,
      queue: 'payment',
      channel: 2,
      consumerTag: 'c1',
      deliveryTag: 1,
      redelivered: false,
    } as BrokerEvent,
    rejected(1, 1500, 'payment'),
    deadLettered(1, 7, 1500, 'payment'),
    routed(7, 1500, ['payment.dlq'], 'payment.dlx'),
    enqueued(7, 1500, 'payment.dlq'),
  ]

  it('gives each routing step the exchange and routing key it was routed with, dead-lettered copies included', () => {
    const steps = journeySteps(events)
    expect(steps.map((s) => s.type)).toEqual([
      'published',
      'routed',
      'enqueued',
      'delivered',
      'rejected',
      'deadLettered',
      'routed',
      'enqueued',
    ])
    expect(steps[1].route).toEqual({ vhost: V, exchange: 'orders', routingKey: 'order.paid', messageId: 1 })
    expect(steps[6].route).toEqual({ vhost: V, exchange: 'payment.dlx', routingKey: 'order.paid', messageId: 7 })
    expect(steps[4].tone).toBe('dropped')
    expect(steps[5].tone).toBe('deadLettered')
  })

  it('rebuilds the x-death entry of a dead-lettering, counting earlier deaths in the same queue for the same reason', () => {
    const again = [...events, deadLettered(7, 9, 3000, 'payment')]
    const deaths = journeySteps(again).filter((s) => s.xDeath)
    expect(deaths[0].xDeath).toEqual({
      count: 1,
      reason: 'rejected',
      queue: 'payment',
      time: 1,
      exchange: 'orders',
      'routing-keys': ['order.paid'],
    })
    expect(deaths[1].xDeath).toMatchObject({ count: 2, exchange: 'payment.dlx', time: 3 })
  })

  it('knows which queues still hold a copy', () => {
    expect(queuesHolding(events)).toEqual([{ queue: 'payment.dlq', messageId: 7 }])
    expect(
      queuesHolding([
        ...events,
        { type: 'acked', at: 2000, vhost: V, messageId: 7, queue: 'payment.dlq', channel: 3, deliveryTag: 1 },
      ]),
    ).toEqual([])
  })
})

describe('JourneyBuffer', () => {
  it('keeps a message and its dead-lettered copies under one journey', () => {
    const b = new JourneyBuffer()
    b.push([
      published(1, 0),
      enqueued(1, 0, 'payment'),
      published(2, 0),
      deadLettered(1, 5, 10, 'payment'),
      enqueued(5, 10, 'payment.dlq'),
    ])
    expect(b.journey(5).map((e) => e.type)).toEqual(['published', 'enqueued', 'deadLettered', 'enqueued'])
    expect(b.journey(1)).toEqual(b.journey(5))
    expect(b.journey(2)).toHaveLength(1)
  })

  it('starts a new journey when an id is published again (ids restart after a broker reset)', () => {
    const b = new JourneyBuffer()
    b.push([published(1, 0), deadLettered(1, 2, 5, 'payment'), enqueued(2, 5, 'payment.dlq')])
    b.push([published(1, 100), published(2, 100), enqueued(2, 100, 'other')])
    expect(b.journey(1).map((e) => e.at)).toEqual([100])
    expect(b.journey(2).map((e) => e.type)).toEqual(['published', 'enqueued'])
  })

  it('forgets the oldest messages past its limit, keeps those still moving, and tells watchers of new events', () => {
    const b = new JourneyBuffer(4)
    let calls = 0
    const off = b.watch(3, () => calls++)
    b.push([published(1, 0), published(2, 0), published(3, 0), enqueued(1, 0, 'q'), published(4, 0), published(5, 0)])
    expect(b.journey(2)).toEqual([])
    expect(b.journey(1)).toHaveLength(2)
    expect(b.size).toBeLessThanOrEqual(4)
    expect(calls).toBe(1)
    off()
    b.push([enqueued(3, 1, 'q')])
    expect(calls).toBe(1)
    expect(b.journey(3)).toHaveLength(2)
  })
})

describe('describeEvent and the log rows', () => {
  it('says why a message was dropped, in words', () => {
    expect(
      describeEvent({ type: 'dropped', at: 0, vhost: V, messageId: 1, queue: 'q', reason: 'maxlen' }).detail,
    ).toContain('x-max-length')
    expect(describeEvent(published(1, 0, '')).detail).toContain('(default exchange)')
  })

  it('shows the newest matching events first, at most max, and counts them all', () => {
    const events = [published(1, 0), enqueued(1, 0, 'a'), published(2, 0), enqueued(2, 0, 'b'), enqueued(3, 0, 'a')]
    const { rows, total } = shownEvents(events, { entity: 'a' }, 1)
    expect(total).toBe(2)
    expect(rows).toEqual([enqueued(3, 0, 'a')])
  })

  it('matches a consumer node by name through the id its consumer tags carry', () => {
    const delivered: BrokerEvent = {
      type: 'delivered',
      at: 0,
      vhost: V,
      messageId: 1,
      queue: 'payment',
      channel: 2,
      consumerTag: 'designer-payment-worker-1',
      deliveryTag: 1,
      redelivered: false,
    }
    expect(shownEvents([delivered], { entity: 'worker 1' }).total).toBe(0)
    expect(shownEvents([delivered], { entity: 'worker 1', alsoEntities: ['payment-worker-1'] }).total).toBe(1)
  })
})
