// Exporting definitions as the profile's RabbitMQ writes them: its top-level keys and entry fields (see
// DefinitionsFormat); exclusive queues, the default exchange and the amq.* exchanges left out.

import type { Broker } from '../broker.ts'
import { NODE_NAME } from '../management/shapes.ts'
import { COMPLETE_DEFINITIONS, type DefinitionsFormat, type VersionProfile } from '../profile.ts'
import type { VirtualHost } from '../vhost.ts'
import type { BindingDefinition, ExchangeDefinition, PolicyDefinition, QueueDefinition } from './format.ts'

function queuesOf(v: VirtualHost, withVhost: boolean, format: DefinitionsFormat): QueueDefinition[] {
  const out: QueueDefinition[] = []
  for (const q of v.queues.values()) {
    if (q.def.exclusive) continue
    const type = q.settings.type
    const entry: QueueDefinition = {
      name: q.name,
      ...(withVhost ? { vhost: v.name } : {}),
      durable: q.def.durable,
      auto_delete: q.def.autoDelete,
      arguments: format.queueTypeArgument ? { ...q.def.arguments, 'x-queue-type': type } : q.def.arguments,
    }
    if (format.queueTypeField) entry.type = type
    out.push(entry)
  }
  return out
}

function exchangesOf(v: VirtualHost, withVhost: boolean, format: DefinitionsFormat): ExchangeDefinition[] {
  const out: ExchangeDefinition[] = []
  for (const x of v.exchanges.values()) {
    if (x.name === '' || x.name.startsWith('amq.')) continue
    if (x.def.internal && !format.internalExchanges) continue
    out.push({
      name: x.name,
      ...(withVhost ? { vhost: v.name } : {}),
      type: x.def.type,
      durable: x.def.durable,
      auto_delete: x.def.autoDelete,
      ...(format.internalExchanges ? { internal: x.def.internal } : {}),
      arguments: x.def.arguments,
    })
  }
  return out
}

function bindingsOf(v: VirtualHost, withVhost: boolean): BindingDefinition[] {
  const out: BindingDefinition[] = []
  for (const x of v.exchanges.values()) {
    if (x.name === '') continue
    for (const b of x.outgoing) {
      const exclusive = b.destinationType === 'queue' && v.queues.get(b.destination)?.def.exclusive
      if (exclusive) continue
      out.push({
        source: b.source,
        ...(withVhost ? { vhost: v.name } : {}),
        destination: b.destination,
        destination_type: b.destinationType,
        routing_key: b.routingKey,
        arguments: b.arguments,
      })
    }
  }
  return out
}

function policiesOf(v: VirtualHost, withVhost: boolean): PolicyDefinition[] {
  return [...v.policies.values()].map((p) => ({
    ...(withVhost ? { vhost: v.name } : {}),
    name: p.name,
    pattern: p.pattern,
    'apply-to': p.applyTo,
    definition: p.definition,
    priority: p.priority,
  }))
}

/**
 * Operator policies, as RabbitMQ 3.10 exports them: runtime parameters of the component operator_policy.
 * The definition is written as an object, the form RabbitMQ's import takes (3.10.8 writes a list of pairs it then refuses).
 */
function operatorPoliciesOf(v: VirtualHost, withVhost: boolean): Record<string, unknown>[] {
  return [...v.operatorPolicies.values()].map((p) => ({
    value: { 'apply-to': p.applyTo, definition: p.definition, pattern: p.pattern, priority: p.priority },
    ...(withVhost ? { vhost: v.name } : {}),
    component: 'operator_policy',
    name: p.name,
  }))
}

const product = (profile: VersionProfile) => ({
  rabbit_version: profile.rabbitmqVersion,
  rabbitmq_version: profile.rabbitmqVersion,
  product_name: 'RabbitMQ',
  product_version: profile.rabbitmqVersion,
})

/** RabbitMQ's default classic type, as the vhost metadata of 4.x names it. */
const DEFAULT_QUEUE_TYPE = 'classic'

interface VhostMeta {
  description: string
  tags: string[]
  limits: unknown
}

function vhostMeta(broker: Broker, name: string, format: DefinitionsFormat): VhostMeta {
  const kept = broker.kept.vhosts.get(name)
  const description = kept?.description ?? (name === '/' ? 'Default virtual host' : '')
  const tags = kept?.tags ?? []
  const limits = isEmptyLimits(kept?.limits) ? (format.limitsAs === 'list' ? [] : {}) : kept?.limits
  return { description, tags, limits }
}

function isEmptyLimits(limits: unknown): boolean {
  if (limits === undefined || limits === null) return true
  if (Array.isArray(limits)) return limits.length === 0
  return typeof limits === 'object' && Object.keys(limits).length === 0
}

function vhostEntry(broker: Broker, name: string, format: DefinitionsFormat): Record<string, unknown> {
  const m = vhostMeta(broker, name, format)
  switch (format.vhostEntry) {
    case 'name':
      return { name }
    case 'limits-and-metadata':
      return { name, limits: m.limits, metadata: { description: m.description, tags: m.tags } }
    case 'described':
      return {
        name,
        description: m.description,
        metadata: { description: m.description, tags: m.tags, default_queue_type: DEFAULT_QUEUE_TYPE },
        tags: m.tags,
        default_queue_type: DEFAULT_QUEUE_TYPE,
      }
    case 'limits-and-typed-metadata':
      return {
        name,
        limits: m.limits,
        metadata: { description: m.description, tags: m.tags, default_queue_type: DEFAULT_QUEUE_TYPE },
      }
  }
}

/** The whole broker: complete by default; in a version's format as its GET /api/definitions writes it (the
 *  management UI's download; `rabbitmqctl export_definitions` writes vhosts and the header differently before 4.3). */
export function exportDefinitions(
  broker: Broker,
  format: DefinitionsFormat = COMPLETE_DEFINITIONS,
): Record<string, unknown> {
  const vhosts = [...broker.vhosts.values()]
  return {
    ...product(broker.profile),
    ...(format.described
      ? {
          rabbitmq_definition_format: 'cluster',
          original_cluster_name: NODE_NAME,
          explanation: `Definitions of cluster '${NODE_NAME}'`,
        }
      : {}),
    users: broker.kept.users,
    vhosts: vhosts.map((v) => vhostEntry(broker, v.name, format)),
    permissions: broker.kept.permissions,
    topic_permissions: broker.kept.topic_permissions,
    parameters: [...broker.kept.parameters, ...vhosts.flatMap((v) => operatorPoliciesOf(v, true))],
    global_parameters: broker.kept.global_parameters,
    policies: vhosts.flatMap((v) => policiesOf(v, true)),
    queues: vhosts.flatMap((v) => queuesOf(v, true, format)),
    exchanges: vhosts.flatMap((v) => exchangesOf(v, true, format)),
    bindings: vhosts.flatMap((v) => bindingsOf(v, true)),
  }
}

function vhostHeader(broker: Broker, name: string, format: DefinitionsFormat): Record<string, unknown> {
  if (format.vhostHeader === 'version-only') return { rabbit_version: broker.profile.rabbitmqVersion }
  if (format.vhostHeader === 'product') return product(broker.profile)
  const m = vhostMeta(broker, name, format)
  return {
    ...product(broker.profile),
    rabbitmq_definition_format: 'single_virtual_host',
    original_vhost_name: name,
    explanation: `Definitions of virtual host '${name}'`,
    metadata: { description: m.description, tags: m.tags, default_queue_type: DEFAULT_QUEUE_TYPE },
    description: m.description,
    ...(format.vhostHeader === 'metadata-and-default-queue-type' ? { default_queue_type: DEFAULT_QUEUE_TYPE } : {}),
    limits: m.limits,
  }
}

/** One vhost, as GET /api/definitions/{vhost} writes it: its entries without vhost fields (3.10's format keeps them
 *  on policies and parameters). */
export function exportVhostDefinitions(
  broker: Broker,
  vhostName: string,
  format: DefinitionsFormat = COMPLETE_DEFINITIONS,
): Record<string, unknown> {
  const v = broker.vhosts.get(vhostName)
  if (!v) throw new Error(`no vhost "${vhostName}"`)
  const keep = format.vhostFieldInVhostExport
  return {
    ...vhostHeader(broker, vhostName, format),
    parameters: [
      ...broker.kept.parameters.filter((p) => p.vhost === vhostName).map((p) => (keep ? p : withoutVhost(p))),
      ...operatorPoliciesOf(v, keep),
    ],
    policies: policiesOf(v, keep),
    queues: queuesOf(v, false, format),
    exchanges: exchangesOf(v, false, format),
    bindings: bindingsOf(v, false),
  }
}

function withoutVhost<T extends { vhost?: string }>(entry: T): Omit<T, 'vhost'> {
  const { vhost: _vhost, ...rest } = entry
  return rest
}
