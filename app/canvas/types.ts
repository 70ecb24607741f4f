// Node and edge types at module scope: React Flow remounts every node if these objects change.

import type { EdgeTypes, NodeTypes } from '@xyflow/react'
import { ConsumerNode } from './nodes/ConsumerNode.tsx'
import { ExchangeNode } from './nodes/ExchangeNode.tsx'
import { ProducerNode } from './nodes/ProducerNode.tsx'
import { QueueNode } from './nodes/QueueNode.tsx'
import { FlowEdge } from './edges/FlowEdge.tsx'

export const nodeTypes: NodeTypes = {
  producer: ProducerNode,
  exchange: ExchangeNode,
  queue: QueueNode,
  consumer: ConsumerNode,
}

export const edgeTypes: EdgeTypes = {
  flow: FlowEdge,
}
