// The designer's document: what the broker holds (exchanges, queues, bindings) plus what only the
// designer knows (producer and consumer nodes, positions). Undo, paste and the example are documents.

import type { BindingDef, ExchangeDef, FieldTable, QueueDef } from '../../engine/model.ts'
import type { ConsumerBehaviour } from '../../engine/simulation/specs.ts'

export interface XY {
  x: number
  y: number
}

/** How a simulated producer picks each message's routing key. */
export type RoutingKeyMode = 'fixed' | 'cycle' | 'pattern'

/** A producer node: a simulated publisher running inside the broker, on the broker's clock. */
export interface ProducerDef {
  id: string
  name: string
  exchange: string | null // null: not connected yet; '' is the default exchange
  /**
   * The routing key as written, also the publish edge's label: the key itself ('fixed'), keys separated
   * by commas taken in turn ('cycle'), or a pattern such as order.{created|paid} ('pattern').
   */
  routingKey: string
  routingKeyMode: RoutingKeyMode
  rate: number // messages per second while running
  burst: number // how many messages the burst button publishes at once
  running: boolean
  headers: FieldTable
  persistent: boolean
  expiration: number | null // per-message TTL in ms
  priority: number | null
  body: string // "{n}" is the message counter, "{key}" the routing key
  mandatory: boolean
  confirms: boolean
}

/** Dead-letter and alternate exchanges that policies give entities whose arguments set none. */
export interface PolicyLinks {
  deadLetters: Record<string, { exchange: string; routingKey?: string }> // by queue
  alternates: Record<string, string> // by exchange
}

export type AckMode = 'manual' | 'auto'

/** A consumer node: a simulated client running inside the broker, on the broker's clock. */
export interface ConsumerDef {
  id: string
  name: string
  queue: string | null
  ackMode: AckMode
  prefetch: number // 0 = unlimited, as basic.qos
  processingMs: number | [number, number] // how long a manual-ack consumer holds each message: fixed or a range
  behaviour: ConsumerBehaviour
  /** Where a consumer of a stream starts reading (x-stream-offset); unset = next. */
  streamOffset?: string
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

/** Every vhost's design and the vhost last shown. */
export interface SavedDesigns {
  vhost: string
  vhosts: Record<string, DesignData>
}

/** What designPut stores. Bump `version` and migrate in saved-design.ts when the shape changes. */
export interface SavedDesign extends SavedDesigns {
  version: 3
}

export type NodeKind = 'producer' | 'exchange' | 'queue' | 'consumer'

export const emptyDesignData = (): DesignData => ({ producers: {}, consumers: {}, positions: {} })

export const emptyDoc = (): DesignDoc => ({
  exchanges: {},
  queues: {},
  bindings: [],
  producers: {},
  consumers: {},
  positions: {},
})
