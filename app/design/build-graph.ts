// Broker state + design -> React Flow nodes and edges. Unchanged nodes and edges keep their objects,
// so React Flow and the memoised node components skip them.

import type { BindingDef, ExchangeDef, QueueDef } from '../../engine/model.ts'
import {
  alternateEdgeId,
  bindingEdgeId,
  bindingGroupEdgeId,
  consumeEdgeId,
  deadLetterEdgeId,
  exchangeNodeId,
  nodeId,
  nodeLabelIds,
  publishEdgeId,
  queueNodeId,
  type EdgeKind,
} from './ids.ts'
import { bindingCounts } from './binding-groups.ts'
import { bindingLabel } from './binding-label.ts'
import type { ConsumerDef, PolicyLinks, ProducerDef, XY } from './types.ts'
import type { DesignNode, FlowEdge } from './graph-types.ts'
import { estimateOf, RENDER_VISIBLE_FROM } from './node-estimate.ts'

export interface GraphInput {
  exchanges: Record<string, ExchangeDef>
  queues: Record<string, QueueDef>
  bindings: BindingDef[]
  producers: Record<string, ProducerDef>
  consumers: Record<string, ConsumerDef>
  positions: Record<string, XY>
  /** Dead-letter and alternate exchanges set by policies, drawn like the arguments' ones. */
  policyLinks?: PolicyLinks
}

/** What hovering a group edge lists: its first keys, then how many more. */
const KEYS_SHOWN = 20
function keysPreview(keys: readonly string[]): string {
  const shown = keys.slice(0, KEYS_SHOWN).map((k) => k || '(empty key)')
  return keys.length > KEYS_SHOWN ? `${shown.join('\n')}\n…+${keys.length - KEYS_SHOWN}` : shown.join('\n')
}

function labelledBy(id: string) {
  const ids = nodeLabelIds(id)
  return { 'aria-labelledby': `${ids.kind} ${ids.name}` }
}

const FALLBACK_COLUMN: Record<DesignNode['type'], number> = { producer: 0, exchange: 280, queue: 560, consumer: 860 }

export function buildNodes(input: GraphInput, previous: readonly DesignNode[]): DesignNode[] {
  const old = new Map(previous.map((n) => [n.id, n]))
  const out: DesignNode[] = []
  const counters = { producer: 0, exchange: 0, queue: 0, consumer: 0 }
  const large =
    Object.keys(input.producers).length +
      Object.keys(input.exchanges).length +
      Object.keys(input.queues).length +
      Object.keys(input.consumers).length >=
    RENDER_VISIBLE_FROM
  const place = <T extends DesignNode>(type: T['type'], id: string, def: T['data']['def']) => {
    const prev = old.get(id)
    const stored = input.positions[id]
    // A node being dragged keeps the position React Flow gives it until the drag ends.
    const position = prev?.dragging
      ? prev.position
      : (stored ?? prev?.position ?? { x: FALLBACK_COLUMN[type], y: 40 + counters[type] * 120 })
    counters[type]++
    if (prev && prev.data.def === def && prev.position === position) {
      out.push(prev)
      return
    }
    const base = prev ?? { id, type, domAttributes: labelledBy(id) }
    // Off screen in a large design, a node is never rendered: it is drawn and laid out with estimated handles.
    const estimate = large && !prev?.measured ? estimateOf(type) : null
    out.push({ ...base, ...estimate, type, position, data: { def } } as DesignNode)
  }
  const shownAmq = new Set<string>()
  for (const b of input.bindings)
    for (const name of [b.source, b.destinationType === 'exchange' ? b.destination : ''])
      if (name.startsWith('amq.')) shownAmq.add(name)
  for (const p of Object.values(input.producers)) if (p.exchange?.startsWith('amq.')) shownAmq.add(p.exchange)
  for (const p of Object.values(input.producers)) place('producer', nodeId('producer', p.id), p)
  for (const x of Object.values(input.exchanges)) {
    if (x.name === '' || (x.name.startsWith('amq.') && !shownAmq.has(x.name))) continue
    place('exchange', exchangeNodeId(x.name), x)
  }
  for (const q of Object.values(input.queues)) place('queue', queueNodeId(q.name), q)
  for (const c of Object.values(input.consumers)) place('consumer', nodeId('consumer', c.id), c)
  return out
}

export function buildEdges(input: GraphInput, nodeIds: Set<string>, previous: readonly FlowEdge[]): FlowEdge[] {
  const old = new Map(previous.map((e) => [e.id, e]))
  const out: FlowEdge[] = []
  const add = (
    id: string,
    kind: EdgeKind,
    source: string,
    target: string,
    label: string,
    sourceHandle = 'out',
    group?: { count: number; keys: string },
  ) => {
    if (!nodeIds.has(source) || !nodeIds.has(target)) return
    const prev = old.get(id)
    if (
      prev &&
      prev.data?.label === label &&
      prev.data.count === group?.count &&
      prev.data.keys === group?.keys &&
      prev.source === source &&
      prev.target === target
    ) {
      out.push(prev)
      return
    }
    out.push({
      id,
      type: 'flow',
      source,
      target,
      sourceHandle,
      targetHandle: 'in',
      data: group ? { kind, label, count: group.count, keys: group.keys } : { kind, label },
      selected: prev?.selected ?? false,
    })
  }
  for (const p of Object.values(input.producers)) {
    if (p.exchange === '') {
      // The default exchange is not drawn: its one implicit binding per queue takes the message straight to the queue named by the key.
      if (p.routingKeyMode === 'fixed' && input.queues[p.routingKey])
        add(publishEdgeId(p.id), 'publish', nodeId('producer', p.id), queueNodeId(p.routingKey), '(default)')
    } else if (p.exchange !== null)
      add(publishEdgeId(p.id), 'publish', nodeId('producer', p.id), exchangeNodeId(p.exchange), p.routingKey)
  }
  const counts = bindingCounts(input.bindings)
  const groupKeys = new Map<string, string[]>()
  const labelOf = (b: BindingDef) => bindingLabel(b, input.exchanges[b.source]?.type)
  for (const b of input.bindings) {
    const group = bindingGroupEdgeId(b)
    if ((counts.get(group) ?? 0) < 2) continue
    const keys = groupKeys.get(group)
    if (keys) keys.push(labelOf(b))
    else groupKeys.set(group, [labelOf(b)])
  }
  for (const b of input.bindings) {
    const target = b.destinationType === 'queue' ? queueNodeId(b.destination) : exchangeNodeId(b.destination)
    const group = bindingGroupEdgeId(b)
    const keys = groupKeys.get(group)
    if (!keys) add(bindingEdgeId(b), 'binding', exchangeNodeId(b.source), target, labelOf(b))
    else if (keys.length > 0) {
      // The group's edge goes where its first binding is, so edges keep the broker's order.
      add(group, 'binding', exchangeNodeId(b.source), target, '', 'out', {
        count: keys.length,
        keys: keysPreview(keys),
      })
      keys.length = 0
    }
  }
  for (const q of Object.values(input.queues)) {
    const argument = q.arguments['x-dead-letter-exchange']
    const byPolicy = typeof argument === 'string' ? undefined : input.policyLinks?.deadLetters[q.name]
    const dlx = byPolicy?.exchange ?? argument
    if (typeof dlx !== 'string') continue
    const key = byPolicy ? byPolicy.routingKey : q.arguments['x-dead-letter-routing-key']
    const via = byPolicy ? ' (policy)' : ''
    if (dlx === '') {
      // Through the default exchange a dead-letter routing key names its queue: draw the hop straight there.
      if (typeof key === 'string' && input.queues[key])
        add(
          deadLetterEdgeId(q.name),
          'deadLetter',
          queueNodeId(q.name),
          queueNodeId(key),
          `dead letter · ${key} (default)${via}`,
          'deadLetter',
        )
      continue
    }
    add(
      deadLetterEdgeId(q.name),
      'deadLetter',
      queueNodeId(q.name),
      exchangeNodeId(dlx),
      (typeof key === 'string' ? `dead letter · ${key}` : 'dead letter') + via,
      'deadLetter',
    )
  }
  for (const x of Object.values(input.exchanges)) {
    const argument = x.arguments['alternate-exchange']
    const ae = typeof argument === 'string' ? argument : input.policyLinks?.alternates[x.name]
    if (ae !== undefined)
      add(
        alternateEdgeId(x.name),
        'alternate',
        exchangeNodeId(x.name),
        exchangeNodeId(ae),
        typeof argument === 'string' ? 'alternate' : 'alternate (policy)',
        'alternate',
      )
  }
  for (const c of Object.values(input.consumers)) {
    if (c.queue !== null) add(consumeEdgeId(c.id), 'consume', queueNodeId(c.queue), nodeId('consumer', c.id), '')
  }
  return out
}
