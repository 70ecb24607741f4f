// Auto-layout of what the canvas shows, with the sizes React measured when it has measured them.

import { layoutGraph } from '../design/layout.ts'
import { layoutGraphResponsive } from '../design/layout-off-thread.ts'
import type { XY } from '../design/types.ts'
import { NODE_SIZE, type DesignNode, type FlowEdge } from '../design/graph-types.ts'

function layoutInput(nodes: readonly DesignNode[], edges: readonly FlowEdge[]) {
  return {
    nodes: nodes.map((n) => ({
      id: n.id,
      width: n.measured?.width ?? NODE_SIZE[n.type].width,
      height: n.measured?.height ?? NODE_SIZE[n.type].height,
    })),
    edges: edges.filter((e) => e.data?.kind !== 'alternate').map((e) => ({ source: e.source, target: e.target })),
  }
}

export function autoLayoutPositions(nodes: readonly DesignNode[], edges: readonly FlowEdge[]): Record<string, XY> {
  const input = layoutInput(nodes, edges)
  return layoutGraph(input.nodes, input.edges)
}

/** The same layout, computed in a worker for a large graph so the page stays responsive. */
export function autoLayoutPositionsResponsive(
  nodes: readonly DesignNode[],
  edges: readonly FlowEdge[],
): Promise<Record<string, XY>> {
  const input = layoutInput(nodes, edges)
  return layoutGraphResponsive(input.nodes, input.edges)
}

/** Resolves once React Flow has measured every node (or after `maxMs`), so a layout uses real heights. */
export async function whenMeasured(nodes: () => readonly DesignNode[], maxMs = 600): Promise<void> {
  const until = performance.now() + maxMs
  while (performance.now() < until && nodes().some((n) => !n.measured?.height)) {
    await new Promise((resolve) => requestAnimationFrame(resolve))
  }
}
