// What a simulated producer or consumer does: plain data, saved with the design and sent over the protocol.

import type { FieldTable } from '../model.ts'

export type RoutingKeyTemplate =
  | { kind: 'fixed'; key: string }
  | { kind: 'cycle'; keys: string[] } // one after the other, round and round
  | { kind: 'pattern'; pattern: string } // "order.{created|paid|cancelled}": each {a|b} picks one at random

export interface ProducerSpec {
  id: string
  vhost: string
  exchange: string
  /** Messages per second while running; or a burst of `burst` messages at once when started. */
  rate: number
  burst?: number
  routingKey: RoutingKeyTemplate
  headers?: FieldTable
  persistent?: boolean
  expiration?: number // ms
  priority?: number
  body: string // "{n}" is the message counter, "{key}" the routing key
  mandatory: boolean
  confirms: boolean
}

// nack requeue, nack without requeue, reject without requeue, reject requeue (which, unlike nack, counts towards a
// quorum queue's delivery limit from 4.1)
export type FailureAction = 'requeue' | 'dead-letter' | 'reject' | 'reject-requeue'

export type ConsumerBehaviour =
  | { kind: 'ack' }
  | { kind: 'fail-first'; failures: number; action: FailureAction } // each message fails N times, then is acked
  | { kind: 'fail-randomly'; probability: number; action: FailureAction }

export interface ConsumerSpec {
  id: string
  vhost: string
  queue: string
  autoAck: boolean
  prefetch: number // 0 = unlimited
  processingMs: number | [number, number] // fixed, or a range picked from at random
  behaviour: ConsumerBehaviour
  /** x-stream-offset when the queue is a stream: first, last, next, an offset or an interval such as "1h". */
  streamOffset?: string | number
}

export type ConsumerState = 'consuming' | 'offline' | 'crashed' | 'stopped'

/** A producer's counts before the broker restarted (a page reload): its node carries on from them. */
export interface ProducerRestore {
  id: string
  published: number
  returned: number
  nacked: number
}

/** A consumer's counts before the broker restarted, and whether the user had set it offline. */
export interface ConsumerRestore {
  id: string
  offline: boolean
  received: number
  acked: number
  failed: number
}

/** What the page shows of a simulated producer. */
export interface ProducerStatus {
  id: string
  running: boolean
  published: number
  returned: number
  nacked: number
  error: string | null
}

/** What the page shows of a simulated consumer. */
export interface ConsumerStatus {
  id: string
  state: ConsumerState
  inFlight: number
  received: number
  acked: number
  failed: number
  slowdown: number
  error: string | null
}
