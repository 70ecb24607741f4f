// Auto-layout that keeps the page responsive: small graphs are laid out at once, large ones in a worker.

import { t } from '../i18n/index.ts'
import { layoutGraph, type LayoutEdge, type LayoutNode } from './layout.ts'
import type { XY } from './types.ts'

/** Below this many nodes dagre takes a few milliseconds: a worker would only add its start-up. */
export const LAYOUT_WORKER_FROM = 300

export function layoutGraphResponsive(nodes: LayoutNode[], edges: LayoutEdge[]): Promise<Record<string, XY>> {
  if (nodes.length < LAYOUT_WORKER_FROM) return Promise.resolve(layoutGraph(nodes, edges))
  const worker = new Worker(new URL('./layout-worker.ts', import.meta.url), { type: 'module' })
  return new Promise<Record<string, XY>>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<Record<string, XY>>) => {
      worker.terminate()
      resolve(event.data)
    }
    worker.onerror = (event) => {
      worker.terminate()
      reject(new Error(t('layout.failed', { why: event.message })))
    }
    worker.postMessage({ nodes, edges })
  })
}
