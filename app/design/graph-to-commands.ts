// The difference between two documents as broker operations, in an order the broker accepts:
// unbind, delete, declare exchanges, declare queues, bind. Pure: the session runs the result.

import type { BindingDef, ExchangeDef, QueueDef } from '../../engine/model.ts'
import { bindingKey, canonicalArgs } from './ids.ts'
import type { Topology } from './types.ts'

export type Op =
  | { op: 'unbind'; binding: BindingDef }
  | { op: 'deleteQueue'; name: string }
  | { op: 'deleteExchange'; name: string }
  | { op: 'declareExchange'; def: ExchangeDef }
  | { op: 'declareQueue'; def: QueueDef }
  | { op: 'bind'; binding: BindingDef }

export function sameExchange(a: ExchangeDef, b: ExchangeDef): boolean {
  return (
    a.type === b.type &&
    a.durable === b.durable &&
    a.autoDelete === b.autoDelete &&
    a.internal === b.internal &&
    canonicalArgs(a.arguments) === canonicalArgs(b.arguments)
  )
}

export function sameQueue(a: QueueDef, b: QueueDef): boolean {
  return (
    a.durable === b.durable &&
    a.exclusive === b.exclusive &&
    a.autoDelete === b.autoDelete &&
    canonicalArgs(a.arguments) === canonicalArgs(b.arguments)
  )
}

/** Names whose definition changed: RabbitMQ fixes them at declare time, so they are deleted and declared again. */
export function redeclared(prev: Topology, next: Topology): { exchanges: Set<string>; queues: Set<string> } {
  const exchanges = new Set<string>()
  const queues = new Set<string>()
  for (const [name, def] of Object.entries(next.exchanges)) {
    const old = prev.exchanges[name]
    if (old && !sameExchange(old, def)) exchanges.add(name)
  }
  for (const [name, def] of Object.entries(next.queues)) {
    const old = prev.queues[name]
    if (old && !sameQueue(old, def)) queues.add(name)
  }
  return { exchanges, queues }
}

export function diffTopology(prev: Topology, next: Topology): Op[] {
  // A move or an auto-layout keeps the topology's objects: nothing to compare over thousands of bindings.
  if (prev.exchanges === next.exchanges && prev.queues === next.queues && prev.bindings === next.bindings) return []
  const ops: Op[] = []
  const again = redeclared(prev, next)
  const goneExchange = (name: string) =>
    again.exchanges.has(name) || (name in prev.exchanges && !(name in next.exchanges))
  const goneQueue = (name: string) => again.queues.has(name) || (name in prev.queues && !(name in next.queues))
  // A binding disappears with either end; one whose ends are re-created must be made again.
  const touched = (b: BindingDef) =>
    goneExchange(b.source) || (b.destinationType === 'queue' ? goneQueue(b.destination) : goneExchange(b.destination))

  const nextKeys = new Set(next.bindings.map(bindingKey))
  const prevKeys = new Set(prev.bindings.map(bindingKey))
  for (const b of prev.bindings) if (!nextKeys.has(bindingKey(b)) && !touched(b)) ops.push({ op: 'unbind', binding: b })
  for (const name of Object.keys(prev.queues)) if (goneQueue(name)) ops.push({ op: 'deleteQueue', name })
  for (const name of Object.keys(prev.exchanges)) if (goneExchange(name)) ops.push({ op: 'deleteExchange', name })
  for (const [name, def] of Object.entries(next.exchanges)) {
    if (!(name in prev.exchanges) || again.exchanges.has(name)) ops.push({ op: 'declareExchange', def })
  }
  for (const [name, def] of Object.entries(next.queues)) {
    if (!(name in prev.queues) || again.queues.has(name)) ops.push({ op: 'declareQueue', def })
  }
  for (const b of next.bindings) if (!prevKeys.has(bindingKey(b)) || touched(b)) ops.push({ op: 'bind', binding: b })
  return ops
}
