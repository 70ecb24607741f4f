// The last drift audit against a real RabbitMQ, kept for the canvas: each audited entity of the design's vhost
// gets a mark (missing on the broker, different there). Extra entities exist only on the broker: listed, not drawn.

import { create } from 'zustand'
import type { Drift } from '../../engine/definitions/deploy-plan.ts'

interface DriftState {
  vhost: string | null
  drift: Drift[]
  setDrift(vhost: string, drift: Drift[]): void
  clear(): void
}

export const useDriftStore = create<DriftState>((set) => ({
  vhost: null,
  drift: [],
  setDrift: (vhost, drift) => set({ vhost, drift }),
  clear: () => set({ vhost: null, drift: [] }),
}))
