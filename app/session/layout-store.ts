// Auto-layout of what the canvas shows, with the sizes React measured when it has measured them.

import { layoutGraph } from '../design/layout.ts'
import type { XY } from '../design/types.ts'
import { NODE_SIZE, type DesignNode, type FlowEdge } from '../design/graph-types.ts'

export function autoLayoutPositions(nodes: readonly DesignNode[], edges: readonly FlowEdge[]): Record<string, XY> {
  return layoutGraph(
    nodes.map((n) => ({
      id: n.id,
      width: n.measured?.width ?? NODE_SIZE[n.type].width,
      height: n.measured?.height ?? NODE_SIZE[n.type].height,
    })),
    edges.filter((e) => e.data?.kind !== 'alternate').map((e) => ({ source: e.source, target: e.target })),
  )
}

/** Resolves once React Flow has measured every node (or after `maxMs`), so a layout uses real heights. */
export async function whenMeasured(nodes: () => readonly DesignNode[], maxMs = 600): Promise<void> {
  const until = performance.now() + maxMs
  while (performance.now() < until && nodes().some((n) => !n.measured?.height)) {
    await new Promise((resolve) => requestAnimationFrame(resolve))
  }
}
