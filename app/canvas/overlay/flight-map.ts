// Broker events -> hops along canvas edges. Pure: the overlay turns hops into dots, tests read them directly.

import type { BrokerEvent } from '../../../engine/events.ts'
import type { BindingDef } from '../../../engine/model.ts'
import { bindingCounts, drawnBindingEdgeId } from '../../design/binding-groups.ts'
import { alternateEdgeId, consumeEdgeId, deadLetterEdgeId, publishEdgeId } from '../../design/ids.ts'
import type { ConsumerDef, ProducerDef, RoutingKeyMode } from '../../design/types.ts'
import { cycleKeys } from '../../design/sim-specs.ts'

export type Outcome = 'routed' | 'returned' | 'acked' | 'requeued' | 'deadLettered' | 'expired' | 'dropped'

/** In the legend's order; each one's name is legend.outcomes.<outcome> in the catalogue. */
export const OUTCOMES: readonly Outcome[] = [
  'routed',
  'acked',
  'requeued',
  'deadLettered',
  'returned',
  'expired',
  'dropped',
]

/** A dot along one edge. `step` orders the hops of one routing: step n starts when step n-1 arrives. */
export interface Hop {
  kind: 'move'
  edge: string
  outcome: Outcome
  messageId: number
  step: number
  reverse?: boolean // requeue: from the consumer back to its queue
  /** The message id the dot continues as (a dead-lettered copy gets a new id). */
  next?: number
}

/** A flash at one end of an edge: confirm, return, ack at a consumer, expiry or drop at a queue. */
export interface Mark {
  kind: 'mark'
  edge: string
  end: 'source' | 'target'
  outcome: Outcome | 'confirmed'
  messageId: number
}

export type Flight = Hop | Mark

export interface FlightIndexInput {
  exchanges: Record<string, { type: string; arguments: Record<string, unknown> }>
  queues: Record<string, { arguments: Record<string, unknown> }>
  bindings: BindingDef[]
  producers: Record<string, ProducerDef>
  consumers: Record<string, ConsumerDef>
}

/** Edge lookups built once per topology change. */
export class FlightIndex {
  private readonly publishByExchange = new Map<string, { edge: string; publishes(key: string): boolean }[]>()
  private readonly out = new Map<string, { edge: string; to: string; toQueue: boolean }[]>()
  private readonly consumeByConsumer = new Map<string, string>()
  private readonly consumeByQueue = new Map<string, string>()
  /** An edge with the queue at one of its ends, for marks at the queue. */
  private readonly queueAnchor = new Map<string, { edge: string; end: 'source' | 'target' }>()
  private readonly deadLetter = new Set<string>()
  private readonly pathCache = new Map<string, string[] | null>()

  constructor(input: FlightIndexInput) {
    for (const p of Object.values(input.producers)) {
      if (p.exchange === null) continue
      const list = this.publishByExchange.get(p.exchange) ?? []
      list.push({ edge: publishEdgeId(p.id), publishes: keyMatcher(p.routingKeyMode, p.routingKey) })
      this.publishByExchange.set(p.exchange, list)
    }
    const addOut = (from: string, edge: string, to: string, toQueue: boolean) => {
      const list = this.out.get(from) ?? []
      list.push({ edge, to, toQueue })
      this.out.set(from, list)
    }
    const counts = bindingCounts(input.bindings)
    for (const b of input.bindings) {
      const edge = drawnBindingEdgeId(b, counts)
      addOut(b.source, edge, b.destination, b.destinationType === 'queue')
      if (b.destinationType === 'queue') this.queueAnchor.set(b.destination, { edge, end: 'target' })
    }
    for (const [name, x] of Object.entries(input.exchanges)) {
      const ae = x.arguments['alternate-exchange']
      if (typeof ae === 'string') addOut(name, alternateEdgeId(name), ae, false)
    }
    for (const [name, q] of Object.entries(input.queues)) {
      if (typeof q.arguments['x-dead-letter-exchange'] === 'string') {
        this.deadLetter.add(name)
        if (!this.queueAnchor.has(name)) this.queueAnchor.set(name, { edge: deadLetterEdgeId(name), end: 'source' })
      }
    }
    for (const c of Object.values(input.consumers)) {
      if (c.queue === null) continue
      const edge = consumeEdgeId(c.id)
      this.consumeByConsumer.set(c.id, edge)
      if (!this.consumeByQueue.has(c.queue)) this.consumeByQueue.set(c.queue, edge)
      if (!this.queueAnchor.has(c.queue)) this.queueAnchor.set(c.queue, { edge, end: 'source' })
    }
  }

  /** The producer node publishing to this exchange: one whose routing-key template gives this key if several do. */
  publishEdge(exchange: string, routingKey: string): string | null {
    const list = this.publishByExchange.get(exchange)
    if (!list) return null
    return (list.find((p) => p.publishes(routingKey)) ?? list[0]).edge
  }

  /** The edges from an exchange to a queue, through exchange-to-exchange bindings (shortest path). */
  pathTo(exchange: string, queue: string): string[] | null {
    const key = `${exchange}\u0000${queue}`
    const cached = this.pathCache.get(key)
    if (cached !== undefined) return cached
    const seen = new Set([exchange])
    let frontier: { at: string; edges: string[] }[] = [{ at: exchange, edges: [] }]
    let found: string[] | null = null
    while (frontier.length > 0 && !found) {
      const next: typeof frontier = []
      for (const f of frontier) {
        for (const o of this.out.get(f.at) ?? []) {
          if (o.toQueue) {
            if (o.to === queue) {
              found = [...f.edges, o.edge]
              break
            }
          } else if (!seen.has(o.to)) {
            seen.add(o.to)
            next.push({ at: o.to, edges: [...f.edges, o.edge] })
          }
        }
        if (found) break
      }
      frontier = next
    }
    this.pathCache.set(key, found)
    return found
  }

  /** The consume edge of the consumer node behind a tag: `designer-<id>` (designer) or `sim-<id>-<n>` (simulation). */
  consumeEdge(queue: string, consumerTag: string | null): string | null {
    if (consumerTag) {
      let id: string | null = null
      if (consumerTag.startsWith('designer-')) id = consumerTag.slice('designer-'.length)
      else if (consumerTag.startsWith('sim-')) {
        const rest = consumerTag.slice(4)
        const dash = rest.lastIndexOf('-')
        id = dash > 0 ? rest.slice(0, dash) : rest
      }
      const edge = id !== null ? this.consumeByConsumer.get(id) : undefined
      if (edge) return edge
    }
    return this.consumeByQueue.get(queue) ?? null
  }

  queueMark(queue: string): { edge: string; end: 'source' | 'target' } | null {
    return this.queueAnchor.get(queue) ?? null
  }

  hasDeadLetterEdge(queue: string): boolean {
    return this.deadLetter.has(queue)
  }
}

/** What a mapper remembers between batches: where each recent message was seen. Bounded. */
export class FlightMemory {
  /** messageId -> publish edge, for confirms and returns. */
  readonly publishEdge = new Map<number, string>()
  /** queue + message id -> consume edge it was delivered along, for requeues and acks. */
  readonly delivery = new Map<string, string>()
  constructor(private readonly limit = 4096) {}
  remember<K, V>(map: Map<K, V>, key: K, value: V): void {
    map.set(key, value)
    if (map.size > this.limit) map.delete(map.keys().next().value as K)
  }
}

const deliveryKey = (queue: string, messageId: number) => `${queue}\u0000${messageId}`

/** Maps one batch of events to hops and marks, in event order. Unknown entities (no node) yield nothing. */
export function mapEvents(
  events: readonly BrokerEvent[],
  index: FlightIndex,
  memory: FlightMemory,
  vhost = '/',
): Flight[] {
  const out: Flight[] = []
  for (const e of events) {
    if ('vhost' in e && e.vhost !== vhost) continue
    switch (e.type) {
      case 'published': {
        const edge = index.publishEdge(e.exchange, e.routingKey)
        if (!edge) break
        memory.remember(memory.publishEdge, e.messageId, edge)
        out.push({ kind: 'move', edge, outcome: 'routed', messageId: e.messageId, step: 0 })
        break
      }
      case 'routed': {
        // Steps count from the exchange; an edge shared by the paths to several queues gets one dot.
        const seen = new Set<string>()
        for (const q of e.queues) {
          const path = index.pathTo(e.exchange, q)
          if (!path) continue
          path.forEach((edge, i) => {
            if (seen.has(edge)) return
            seen.add(edge)
            out.push({ kind: 'move', edge, outcome: 'routed', messageId: e.messageId, step: i })
          })
        }
        break
      }
      case 'returned': {
        const edge = memory.publishEdge.get(e.messageId)
        if (edge) out.push({ kind: 'mark', edge, end: 'source', outcome: 'returned', messageId: e.messageId })
        break
      }
      case 'confirmed': {
        const edge = memory.publishEdge.get(e.messageId)
        if (edge)
          out.push({
            kind: 'mark',
            edge,
            end: 'source',
            outcome: e.ack ? 'confirmed' : 'returned',
            messageId: e.messageId,
          })
        break
      }
      case 'delivered': {
        const edge = index.consumeEdge(e.queue, e.consumerTag)
        if (!edge) break
        memory.remember(memory.delivery, deliveryKey(e.queue, e.messageId), edge)
        out.push({
          kind: 'move',
          edge,
          outcome: e.redelivered ? 'requeued' : 'routed',
          messageId: e.messageId,
          step: 0,
        })
        break
      }
      case 'acked': {
        const edge = memory.delivery.get(deliveryKey(e.queue, e.messageId))
        if (edge) out.push({ kind: 'mark', edge, end: 'target', outcome: 'acked', messageId: e.messageId })
        break
      }
      case 'requeued': {
        // after a nack or reject with requeue, or when the consumer's channel closed
        const edge = memory.delivery.get(deliveryKey(e.queue, e.messageId))
        if (edge) out.push({ kind: 'move', edge, outcome: 'requeued', messageId: e.messageId, step: 0, reverse: true })
        break
      }
      case 'deadLettered': {
        if (!index.hasDeadLetterEdge(e.queue)) break
        out.push({
          kind: 'move',
          edge: deadLetterEdgeId(e.queue),
          outcome: 'deadLettered',
          messageId: e.messageId,
          step: 0,
          next: e.newMessageId,
        })
        break
      }
      case 'expired':
      case 'dropped': {
        const anchor = index.queueMark(e.queue)
        if (anchor)
          out.push({
            kind: 'mark',
            edge: anchor.edge,
            end: anchor.end,
            outcome: e.type === 'expired' ? 'expired' : 'dropped',
            messageId: e.messageId,
          })
        break
      }
    }
  }
  return out
}

/** Whether a producer node's routing-key template (a key, keys taken in turn, or a {a|b} pattern) gives `key`. */
export function keyMatcher(mode: RoutingKeyMode, template: string): (key: string) => boolean {
  if (mode === 'fixed') return (key) => key === template
  if (mode === 'cycle') {
    const keys = new Set(cycleKeys(template))
    return (key) => keys.has(key)
  }
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const source = template
    .split(/(\{[^}]*\})/)
    .map((part) =>
      part.startsWith('{') && part.endsWith('}')
        ? `(?:${part.slice(1, -1).split('|').map(escape).join('|')})`
        : escape(part),
    )
    .join('')
  const pattern = new RegExp(`^${source}$`)
  return (key) => pattern.test(key)
}
