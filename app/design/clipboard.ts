// Copy and paste of selected nodes: names get a free suffix, links between copied nodes follow the copies.

import { exchangeNodeId, nodeId, parseNodeId, queueNodeId } from './ids.ts'
import { uniqueName } from './doc-ops.ts'
import { emptyDoc, type DesignDoc } from './types.ts'

export function copyNodes(doc: DesignDoc, ids: Iterable<string>): DesignDoc {
  const clip = emptyDoc()
  for (const id of ids) {
    const { kind, key } = parseNodeId(id)
    if (kind === 'exchange' && doc.exchanges[key]) clip.exchanges[key] = doc.exchanges[key]
    else if (kind === 'queue' && doc.queues[key]) clip.queues[key] = doc.queues[key]
    else if (kind === 'producer' && doc.producers[key]) clip.producers[key] = doc.producers[key]
    else if (kind === 'consumer' && doc.consumers[key]) clip.consumers[key] = doc.consumers[key]
    else continue
    if (doc.positions[id]) clip.positions[id] = doc.positions[id]
  }
  clip.bindings = doc.bindings.filter(
    (b) =>
      b.source in clip.exchanges &&
      (b.destinationType === 'queue' ? b.destination in clip.queues : b.destination in clip.exchanges),
  )
  return clip
}

/** Adds the clip to `doc` under fresh names, shifted by `offset`; returns the new doc and the new node ids. */
export function pasteNodes(
  doc: DesignDoc,
  clip: DesignDoc,
  offset: number,
  newId: () => string,
): { doc: DesignDoc; ids: string[] } {
  const next: DesignDoc = {
    exchanges: { ...doc.exchanges },
    queues: { ...doc.queues },
    bindings: [...doc.bindings],
    producers: { ...doc.producers },
    consumers: { ...doc.consumers },
    positions: { ...doc.positions },
  }
  const ids: string[] = []
  const xName = new Map<string, string>()
  const qName = new Map<string, string>()
  for (const name of Object.keys(clip.exchanges)) {
    xName.set(
      name,
      uniqueName(`${name}-copy`, (n) => n in next.exchanges || n.startsWith('amq.')),
    )
    next.exchanges[xName.get(name)!] = clip.exchanges[name]
  }
  for (const name of Object.keys(clip.queues)) {
    qName.set(
      name,
      uniqueName(`${name}-copy`, (n) => n in next.queues),
    )
    next.queues[qName.get(name)!] = clip.queues[name]
  }
  const x = (name: string) => xName.get(name) ?? name
  const place = (from: string, to: string) => {
    const at = clip.positions[from]
    if (at) next.positions[to] = { x: at.x + offset, y: at.y + offset }
    ids.push(to)
  }
  for (const [from, to] of xName) {
    const def = clip.exchanges[from]
    const args = { ...def.arguments }
    if (typeof args['alternate-exchange'] === 'string') args['alternate-exchange'] = x(args['alternate-exchange'])
    next.exchanges[to] = { ...def, name: to, arguments: args }
    place(exchangeNodeId(from), exchangeNodeId(to))
  }
  for (const [from, to] of qName) {
    const def = clip.queues[from]
    const args = { ...def.arguments }
    if (typeof args['x-dead-letter-exchange'] === 'string')
      args['x-dead-letter-exchange'] = x(args['x-dead-letter-exchange'])
    next.queues[to] = { ...def, name: to, arguments: args }
    place(queueNodeId(from), queueNodeId(to))
  }
  for (const b of clip.bindings) {
    next.bindings.push({
      ...b,
      source: x(b.source),
      destination: b.destinationType === 'queue' ? (qName.get(b.destination) ?? b.destination) : x(b.destination),
    })
  }
  for (const p of Object.values(clip.producers)) {
    const id = newId()
    // A pasted producer waits to be started, as a new one does.
    next.producers[id] = {
      ...p,
      id,
      name: `${p.name} copy`,
      exchange: p.exchange === null ? null : x(p.exchange),
      running: false,
    }
    place(nodeId('producer', p.id), nodeId('producer', id))
  }
  for (const c of Object.values(clip.consumers)) {
    const id = newId()
    next.consumers[id] = {
      ...c,
      id,
      name: `${c.name} copy`,
      queue: c.queue === null ? null : (qName.get(c.queue) ?? c.queue),
    }
    place(nodeId('consumer', c.id), nodeId('consumer', id))
  }
  return { doc: next, ids }
}
