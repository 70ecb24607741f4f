import { describe, expect, it } from 'vitest'
import { parseSavedDesign, parseSavedDesigns } from '../../app/design/saved-design.ts'
import { consumerDefaults, producerDefaults } from '../../app/design/sim-specs.ts'

const v1 = {
  version: 1,
  producers: { checkout: { id: 'checkout', name: 'checkout', exchange: 'orders', routingKey: 'order.paid' } },
  consumers: {
    pay: { id: 'pay', name: 'payment worker', queue: 'payment', ackMode: 'manual', prefetch: 5, processingMs: 1500 },
    fast: { id: 'fast', name: 'fast', queue: null, ackMode: 'auto' },
  },
  positions: { 'producer:checkout': { x: 1, y: 2 } },
}

describe('saved designs', () => {
  it('migrates a version 1 record: old fields kept, the simulation settings defaulted', () => {
    const d = parseSavedDesign(v1)!
    expect(d.producers.checkout).toEqual({
      id: 'checkout',
      name: 'checkout',
      exchange: 'orders',
      routingKey: 'order.paid',
      ...producerDefaults(),
    })
    expect(d.producers.checkout.running).toBe(false)
    expect(d.consumers.pay).toEqual({
      id: 'pay',
      name: 'payment worker',
      queue: 'payment',
      ackMode: 'manual',
      prefetch: 5,
      processingMs: 1500,
      behaviour: { kind: 'ack' },
    })
    expect(d.consumers.fast).toEqual({ id: 'fast', name: 'fast', queue: null, ...consumerDefaults(), ackMode: 'auto' })
    expect(d.positions).toEqual({ 'producer:checkout': { x: 1, y: 2 } })
  })

  it('reads a version 2 record whole', () => {
    const producer = {
      id: 'p',
      name: 'p',
      exchange: '',
      routingKey: 'order.{a|b}',
      routingKeyMode: 'pattern',
      rate: 2.5,
      burst: 3,
      running: true,
      headers: { region: 'eu', n: 1, ok: true },
      persistent: true,
      expiration: 5000,
      priority: 3,
      body: '{key} #{n}',
      mandatory: true,
      confirms: false,
    }
    const consumer = {
      id: 'c',
      name: 'c',
      queue: 'q',
      ackMode: 'manual',
      prefetch: 0,
      processingMs: [100, 400],
      behaviour: { kind: 'fail-randomly', probability: 0.2, action: 'dead-letter' },
    }
    const d = parseSavedDesign({ version: 2, producers: { p: producer }, consumers: { c: consumer }, positions: {} })!
    expect(d.producers.p).toEqual(producer)
    expect(d.consumers.c).toEqual(consumer)
  })

  it('a damaged record loses only what is damaged', () => {
    const d = parseSavedDesign({
      version: 2,
      producers: {
        bad: { name: 3 },
        p: {
          name: 'p',
          exchange: 'x',
          routingKey: 'k',
          rate: -1,
          routingKeyMode: 'sideways',
          headers: { deep: { a: 1 } },
          expiration: 'soon',
        },
      },
      consumers: 'not a table',
      positions: { a: { x: 'left', y: 0 }, b: { x: 3, y: 4 } },
    })!
    expect(Object.keys(d.producers)).toEqual(['p'])
    expect(d.producers.p).toMatchObject({
      rate: producerDefaults().rate,
      routingKeyMode: 'fixed',
      headers: {},
      expiration: null,
    })
    expect(d.consumers).toEqual({})
    expect(d.positions).toEqual({ b: { x: 3, y: 4 } })
    const c = parseSavedDesign({
      version: 2,
      consumers: {
        c: { name: 'c', queue: 'q', processingMs: [500, 100], behaviour: { kind: 'fail-randomly', probability: 7 } },
      },
    })!
    expect(c.consumers.c).toMatchObject({ processingMs: consumerDefaults().processingMs, behaviour: { kind: 'ack' } })
  })

  it('an unknown version or a non-object is no design at all', () => {
    expect(parseSavedDesign({ version: 3 })).toBeNull()
    expect(parseSavedDesign(null)).toBeNull()
    expect(parseSavedDesign([])).toBeNull()
  })

  it('reads a version 2 record as the design of vhost /', () => {
    const designs = parseSavedDesigns({ ...v1, version: 2 })!
    expect(designs.vhost).toBe('/')
    expect(Object.keys(designs.vhosts)).toEqual(['/'])
    expect(designs.vhosts['/'].producers.checkout.exchange).toBe('orders')
  })

  it('version 3 keeps one design per vhost and the vhost last shown', () => {
    const raw = {
      version: 3,
      vhost: 'staging',
      vhosts: {
        '/': { producers: v1.producers, consumers: {}, positions: {} },
        staging: { producers: {}, consumers: v1.consumers, positions: v1.positions },
        broken: 7,
      },
    }
    const designs = parseSavedDesigns(raw)!
    expect(designs.vhost).toBe('staging')
    expect(Object.keys(designs.vhosts).sort()).toEqual(['/', 'staging'])
    expect(Object.keys(designs.vhosts.staging.consumers)).toEqual(['pay', 'fast'])
    expect(parseSavedDesign(raw)?.consumers.pay.prefetch).toBe(5)
    // A vhost last shown that has no design falls back to '/'.
    expect(parseSavedDesigns({ ...raw, vhost: 'gone' })!.vhost).toBe('/')
    expect(parseSavedDesigns({ version: 3, vhost: '/' })).toBeNull()
  })
})
