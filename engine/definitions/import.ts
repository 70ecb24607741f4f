// Importing definitions: the whole document is checked first, and only a document that passes is applied,
// merged as RabbitMQ merges (existing exchanges, queues and bindings win; policies and the rest are overwritten).

import type { Broker } from '../broker.ts'
import type { VersionProfile } from '../profile.ts'
import { AmqpError } from '../errors.ts'
import { isTable } from '../field-values.ts'
import { validateHeadersBinding } from '../exchanges/headers.ts'
import { isExchangeType } from '../exchanges/registry.ts'
import type { FieldTable } from '../model.ts'
import { MIRRORING_KEYS, validatePolicy, type PolicyApplyTo, type PolicyDef } from '../policy.ts'
import { validateQueueArguments, validateQueueType } from '../queue-arguments.ts'
import { validateStreamDeclare } from '../stream/stream-arguments.ts'
import type { KeptDefinitions } from './format.ts'
import { DefinitionsError } from './definitions-error.ts'
import { checkDocumentLimits, checkEntryLimits } from './import-limits.ts'
import { base64, sha256 } from './sha256.ts'

export { DefinitionsError }

export interface ImportResult {
  vhosts: string[]
  exchanges: number
  queues: number
  bindings: number
  /** Policies and operator policies together. */
  policies: number
  warnings: string[]
  /** The file's rabbit_version / rabbitmq_version, so the designer can offer to switch to it; null when absent. */
  rabbitVersion: string | null
}

interface Plan {
  rabbitVersion: string | null
  vhosts: { name: string; description: string; tags: string[]; limits: unknown }[]
  exchanges: {
    vhost: string
    name: string
    type: string
    durable: boolean
    autoDelete: boolean
    internal: boolean
    arguments: FieldTable
  }[]
  queues: { vhost: string; name: string; durable: boolean; autoDelete: boolean; arguments: FieldTable }[]
  bindings: {
    vhost: string
    source: string
    destination: string
    destinationType: 'queue' | 'exchange'
    routingKey: string
    arguments: FieldTable
  }[]
  policies: { vhost: string; def: PolicyDef }[]
  operatorPolicies: { vhost: string; def: PolicyDef }[]
  kept: Omit<KeptDefinitions, 'vhosts'>
  warnings: string[]
}

type Json = Record<string, unknown>

const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback)
const bool = (v: unknown, fallback: boolean): boolean =>
  typeof v === 'boolean' ? v : v === 'true' ? true : v === 'false' ? false : fallback
// Only numbers and numeric strings convert: Number() of an object runs its toString, which a file may set to 1.
const priorityOf = (v: unknown): number =>
  typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : v === undefined || v === null ? 0 : Number.NaN
const table = (v: unknown): FieldTable => (isTable(v) ? (v as FieldTable) : {})
const list = (doc: Json, key: string): Json[] => {
  const v = doc[key]
  if (v === undefined || v === null) return []
  if (!Array.isArray(v)) throw new DefinitionsError(`"${key}" must be a list, found ${typeof v}`)
  // Array.from visits the holes of a sparse list (a structured clone keeps them), so each is refused by index.
  return Array.from(v as unknown[], (entry, i) => {
    if (!entry || typeof entry !== 'object' || Array.isArray(entry))
      throw new DefinitionsError(`${key}[${i}] is not an object`)
    return entry as Json
  })
}

/** Reads any version's definitions into a plan, or throws naming the first entry that cannot be imported. */
export function planImport(
  input: unknown,
  targetVhost: string | null,
  profile: Pick<VersionProfile, 'queueModeChecked' | 'classicMirroring' | 'streamFiltering' | 'streamDurationCrash'>,
): Plan {
  checkDocumentLimits(input)
  let doc: unknown = input
  if (typeof input === 'string') {
    try {
      doc = JSON.parse(input)
    } catch (error) {
      throw new DefinitionsError(`The file is not valid JSON: ${(error as Error).message}`)
    }
    checkDocumentLimits(doc)
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc))
    throw new DefinitionsError('The file is not a RabbitMQ definitions document (expected a JSON object).')
  const d = doc as Json
  const known = [
    'rabbit_version',
    'rabbitmq_version',
    'users',
    'vhosts',
    'permissions',
    'topic_permissions',
    'parameters',
    'global_parameters',
    'policies',
    'queues',
    'exchanges',
    'bindings',
  ]
  if (!Object.keys(d).some((k) => known.includes(k)))
    throw new DefinitionsError(
      'The file is not a RabbitMQ definitions document: none of its keys (queues, exchanges, bindings, policies, ...) is there.',
    )
  const warnings: string[] = []
  const sections: Sections = { doc: d, targetVhost, warnings, profile }
  const vhosts = planVhosts(sections)
  const exchanges = planExchanges(sections)
  const queues = planQueues(sections)
  const bindings = planBindings(sections)
  const policies = planPolicies(sections)
  const { operatorPolicies, parameters } = planParameters(sections)
  const users = planUsers(sections)
  const permissions = list(d, 'permissions')
  checkEntryLimits({ exchanges, queues, bindings }, vhosts)
  const rabbitVersion = str(d.rabbit_version, str(d.rabbitmq_version))
  return {
    rabbitVersion: rabbitVersion === '' ? null : rabbitVersion,
    vhosts,
    exchanges,
    queues,
    bindings,
    policies,
    operatorPolicies,
    kept: {
      users,
      permissions,
      topic_permissions: list(d, 'topic_permissions'),
      parameters,
      global_parameters: list(d, 'global_parameters'),
    },
    warnings,
  }
}

/** What every section planner reads from and adds to: the document, the vhost it goes into, the warnings. */
interface Sections {
  doc: Json
  targetVhost: string | null
  warnings: string[]
  /** Queue arguments are checked as the broker taking the file checks them. */
  profile: Pick<VersionProfile, 'queueModeChecked' | 'classicMirroring' | 'streamFiltering' | 'streamDurationCrash'>
}

function vhostOf(entry: Json, where: string, targetVhost: string | null): string {
  if (targetVhost !== null) return targetVhost
  if (typeof entry.vhost === 'string') return entry.vhost
  if (entry.vhost !== undefined) throw new DefinitionsError(`${where}: "vhost" must be a string`)
  return '/'
}

function named(entry: Json, where: string, field = 'name'): string {
  if (typeof entry[field] !== 'string') throw new DefinitionsError(`${where}: "${field}" is missing or not a string`)
  return entry[field] as string
}

function planVhosts({ doc: d }: Sections): Plan['vhosts'] {
  return list(d, 'vhosts').map((v, i) => {
    const metadata = isTable(v.metadata) ? (v.metadata as Json) : {}
    const tags = v.tags ?? metadata.tags
    return {
      name: named(v, `vhosts[${i}]`),
      description: str(v.description, str(metadata.description)),
      tags: Array.isArray(tags)
        ? tags.map(String)
        : typeof tags === 'string' && tags
          ? tags.split(',').map((t) => t.trim())
          : [],
      limits: v.limits ?? [],
    }
  })
}

function planExchanges({ doc: d, targetVhost, warnings }: Sections): Plan['exchanges'] {
  const exchanges: Plan['exchanges'] = []
  list(d, 'exchanges').forEach((x, i) => {
    const where = `exchanges[${i}]${typeof x.name === 'string' ? ` "${x.name}"` : ''}`
    const name = named(x, where)
    const vhost = vhostOf(x, where, targetVhost)
    if (name === '' || name.startsWith('amq.')) {
      warnings.push(
        `${where} in vhost "${vhost}": skipped, names starting with "amq." are reserved (RabbitMQ skips them too)`,
      )
      return
    }
    if (typeof x.type !== 'string' || x.type === '') throw new DefinitionsError(`${where}: "type" is missing`)
    const args = table(x.arguments)
    if (args['alternate-exchange'] !== undefined && typeof args['alternate-exchange'] !== 'string') {
      throw new DefinitionsError(`${where}: argument "alternate-exchange" must be a string`)
    }
    if (!isExchangeType(x.type)) {
      warnings.push(
        `${where}: type "${x.type}" comes from a plugin; Warren keeps the exchange but routes nothing through it`,
      )
    }
    exchanges.push({
      vhost,
      name,
      type: x.type,
      durable: bool(x.durable, true),
      autoDelete: bool(x.auto_delete, false),
      internal: bool(x.internal, false),
      arguments: args,
    })
  })
  return exchanges
}

function planQueues({ doc: d, targetVhost, warnings, profile }: Sections): Plan['queues'] {
  const queues: Plan['queues'] = []
  list(d, 'queues').forEach((q, i) => {
    const where = `queues[${i}]${typeof q.name === 'string' ? ` "${q.name}"` : ''}`
    const name = named(q, where)
    const vhost = vhostOf(q, where, targetVhost)
    if (name === '' || name.startsWith('amq.')) {
      warnings.push(
        `${where} in vhost "${vhost}": skipped, queue names starting with "amq." are reserved (RabbitMQ skips them too)`,
      )
      return
    }
    const args = table(q.arguments)
    const durable = bool(q.durable, true)
    const autoDelete = bool(q.auto_delete, false)
    try {
      const settings = validateQueueArguments(name, vhost, args, profile)
      validateQueueType(name, vhost, settings.type, args, { durable, exclusive: false, autoDelete })
      if (settings.type === 'stream')
        validateStreamDeclare(name, vhost, args, { durable, exclusive: false, autoDelete }, profile)
    } catch (error) {
      if (error instanceof AmqpError)
        throw new DefinitionsError(`${where}: ${error.message.replace(/^PRECONDITION_FAILED - /, '')}`)
      if (error instanceof DefinitionsError) throw error
      throw error
    }
    queues.push({ vhost, name, durable, autoDelete, arguments: args })
  })
  return queues
}

function planBindings({ doc: d, targetVhost, warnings }: Sections): Plan['bindings'] {
  const bindings: Plan['bindings'] = []
  list(d, 'bindings').forEach((b, i) => {
    const where = `bindings[${i}]`
    const source = named(b, where, 'source')
    const destination = named(b, where, 'destination')
    const type = b.destination_type
    if (type !== 'queue' && type !== 'exchange')
      throw new DefinitionsError(`${where}: "destination_type" must be "queue" or "exchange"`)
    const args = table(b.arguments)
    if (source === '') {
      warnings.push(`${where}: skipped, bindings of the default exchange are implicit`)
      return
    }
    bindings.push({
      vhost: vhostOf(b, where, targetVhost),
      source,
      destination,
      destinationType: type,
      routingKey: str(b.routing_key),
      arguments: args,
    })
  })
  return bindings
}

function planPolicies({ doc: d, targetVhost, warnings, profile }: Sections): Plan['policies'] {
  const planned: Plan['policies'] = []
  list(d, 'policies').forEach((p, i) => {
    const where = `policies[${i}]${typeof p.name === 'string' ? ` "${p.name}"` : ''}`
    let definition: unknown = p.definition
    if (typeof definition === 'string') {
      try {
        definition = JSON.parse(definition)
      } catch {
        throw new DefinitionsError(`${where}: "definition" is not valid JSON`)
      }
    }
    const def: PolicyDef = {
      name: named(p, where),
      pattern: str(p.pattern, '.*'),
      applyTo: str(p['apply-to'], 'all') as PolicyApplyTo,
      priority: priorityOf(p.priority),
      definition: table(definition),
    }
    // A 3.x export's mirroring keys would fail the whole file on 4.x: they are dropped, and said so.
    const mirroring = Object.keys(def.definition).filter((key) => MIRRORING_KEYS.includes(key))
    if (!profile.classicMirroring && mirroring.length > 0) {
      def.definition = Object.fromEntries(Object.entries(def.definition).filter(([key]) => !mirroring.includes(key)))
      const left = Object.keys(def.definition).length > 0
      warnings.push(
        `${where}: ${mirroring.join(', ')} ${left ? 'dropped' : 'was all it set, so the policy is skipped'}: RabbitMQ 4.x has no classic queue mirroring`,
      )
      if (!left) return
    }
    try {
      validatePolicy(def)
    } catch (error) {
      throw new DefinitionsError(`${where}: ${(error as Error).message.replace(/^PRECONDITION_FAILED - /, '')}`)
    }
    planned.push({ vhost: vhostOf(p, where, targetVhost), def })
  })
  return planned
}

/** Runtime parameters: operator policies are planned as policies, the rest is kept as it is. */
function planParameters({ doc: d, targetVhost }: Sections): {
  operatorPolicies: Plan['operatorPolicies']
  parameters: Json[]
} {
  // RabbitMQ 3.10 keeps operator policies as runtime parameters of the component operator_policy, and its
  // import takes them there with the definition as an object (its own export writes a list of pairs, which it
  // then refuses: "definition must be a dictionary").
  const operatorPolicies: Plan['operatorPolicies'] = []
  const parameters: Json[] = []
  for (const [i, p] of list(d, 'parameters').entries()) {
    const vhost = targetVhost ?? (typeof p.vhost === 'string' ? p.vhost : '/')
    if (p.component !== 'operator_policy') {
      parameters.push(targetVhost !== null || typeof p.vhost !== 'string' ? { ...p, vhost } : p)
      continue
    }
    const where = `parameters[${i}]${typeof p.name === 'string' ? ` "${p.name}"` : ''}`
    const value = p.value
    if (!isTable(value)) throw new DefinitionsError(`${where}: the operator policy's "value" must be an object`)
    const v = value as Json
    if (!isTable(v.definition)) {
      throw new DefinitionsError(
        `${where}: definition must be a dictionary (a JSON object of keys and values), found ${Array.isArray(v.definition) ? 'a list' : typeof v.definition}`,
      )
    }
    const def: PolicyDef = {
      name: named(p, where),
      pattern: str(v.pattern, '.*'),
      applyTo: str(v['apply-to'], 'all') as PolicyApplyTo,
      priority: priorityOf(v.priority),
      definition: v.definition as FieldTable,
    }
    try {
      validatePolicy(def, true)
    } catch (error) {
      throw new DefinitionsError(`${where}: ${(error as Error).message.replace(/^PRECONDITION_FAILED - /, '')}`)
    }
    operatorPolicies.push({ vhost, def })
  }
  return { operatorPolicies, parameters }
}

function planUsers({ doc: d }: Sections): Json[] {
  // rabbit_definitions: a hash without an algorithm is MD5 in files from 3.5 and older, SHA-256 after.
  const defaultAlgorithm = fileVersionBelow(d, 3, 6) ? 'rabbit_password_hashing_md5' : 'rabbit_password_hashing_sha256'
  return list(d, 'users').map((u, i) => {
    const name = named(u, `users[${i}]`)
    const tags = Array.isArray(u.tags)
      ? u.tags.map(String)
      : typeof u.tags === 'string'
        ? u.tags
            .split(',')
            .map((t) => t.trim())
            .filter(Boolean)
        : []
    const user: Json = { name, tags }
    if (typeof u.password_hash === 'string') {
      user.password_hash = u.password_hash
      user.hashing_algorithm = typeof u.hashing_algorithm === 'string' ? u.hashing_algorithm : defaultAlgorithm
    } else if (typeof u.password === 'string') {
      user.password = u.password // hashed when applied, never kept in clear
    }
    user.limits = isTable(u.limits) ? u.limits : {}
    return user
  })
}

/**
 * Imports definitions into the broker. Nothing changes unless the whole document is valid.
 * `targetVhost` imports a single-vhost document (no vhost fields) into that vhost.
 */
export function importDefinitions(broker: Broker, input: unknown, targetVhost: string | null = null): ImportResult {
  const plan = planImport(input, targetVhost, broker.profile)
  const warnings = [...plan.warnings]
  const touched = new Set<string>()
  const vhost = (name: string) => {
    touched.add(name)
    return broker.addVhost(name)
  }
  // Headers bindings are checked before anything is applied, so a bad x-match rejects the whole file.
  for (const [i, b] of plan.bindings.entries()) {
    const source =
      plan.exchanges.find((x) => x.vhost === b.vhost && x.name === b.source)?.type ??
      broker.vhosts.get(b.vhost)?.exchanges.get(b.source)?.def.type
    if (source === 'headers') {
      try {
        validateHeadersBinding(b.arguments)
      } catch (error) {
        throw new DefinitionsError(
          `bindings[${i}] ${b.source} -> ${b.destination}: ${(error as Error).message.replace(/^PRECONDITION_FAILED - /, '')}`,
        )
      }
    }
  }
  for (const v of plan.vhosts) {
    vhost(v.name)
    broker.kept.vhosts.set(v.name, { description: v.description, tags: v.tags, limits: v.limits })
  }
  for (const { vhost: name, def } of plan.policies) vhost(name).setPolicy(def)
  for (const { vhost: name, def } of plan.operatorPolicies) vhost(name).setPolicy(def, true)
  let exchanges = 0
  for (const x of plan.exchanges) {
    const v = vhost(x.vhost)
    if (v.exchanges.has(x.name)) continue
    v.restoreExchange({
      name: x.name,
      type: x.type,
      durable: x.durable,
      autoDelete: x.autoDelete,
      internal: x.internal,
      arguments: x.arguments,
    })
    exchanges++
  }
  let queues = 0
  for (const q of plan.queues) {
    const v = vhost(q.vhost)
    if (v.queues.has(q.name)) continue
    v.declareQueue(
      { queue: q.name, durable: q.durable, exclusive: false, autoDelete: q.autoDelete, arguments: q.arguments },
      0,
    )
    queues++
  }
  let bindings = 0
  for (const b of plan.bindings) {
    const v = vhost(b.vhost)
    if (!v.exchanges.has(b.source)) {
      warnings.push(
        `binding ${b.source} -> ${b.destination}: skipped, source exchange "${b.source}" does not exist in vhost "${b.vhost}"`,
      )
      continue
    }
    const exists = b.destinationType === 'queue' ? v.queues.has(b.destination) : v.exchanges.has(b.destination)
    if (!exists) {
      warnings.push(
        `binding ${b.source} -> ${b.destination}: skipped, destination ${b.destinationType} "${b.destination}" does not exist in vhost "${b.vhost}"`,
      )
      continue
    }
    v.bind(
      {
        source: b.source,
        destination: b.destination,
        destinationType: b.destinationType,
        routingKey: b.routingKey,
        arguments: b.arguments,
      },
      null,
    )
    bindings++
  }
  for (const user of plan.kept.users) {
    if (typeof user.password !== 'string') continue
    user.password_hash = rabbitPasswordHash(user.password, broker)
    user.hashing_algorithm = 'rabbit_password_hashing_sha256'
    delete user.password
  }
  mergeKept(broker.kept.users, plan.kept.users, (u) => String(u.name))
  const users = new Set(broker.kept.users.map((u) => u.name))
  for (const p of plan.kept.permissions) {
    if (typeof p.user === 'string' && !users.has(p.user))
      warnings.push(
        `permission for user "${p.user}" in vhost "${p.vhost}": the user does not exist (RabbitMQ fails that entry unless the user exists)`,
      )
  }
  mergeKept(broker.kept.permissions, plan.kept.permissions, (p) => `${p.user}\u0000${p.vhost}`)
  mergeKept(
    broker.kept.topic_permissions,
    plan.kept.topic_permissions,
    (p) => `${p.user}\u0000${p.vhost}\u0000${p.exchange}`,
  )
  mergeKept(broker.kept.parameters, plan.kept.parameters, (p) => `${p.vhost}\u0000${p.component}\u0000${p.name}`)
  mergeKept(broker.kept.global_parameters, plan.kept.global_parameters, (p) => String(p.name))
  // Shovel and federation parameters come alive when the broker is in a design that runs them.
  broker.configChanged?.()
  return {
    vhosts: [...touched],
    exchanges,
    queues,
    bindings,
    policies: plan.policies.length + plan.operatorPolicies.length,
    warnings,
    rabbitVersion: plan.rabbitVersion,
  }
}

function fileVersionBelow(doc: Json, major: number, minor: number): boolean {
  const version = str(doc.rabbit_version, str(doc.rabbitmq_version))
  const match = /^(\d+)\.(\d+)/.exec(version)
  if (!match) return false
  const [maj, min] = [Number(match[1]), Number(match[2])]
  return maj < major || (maj === major && min < minor)
}

/** rabbit_password_hashing_sha256: base64(salt ++ sha256(salt ++ password)) with a 4-byte salt. */
function rabbitPasswordHash(password: string, broker: Broker): string {
  const salt = new Uint8Array(4).map(() => Math.floor(broker.random.next() * 256))
  const utf8 = new TextEncoder().encode(password)
  const salted = new Uint8Array(salt.length + utf8.length)
  salted.set(salt)
  salted.set(utf8, salt.length)
  const digest = sha256(salted)
  const out = new Uint8Array(salt.length + digest.length)
  out.set(salt)
  out.set(digest, salt.length)
  return base64(out)
}

/** Entries with the same identity are overwritten, as RabbitMQ overwrites users, permissions and parameters. */
function mergeKept(
  into: Record<string, unknown>[],
  from: Record<string, unknown>[],
  key: (e: Record<string, unknown>) => string,
): void {
  for (const entry of from) {
    const at = into.findIndex((e) => key(e) === key(entry))
    if (at >= 0) into[at] = entry
    else into.push(entry)
  }
}
