// Runs dagre off the main thread: laying out thousands of imported nodes takes seconds, which would freeze
// the page if it ran there.

import { layoutGraph, type LayoutEdge, type LayoutNode } from './layout.ts'
import type { XY } from './types.ts'

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<{ nodes: LayoutNode[]; edges: LayoutEdge[] }>) => void) | null
  postMessage(message: Record<string, XY>): void
}

scope.onmessage = (event) => scope.postMessage(layoutGraph(event.data.nodes, event.data.edges))
