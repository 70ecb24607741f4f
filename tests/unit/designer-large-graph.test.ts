import { describe, expect, it } from 'vitest'
import { buildNodes, type GraphInput } from '../../app/design/build-graph.ts'
import { RENDER_VISIBLE_FROM, withoutEstimate } from '../../app/design/node-estimate.ts'
import { edgesInWindow } from '../../app/canvas/edge-window.ts'
import type { FlowEdge } from '../../app/design/graph-types.ts'
import type { QueueDef } from '../../engine/model.ts'

function input(queues: number): GraphInput {
  const record: Record<string, QueueDef> = {}
  for (let i = 0; i < queues; i++)
    record[`q${i}`] = { name: `q${i}`, durable: true, exclusive: false, autoDelete: false, arguments: {} }
  return { exchanges: {}, queues: record, bindings: [], producers: {}, consumers: {}, positions: {} }
}

describe('large designs', () => {
  it('gives never-measured nodes estimated handles only past the threshold', () => {
    expect(buildNodes(input(RENDER_VISIBLE_FROM - 1), []).every((n) => n.handles === undefined)).toBe(true)
    const large = buildNodes(input(RENDER_VISIBLE_FROM), [])
    expect(large.every((n) => n.handles?.map((h) => h.id).join() === 'in,out,deadLetter')).toBe(true)
    expect(large[0].initialWidth).toBeGreaterThan(0)
  })

  it('keeps a measured node free of estimates when the graph is rebuilt', () => {
    const first = buildNodes(input(RENDER_VISIBLE_FROM), [])
    const measured = first.map((n, i) =>
      i === 0 ? { ...withoutEstimate(n), measured: { width: 230, height: 120 } } : n,
    )
    const moved = input(RENDER_VISIBLE_FROM)
    moved.positions = { [first[0].id]: { x: 5, y: 5 } }
    const again = buildNodes(moved, measured)
    expect(again[0].handles).toBeUndefined()
    expect(again[0].measured).toEqual({ width: 230, height: 120 })
    expect(again[1].handles).toBeDefined()
  })

  it('draws an edge only when both its ends lie in the window, or when it is selected', () => {
    const at = { a: { x: 0, y: 0 }, b: { x: 50, y: 50 }, far: { x: 5000, y: 0 } } as Record<
      string,
      { x: number; y: number }
    >
    const edge = (id: string, source: string, target: string, selected = false) =>
      ({ id, source, target, selected }) as FlowEdge
    const edges = [edge('near', 'a', 'b'), edge('out', 'a', 'far'), edge('picked', 'a', 'far', true)]
    const shown = edgesInWindow(edges, { x: -100, y: -100, x2: 100, y2: 100 }, (id) => at[id])
    expect(shown.map((e) => e.id)).toEqual(['near', 'picked'])
  })
})
