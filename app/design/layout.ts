// Auto-layout as an ELK layered graph: left to right by flow, crossing reduction, orthogonal edges routed
// between the nodes. Pure: builds ELK's input and reads its output; app/design/run-layout.ts runs ELK.

import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js'
import type { XY } from './types.ts'

export interface LayoutNode {
  id: string
  width: number
  height: number
}

export interface LayoutEdge {
  source: string
  target: string
  /** Dead-letter and alternate links leave from the node's bottom handle, the others from its right one. */
  fromBottom?: boolean
}

/** An edge as ELK routed it: the points from the source's handle to the target's, corners included. */
export type Route = XY[]

export interface Layout {
  positions: Record<string, XY>
  /** Keyed by `routeKey(source, target)`; one route per pair of nodes, however many edges join them. */
  routes: Record<string, Route>
}

export const routeKey = (source: string, target: string) => `${source}\u0000${target}`

/** A hub's leaf queues are packed in a grid of this many columns once it has at least GROUP_MIN of them. */
const GROUP_MIN = 8
const GROUP_GAP = { x: 24, y: 20 }
const GROUP_PREFIX = 'group\u0000'

const LAYERED = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.spacing.nodeNode': '28',
  'elk.spacing.edgeNode': '16',
  'elk.spacing.edgeEdge': '8',
  'elk.layered.spacing.nodeNodeBetweenLayers': '72',
  'elk.layered.spacing.edgeNodeBetweenLayers': '20',
  'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.nodePlacement.bk.fixedAlignment': 'BALANCED',
  'elk.layered.cycleBreaking.strategy': 'DEPTH_FIRST',
  'elk.layered.mergeEdges': 'true',
  'elk.separateConnectedComponents': 'true',
  'elk.spacing.componentComponent': '48',
  'elk.aspectRatio': '1.8',
  'elk.padding': '[top=24,left=24,bottom=24,right=24]',
} as const

/**
 * Leaf nodes (edges in, none out) grouped under the node that feeds them most, for hubs with many: a hub's
 * hundred queues become one block in ELK's graph instead of a column a hundred nodes tall.
 */
function leafGroups(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[]): Map<string, string[]> {
  const incoming = new Map<string, Map<string, number>>()
  const outgoing = new Set<string>()
  for (const e of edges) {
    outgoing.add(e.source)
    let from = incoming.get(e.target)
    if (!from) incoming.set(e.target, (from = new Map()))
    from.set(e.source, (from.get(e.source) ?? 0) + 1)
  }
  const byHub = new Map<string, string[]>()
  for (const n of nodes) {
    const from = incoming.get(n.id)
    if (outgoing.has(n.id) || !from) continue
    let hub = ''
    let most = 0
    for (const [source, count] of from) if (count > most) [hub, most] = [source, count]
    const list = byHub.get(hub) ?? []
    list.push(n.id)
    byHub.set(hub, list)
  }
  for (const [hub, list] of byHub) if (list.length < GROUP_MIN) byHub.delete(hub)
  return byHub
}

interface Grid {
  id: string
  members: LayoutNode[]
  columns: number
  cell: { width: number; height: number }
  width: number
  height: number
}

/** Screens are wider than tall: the stacked groups aim at about this height for their width. */
const GROUPS_ASPECT = 0.6

function gridOf(hub: string, members: LayoutNode[], allGrouped: number): Grid {
  const cell = {
    width: Math.max(...members.map((m) => m.width)),
    height: Math.max(...members.map((m) => m.height)),
  }
  // Every group usually lands in the same layer, one above the other: size the columns for all of them.
  const balanced = Math.sqrt((allGrouped * (cell.height + GROUP_GAP.y)) / ((cell.width + GROUP_GAP.x) * GROUPS_ASPECT))
  const columns = Math.max(1, Math.min(members.length, Math.round(balanced)))
  const rows = Math.ceil(members.length / columns)
  return {
    id: GROUP_PREFIX + hub,
    members,
    columns,
    cell,
    width: columns * cell.width + (columns - 1) * GROUP_GAP.x,
    height: rows * cell.height + (rows - 1) * GROUP_GAP.y,
  }
}

const portsOf = (n: { id: string; width: number; height: number }) => [
  { id: `${n.id}\u0000in`, x: 0, y: n.height / 2, width: 0, height: 0, layoutOptions: { 'elk.port.side': 'WEST' } },
  {
    id: `${n.id}\u0000out`,
    x: n.width,
    y: n.height / 2,
    width: 0,
    height: 0,
    layoutOptions: { 'elk.port.side': 'EAST' },
  },
  {
    id: `${n.id}\u0000bottom`,
    x: n.width / 2,
    y: n.height,
    width: 0,
    height: 0,
    layoutOptions: { 'elk.port.side': 'SOUTH' },
  },
]

export interface ElkInput {
  graph: ElkNode
  grids: Grid[]
}

/** ELK's input: one node per drawn node (or per group of a hub's leaves), one edge per pair of nodes. */
export function toElkGraph(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[]): ElkInput {
  const known = new Set(nodes.map((n) => n.id))
  const kept = edges.filter((e) => known.has(e.source) && known.has(e.target) && e.source !== e.target)
  const groups = leafGroups(nodes, kept)
  const byId = new Map(nodes.map((n) => [n.id, n]))
  const groupOf = new Map<string, string>()
  const grids: Grid[] = []
  let allGrouped = 0
  for (const members of groups.values()) allGrouped += members.length
  for (const [hub, members] of groups) {
    const grid = gridOf(
      hub,
      members.map((m) => byId.get(m) as LayoutNode),
      allGrouped,
    )
    grids.push(grid)
    for (const m of members) groupOf.set(m, grid.id)
  }
  const children: ElkNode[] = []
  for (const n of nodes)
    if (!groupOf.has(n.id))
      children.push({
        id: n.id,
        width: n.width,
        height: n.height,
        ports: portsOf(n),
        layoutOptions: { 'elk.portConstraints': 'FIXED_POS' },
      })
  for (const g of grids)
    children.push({
      id: g.id,
      width: g.width,
      height: g.height,
      ports: portsOf(g),
      layoutOptions: { 'elk.portConstraints': 'FIXED_POS' },
    })
  const seen = new Set<string>()
  const elkEdges: ElkExtendedEdge[] = []
  for (const e of kept) {
    const target = groupOf.get(e.target) ?? e.target
    const key = `${routeKey(e.source, target)}\u0000${e.fromBottom ? 'b' : 'o'}`
    if (seen.has(key)) continue
    seen.add(key)
    elkEdges.push({
      id: `e${elkEdges.length}`,
      sources: [`${e.source}\u0000${e.fromBottom ? 'bottom' : 'out'}`],
      targets: [`${target}\u0000in`],
    })
  }
  return { graph: { id: 'root', layoutOptions: { ...LAYERED }, children, edges: elkEdges }, grids }
}

const endOf = (port: string) => port.slice(0, port.lastIndexOf('\u0000'))

/** Top-left positions for every node (React Flow's convention) and the routes between them. */
export function fromElkGraph(laid: ElkNode, grids: readonly Grid[]): Layout {
  const positions: Record<string, XY> = {}
  const placed = new Map<string, XY>()
  for (const c of laid.children ?? []) placed.set(c.id, { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) })
  for (const [id, at] of placed) if (!id.startsWith(GROUP_PREFIX)) positions[id] = at
  for (const g of grids) {
    const at = placed.get(g.id) ?? { x: 0, y: 0 }
    g.members.forEach((m, i) => {
      const col = i % g.columns
      const row = Math.floor(i / g.columns)
      positions[m.id] = {
        x: Math.round(at.x + col * (g.cell.width + GROUP_GAP.x)),
        y: Math.round(at.y + row * (g.cell.height + GROUP_GAP.y)),
      }
    })
  }
  const routes: Record<string, Route> = {}
  for (const e of laid.edges ?? []) {
    const section = e.sections?.[0]
    if (!section) continue
    const source = endOf(e.sources[0])
    const target = endOf(e.targets[0])
    // A group has no single target handle; its members' edges are drawn by React Flow as usual.
    if (target.startsWith(GROUP_PREFIX)) continue
    routes[routeKey(source, target)] = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map(
      (p) => ({ x: Math.round(p.x), y: Math.round(p.y) }),
    )
  }
  return { positions, routes }
}
