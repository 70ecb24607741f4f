// Design data only the designer knows: producer and consumer nodes and node positions.

import type { StateCreator } from 'zustand'
import type { ConsumerDef, DesignData, ProducerDef, XY } from '../design/types.ts'

export type SaveState = 'saved' | 'pending' | 'saving' | 'failed'

export interface DesignSlice {
  producers: Record<string, ProducerDef>
  consumers: Record<string, ConsumerDef>
  positions: Record<string, XY>
  /** The designs of the vhosts not on screen, by vhost; the one on screen is the three fields above. */
  otherDesigns: Record<string, DesignData>
  saveState: SaveState
  setDesign(data: Partial<DesignData> & { otherDesigns?: Record<string, DesignData> }): void
  setSaveState(state: SaveState): void
}

export const createDesignSlice: StateCreator<DesignSlice> = (set) => ({
  producers: {},
  consumers: {},
  positions: {},
  otherDesigns: {},
  saveState: 'saved',
  setDesign: (data) => set(data),
  setSaveState: (saveState) => set({ saveState }),
})
