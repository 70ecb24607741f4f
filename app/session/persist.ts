// The design (producer and consumer nodes, positions; one per vhost) saved with designPut beside the broker's state,
// with what its simulated nodes had done (app/sim/saved-run.ts), which a reload takes up.

import type { BrokerClient } from '../broker/client.ts'
import type { DesignData, SavedDesign, XY } from '../design/types.ts'
import { SAVED_DESIGN_VERSION } from '../design/saved-design.ts'
import type { SavedRun } from '../sim/saved-run.ts'

export interface DesignsInStore extends DesignData {
  vhost: string
  otherDesigns: Record<string, DesignData>
}

/** Saves every vhost's design; positions of nodes no longer drawn on screen are left out. */
export function saveDesign(
  client: BrokerClient,
  data: DesignsInStore,
  drawn: ReadonlySet<string>,
  run: SavedRun = {},
): Promise<unknown> {
  const positions: Record<string, XY> = {}
  for (const [id, at] of Object.entries(data.positions)) if (drawn.has(id)) positions[id] = at
  const shown: DesignData = { producers: data.producers, consumers: data.consumers, positions }
  const design: SavedDesign & { run: SavedRun } = {
    version: SAVED_DESIGN_VERSION,
    vhost: data.vhost,
    vhosts: { ...data.otherDesigns, [data.vhost]: shown },
    run,
  }
  return client.send({ type: 'designPut', design })
}
