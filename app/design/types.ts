// The designer's document: what the broker holds (exchanges, queues, bindings) plus what only the
// designer knows (producer and consumer nodes, positions). Undo, paste and the example are documents.

import type { BindingDef, ExchangeDef, QueueDef } from '../../engine/model.ts'

export interface XY {
  x: number
  y: number
}

export interface ProducerDef {
  id: string
  name: string
  exchange: string | null // null: not connected yet; '' is the default exchange
  routingKey: string
}

export type AckMode = 'manual' | 'auto'

export interface ConsumerDef {
  id: string
  name: string
  queue: string | null
  ackMode: AckMode
  prefetch: number // 0 = unlimited, as basic.qos
  processingMs: number // how long a manual-ack consumer holds a message before acking it
}

/** Exchanges and queues keyed by name; predeclared exchanges ('' and amq.*) are never in `exchanges`. */
export interface Topology {
  exchanges: Record<string, ExchangeDef>
  queues: Record<string, QueueDef>
  bindings: BindingDef[]
}

export interface DesignData {
  producers: Record<string, ProducerDef>
  consumers: Record<string, ConsumerDef>
  positions: Record<string, XY> // by node id
}

export interface DesignDoc extends Topology, DesignData {}

/** What designPut stores. Bump `version` and migrate in persist.ts when the shape changes. */
export interface SavedDesign extends DesignData {
  version: 1
}

export type NodeKind = 'producer' | 'exchange' | 'queue' | 'consumer'

export const emptyDoc = (): DesignDoc => ({ exchanges: {}, queues: {}, bindings: [], producers: {}, consumers: {}, positions: {} })
