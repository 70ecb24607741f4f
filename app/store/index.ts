// One store from slices. Selectors at module level return primitives or stable references.

import { create } from 'zustand'
import { createBrokerSlice, type BrokerSlice } from './broker-slice.ts'
import { createDesignSlice, type DesignSlice } from './design-slice.ts'
import { createGraphSlice, type GraphSlice } from './graph-slice.ts'
import { createHistorySlice, type HistorySlice } from './history-slice.ts'
import { createLintSlice, type LintSlice } from './lint-slice.ts'
import { createSimStatusSlice, type SimStatusSlice } from './sim-status-slice.ts'
import { createUiSlice, type UiSlice } from './ui-slice.ts'

export type AppState = BrokerSlice & DesignSlice & GraphSlice & HistorySlice & UiSlice & LintSlice & SimStatusSlice

export const useAppStore = create<AppState>()((...a) => ({
  ...createBrokerSlice(...a),
  ...createDesignSlice(...a),
  ...createGraphSlice(...a),
  ...createHistorySlice(...a),
  ...createUiSlice(...a),
  ...createLintSlice(...a),
  ...createSimStatusSlice(...a),
}))

// The graph follows the broker and the design; counters (queueStats) deliberately do not rebuild it.
useAppStore.subscribe((s, prev) => {
  if (
    s.exchanges !== prev.exchanges ||
    s.queues !== prev.queues ||
    s.bindings !== prev.bindings ||
    s.policyLinks !== prev.policyLinks ||
    s.producers !== prev.producers ||
    s.consumers !== prev.consumers ||
    s.positions !== prev.positions
  ) {
    s.rebuildGraph()
  }
})
