// Pure document edits: every user action is one of these, so undo, redo and paste reuse them.

import type { BindingDef, ExchangeDef, QueueDef } from '../../engine/model.ts'
import { bindingEdgeId, bindingGroupEdgeId, exchangeNodeId, parseEdgeId, parseNodeId, queueNodeId } from './ids.ts'
import type { DesignDoc, XY } from './types.ts'

/** `base`, or `base-2`, `base-3`... whichever is free. */
export function uniqueName(base: string, taken: (name: string) => boolean): string {
  if (!taken(base)) return base
  for (let i = 2; ; i++) if (!taken(`${base}-${i}`)) return `${base}-${i}`
}

export function nameTaken(doc: DesignDoc, kind: 'exchange' | 'queue', name: string): boolean {
  return kind === 'exchange' ? name in doc.exchanges || name === '' || name.startsWith('amq.') : name in doc.queues
}

export function withPosition(doc: DesignDoc, id: string, at: XY): DesignDoc {
  return { ...doc, positions: { ...doc.positions, [id]: at } }
}

export function putExchange(doc: DesignDoc, def: ExchangeDef, at?: XY): DesignDoc {
  const next = { ...doc, exchanges: { ...doc.exchanges, [def.name]: def } }
  return at ? withPosition(next, exchangeNodeId(def.name), at) : next
}

export function putQueue(doc: DesignDoc, def: QueueDef, at?: XY): DesignDoc {
  const next = { ...doc, queues: { ...doc.queues, [def.name]: def } }
  return at ? withPosition(next, queueNodeId(def.name), at) : next
}

export function addBinding(doc: DesignDoc, b: BindingDef): DesignDoc {
  const id = bindingEdgeId(b)
  if (doc.bindings.some((x) => bindingEdgeId(x) === id)) return doc
  return { ...doc, bindings: [...doc.bindings, b] }
}

const touches = (b: BindingDef, exchanges: Set<string>, queues: Set<string>) =>
  exchanges.has(b.source) || (b.destinationType === 'queue' ? queues.has(b.destination) : exchanges.has(b.destination))

/** Removes nodes and everything that hangs on them: bindings, publish and consume links. */
export function removeNodes(doc: DesignDoc, ids: Iterable<string>): DesignDoc {
  const exchanges = new Set<string>()
  const queues = new Set<string>()
  const producers = { ...doc.producers }
  const consumers = { ...doc.consumers }
  const positions = { ...doc.positions }
  for (const id of ids) {
    const { kind, key } = parseNodeId(id)
    delete positions[id]
    if (kind === 'exchange') exchanges.add(key)
    else if (kind === 'queue') queues.add(key)
    else if (kind === 'producer') delete producers[key]
    else delete consumers[key]
  }
  const nextExchanges = { ...doc.exchanges }
  const nextQueues = { ...doc.queues }
  for (const name of exchanges) delete nextExchanges[name]
  for (const name of queues) delete nextQueues[name]
  for (const [id, p] of Object.entries(producers))
    if (p.exchange !== null && exchanges.has(p.exchange)) producers[id] = { ...p, exchange: null }
  for (const [id, c] of Object.entries(consumers))
    if (c.queue !== null && queues.has(c.queue)) consumers[id] = { ...c, queue: null }
  return {
    exchanges: nextExchanges,
    queues: nextQueues,
    bindings: doc.bindings.filter((b) => !touches(b, exchanges, queues)),
    producers,
    consumers,
    positions,
  }
}

/** Removes edges: a binding is unbound, a publish or consume link is cut, a dead-letter or alternate argument dropped. */
export function removeEdges(doc: DesignDoc, ids: Iterable<string>): DesignDoc {
  let next = doc
  const gone = new Set<string>()
  for (const id of ids) {
    const { kind, key } = parseEdgeId(id)
    switch (kind) {
      case 'binding':
        gone.add(id)
        break
      case 'bindings':
        // The group edge stands for every binding between its two nodes.
        for (const b of next.bindings) if (bindingGroupEdgeId(b) === id) gone.add(bindingEdgeId(b))
        break
      case 'publish':
        if (next.producers[key])
          next = { ...next, producers: { ...next.producers, [key]: { ...next.producers[key], exchange: null } } }
        break
      case 'consume':
        if (next.consumers[key])
          next = { ...next, consumers: { ...next.consumers, [key]: { ...next.consumers[key], queue: null } } }
        break
      case 'deadLetter': {
        const q = next.queues[key]
        if (!q) break
        const { 'x-dead-letter-exchange': _x, 'x-dead-letter-routing-key': _k, ...rest } = q.arguments
        next = putQueue(next, { ...q, arguments: rest })
        break
      }
      case 'alternate': {
        const x = next.exchanges[key]
        if (!x) break
        const { 'alternate-exchange': _ae, ...rest } = x.arguments
        next = putExchange(next, { ...x, arguments: rest })
        break
      }
    }
  }
  if (gone.size > 0) next = { ...next, bindings: next.bindings.filter((b) => !gone.has(bindingEdgeId(b))) }
  return next
}

function renameKey<T>(record: Record<string, T>, from: string, to: string, value: T): Record<string, T> {
  const out: Record<string, T> = {}
  for (const [k, v] of Object.entries(record)) out[k === from ? to : k] = k === from ? value : v
  return out
}

function movePosition(positions: Record<string, XY>, from: string, to: string): Record<string, XY> {
  const at = positions[from]
  if (!at) return positions
  const { [from]: _gone, ...rest } = positions
  return { ...rest, [to]: at }
}

/** Renames an exchange and every reference to it: bindings, producers, dead-letter and alternate arguments. */
export function renameExchange(doc: DesignDoc, from: string, to: string): DesignDoc {
  const def = doc.exchanges[from]
  if (!def || from === to) return doc
  const exchanges = renameKey(doc.exchanges, from, to, { ...def, name: to })
  for (const [name, x] of Object.entries(exchanges)) {
    if (x.arguments['alternate-exchange'] === from)
      exchanges[name] = { ...x, arguments: { ...x.arguments, 'alternate-exchange': to } }
  }
  const queues = { ...doc.queues }
  for (const [name, q] of Object.entries(queues)) {
    if (q.arguments['x-dead-letter-exchange'] === from)
      queues[name] = { ...q, arguments: { ...q.arguments, 'x-dead-letter-exchange': to } }
  }
  const producers = { ...doc.producers }
  for (const [id, p] of Object.entries(producers)) if (p.exchange === from) producers[id] = { ...p, exchange: to }
  const bindings = doc.bindings.map((b) => ({
    ...b,
    source: b.source === from ? to : b.source,
    destination: b.destinationType === 'exchange' && b.destination === from ? to : b.destination,
  }))
  return {
    ...doc,
    exchanges,
    queues,
    producers,
    bindings,
    positions: movePosition(doc.positions, exchangeNodeId(from), exchangeNodeId(to)),
  }
}

export function renameQueue(doc: DesignDoc, from: string, to: string): DesignDoc {
  const def = doc.queues[from]
  if (!def || from === to) return doc
  const queues = renameKey(doc.queues, from, to, { ...def, name: to })
  const consumers = { ...doc.consumers }
  for (const [id, c] of Object.entries(consumers)) if (c.queue === from) consumers[id] = { ...c, queue: to }
  const bindings = doc.bindings.map((b) =>
    b.destinationType === 'queue' && b.destination === from ? { ...b, destination: to } : b,
  )
  return {
    ...doc,
    queues,
    consumers,
    bindings,
    positions: movePosition(doc.positions, queueNodeId(from), queueNodeId(to)),
  }
}
