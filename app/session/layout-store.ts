// Auto-layout of what the canvas shows, with the sizes React measured when it has measured them.

import { runLayout } from '../design/run-layout.ts'
import type { XY } from '../design/types.ts'
import { NODE_SIZE, type DesignNode, type FlowEdge } from '../design/graph-types.ts'
import { setRoutes } from '../store/routes.ts'

const FROM_BOTTOM = new Set(['deadLetter', 'alternate'])

/** Positions for every node; the edge routes go to the routes store. Rejects when the layout fails. */
export async function autoLayoutPositions(
  nodes: readonly DesignNode[],
  edges: readonly FlowEdge[],
): Promise<Record<string, XY>> {
  const layout = await runLayout(
    nodes.map((n) => ({
      id: n.id,
      width: n.measured?.width ?? NODE_SIZE[n.type].width,
      height: n.measured?.height ?? NODE_SIZE[n.type].height,
    })),
    edges.map((e) => ({ source: e.source, target: e.target, fromBottom: FROM_BOTTOM.has(e.data?.kind ?? '') })),
  )
  setRoutes(layout.routes)
  return layout.positions
}

/**
 * Resolves once React Flow has measured every node it renders (or after `maxMs`), so a layout uses real heights.
 * Nodes of a large design that stay off screen keep their estimated size (design/node-estimate.ts).
 */
export async function whenMeasured(nodes: () => readonly DesignNode[], maxMs = 600): Promise<void> {
  const until = performance.now() + maxMs
  while (performance.now() < until && nodes().some((n) => !n.measured?.height && !n.handles)) {
    await new Promise((resolve) => requestAnimationFrame(resolve))
  }
}
