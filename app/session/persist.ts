// The design (producer and consumer nodes, positions; one per vhost) saved with designPut beside the broker's state.

import type { BrokerClient } from '../broker/client.ts'
import { emptyDesignData, type DesignData, type SavedDesign, type XY } from '../design/types.ts'
import { parseSavedDesign, parseSavedDesigns, SAVED_DESIGN_VERSION } from '../design/saved-design.ts'
import { diffTopology } from '../design/graph-to-commands.ts'
import { EXAMPLE_POSITIONS, exampleDoc } from '../design/example.ts'
import { docOf } from '../store/doc-of.ts'
import { useAppStore } from '../store/index.ts'
import { autoLayoutPositions, whenMeasured } from './layout-store.ts'
import type { DesignerSession } from './session.ts'

export { parseSavedDesign, parseSavedDesigns }

export interface DesignsInStore extends DesignData {
  vhost: string
  otherDesigns: Record<string, DesignData>
}

/** Saves every vhost's design; positions of nodes no longer drawn on screen are left out. */
export function saveDesign(client: BrokerClient, data: DesignsInStore, drawn: ReadonlySet<string>): Promise<unknown> {
  const positions: Record<string, XY> = {}
  for (const [id, at] of Object.entries(data.positions)) if (drawn.has(id)) positions[id] = at
  const shown: DesignData = { producers: data.producers, consumers: data.consumers, positions }
  const design: SavedDesign = {
    version: SAVED_DESIGN_VERSION,
    vhost: data.vhost,
    vhosts: { ...data.otherDesigns, [data.vhost]: shown },
  }
  return client.send({ type: 'designPut', design })
}

/** First open (no saved design, empty broker): the example. Otherwise the saved design. */
export async function loadDesign(session: DesignerSession, example: boolean): Promise<void> {
  const designs = parseSavedDesigns(await session.client.send({ type: 'designGet' }))
  // The vhost last shown, if the broker still has it.
  if (
    designs &&
    designs.vhost !== useAppStore.getState().vhost &&
    useAppStore.getState().vhosts.includes(designs.vhost)
  )
    await session.showVhost(designs.vhost)
  const shownVhost = useAppStore.getState().vhost
  const saved = designs ? (designs.vhosts[shownVhost] ?? emptyDesignData()) : null
  if (designs) {
    const { [shownVhost]: _shown, ...otherDesigns } = designs.vhosts
    useAppStore.getState().setDesign({ otherDesigns })
  }
  const store = useAppStore.getState()
  const empty = Object.keys(docOf(store).exchanges).length === 0 && Object.keys(store.queues).length === 0
  if (!saved && empty && example) {
    const doc = exampleDoc()
    await session.runOps(diffTopology(docOf(store), doc))
    await session.refresh()
    // Laid out ahead of time: a first visit does not load the layout engine.
    useAppStore
      .getState()
      .setDesign({ producers: doc.producers, consumers: doc.consumers, positions: { ...EXAMPLE_POSITIONS } })
  } else {
    store.setDesign(saved ?? { producers: {}, consumers: {}, positions: {} })
  }
  if (Object.keys(useAppStore.getState().positions).length === 0 && useAppStore.getState().nodes.length > 0) {
    await whenMeasured(() => useAppStore.getState().nodes)
    const now = useAppStore.getState()
    // A failed layout leaves the nodes in their default columns, which still shows everything.
    const positions = await autoLayoutPositions(now.nodes, now.edges).catch(() => null)
    if (positions) useAppStore.getState().setDesign({ positions })
  }
  useAppStore.getState().requestFit()
  await session.save()
}
