// The course's e-commerce architecture, opened on first use so there is something to see and poke.

import { applyConnection } from './connect-rules.ts'
import { addBinding, putExchange, putQueue } from './doc-ops.ts'
import { newConsumer, newProducer } from './sim-specs.ts'
import { emptyDoc, type DesignDoc, type XY } from './types.ts'

export function exampleDoc(): DesignDoc {
  let doc = emptyDoc()
  const exchange = (name: string, type: 'topic' | 'fanout') => ({
    name,
    type,
    durable: true,
    autoDelete: false,
    internal: false,
    arguments: {},
  })
  const queue = (name: string, args = {}) => ({
    name,
    durable: true,
    exclusive: false,
    autoDelete: false,
    arguments: args,
  })
  doc = putExchange(doc, exchange('orders', 'topic'))
  doc = putExchange(doc, exchange('payment.dlx', 'fanout'))
  doc = putQueue(doc, queue('payment', { 'x-dead-letter-exchange': 'payment.dlx' }))
  doc = putQueue(doc, queue('payment.dlq'))
  doc = putQueue(doc, queue('analytics'))
  const bind = (source: string, destination: string, routingKey: string) => ({
    source,
    destination,
    destinationType: 'queue' as const,
    routingKey,
    arguments: {},
  })
  doc = addBinding(doc, bind('orders', 'payment', 'order.paid'))
  doc = addBinding(doc, bind('orders', 'analytics', 'order.#'))
  doc = addBinding(doc, bind('payment.dlx', 'payment.dlq', ''))
  // Stopped until someone starts it, then a calm 2 orders a second; persistent and confirmed, as checkout would be.
  doc.producers = {
    checkout: {
      ...newProducer('checkout', 'checkout'),
      rate: 2,
      burst: 10,
      persistent: true,
      confirms: true,
      body: 'order {n}',
    },
  }
  doc = applyConnection(
    doc,
    { kind: 'publish', producerId: 'checkout', exchange: 'orders', exchangeType: 'topic', needs: 'routingKey' },
    { key: 'order.paid' },
  )
  const worker = (id: string, name: string, queueName: string, prefetch: number, processingMs: number) => ({
    ...newConsumer(id, name),
    queue: queueName,
    prefetch,
    processingMs,
  })
  doc.consumers = {
    'payment-worker-1': worker('payment-worker-1', 'payment worker 1', 'payment', 1, 1500),
    'payment-worker-2': worker('payment-worker-2', 'payment worker 2', 'payment', 1, 1500),
    'analytics-worker': worker('analytics-worker', 'analytics', 'analytics', 10, 300),
  }
  return doc
}

/**
 * Where auto-layout (ELK) puts the example at the nodes' rendered sizes, so a first visit draws it without
 * loading the layout engine. Regenerate with the toolbar's Layout button if the example's nodes change.
 */
export const EXAMPLE_POSITIONS: Readonly<Record<string, XY>> = {
  'producer:checkout': { x: 24, y: 254 },
  'exchange:orders': { x: 272, y: 263 },
  'queue:payment': { x: 544, y: 124 },
  'queue:analytics': { x: 544, y: 468 },
  'consumer:payment-worker-2': { x: 840, y: 24 },
  'consumer:payment-worker-1': { x: 840, y: 183 },
  'consumer:analytics-worker': { x: 840, y: 434 },
  'exchange:payment.dlx': { x: 852, y: 342 },
  'queue:payment.dlq': { x: 1136, y: 342 },
}
