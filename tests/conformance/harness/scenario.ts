// The scenario format of the recorded RabbitMQ conformance cases (see ../FORMAT.md).

import type { FieldTable, MessageProperties } from '../../../engine/model.ts'

export interface Step {
  op: string
  /** The connection the step runs on (default "main"); it opens on first use and again after connection.close. */
  connection?: string
  channel?: string
  expect?: unknown
  // exchange ops
  exchange?: string
  type?: string
  durable?: boolean
  autoDelete?: boolean
  internal?: boolean
  passive?: boolean
  arguments?: FieldTable
  ifUnused?: boolean
  ifEmpty?: boolean
  destination?: string
  source?: string
  routingKey?: string
  // queue ops
  queue?: string
  exclusive?: boolean
  // publish
  body?: string
  bodyBytes?: number // basic.publish: a body of this many 'x' characters, for size limits
  bodies?: string[]
  mandatory?: boolean
  properties?: MessageProperties
  // consume / get / ack
  noAck?: boolean
  as?: string | string[]
  message?: string
  multiple?: boolean
  requeue?: boolean
  consumer?: string
  prefetch?: number
  prefetchGlobal?: boolean // basic.qos global=true instead of per consumer
  ms?: number
}

export interface Scenario {
  name: string
  area?: string
  source?: string
  description?: string
  steps: Step[]
}
