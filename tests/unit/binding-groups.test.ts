// Parallel bindings drawn as one edge: the canvas, the dots and deleting all agree on which edge draws which binding.

import { describe, expect, it } from 'vitest'
import { buildEdges } from '../../app/design/build-graph.ts'
import { FlightIndex } from '../../app/canvas/overlay/flight-map.ts'
import { bindingCounts, bindingsOfGroup, drawnBindingEdgeId } from '../../app/design/binding-groups.ts'
import { removeEdges } from '../../app/design/doc-ops.ts'
import { bindingEdgeId, bindingGroupEdgeId } from '../../app/design/ids.ts'
import type { DesignDoc } from '../../app/design/types.ts'
import type { BindingDef, ExchangeDef, QueueDef } from '../../engine/model.ts'

const bind = (source: string, destination: string, routingKey: string): BindingDef => ({
  source,
  destination,
  destinationType: 'queue',
  routingKey,
  arguments: {},
})
const exchange = (name: string): ExchangeDef => ({
  name,
  type: 'topic',
  durable: true,
  autoDelete: false,
  internal: false,
  arguments: {},
})
const queue = (name: string): QueueDef => ({ name, durable: true, exclusive: false, autoDelete: false, arguments: {} })

function doc(bindings: BindingDef[]): DesignDoc {
  return {
    exchanges: { a: exchange('a'), b: exchange('b') },
    queues: { q: queue('q'), r: queue('r') },
    bindings,
    policies: [],
    producers: {},
    consumers: {},
    positions: {},
  } as unknown as DesignDoc
}

const many = Array.from({ length: 670 }, (_, i) => bind('a', 'q', `k-${i}`))
const bindings = [...many, bind('b', 'q', 'only'), bind('a', 'r', 'lone')]
const nodeIds = new Set(['exchange:a', 'exchange:b', 'queue:q', 'queue:r'])

describe('binding groups', () => {
  it('draws 670 bindings between the same two nodes as one edge that counts them, lone bindings as they were', () => {
    const edges = buildEdges(doc(bindings), nodeIds, [])
    expect(edges).toHaveLength(3)
    const group = edges.find((e) => e.id === bindingGroupEdgeId(many[0]))
    expect(group?.data).toMatchObject({ kind: 'binding', count: 670 })
    expect(group?.data?.keys?.split('\n').slice(0, 2)).toEqual(['k-0', 'k-1'])
    expect(group?.data?.keys).toContain('+650')
    expect(edges.find((e) => e.id === bindingEdgeId(bindings[670]))?.data?.label).toBe('only')
  })

  it('keeps the group edge object while its bindings are unchanged, and replaces it when one changes', () => {
    const first = buildEdges(doc(bindings), nodeIds, [])
    expect(buildEdges(doc(bindings), nodeIds, first)[0]).toBe(first[0])
    const renamed = [bind('a', 'q', 'renamed'), ...bindings.slice(1)]
    expect(buildEdges(doc(renamed), nodeIds, first)[0]).not.toBe(first[0])
  })

  it('sends the dots of every binding in a group along the group edge', () => {
    const counts = bindingCounts(bindings)
    expect(drawnBindingEdgeId(many[5], counts)).toBe(bindingGroupEdgeId(many[5]))
    expect(drawnBindingEdgeId(bindings[670], counts)).toBe(bindingEdgeId(bindings[670]))
    const index = new FlightIndex({
      exchanges: { a: { type: 'topic', arguments: {} }, b: { type: 'topic', arguments: {} } },
      queues: { q: { arguments: {} }, r: { arguments: {} } },
      bindings,
      producers: {},
      consumers: {},
    })
    expect(index.pathTo('a', 'q')).toEqual([bindingGroupEdgeId(many[0])])
    expect(index.pathTo('a', 'r')).toEqual([bindingEdgeId(bindings[671])])
  })

  it('deleting a group edge unbinds every binding it draws and nothing else', () => {
    const after = removeEdges(doc(bindings), [bindingGroupEdgeId(many[0])])
    expect(after.bindings.map((b) => b.routingKey)).toEqual(['only', 'lone'])
    expect(bindingsOfGroup(bindings, bindingGroupEdgeId(many[0]))).toHaveLength(670)
  })
})
