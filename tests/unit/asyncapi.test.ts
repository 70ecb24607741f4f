// The AsyncAPI export, validated by the AsyncAPI project's own parser (@asyncapi/parser).

import { Parser } from '@asyncapi/parser'
import { describe, expect, it } from 'vitest'
import { Broker } from '../../engine/broker.ts'
import { ManualClock } from '../../engine/clock.ts'
import { asyncApiDocument } from '../../engine/definitions/asyncapi.ts'
import { importDefinitions } from '../../engine/definitions/import.ts'
import type { ConsumerSpec, ProducerSpec } from '../../engine/simulation/specs.ts'

const definitions = {
  exchanges: [
    { name: 'orders', vhost: '/', type: 'topic', durable: true, auto_delete: false, internal: false, arguments: {} },
    { name: 'docs', vhost: '/', type: 'headers', durable: true, auto_delete: false, internal: false, arguments: {} },
    {
      name: 'spread',
      vhost: '/',
      type: 'x-consistent-hash',
      durable: true,
      auto_delete: false,
      internal: false,
      arguments: {},
    },
  ],
  queues: [
    { name: 'payments', vhost: '/', durable: true, auto_delete: false, arguments: { 'x-dead-letter-exchange': 'dlx' } },
    { name: 'audit log', vhost: '/', durable: true, auto_delete: false, arguments: {} },
    { name: 'pdf', vhost: '/', durable: true, auto_delete: false, arguments: {} },
  ],
  bindings: [
    {
      source: 'orders',
      vhost: '/',
      destination: 'payments',
      destination_type: 'queue',
      routing_key: 'order.paid',
      arguments: {},
    },
    {
      source: 'orders',
      vhost: '/',
      destination: 'audit log',
      destination_type: 'queue',
      routing_key: 'order.#',
      arguments: {},
    },
    {
      source: 'docs',
      vhost: '/',
      destination: 'pdf',
      destination_type: 'queue',
      routing_key: '',
      arguments: { 'x-match': 'all', format: 'pdf' },
    },
    {
      source: 'orders',
      vhost: '/',
      destination: 'docs',
      destination_type: 'exchange',
      routing_key: 'order.doc',
      arguments: {},
    },
  ],
}

const producer: ProducerSpec = {
  id: 'shop',
  vhost: '/',
  exchange: 'orders',
  rate: 5,
  routingKey: { kind: 'cycle', keys: ['order.paid', 'order.created'] },
  body: 'order {n}',
  mandatory: true,
  confirms: true,
  persistent: true,
}
const consumer: ConsumerSpec = {
  id: 'billing',
  vhost: '/',
  queue: 'payments',
  autoAck: false,
  prefetch: 10,
  processingMs: 5,
  behaviour: { kind: 'ack' },
}

function exported() {
  const broker = new Broker({ clock: new ManualClock() })
  importDefinitions(broker, definitions)
  return asyncApiDocument(broker, '/', [producer], [consumer]) as {
    channels: Record<string, Record<string, unknown>>
    operations: Record<string, Record<string, unknown>>
  }
}

describe('AsyncAPI 3.0 export', () => {
  it('is a valid AsyncAPI 3.0 document for the AsyncAPI parser', async () => {
    const { document, diagnostics } = await new Parser().parse(JSON.stringify(exported()))
    const errors = diagnostics.filter((d) => d.severity === 0)
    expect(errors.map((d) => `${d.path.join('.')}: ${d.message}`)).toEqual([])
    expect(document?.version()).toBe('3.0.0')
  }, 60_000) // the parser loads its schemas and rulesets on first use: seconds on a busy machine

  it('has a queue channel per queue and a routing-key channel per exchange and binding key', () => {
    const doc = exported()
    const amqp = (c: Record<string, unknown>) => (c.bindings as { amqp: { is: string } }).amqp
    const queues = Object.values(doc.channels).filter((c) => amqp(c).is === 'queue')
    const keys = Object.values(doc.channels).filter((c) => amqp(c).is === 'routingKey')
    expect(queues.map((c) => c.address).sort()).toEqual(['audit log', 'payments', 'pdf'])
    expect(keys.map((c) => c.address).sort()).toEqual(['', '', 'order.#', 'order.created', 'order.doc', 'order.paid'])
    expect(Object.keys(doc.channels).every((k) => /^[A-Za-z0-9_-]+$/.test(k))).toBe(true)
  })

  it('keeps what the AMQP binding cannot say under x-warren extensions', () => {
    const doc = exported()
    const headers = Object.values(doc.channels).find((c) =>
      (c['x-warren-bindings'] as unknown[] | undefined)?.some(
        (b) => (b as { destination: string }).destination === 'pdf',
      ),
    )
    expect(headers?.['x-warren-bindings']).toEqual([
      { destination: 'pdf', destinationType: 'queue', bindingKey: '', arguments: { 'x-match': 'all', format: 'pdf' } },
    ])
    const e2e = Object.values(doc.channels).find((c) => c.address === 'order.doc')
    expect(e2e?.['x-warren-bindings']).toEqual([
      { destination: 'docs', destinationType: 'exchange', bindingKey: 'order.doc' },
    ])
    const payments = Object.values(doc.channels).find((c) => c.address === 'payments')
    expect(payments?.['x-warren-arguments']).toEqual({ 'x-dead-letter-exchange': 'dlx' })
    const plugin = Object.values(doc.channels).find((c) => c['x-warren-exchange-type'] !== undefined)
    expect(plugin?.['x-warren-exchange-type']).toBe('x-consistent-hash')
  })

  it('has a send operation per producer routing key and a receive operation per consumer', () => {
    const ops = Object.values(exported().operations)
    expect(ops.filter((o) => o.action === 'send')).toHaveLength(2)
    const receive = ops.find((o) => o.action === 'receive')!
    expect(receive.bindings).toEqual({ amqp: { ack: true, bindingVersion: '0.3.0' } })
    expect((receive.channel as { $ref: string }).$ref).toMatch(/^#\/channels\/queue-payments$/)
  })
})
