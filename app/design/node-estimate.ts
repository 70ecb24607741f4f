// Large designs: React Flow renders every node once to measure its handles, even off screen. A node that has
// never been measured gets its size and handles estimated instead, so only what is on screen is ever rendered.

import type { NodeHandle } from '@xyflow/react'
import { NODE_SIZE, type DesignNode } from './graph-types.ts'

/** Past this many nodes only what is on screen is rendered (a 5,000-queue import stays responsive). */
export const RENDER_VISIBLE_FROM = 300

/** The canvas's handles are 10 px squares on the middle of a side (app/canvas.css). */
const HANDLE = 10

type Side = 'left' | 'right' | 'bottom'
const SIDES: Record<DesignNode['type'], [id: string, type: 'source' | 'target', side: Side][]> = {
  producer: [['out', 'source', 'right']],
  exchange: [
    ['in', 'target', 'left'],
    ['out', 'source', 'right'],
    ['alternate', 'source', 'bottom'],
  ],
  queue: [
    ['in', 'target', 'left'],
    ['out', 'source', 'right'],
    ['deadLetter', 'source', 'bottom'],
  ],
  consumer: [['in', 'target', 'left']],
}

function handlesOf(type: DesignNode['type']): NodeHandle[] {
  const { width, height } = NODE_SIZE[type]
  return SIDES[type].map(([id, kind, side]) => ({
    id,
    type: kind,
    position: side,
    width: HANDLE,
    height: HANDLE,
    x: side === 'left' ? -HANDLE / 2 : side === 'right' ? width - HANDLE / 2 : width / 2 - HANDLE / 2,
    y: side === 'bottom' ? height - HANDLE / 2 : height / 2 - HANDLE / 2,
  })) as NodeHandle[]
}

const ESTIMATES = Object.fromEntries(
  (Object.keys(SIDES) as DesignNode['type'][]).map((type) => [
    type,
    { initialWidth: NODE_SIZE[type].width, initialHeight: NODE_SIZE[type].height, handles: handlesOf(type) },
  ]),
) as Record<DesignNode['type'], Pick<DesignNode, 'initialWidth' | 'initialHeight' | 'handles'>>

/** The estimate a never-measured node carries in a large design. */
export const estimateOf = (type: DesignNode['type']) => ESTIMATES[type]

/** Once React Flow has measured a node, its real handles count: the estimated ones would override them. */
export function withoutEstimate<T extends DesignNode>(node: T): T {
  if (!node.handles) return node
  const { handles: _handles, ...rest } = node
  return rest as T
}
