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
  // several brokers (FORMAT.md, "Several brokers")
  broker?: string // the broker a step runs on; the scenario's first by default
  component?: string // parameter.set / parameter.clear
  name?: string // parameter.set / parameter.clear / policy.set
  value?: unknown
  pattern?: string // policy.set
  applyTo?: string
  definition?: Record<string, unknown>
  priority?: number
  path?: string // management.get: the path after /api/, "{vhost}" for the scenario's vhost
  pick?: string[] // management.get: the fields kept of each entry
  a?: string // link.cut / link.restore / link.pause: the two brokers
  b?: string
  // cluster (FORMAT.md, "Clusters")
  node?: string // n1, n2, ...: the connection of that node; for node.stop / node.start, the node
  async?: boolean // basic.publish: do not wait for the confirm; a later `confirms` step reads it
  anyLeader?: boolean // queue.info: a leader among the online members compares as such
  groups?: string[][] // partition: the node groups that cannot reach one another
  fields?: string[] // queue.info: the fields judged
}

export interface Scenario {
  name: string
  area?: string
  source?: string
  description?: string
  /** Several brokers that are not clustered, by name; steps choose one with "broker". */
  brokers?: string[]
  /** Nodes of the cluster the scenario runs on (1 when left out). */
  nodes?: number
  steps: Step[]
}
