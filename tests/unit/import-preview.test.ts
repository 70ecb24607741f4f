import { describe, expect, it } from 'vitest'
import { brokerHasEntities, previewImport } from '../../app/io/import-preview.ts'
import type { BrokerSnapshot } from '../../engine/worker/protocol.ts'

const broker: BrokerSnapshot = {
  vhosts: ['/', 'prod'],
  exchanges: [
    {
      vhost: '/',
      name: 'amq.direct',
      type: 'direct',
      durable: true,
      autoDelete: false,
      internal: false,
      arguments: {},
    },
    { vhost: '/', name: 'orders', type: 'topic', durable: true, autoDelete: false, internal: false, arguments: {} },
  ],
  queues: [
    {
      vhost: '/',
      name: 'payment.dlq',
      durable: true,
      exclusive: false,
      autoDelete: false,
      arguments: {},
      messages: 0,
      unacked: 0,
      consumers: 0,
    },
  ],
  bindings: [],
  consumers: [],
}

describe('import preview', () => {
  const file = {
    exchanges: [
      { name: 'orders', vhost: '/', type: 'topic', durable: true, arguments: {} },
      { name: 'amq.direct', vhost: '/', type: 'direct', durable: true },
      { name: 'billing', vhost: 'prod', type: 'fanout' },
    ],
    queues: [
      { name: 'payment.dlq', vhost: '/', durable: true, arguments: { 'x-max-length': 10 } },
      { name: 'payment.dlq', vhost: 'prod', durable: true },
    ],
    bindings: [{ source: 'billing', vhost: 'prod', destination: 'payment.dlq', destination_type: 'queue' }],
    policies: [{ name: 'ttl', vhost: 'prod', pattern: '.*', definition: {} }],
    parameters: [{ component: 'shovel', name: 's', vhost: 'prod', value: {} }],
  }

  it('counts what the file holds per vhost', () => {
    expect(previewImport(file, broker, '/').vhosts).toEqual([
      { vhost: '/', exchanges: 2, queues: 1, bindings: 0, policies: 0, parameters: 0 },
      { vhost: 'prod', exchanges: 1, queues: 1, bindings: 1, policies: 1, parameters: 1 },
    ])
  })

  it('lists same-named exchanges and queues of the same vhost, calling out inequivalent ones', () => {
    expect(previewImport(file, broker, '/').sameNames).toEqual([
      { vhost: '/', kind: 'exchange', name: 'orders', equivalent: true },
      { vhost: '/', kind: 'queue', name: 'payment.dlq', equivalent: false },
    ])
  })

  it('puts a single-vhost file (no vhost fields) in the vhost it is imported into', () => {
    const single = { queues: [{ name: 'payment.dlq', durable: true, arguments: {} }] }
    expect(previewImport(single, broker, '/').sameNames).toEqual([
      { vhost: '/', kind: 'queue', name: 'payment.dlq', equivalent: true },
    ])
    expect(previewImport(single, broker, 'prod').sameNames).toEqual([])
  })

  it('counts an empty broker (only predeclared exchanges) as nothing to merge into', () => {
    expect(brokerHasEntities({ ...broker, exchanges: broker.exchanges.slice(0, 1), queues: [] })).toBe(false)
    expect(brokerHasEntities(broker)).toBe(true)
  })
})
