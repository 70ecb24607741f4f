import { describe, expect, it } from 'vitest'
import { SEARCH_LIMIT, searchCanvas } from '../../app/canvas/search.ts'
import { bindingEdgeId, bindingGroupEdgeId } from '../../app/design/ids.ts'
import type { BindingDef } from '../../engine/model.ts'

const bind = (source: string, destination: string, routingKey: string): BindingDef => ({
  source,
  destination,
  destinationType: 'queue',
  routingKey,
  arguments: {},
})
const bindings = [
  bind('orders', 'payment', 'order.paid'),
  bind('orders', 'payment', 'order.refunded'),
  bind('logs', 'audit', 'paid.#'),
]
const input = { exchanges: ['orders', 'logs'], queues: ['payment', 'payment.dlq', 'audit'], bindings }
const drawn = new Set(['exchange:orders', 'exchange:logs', 'queue:payment', 'queue:payment.dlq', 'queue:audit'])

describe('canvas search', () => {
  it('finds queues and exchanges by part of their name, case-insensitively', () => {
    expect(searchCanvas('PAYMENT', input, drawn).map((h) => h.label)).toEqual(['payment', 'payment.dlq'])
    expect(searchCanvas('ord', input, drawn)[0]).toEqual({
      kind: 'exchange',
      label: 'orders',
      target: { node: 'exchange:orders' },
    })
  })

  it('finds bindings by key and targets the edge that draws them, a group edge for parallel bindings', () => {
    const hits = searchCanvas('paid', input, drawn)
    expect(hits.map((h) => [h.kind, h.detail])).toEqual([
      ['binding', 'order.paid'],
      ['binding', 'paid.#'],
    ])
    expect(hits[0].target).toEqual({
      edge: bindingGroupEdgeId(bindings[0]),
      between: ['exchange:orders', 'queue:payment'],
    })
    expect(hits[1].target).toEqual({ edge: bindingEdgeId(bindings[2]), between: ['exchange:logs', 'queue:audit'] })
  })

  it('skips what the canvas does not draw, an empty query, and stops at the limit', () => {
    expect(searchCanvas('audit', input, new Set(['queue:payment']))).toEqual([])
    expect(searchCanvas('  ', input, drawn)).toEqual([])
    const many = { exchanges: [], queues: Array.from({ length: 100 }, (_, i) => `q${i}`), bindings: [] }
    expect(searchCanvas('q', many, new Set(many.queues.map((q) => `queue:${q}`)))).toHaveLength(SEARCH_LIMIT)
  })
})
