import { describe, expect, it } from 'vitest'
import { newConsumer, newProducer } from '../../app/design/sim-specs.ts'
import { diffTopology } from '../../app/design/graph-to-commands.ts'
import {
  addBinding,
  putExchange,
  putQueue,
  removeEdges,
  removeNodes,
  renameExchange,
  renameQueue,
} from '../../app/design/doc-ops.ts'
import { bindingEdgeId, deadLetterEdgeId } from '../../app/design/ids.ts'
import { exampleDoc } from '../../app/design/example.ts'
import { emptyDoc, type DesignDoc } from '../../app/design/types.ts'

const x = (name: string, type = 'direct') => ({
  name,
  type,
  durable: true,
  autoDelete: false,
  internal: false,
  arguments: {},
})
const q = (name: string, args = {}) => ({ name, durable: true, exclusive: false, autoDelete: false, arguments: args })
const b = (source: string, destination: string, routingKey = '') => ({
  source,
  destination,
  destinationType: 'queue' as const,
  routingKey,
  arguments: {},
})
const summary = (ops: ReturnType<typeof diffTopology>) =>
  ops.map((o) => {
    switch (o.op) {
      case 'bind':
      case 'unbind':
        return `${o.op} ${o.binding.source}->${o.binding.destination}:${o.binding.routingKey}`
      case 'declareExchange':
      case 'declareQueue':
        return `${o.op} ${o.def.name}`
      default:
        return `${o.op} ${o.name}`
    }
  })

function base(): DesignDoc {
  let d = putExchange(emptyDoc(), x('orders', 'topic'))
  d = putQueue(d, q('payment'))
  return addBinding(d, b('orders', 'payment', 'order.paid'))
}

describe('diffTopology', () => {
  it('declares exchanges before queues before bindings for a new design', () => {
    expect(summary(diffTopology(emptyDoc(), exampleDoc()))).toEqual([
      'declareExchange orders',
      'declareExchange payment.dlx',
      'declareQueue payment',
      'declareQueue payment.dlq',
      'declareQueue analytics',
      'bind orders->payment:order.paid',
      'bind orders->analytics:order.#',
      'bind payment.dlx->payment.dlq:',
    ])
  })

  it('is empty when nothing changed and ignores design-only changes', () => {
    const d = base()
    const moved: DesignDoc = { ...d, positions: { 'queue:payment': { x: 1, y: 2 } } }
    expect(diffTopology(d, moved)).toEqual([])
  })

  it('unbinds a removed binding and nothing else', () => {
    const d = base()
    expect(summary(diffTopology(d, removeEdges(d, [bindingEdgeId(b('orders', 'payment', 'order.paid'))])))).toEqual([
      'unbind orders->payment:order.paid',
    ])
  })

  it('deleting a queue deletes it; its bindings go with it without an unbind', () => {
    const d = base()
    expect(summary(diffTopology(d, removeNodes(d, ['queue:payment'])))).toEqual(['deleteQueue payment'])
  })

  it('a changed argument re-declares the queue and re-binds it', () => {
    const d = base()
    const next = putQueue(d, q('payment', { 'x-message-ttl': 1000 }))
    expect(summary(diffTopology(d, next))).toEqual([
      'deleteQueue payment',
      'declareQueue payment',
      'bind orders->payment:order.paid',
    ])
  })

  it('a changed exchange type re-declares the exchange and re-binds its bindings', () => {
    const d = base()
    expect(summary(diffTopology(d, putExchange(d, x('orders', 'direct'))))).toEqual([
      'deleteExchange orders',
      'declareExchange orders',
      'bind orders->payment:order.paid',
    ])
  })

  it('renaming an exchange follows every reference', () => {
    let d = putQueue(base(), q('dead', {}))
    d = putQueue(d, q('payment', { 'x-dead-letter-exchange': 'orders' }))
    d.producers = { p: { ...newProducer('p', 'p'), exchange: 'orders', routingKey: 'k' } }
    const next = renameExchange(d, 'orders', 'sales')
    expect(next.queues.payment.arguments['x-dead-letter-exchange']).toBe('sales')
    expect(next.producers.p.exchange).toBe('sales')
    expect(summary(diffTopology(d, next))).toEqual([
      'deleteQueue payment',
      'deleteExchange orders',
      'declareExchange sales',
      'declareQueue payment',
      'bind sales->payment:order.paid',
    ])
  })

  it('renaming a queue moves its bindings, consumers and position', () => {
    const d = {
      ...base(),
      positions: { 'queue:payment': { x: 5, y: 6 } },
      consumers: { c: { ...newConsumer('c', 'c'), queue: 'payment', processingMs: 10 } },
    }
    const next = renameQueue(d, 'payment', 'billing')
    expect(next.positions).toEqual({ 'queue:billing': { x: 5, y: 6 } })
    expect(next.consumers.c.queue).toBe('billing')
    expect(summary(diffTopology(d, next))).toEqual([
      'deleteQueue payment',
      'declareQueue billing',
      'bind orders->billing:order.paid',
    ])
  })

  it('removing a dead-letter edge re-declares the queue without x-dead-letter-*', () => {
    const d = putQueue(
      base(),
      q('payment', { 'x-dead-letter-exchange': 'orders', 'x-dead-letter-routing-key': 'dead', 'x-max-length': 5 }),
    )
    const next = removeEdges(d, [deadLetterEdgeId('payment')])
    expect(next.queues.payment.arguments).toEqual({ 'x-max-length': 5 })
  })

  it('undo is the diff back: the reverse of a deletion re-creates queue and binding', () => {
    const d = base()
    const deleted = removeNodes(d, ['queue:payment'])
    expect(summary(diffTopology(deleted, d))).toEqual(['declareQueue payment', 'bind orders->payment:order.paid'])
  })
})
