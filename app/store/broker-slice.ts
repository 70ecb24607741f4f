// What the broker holds, as the last snapshot said. Only apply-events.ts writes here.

import type { StateCreator } from 'zustand'
import type { BindingDef, ExchangeDef, QueueDef } from '../../engine/model.ts'
import type { PolicyLinks } from '../design/types.ts'
import type { StreamSummary } from '../../engine/worker/protocol.ts'

export interface QueueStats {
  ready: number
  unacked: number
  consumers: number
}

/** A stream's log as the snapshot said: segments and consumer positions (see StreamSummary). */
export type StreamStats = StreamSummary

export interface ConsumerStats {
  unacked: number
  prefetch: number
}

export const noPolicyLinks: PolicyLinks = { deadLetters: {}, alternates: {} }

export interface BrokerSlice {
  vhost: string // the vhost the canvas shows; every entity below is of this vhost
  vhosts: string[] // every vhost of the broker, sorted
  exchanges: Record<string, ExchangeDef> // every exchange but the default one; amq.* included
  queues: Record<string, QueueDef>
  bindings: BindingDef[]
  queueStats: Record<string, QueueStats> // one object per queue, replaced only when its numbers change
  consumerStats: Record<string, ConsumerStats> // by consumer tag
  streamStats: Record<string, StreamStats> // streams only, replaced only when the log or a reader moved
  policyLinks: PolicyLinks
  brokerLoaded: boolean
}

export const createBrokerSlice: StateCreator<BrokerSlice> = () => ({
  vhost: '/',
  vhosts: ['/'],
  exchanges: {},
  queues: {},
  bindings: [],
  queueStats: {},
  consumerStats: {},
  streamStats: {},
  policyLinks: noPolicyLinks,
  brokerLoaded: false,
})

export const selectVhost = (s: BrokerSlice) => s.vhost
