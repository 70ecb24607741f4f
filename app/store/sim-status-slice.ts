// What the broker's simulation reports about each producer and consumer node, polled by simulation-sync.ts.

import type { StateCreator } from 'zustand'
import type { ConsumerStatus, ProducerStatus } from '../../engine/simulation/specs.ts'
import type { AppState } from './index.ts'

export interface SimStatusSlice {
  /** By producer node id; a producer's burst twin is counted in. One object per node, replaced only when it changes. */
  producerStatus: Record<string, ProducerStatus>
  consumerStatus: Record<string, ConsumerStatus>
}

export const createSimStatusSlice: StateCreator<AppState, [], [], SimStatusSlice> = () => ({
  producerStatus: {},
  consumerStatus: {},
})
