// Node and edge ids. Names may contain any character, so ids keep the kind before the first ':'.

import type { BindingDef, FieldTable } from '../../engine/model.ts'
import type { NodeKind } from './types.ts'

export const nodeId = (kind: NodeKind, key: string) => `${kind}:${key}`
export const exchangeNodeId = (name: string) => nodeId('exchange', name)
export const queueNodeId = (name: string) => nodeId('queue', name)

/** DOM ids of a node card's kind and name, which name the node for assistive technology (aria-labelledby). */
export function nodeLabelIds(id: string): { kind: string; name: string } {
  // encodeURIComponent leaves no space, which would split the aria-labelledby list.
  const safe = encodeURIComponent(id)
  return { kind: `node-kind-${safe}`, name: `node-name-${safe}` }
}

export function parseNodeId(id: string): { kind: NodeKind; key: string } {
  const at = id.indexOf(':')
  return { kind: id.slice(0, at) as NodeKind, key: id.slice(at + 1) }
}

/** Argument tables as a canonical string: key order does not make two bindings different. */
export function canonicalArgs(args: FieldTable): string {
  const keys = Object.keys(args).sort()
  return JSON.stringify(keys.map((k) => [k, args[k]]))
}

// Bindings are plain objects kept across rebuilds, so each one's key is computed once (thousands per import).
const keyOf = new WeakMap<BindingDef, string>()

export function bindingKey(b: BindingDef): string {
  let key = keyOf.get(b)
  if (key === undefined) {
    key = JSON.stringify([b.source, b.destinationType, b.destination, b.routingKey, canonicalArgs(b.arguments)])
    keyOf.set(b, key)
  }
  return key
}

/** 'bindings': two or more bindings between the same exchange and destination, drawn as one edge. */
export type EdgeKind = 'binding' | 'bindings' | 'publish' | 'consume' | 'deadLetter' | 'alternate'

export const bindingEdgeId = (b: BindingDef) => `binding:${bindingKey(b)}`
/** The one edge drawn for every binding between `source` and a destination, when there are several. */
export const bindingGroupEdgeId = (b: Pick<BindingDef, 'source' | 'destinationType' | 'destination'>) =>
  `bindings:${JSON.stringify([b.source, b.destinationType, b.destination])}`
export const publishEdgeId = (producerId: string) => `publish:${producerId}`
export const consumeEdgeId = (consumerId: string) => `consume:${consumerId}`
export const deadLetterEdgeId = (queue: string) => `deadLetter:${queue}`
export const alternateEdgeId = (exchange: string) => `alternate:${exchange}`

export function parseEdgeId(id: string): { kind: EdgeKind; key: string } {
  const at = id.indexOf(':')
  return { kind: id.slice(0, at) as EdgeKind, key: id.slice(at + 1) }
}

/** '' and amq.* exist in every vhost; the designer never declares or deletes them. */
export const isPredeclaredExchange = (name: string) => name === '' || name.startsWith('amq.')
