// The shapes of the canvas's nodes and edges. Node data holds definitions; live numbers are read inside nodes.

import type { Edge, Node } from '@xyflow/react'
import type { ExchangeDef, QueueDef } from '../../engine/model.ts'
import type { EdgeKind } from './ids.ts'
import type { ConsumerDef, ProducerDef } from './types.ts'

export type ExchangeNode = Node<{ def: ExchangeDef }, 'exchange'>
export type QueueNode = Node<{ def: QueueDef }, 'queue'>
export type ProducerNode = Node<{ def: ProducerDef }, 'producer'>
export type ConsumerNode = Node<{ def: ConsumerDef }, 'consumer'>
export type DesignNode = ExchangeNode | QueueNode | ProducerNode | ConsumerNode

/** A group edge (several bindings between the same two nodes) carries their count and a preview of their keys. */
export type FlowEdge = Edge<{ kind: EdgeKind; label: string; count?: number; keys?: string }, 'flow'>

/** Widths are fixed so auto-layout knows them before React measures; heights are estimates. */
export const NODE_SIZE: Record<DesignNode['type'], { width: number; height: number }> = {
  producer: { width: 176, height: 96 },
  exchange: { width: 200, height: 72 },
  queue: { width: 224, height: 96 },
  consumer: { width: 224, height: 128 },
}
