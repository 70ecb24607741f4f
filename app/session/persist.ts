// The design (producer and consumer nodes, positions) saved with designPut beside the broker's state.

import type { BrokerClient } from '../broker/client.ts'
import type { ConsumerDef, DesignData, ProducerDef, SavedDesign, XY } from '../design/types.ts'
import { diffTopology } from '../design/graph-to-commands.ts'
import { exampleDoc } from '../design/example.ts'
import { docOf } from '../store/doc-of.ts'
import { useAppStore } from '../store/index.ts'
import { autoLayoutPositions, whenMeasured } from './layout-store.ts'
import type { DesignerSession } from './session.ts'

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Reads a saved design, keeping only well-formed entries: a damaged record never blanks the page. */
export function parseSavedDesign(raw: unknown): DesignData | null {
  if (!isRecord(raw) || raw.version !== 1) return null
  const producers: Record<string, ProducerDef> = {}
  const consumers: Record<string, ConsumerDef> = {}
  const positions: Record<string, XY> = {}
  if (isRecord(raw.producers)) {
    for (const [id, p] of Object.entries(raw.producers)) {
      if (isRecord(p) && typeof p.name === 'string' && (p.exchange === null || typeof p.exchange === 'string') && typeof p.routingKey === 'string') {
        producers[id] = { id, name: p.name, exchange: p.exchange, routingKey: p.routingKey }
      }
    }
  }
  if (isRecord(raw.consumers)) {
    for (const [id, c] of Object.entries(raw.consumers)) {
      if (isRecord(c) && typeof c.name === 'string' && (c.queue === null || typeof c.queue === 'string')) {
        consumers[id] = {
          id, name: c.name, queue: c.queue, ackMode: c.ackMode === 'auto' ? 'auto' : 'manual',
          prefetch: typeof c.prefetch === 'number' ? c.prefetch : 1,
          processingMs: typeof c.processingMs === 'number' ? c.processingMs : 1000,
        }
      }
    }
  }
  if (isRecord(raw.positions)) {
    for (const [id, at] of Object.entries(raw.positions)) {
      if (isRecord(at) && typeof at.x === 'number' && typeof at.y === 'number') positions[id] = { x: at.x, y: at.y }
    }
  }
  return { producers, consumers, positions }
}

/** Saves the design; positions of nodes no longer drawn are left out. */
export function saveDesign(client: BrokerClient, data: DesignData, drawn: ReadonlySet<string>): Promise<unknown> {
  const positions: Record<string, XY> = {}
  for (const [id, at] of Object.entries(data.positions)) if (drawn.has(id)) positions[id] = at
  const design: SavedDesign = { version: 1, producers: data.producers, consumers: data.consumers, positions }
  return client.send({ type: 'designPut', design })
}

/** First open (no saved design, empty broker): the example. Otherwise the saved design. */
export async function loadDesign(session: DesignerSession, example: boolean): Promise<void> {
  const saved = parseSavedDesign(await session.client.send({ type: 'designGet' }))
  const store = useAppStore.getState()
  const empty = Object.keys(docOf(store).exchanges).length === 0 && Object.keys(store.queues).length === 0
  if (!saved && empty && example) {
    const doc = exampleDoc()
    await session.runOps(diffTopology(docOf(store), doc))
    await session.refresh()
    useAppStore.getState().setDesign({ producers: doc.producers, consumers: doc.consumers, positions: {} })
  } else {
    store.setDesign(saved ?? { producers: {}, consumers: {}, positions: {} })
  }
  if (Object.keys(useAppStore.getState().positions).length === 0 && useAppStore.getState().nodes.length > 0) {
    await whenMeasured(() => useAppStore.getState().nodes)
    const now = useAppStore.getState()
    now.setDesign({ positions: autoLayoutPositions(now.nodes, now.edges) })
  }
  useAppStore.getState().requestFit()
  await session.save()
}
