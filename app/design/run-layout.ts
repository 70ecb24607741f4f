// Runs a layout in the layout worker, started on first use so ELK never weighs on the first load.

import { t } from '../i18n/index.ts'
import type { LayoutReply, LayoutRequest } from './layout.worker.ts'
import { fromElkGraph, toElkGraph, type Layout, type LayoutEdge, type LayoutNode } from './layout.ts'

let worker: Worker | null = null
let nextId = 1
const pending = new Map<number, (reply: LayoutReply) => void>()

function layoutWorker(): Worker {
  if (worker) return worker
  const started = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module', name: 'layout' })
  started.onmessage = (event: MessageEvent<LayoutReply>) => {
    pending.get(event.data.id)?.(event.data)
    pending.delete(event.data.id)
  }
  started.onerror = () => {
    // A worker that failed to start answers nothing: fail what waits and start afresh next time.
    for (const [id, resolve] of pending) resolve({ id, ok: false, error: t('scale.layout.workerStopped') })
    pending.clear()
    worker = null
  }
  worker = started
  return started
}

/** Positions (top-left) and edge routes for `nodes`; rejects when ELK does. */
export async function runLayout(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[]): Promise<Layout> {
  const { graph, grids } = toElkGraph(nodes, edges)
  const id = nextId++
  const reply = await new Promise<LayoutReply>((resolve) => {
    pending.set(id, resolve)
    layoutWorker().postMessage({ id, graph } satisfies LayoutRequest)
  })
  if (!reply.ok) throw new Error(t('layout.failed', { why: reply.error }))
  return fromElkGraph(reply.graph, grids)
}
