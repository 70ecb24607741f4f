// Undo and redo keep whole documents: undoing is "make the broker and design look like this again".

import type { StateCreator } from 'zustand'
import type { DesignDoc } from '../design/types.ts'

const LIMIT = 100

export interface HistorySlice {
  past: DesignDoc[]
  future: DesignDoc[]
  pushHistory(before: DesignDoc): void
  clearHistory(): void
}

export const createHistorySlice: StateCreator<HistorySlice> = (set) => ({
  past: [],
  future: [],
  pushHistory: (before) => set((s) => ({ past: [...s.past.slice(-(LIMIT - 1)), before], future: [] })),
  clearHistory: () => set({ past: [], future: [] }),
})
