// The scenario format of the recorded RabbitMQ conformance cases (see ../FORMAT.md).

import type { FieldTable, MessageProperties } from '../../../engine/model.ts'

export interface Step {
  op: string
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
  // cluster (FORMAT.md, "Clusters")
  node?: string // n1, n2, ...: the connection of that node; for node.stop / node.start, the node
  async?: boolean // basic.publish: do not wait for the confirm; a later `confirms` step reads it
  anyLeader?: boolean // queue.info: a leader among the online members compares as such
  fields?: string[] // queue.info: the fields judged
}

export interface Scenario {
  name: string
  area?: string
  source?: string
  description?: string
  /** Nodes of the cluster the scenario runs on (1 when left out). */
  nodes?: number
  steps: Step[]
}
