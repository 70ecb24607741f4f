// What a definitions file will do before it is applied: what it holds per vhost, and which of its exchanges
// and queues already exist (RabbitMQ's rule on import: the existing one is kept), equivalent or not.

import type { FieldTable } from '../../engine/model.ts'
import type { BrokerSnapshot } from '../../engine/worker/protocol.ts'
import { canonicalArgs } from '../design/ids.ts'

export interface VhostContents {
  vhost: string
  exchanges: number
  queues: number
  bindings: number
  policies: number
  parameters: number
}

export interface SameName {
  vhost: string
  kind: 'exchange' | 'queue'
  name: string
  /** False when the file declares it with other properties: RabbitMQ keeps the existing one regardless. */
  equivalent: boolean
}

export interface ImportPreview {
  vhosts: VhostContents[]
  sameNames: SameName[]
}

type Json = Record<string, unknown>
const listOf = (doc: Json, field: string): Json[] =>
  Array.isArray(doc[field])
    ? (doc[field] as unknown[]).filter((x): x is Json => typeof x === 'object' && x !== null)
    : []
const flag = (value: unknown, fallback: boolean) => (typeof value === 'boolean' ? value : fallback)
const args = (value: unknown) => canonicalArgs(typeof value === 'object' && value !== null ? (value as FieldTable) : {})

/** `intoVhost` is where a single-vhost file (no vhost fields) goes; whole-broker entries name their own. */
export function previewImport(doc: unknown, broker: BrokerSnapshot, intoVhost: string): ImportPreview {
  const file = typeof doc === 'object' && doc !== null ? (doc as Json) : {}
  const vhostOf = (item: Json) => (typeof item.vhost === 'string' ? item.vhost : intoVhost)
  const contents = new Map<string, VhostContents>()
  const count = (vhost: string, field: Exclude<keyof VhostContents, 'vhost'>) => {
    let c = contents.get(vhost)
    if (!c) contents.set(vhost, (c = { vhost, exchanges: 0, queues: 0, bindings: 0, policies: 0, parameters: 0 }))
    c[field]++
  }
  for (const field of ['exchanges', 'queues', 'bindings', 'policies', 'parameters'] as const)
    for (const item of listOf(file, field)) count(vhostOf(item), field)

  const exchanges = new Map(broker.exchanges.map((x) => [`${x.vhost}\u0000${x.name}`, x]))
  const queues = new Map(broker.queues.map((q) => [`${q.vhost}\u0000${q.name}`, q]))
  const sameNames: SameName[] = []
  for (const x of listOf(file, 'exchanges')) {
    const vhost = vhostOf(x)
    const old = exchanges.get(`${vhost}\u0000${String(x.name)}`)
    if (!old || old.name === '' || old.name.startsWith('amq.')) continue
    const equivalent =
      old.type === x.type &&
      old.durable === flag(x.durable, true) &&
      old.autoDelete === flag(x.auto_delete, false) &&
      old.internal === flag(x.internal, false) &&
      canonicalArgs(old.arguments) === args(x.arguments)
    sameNames.push({ vhost, kind: 'exchange', name: old.name, equivalent })
  }
  for (const q of listOf(file, 'queues')) {
    const vhost = vhostOf(q)
    const old = queues.get(`${vhost}\u0000${String(q.name)}`)
    if (!old) continue
    const equivalent =
      old.durable === flag(q.durable, true) &&
      old.autoDelete === flag(q.auto_delete, false) &&
      canonicalArgs(old.arguments) === args(q.arguments)
    sameNames.push({ vhost, kind: 'queue', name: old.name, equivalent })
  }
  return { vhosts: [...contents.values()], sameNames }
}

/** Whether the broker holds anything an import could be merged into (predeclared exchanges do not count). */
export function brokerHasEntities(broker: BrokerSnapshot): boolean {
  return broker.queues.length > 0 || broker.exchanges.some((x) => x.name !== '' && !x.name.startsWith('amq.'))
}
