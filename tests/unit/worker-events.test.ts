// Broker events cross to the page column by column and come back the same, in the same order.

import { describe, expect, it } from 'vitest'
import { decodeEvents } from '../../app/broker/event-batch.ts'
import type { BrokerEvent } from '../../engine/index.ts'
import { EventBatchEncoder } from '../../engine/worker/event-batch.ts'

const roundTrip = (events: BrokerEvent[]) => {
  const encoder = new EventBatchEncoder()
  for (const e of events) encoder.add(e)
  const batch = structuredClone(encoder.take())
  expect(encoder.size).toBe(0)
  return { batch, decoded: decodeEvents(batch) }
}

describe('event batches', () => {
  it('round-trips interleaved events of several types, in order', () => {
    const events: BrokerEvent[] = []
    for (let i = 0; i < 3; i++) {
      events.push({
        type: 'published',
        at: i,
        vhost: '/',
        messageId: i,
        exchange: '',
        routingKey: 'q',
        channel: 1,
        size: 16,
        persistent: i % 2 === 0,
      })
      events.push({ type: 'routed', at: i, vhost: '/', messageId: i, exchange: '', queues: ['q', `extra-${i}`] })
      events.push({
        type: 'delivered',
        at: i,
        vhost: '/',
        messageId: i,
        queue: 'q',
        channel: 2,
        consumerTag: i === 1 ? null : 'c',
        deliveryTag: i + 1,
        redelivered: false,
      })
    }
    const { batch, decoded } = roundTrip(events)
    expect(decoded).toEqual(events)
    expect(batch.kinds.map((k) => k.type)).toEqual(['published', 'routed', 'delivered'])
    expect(batch.kinds[0].columns[0]).toEqual([0, 1, 2]) // one column per field, no property names per event
  })

  it('keeps an event whose fields differ from others of its type intact', () => {
    const odd = {
      type: 'acked',
      at: 5,
      vhost: '/',
      messageId: 9,
      queue: 'q',
      channel: 1,
      deliveryTag: 3,
      extra: 'kept',
    } as unknown as BrokerEvent
    const events: BrokerEvent[] = [
      { type: 'acked', at: 1, vhost: '/', messageId: 1, queue: 'q', channel: 1, deliveryTag: 1 },
      odd,
      { type: 'acked', at: 6, vhost: '/', messageId: 2, queue: 'q', channel: 1, deliveryTag: 2 },
    ]
    expect(roundTrip(events).decoded).toEqual(events)
  })

  it('an empty batch decodes to no events', () => {
    expect(roundTrip([]).decoded).toEqual([])
  })
})
