// window.warrenDesigner: the designer's store, session and actions for tests and benchmarks, beside window.warren
// (broker/page-api.ts). main.tsx sets it; specs read it typed, without casting window.

import type { useAppStore } from '../store/index.ts'
import type * as actions from './actions.ts'
import type { DesignerSession } from './session.ts'

export interface DesignerHandle {
  store: typeof useAppStore
  session: DesignerSession
  actions: typeof actions
}

declare global {
  interface Window {
    warrenDesigner: DesignerHandle
  }
}
