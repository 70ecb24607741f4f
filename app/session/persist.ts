// The design (producer and consumer nodes, positions) saved with designPut beside the broker's state.

import type { BrokerClient } from '../broker/client.ts'
import type { DesignData, SavedDesign, XY } from '../design/types.ts'
import { parseSavedDesign, SAVED_DESIGN_VERSION } from '../design/saved-design.ts'
import { diffTopology } from '../design/graph-to-commands.ts'
import { exampleDoc } from '../design/example.ts'
import { docOf } from '../store/doc-of.ts'
import { useAppStore } from '../store/index.ts'
import { autoLayoutPositions, whenMeasured } from './layout-store.ts'
import type { DesignerSession } from './session.ts'

export { parseSavedDesign }

/** Saves the design; positions of nodes no longer drawn are left out. */
export function saveDesign(client: BrokerClient, data: DesignData, drawn: ReadonlySet<string>): Promise<unknown> {
  const positions: Record<string, XY> = {}
  for (const [id, at] of Object.entries(data.positions)) if (drawn.has(id)) positions[id] = at
  const design: SavedDesign = { version: SAVED_DESIGN_VERSION, producers: data.producers, consumers: data.consumers, positions }
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
