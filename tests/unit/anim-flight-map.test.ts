// Broker events -> dots along canvas edges: real events from a TestBroker, mapped against a design.

import { describe, expect, it } from 'vitest'
import { newConsumer, newProducer } from '../../app/design/sim-specs.ts'
import type { BindingDef } from '../../engine/model.ts'
import { FlightIndex, FlightMemory, keyMatcher, mapEvents, type Flight } from '../../app/canvas/overlay/flight-map.ts'
import { pathPoints } from '../../app/canvas/overlay/controller.ts'
import { bindingEdgeId } from '../../app/design/ids.ts'
import { TestBroker } from './test-broker.ts'

const binding = (
  source: string,
  destination: string,
  routingKey = '',
  destinationType: 'queue' | 'exchange' = 'queue',
): BindingDef => ({ source, destination, destinationType, routingKey, arguments: {} })

const moves = (flights: Flight[]) =>
  flights
    .filter((f) => f.kind === 'move')
    .map((f) => `${f.edge}${f.kind === 'move' && f.reverse ? ' (back)' : ''} ${f.outcome}`)
const marks = (flights: Flight[]) =>
  flights
    .filter((f) => f.kind === 'mark')
    .map((f) => `${f.kind === 'mark' ? `${f.end} of ${f.edge}` : ''} ${f.outcome}`)

function design() {
  const bindings = [binding('orders', 'fan', 'order.#', 'exchange'), binding('fan', 'work'), binding('dlx', 'dead')]
  return new FlightIndex({
    exchanges: {
      orders: { type: 'topic', arguments: {} },
      fan: { type: 'fanout', arguments: {} },
      dlx: { type: 'fanout', arguments: {} },
    },
    queues: { work: { arguments: { 'x-dead-letter-exchange': 'dlx' } }, dead: { arguments: {} } },
    bindings,
    producers: { checkout: { ...newProducer('checkout', 'checkout'), exchange: 'orders', routingKey: 'order.paid' } },
    consumers: { w1: { ...newConsumer('w1', 'w1'), queue: 'work', processingMs: 0 } },
  })
}

function broker() {
  const b = new TestBroker().exchange('orders', 'topic').exchange('fan', 'fanout').exchange('dlx', 'fanout')
  b.queue('work', { 'x-dead-letter-exchange': 'dlx' })
    .queue('dead')
    .bindExchange('orders', 'fan', 'order.#')
    .bind('fan', 'work')
    .bind('dlx', 'dead')
  return b
}

describe('event -> flight mapping', () => {
  it('follows a message from the producer through an exchange-to-exchange binding to the queue and its consumer', () => {
    const b = broker()
    const index = design()
    const memory = new FlightMemory()
    b.publish('orders', 'order.paid', 'hello')
    const c = b.consume('work', { consumerTag: 'designer-w1', prefetch: 1 })
    b.ack(c.deliveries[0])
    const flights = mapEvents(b.events, index, memory)
    expect(moves(flights)).toEqual([
      'publish:checkout routed',
      `${bindingEdgeId(binding('orders', 'fan', 'order.#', 'exchange'))} routed`,
      `${bindingEdgeId(binding('fan', 'work'))} routed`,
      'consume:w1 routed',
    ])
    const steps = flights.filter((f) => f.kind === 'move').map((f) => (f.kind === 'move' ? f.step : -1))
    expect(steps).toEqual([0, 0, 1, 0]) // the two binding hops run one after the other
    expect(marks(flights)).toEqual(['source of publish:checkout confirmed', 'target of consume:w1 acked']) // the confirm flashes at the producer
  })

  it('sends a requeued message back along the consume edge and a dead-lettered one along the dead-letter edge, onwards', () => {
    const b = broker()
    const index = design()
    const memory = new FlightMemory()
    b.publish('orders', 'order.paid', 'hello')
    const c = b.consume('work', { consumerTag: 'sim-w1-0', prefetch: 1 })
    b.nack(c.deliveries[0], { requeue: true })
    b.reject(c.deliveries[1], false)
    const flights = mapEvents(b.events, index, memory)
    expect(moves(flights).slice(3)).toEqual([
      'consume:w1 routed',
      'consume:w1 (back) requeued',
      'consume:w1 requeued', // the redelivery
      'deadLetter:work deadLettered',
      `${bindingEdgeId(binding('dlx', 'dead'))} routed`,
    ])
    const dl = flights.find((f) => f.kind === 'move' && f.outcome === 'deadLettered')
    expect(dl && dl.kind === 'move' && dl.next).toBeGreaterThan(0)
  })

  it('marks a returned message at the producer and an expired one at its queue', () => {
    const b = broker()
    b.queue('short', { 'x-message-ttl': 10 }).bind('fan', 'short')
    const index = new FlightIndex({
      exchanges: { orders: { type: 'topic', arguments: {} }, fan: { type: 'fanout', arguments: {} } },
      queues: { short: { arguments: { 'x-message-ttl': 10 } }, work: { arguments: {} } },
      bindings: [binding('orders', 'fan', 'order.#', 'exchange'), binding('fan', 'short')],
      producers: { checkout: { ...newProducer('checkout', 'checkout'), exchange: 'orders', routingKey: 'x' } },
      consumers: {},
    })
    const memory = new FlightMemory()
    b.publish('orders', 'nothing.matches', 'lost', {}, true)
    b.clearEvents()
    b.publish('orders', 'nothing.matches', 'lost', {}, true)
    b.publish('orders', 'order.x', 'short-lived')
    ;(b as unknown as { clock: { advance(ms: number): void } }).clock.advance(50)
    b.get('short') // expiry is noticed when the queue is looked at
    const flights = mapEvents(b.events, index, memory)
    expect(marks(flights)).toContain('source of publish:checkout returned')
    expect(marks(flights)).toContain(`target of ${bindingEdgeId(binding('fan', 'short'))} expired`)
  })

  it('maps nothing for entities without a node (the default exchange, unknown consumers)', () => {
    const b = new TestBroker().queue('plain')
    b.publish('', 'plain', 'x')
    b.get('plain')
    expect(
      mapEvents(
        b.events,
        new FlightIndex({ exchanges: {}, queues: {}, bindings: [], producers: {}, consumers: {} }),
        new FlightMemory(),
      ),
    ).toEqual([])
  })

  it('samples points along a React Flow bezier path from its source to its target', () => {
    const pts = pathPoints('M0,0 C50,0 50,100 100,100', 4)
    expect(pts).toHaveLength(5)
    expect(pts[0]).toEqual([0, 0])
    expect(pts[4]).toEqual([100, 100])
    expect(pts[2][0]).toBeCloseTo(50)
  })
})

describe('which producer published a key', () => {
  it('a fixed key, keys taken in turn, or a {a|b} pattern', () => {
    expect(keyMatcher('fixed', 'order.paid')('order.paid')).toBe(true)
    expect(keyMatcher('fixed', 'order.paid')('order.new')).toBe(false)
    expect(keyMatcher('cycle', 'a.b, c.d')('c.d')).toBe(true)
    expect(keyMatcher('cycle', 'a.b, c.d')('a.b, c.d')).toBe(false)
    const pattern = keyMatcher('pattern', 'order.{created|paid}.eu')
    expect(['order.created.eu', 'order.paid.eu', 'order.cancelled.eu', 'orderXpaid.eu'].map(pattern)).toEqual([
      true,
      true,
      false,
      false,
    ])
  })
})
