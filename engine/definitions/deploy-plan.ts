// From a design to a live broker: what differs (drift), and the management API calls that make the broker match
// (a plan), in dependency order. RabbitMQ cannot change a queue or exchange in place: an inequivalent one is
// deleted and declared again, and the plan says how many messages that loses.

import type { FieldTable } from '../model.ts'

export type EntityKind = 'vhost' | 'exchange' | 'queue' | 'binding' | 'policy'
export type DriftStatus = 'missing' | 'extra' | 'different'

export interface Drift {
  kind: EntityKind
  vhost: string
  /** The entity's name; for a binding "source -> destination (routing key)". */
  name: string
  status: DriftStatus
  /** For 'different': what differs, e.g. "durable: true on the broker, false in the design". */
  differences: string[]
}

export interface ApiCall {
  method: 'PUT' | 'POST' | 'DELETE'
  path: string
  body?: unknown
}

export type PlanAction = 'create' | 'update' | 'recreate' | 'delete'

export interface PlanStep {
  action: PlanAction
  kind: EntityKind
  vhost: string
  name: string
  differences: string[]
  /** Messages on the broker that the step deletes (a queue deleted or declared again). */
  messagesLost: number
  calls: ApiCall[]
}

type Row = Record<string, unknown>
interface Side {
  vhosts: Set<string>
  /** The vhosts the side speaks for: those holding its entities, and those it lists other than the default. */
  scope: Set<string>
  exchanges: Map<string, Row>
  queues: Map<string, Row>
  bindings: Map<string, Row>
  policies: Map<string, Row>
}

const enc = encodeURIComponent
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v as object)
            .sort()
            .map((k) => [k, (v as Row)[k]]),
        )
      : v,
  )

/** A queue's arguments as compared: 4.0 and later list x-queue-type "classic" that the declare never gave. */
function queueArguments(q: Row): FieldTable {
  const args = { ...((q.arguments as FieldTable | undefined) ?? {}) }
  if (args['x-queue-type'] === undefined && typeof q.type === 'string' && q.type !== 'classic')
    args['x-queue-type'] = q.type
  if (args['x-queue-type'] === 'classic') delete args['x-queue-type']
  return args
}

const bindingName = (b: Row) =>
  `${b.source === '' ? '(default)' : String(b.source)} -> ${String(b.destination)} (${String(b.routing_key ?? '')})`
const bindingKey = (vhost: string, b: Row) =>
  canonical([vhost, b.source, b.destination, b.destination_type, b.routing_key ?? '', b.arguments ?? {}])

/** Reads either shape of definitions: whole-broker (entities carry `vhost`) or one vhost's (`vhost` says which). */
function sideOf(definitions: Row, vhost: string | null): Side {
  const side: Side = {
    vhosts: new Set(),
    scope: new Set(),
    exchanges: new Map(),
    queues: new Map(),
    bindings: new Map(),
    policies: new Map(),
  }
  const vhostOf = (row: Row) => (typeof row.vhost === 'string' ? row.vhost : (vhost ?? '/'))
  const rows = (key: string) => (Array.isArray(definitions[key]) ? (definitions[key] as Row[]) : [])
  for (const v of rows('vhosts')) if (typeof v.name === 'string') side.vhosts.add(v.name)
  for (const v of side.vhosts) if (v !== '/') side.scope.add(v)
  for (const x of rows('exchanges')) {
    const name = String(x.name)
    if (name === '' || name.startsWith('amq.')) continue
    side.exchanges.set(canonical([vhostOf(x), name]), { ...x, vhost: vhostOf(x) })
  }
  for (const q of rows('queues')) side.queues.set(canonical([vhostOf(q), q.name]), { ...q, vhost: vhostOf(q) })
  for (const b of rows('bindings')) side.bindings.set(bindingKey(vhostOf(b), b), { ...b, vhost: vhostOf(b) })
  for (const p of rows('policies')) side.policies.set(canonical([vhostOf(p), p.name]), { ...p, vhost: vhostOf(p) })
  for (const map of [side.exchanges, side.queues, side.bindings, side.policies])
    for (const row of map.values()) {
      side.vhosts.add(String(row.vhost))
      side.scope.add(String(row.vhost))
    }
  return side
}

function differencesOf(fields: [string, unknown, unknown][]): string[] {
  return fields
    .filter(([, live, design]) => canonical(live) !== canonical(design))
    .map(([field, live, design]) => `${field}: ${canonical(live)} on the broker, ${canonical(design)} in the design`)
}

const exchangeFields = (live: Row, design: Row): [string, unknown, unknown][] => [
  ['type', live.type, design.type],
  ['durable', live.durable, design.durable],
  ['auto_delete', live.auto_delete, design.auto_delete],
  ['internal', live.internal ?? false, design.internal ?? false],
  ['arguments', live.arguments ?? {}, design.arguments ?? {}],
]
const queueFields = (live: Row, design: Row): [string, unknown, unknown][] => [
  ['durable', live.durable, design.durable],
  ['auto_delete', live.auto_delete, design.auto_delete],
  ['arguments', queueArguments(live), queueArguments(design)],
]
const policyFields = (live: Row, design: Row): [string, unknown, unknown][] => [
  ['pattern', live.pattern, design.pattern],
  ['apply-to', live['apply-to'] ?? 'all', design['apply-to'] ?? 'all'],
  ['priority', live.priority ?? 0, design.priority ?? 0],
  ['definition', live.definition ?? {}, design.definition ?? {}],
]

/** What differs between a design and a live broker, entity by entity. */
export function driftOf(design: Row, live: Row, vhost: string | null = null): Drift[] {
  const d = sideOf(design, vhost)
  const l = sideOf(live, vhost)
  const out: Drift[] = []
  const scoped = (row: Row) => d.scope.has(String(row.vhost))
  const compare = (kind: EntityKind, ds: Map<string, Row>, ls: Map<string, Row>, fields?: typeof queueFields) => {
    for (const [key, row] of ds) {
      const other = ls.get(key)
      const name = kind === 'binding' ? bindingName(row) : String(row.name)
      if (!other) out.push({ kind, vhost: String(row.vhost), name, status: 'missing', differences: [] })
      else if (fields) {
        const differences = differencesOf(fields(other, row))
        if (differences.length > 0) out.push({ kind, vhost: String(row.vhost), name, status: 'different', differences })
      }
    }
    for (const [key, row] of ls) {
      if (ds.has(key) || !scoped(row)) continue
      const name = kind === 'binding' ? bindingName(row) : String(row.name)
      out.push({ kind, vhost: String(row.vhost), name, status: 'extra', differences: [] })
    }
  }
  for (const v of d.vhosts)
    if (!l.vhosts.has(v)) out.push({ kind: 'vhost', vhost: v, name: v, status: 'missing', differences: [] })
  compare('exchange', d.exchanges, l.exchanges, exchangeFields)
  compare('queue', d.queues, l.queues, queueFields)
  compare('binding', d.bindings, l.bindings)
  compare('policy', d.policies, l.policies, policyFields)
  return out
}

const exchangeCall = (x: Row): ApiCall => ({
  method: 'PUT',
  path: `/api/exchanges/${enc(String(x.vhost))}/${enc(String(x.name))}`,
  body: {
    type: x.type,
    durable: x.durable,
    auto_delete: x.auto_delete,
    internal: x.internal ?? false,
    arguments: x.arguments ?? {},
  },
})
const queueCall = (q: Row): ApiCall => ({
  method: 'PUT',
  path: `/api/queues/${enc(String(q.vhost))}/${enc(String(q.name))}`,
  body: { durable: q.durable, auto_delete: q.auto_delete, arguments: queueArguments(q) },
})
const bindingPath = (b: Row) =>
  `/api/bindings/${enc(String(b.vhost))}/e/${enc(String(b.source))}/${b.destination_type === 'exchange' ? 'e' : 'q'}/${enc(String(b.destination))}`
const bindingCall = (b: Row): ApiCall => ({
  method: 'POST',
  path: bindingPath(b),
  body: { routing_key: b.routing_key ?? '', arguments: b.arguments ?? {} },
})
const policyCall = (p: Row): ApiCall => ({
  method: 'PUT',
  path: `/api/policies/${enc(String(p.vhost))}/${enc(String(p.name))}`,
  body: {
    pattern: p.pattern,
    'apply-to': p['apply-to'] ?? 'all',
    definition: p.definition ?? {},
    priority: p.priority ?? 0,
  },
})
const deleteCall = (path: string): ApiCall => ({ method: 'DELETE', path })

export interface PlanOptions {
  /** Delete what the broker has and the design does not (in the design's vhosts only). */
  prune?: boolean
  /** Messages per queue on the broker ("vhost\u0000name" -> count), to say what a re-create loses. */
  depths?: Map<string, number>
  /** The properties_key RabbitMQ gives a binding, to delete it by path; the routing key when it has no arguments. */
  propertiesKey?: (b: Row) => string
}

/**
 * The calls that make `live` match `design`: vhosts, exchanges, queues, bindings, policies in that order, then the
 * deletions (bindings first). Nothing outside the design is deleted unless `prune` asks.
 */
export function planDeploy(design: Row, live: Row, vhost: string | null = null, options: PlanOptions = {}): PlanStep[] {
  const d = sideOf(design, vhost)
  const l = sideOf(live, vhost)
  const depth = (q: Row) => options.depths?.get(`${q.vhost}\u0000${q.name}`) ?? 0
  const propsKey = options.propertiesKey ?? ((b: Row) => (b.routing_key === '' ? '~' : enc(String(b.routing_key))))
  const creates: PlanStep[] = []
  const deletes: PlanStep[] = []
  const step = (
    action: PlanAction,
    kind: EntityKind,
    row: Row,
    calls: ApiCall[],
    differences: string[] = [],
    lost = 0,
  ) =>
    ({
      action,
      kind,
      vhost: String(row.vhost),
      name: kind === 'binding' ? bindingName(row) : String(row.name),
      differences,
      messagesLost: lost,
      calls,
    }) satisfies PlanStep
  for (const v of d.vhosts)
    if (!l.vhosts.has(v))
      creates.push(
        step('create', 'vhost', { vhost: v, name: v }, [{ method: 'PUT', path: `/api/vhosts/${enc(v)}`, body: {} }]),
      )
  for (const [key, x] of d.exchanges) {
    const other = l.exchanges.get(key)
    if (!other) creates.push(step('create', 'exchange', x, [exchangeCall(x)]))
    else {
      const differences = differencesOf(exchangeFields(other, x))
      if (differences.length > 0) {
        const path = exchangeCall(x).path
        creates.push(step('recreate', 'exchange', x, [deleteCall(path), exchangeCall(x)], differences))
      }
    }
  }
  for (const [key, q] of d.queues) {
    const other = l.queues.get(key)
    if (!other) creates.push(step('create', 'queue', q, [queueCall(q)]))
    else {
      const differences = differencesOf(queueFields(other, q))
      if (differences.length > 0)
        creates.push(
          step('recreate', 'queue', q, [deleteCall(queueCall(q).path), queueCall(q)], differences, depth(other)),
        )
    }
  }
  for (const [key, b] of d.bindings)
    if (!l.bindings.has(key)) creates.push(step('create', 'binding', b, [bindingCall(b)]))
  for (const [key, p] of d.policies) {
    const other = l.policies.get(key)
    if (!other) creates.push(step('create', 'policy', p, [policyCall(p)]))
    else {
      const differences = differencesOf(policyFields(other, p))
      if (differences.length > 0) creates.push(step('update', 'policy', p, [policyCall(p)], differences))
    }
  }
  if (options.prune) {
    const scoped = (row: Row) => d.scope.has(String(row.vhost))
    for (const [key, b] of l.bindings)
      if (!d.bindings.has(key) && scoped(b) && b.source !== '')
        deletes.push(step('delete', 'binding', b, [deleteCall(`${bindingPath(b)}/${propsKey(b)}`)]))
    for (const [key, p] of l.policies)
      if (!d.policies.has(key) && scoped(p)) deletes.push(step('delete', 'policy', p, [deleteCall(policyCall(p).path)]))
    for (const [key, q] of l.queues)
      if (!d.queues.has(key) && scoped(q))
        deletes.push(step('delete', 'queue', q, [deleteCall(queueCall(q).path)], [], depth(q)))
    for (const [key, x] of l.exchanges)
      if (!d.exchanges.has(key) && scoped(x))
        deletes.push(step('delete', 'exchange', x, [deleteCall(exchangeCall(x).path)]))
  }
  return [...creates, ...deletes]
}
