import ELK from 'elkjs/lib/elk.bundled.js'
import { describe, expect, it } from 'vitest'
import {
  fromElkGraph,
  routeKey,
  toElkGraph,
  type Layout,
  type LayoutEdge,
  type LayoutNode,
} from '../../app/design/layout.ts'

const elk = new ELK()
async function layout(nodes: LayoutNode[], edges: LayoutEdge[]): Promise<Layout> {
  const { graph, grids } = toElkGraph(nodes, edges)
  return fromElkGraph(await elk.layout(graph), grids)
}
const node = (id: string, width = 200, height = 80): LayoutNode => ({ id, width, height })

function overlaps(nodes: LayoutNode[], at: Layout['positions']): string[] {
  const found: string[] = []
  for (let i = 0; i < nodes.length; i++)
    for (let j = i + 1; j < nodes.length; j++) {
      const [a, b] = [nodes[i], nodes[j]]
      const [p, q] = [at[a.id], at[b.id]]
      if (p.x < q.x + b.width && q.x < p.x + a.width && p.y < q.y + b.height && q.y < p.y + a.height)
        found.push(`${a.id} / ${b.id}`)
    }
  return found
}

describe('auto-layout', () => {
  it('lays the flow out left to right: producer, exchange, queue, consumer, then the dead-letter path', async () => {
    const nodes = ['producer:p', 'exchange:orders', 'queue:work', 'consumer:c', 'exchange:dlx', 'queue:dlq'].map((id) =>
      node(id),
    )
    const edges = [
      { source: 'producer:p', target: 'exchange:orders' },
      { source: 'exchange:orders', target: 'queue:work' },
      { source: 'queue:work', target: 'consumer:c' },
      { source: 'queue:work', target: 'exchange:dlx', fromBottom: true },
      { source: 'exchange:dlx', target: 'queue:dlq' },
    ]
    const { positions, routes } = await layout(nodes, edges)
    const x = (id: string) => positions[id].x
    expect(x('producer:p')).toBeLessThan(x('exchange:orders'))
    expect(x('exchange:orders')).toBeLessThan(x('queue:work'))
    expect(x('queue:work')).toBeLessThan(x('consumer:c'))
    expect(x('queue:work')).toBeLessThan(x('exchange:dlx'))
    expect(x('exchange:dlx')).toBeLessThan(x('queue:dlq'))
    expect(overlaps(nodes, positions)).toEqual([])
    // Routes leave from the source's right-hand handle and reach the target's left-hand one.
    const route = routes[routeKey('exchange:orders', 'queue:work')]
    expect(route[0]).toEqual({ x: x('exchange:orders') + 200, y: positions['exchange:orders'].y + 40 })
    expect(route.at(-1)).toEqual({ x: x('queue:work'), y: positions['queue:work'].y + 40 })
    // The dead-letter link leaves from the bottom.
    const dead = routes[routeKey('queue:work', 'exchange:dlx')]
    expect(dead[0]).toEqual({ x: x('queue:work') + 100, y: positions['queue:work'].y + 80 })
  })

  it("packs a hub's many queues in a block instead of one tall column", async () => {
    const nodes = [node('exchange:hub'), ...Array.from({ length: 60 }, (_, i) => node(`queue:q${i}`, 224, 96))]
    const edges = nodes.slice(1).map((n) => ({ source: 'exchange:hub', target: n.id }))
    const { positions } = await layout(nodes, edges)
    const queues = nodes.slice(1).map((n) => positions[n.id])
    const height = Math.max(...queues.map((p) => p.y)) - Math.min(...queues.map((p) => p.y)) + 96
    const width = Math.max(...queues.map((p) => p.x)) - Math.min(...queues.map((p) => p.x)) + 224
    expect(height).toBeLessThan(60 * 96)
    expect(width).toBeGreaterThan(height / 3)
    expect(overlaps(nodes, positions)).toEqual([])
    for (const q of queues) expect(q.x).toBeGreaterThan(positions['exchange:hub'].x + 200)
  })

  it('draws parallel edges between two nodes as one edge in the layout', () => {
    const edges = Array.from({ length: 670 }, () => ({ source: 'exchange:a', target: 'queue:b' }))
    const { graph } = toElkGraph([node('exchange:a'), node('queue:b')], edges)
    expect(graph.edges).toHaveLength(1)
  })

  it('ignores edges to nodes it was not given and self-loops', () => {
    const { graph } = toElkGraph(
      [node('exchange:a')],
      [
        { source: 'exchange:a', target: 'queue:gone' },
        { source: 'exchange:a', target: 'exchange:a' },
      ],
    )
    expect(graph.edges).toHaveLength(0)
  })
})
