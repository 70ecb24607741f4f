// React Flow's nodes and edges, rebuilt from broker state and design data when either changes.

import { applyEdgeChanges, applyNodeChanges, type EdgeChange, type NodeChange } from '@xyflow/react'
import type { StateCreator } from 'zustand'
import { buildEdges, buildNodes } from '../design/build-graph.ts'
import type { DesignNode, FlowEdge } from '../design/graph-types.ts'
import type { XY } from '../design/types.ts'
import { withoutEstimate } from '../design/node-estimate.ts'
import { docOf } from './doc-of.ts'
import type { BrokerSlice } from './broker-slice.ts'
import type { DesignSlice } from './design-slice.ts'
import type { HistorySlice } from './history-slice.ts'
import type { UiSlice } from './ui-slice.ts'

export interface GraphSlice {
  nodes: DesignNode[]
  edges: FlowEdge[]
  rebuildGraph(): void
  onNodesChange(changes: NodeChange<DesignNode>[]): void
  onEdgesChange(changes: EdgeChange<FlowEdge>[]): void
  /** Selects exactly these nodes (from a list or after a paste). */
  selectNodes(ids: string[]): void
}

function selectionOf(nodes: DesignNode[], edges: FlowEdge[]) {
  return {
    selectedNodes: nodes.filter((n) => n.selected).map((n) => n.id),
    selectedEdges: edges.filter((e) => e.selected).map((e) => e.id),
  }
}

/** What the graph is built from and what it changes besides itself: the selection, positions and undo history. */
type GraphHost = GraphSlice &
  BrokerSlice &
  DesignSlice &
  HistorySlice &
  Pick<UiSlice, 'selectedNodes' | 'selectedEdges'>

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i])

export const createGraphSlice: StateCreator<GraphHost, [], [], GraphSlice> = (set, get) => ({
  nodes: [],
  edges: [],
  rebuildGraph: () => {
    const s = get()
    const nodes = buildNodes(s, s.nodes)
    const edges = buildEdges(s, new Set(nodes.map((n) => n.id)), s.edges)
    set({ nodes, edges })
  },
  onNodesChange: (changes) => {
    const s = get()
    // Nodes only move, resize and get selected here; deleting goes through the document (Delete key).
    const kept = changes.filter((c) => c.type !== 'remove' && c.type !== 'add' && c.type !== 'replace')
    if (kept.length === 0) return
    const measured = new Set(kept.flatMap((c) => (c.type === 'dimensions' ? [c.id] : [])))
    const changed = applyNodeChanges(kept, s.nodes)
    const nodes = measured.size === 0 ? changed : changed.map((n) => (measured.has(n.id) ? withoutEstimate(n) : n))
    const moved: Record<string, XY> = {}
    for (const c of kept) if (c.type === 'position' && c.dragging === false && c.position) moved[c.id] = c.position
    const patch: Partial<GraphHost> = { nodes }
    const selection = selectionOf(nodes, s.edges)
    if (!sameList(selection.selectedNodes, s.selectedNodes)) patch.selectedNodes = selection.selectedNodes
    if (Object.keys(moved).length > 0) {
      for (const n of nodes) if (n.id in moved) moved[n.id] = n.position
      s.pushHistory(docOf(s))
      patch.positions = { ...s.positions, ...moved }
    }
    set(patch)
  },
  onEdgesChange: (changes) => {
    const s = get()
    const kept = changes.filter((c) => c.type === 'select')
    if (kept.length === 0) return
    const edges = applyEdgeChanges(kept, s.edges)
    set({ edges, selectedEdges: selectionOf(s.nodes, edges).selectedEdges })
  },
  selectNodes: (ids) => {
    const want = new Set(ids)
    const s = get()
    const nodes = s.nodes.map((n) => (!!n.selected === want.has(n.id) ? n : { ...n, selected: want.has(n.id) }))
    const edges = s.edges.map((e) => (e.selected ? { ...e, selected: false } : e))
    set({ nodes, edges, selectedNodes: nodes.filter((n) => n.selected).map((n) => n.id), selectedEdges: [] })
  },
})
