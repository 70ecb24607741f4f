// Auto-layout with dagre: producers on the left, consumers on the right, dead-letter paths below.

import dagre from '@dagrejs/dagre'
import type { XY } from './types.ts'

export interface LayoutNode {
  id: string
  width: number
  height: number
}

export interface LayoutEdge {
  source: string
  target: string
}

/** Top-left positions for every node (React Flow positions nodes by their top-left corner). */
export function layoutGraph(nodes: LayoutNode[], edges: LayoutEdge[]): Record<string, XY> {
  const g = new dagre.graphlib.Graph()
  g.setGraph({ rankdir: 'LR', nodesep: 32, ranksep: 80, marginx: 24, marginy: 24 })
  g.setDefaultEdgeLabel(() => ({}))
  for (const n of nodes) g.setNode(n.id, { width: n.width, height: n.height })
  for (const e of edges) if (g.hasNode(e.source) && g.hasNode(e.target)) g.setEdge(e.source, e.target)
  dagre.layout(g)
  const out: Record<string, XY> = {}
  for (const n of nodes) {
    const placed = g.node(n.id)
    out[n.id] = { x: Math.round(placed.x - n.width / 2), y: Math.round(placed.y - n.height / 2) }
  }
  return out
}
