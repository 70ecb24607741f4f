// Design data only the designer knows: producer and consumer nodes and node positions.

import type { StateCreator } from 'zustand'
import type { ConsumerDef, DesignData, ProducerDef, XY } from '../design/types.ts'
import type { AppState } from './index.ts'

export type SaveState = 'saved' | 'pending' | 'saving' | 'failed'

export interface DesignSlice {
  producers: Record<string, ProducerDef>
  consumers: Record<string, ConsumerDef>
  positions: Record<string, XY>
  saveState: SaveState
  setDesign(data: Partial<DesignData>): void
  setSaveState(state: SaveState): void
}

export const createDesignSlice: StateCreator<AppState, [], [], DesignSlice> = (set) => ({
  producers: {},
  consumers: {},
  positions: {},
  saveState: 'saved',
  setDesign: (data) => set(data),
  setSaveState: (saveState) => set({ saveState }),
})
