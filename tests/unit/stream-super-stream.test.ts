// Super streams: the exchange, partitions and bindings of `rabbitmq-streams add_super_stream`, and routing by key.

import { describe, expect, it } from 'vitest'
import { declareSuperStream, partitionsOf } from '../../engine/stream/super-stream.ts'
import { TestBroker } from './test-broker.ts'

describe('super streams', () => {
  it('declares a direct exchange marked x-super-stream, one stream per partition, bound with their order', () => {
    const b = new TestBroker({ version: '4.3' })
    const vhost = b.broker.vhosts.get('/')!
    declareSuperStream(vhost, { name: 'invoices', partitions: 3 })
    const x = vhost.exchanges.get('invoices')!
    expect(x.def).toMatchObject({ type: 'direct', durable: true, arguments: { 'x-super-stream': true } })
    expect(partitionsOf(vhost, 'invoices')).toEqual([
      { queue: 'invoices-0', routingKey: '0', order: 0 },
      { queue: 'invoices-1', routingKey: '1', order: 1 },
      { queue: 'invoices-2', routingKey: '2', order: 2 },
    ])
    expect(vhost.queues.get('invoices-1')!.def.arguments).toEqual({
      'x-queue-type': 'stream',
      'x-queue-leader-locator': 'balanced',
    })
  })

  it('publishing routes by key to one partition; each partition is a stream of its own', () => {
    const b = new TestBroker({ version: '4.3' })
    const vhost = b.broker.vhosts.get('/')!
    declareSuperStream(vhost, { name: 'orders', bindingKeys: ['eu', 'us'], arguments: { 'x-max-age': '7D' } })
    b.publish('orders', 'eu', 'e1')
    b.publish('orders', 'us', 'u1')
    b.publish('orders', 'eu', 'e2')
    const eu = b.consume('orders-eu', { prefetch: 10, arguments: { 'x-stream-offset': 'first' } })
    const us = b.consume('orders-us', { prefetch: 10, arguments: { 'x-stream-offset': 'first' } })
    expect(eu.bodies()).toEqual(['e1', 'e2'])
    expect(us.bodies()).toEqual(['u1'])
    expect(vhost.queues.get('orders-eu')!.def.arguments['x-max-age']).toBe('7D')
    expect(partitionsOf(vhost, 'amq.direct')).toEqual([])
  })
})
