// The canvas as React Flow holds it (measured sizes, handle bounds, positions) -> a Diagram for diagram-svg.ts.
// Edge paths are computed exactly as FlowEdge draws them, from the same handle positions.

import { getBezierPath, Position, type InternalNode, type ReactFlowInstance } from '@xyflow/react'
import { NODE_SIZE, type DesignNode, type FlowEdge } from '../design/graph-types.ts'
import { queueBadges, queueType } from '../ui/queue-badges.ts'
import type { Diagram, DiagramEdge, DiagramNode } from './diagram-svg.ts'

type Internal = InternalNode<DesignNode>

function describe(n: DesignNode): Pick<DiagramNode, 'kind' | 'name' | 'badge' | 'details'> {
  switch (n.type) {
    case 'exchange': {
      const x = n.data.def
      const details = [x.durable ? 'durable' : 'transient']
      if (x.autoDelete) details.push('auto-delete')
      if (x.internal) details.push('internal')
      if (typeof x.arguments['alternate-exchange'] === 'string') details.push(`AE ${x.arguments['alternate-exchange']}`)
      return { kind: 'exchange', name: x.name, badge: x.type, details }
    }
    case 'queue': {
      const q = n.data.def
      const flags = [
        q.durable ? 'durable' : 'transient',
        ...(q.exclusive ? ['exclusive'] : []),
        ...(q.autoDelete ? ['auto-delete'] : []),
      ]
      return {
        kind: 'queue',
        name: q.name,
        badge: queueType(q),
        details: [...flags, ...queueBadges(q).map((b) => b.label)],
      }
    }
    case 'consumer': {
      const c = n.data.def
      return {
        kind: 'consumer',
        name: c.name,
        badge: c.ackMode === 'auto' ? 'auto ack' : 'manual ack',
        details: [`prefetch ${c.prefetch === 0 ? 'unlimited' : c.prefetch}`],
      }
    }
    case 'producer':
      return { kind: 'producer', name: n.data.def.name, badge: '', details: [] }
  }
}

function handlePoint(
  node: Internal,
  type: 'source' | 'target',
  handleId: string | null | undefined,
  fallback: Position,
) {
  const bounds = node.internals.handleBounds?.[type] ?? []
  const handle = bounds.find((h) => h.id === handleId) ?? bounds[0] ?? null
  const origin = node.internals.positionAbsolute
  const width = node.measured?.width ?? NODE_SIZE[node.type].width
  const height = node.measured?.height ?? NODE_SIZE[node.type].height
  if (!handle) {
    const x = fallback === Position.Right ? origin.x + width : origin.x
    return { x, y: origin.y + height / 2, position: fallback }
  }
  const x = origin.x + handle.x
  const y = origin.y + handle.y
  switch (handle.position) {
    case Position.Top:
      return { x: x + handle.width / 2, y, position: handle.position }
    case Position.Right:
      return { x: x + handle.width, y: y + handle.height / 2, position: handle.position }
    case Position.Bottom:
      return { x: x + handle.width / 2, y: y + handle.height, position: handle.position }
    default:
      return { x, y: y + handle.height / 2, position: handle.position }
  }
}

export function collectDiagram(rf: ReactFlowInstance<DesignNode, FlowEdge>): Diagram {
  const nodes: DiagramNode[] = []
  for (const n of rf.getNodes()) {
    const internal = rf.getInternalNode(n.id)
    const at = internal?.internals.positionAbsolute ?? n.position
    nodes.push({
      id: n.id,
      ...describe(n),
      x: at.x,
      y: at.y,
      width: n.measured?.width ?? NODE_SIZE[n.type].width,
      height: n.measured?.height ?? NODE_SIZE[n.type].height,
    })
  }
  const edges: DiagramEdge[] = []
  for (const e of rf.getEdges()) {
    const source = rf.getInternalNode(e.source)
    const target = rf.getInternalNode(e.target)
    if (!source || !target) continue
    const from = handlePoint(source, 'source', e.sourceHandle, Position.Right)
    const to = handlePoint(target, 'target', e.targetHandle, Position.Left)
    const [path, labelX, labelY] = getBezierPath({
      sourceX: from.x,
      sourceY: from.y,
      sourcePosition: from.position,
      targetX: to.x,
      targetY: to.y,
      targetPosition: to.position,
    })
    edges.push({
      kind: e.data?.kind ?? 'binding',
      label: e.data?.label ?? '',
      path,
      labelX,
      labelY,
      targetX: to.x,
      targetY: to.y,
    })
  }
  return { nodes, edges }
}
