// Exporting definitions as RabbitMQ 3.10 writes them: the same top-level keys and entry fields; exclusive
// queues, the default exchange and the amq.* exchanges left out. The version written is the profile's release.

import type { Broker } from '../broker.ts'
import type { VirtualHost } from '../vhost.ts'
import type { VersionProfile } from '../profile.ts'
import type { BindingDefinition, ExchangeDefinition, PolicyDefinition, QueueDefinition } from './format.ts'

function queuesOf(v: VirtualHost, withVhost: boolean): QueueDefinition[] {
  const out: QueueDefinition[] = []
  for (const q of v.queues.values()) {
    if (q.def.exclusive) continue
    const entry: QueueDefinition = {
      name: q.name,
      ...(withVhost ? { vhost: v.name } : {}),
      durable: q.def.durable,
      auto_delete: q.def.autoDelete,
      arguments: q.def.arguments,
    }
    entry.type = q.settings.type
    out.push(entry)
  }
  return out
}

function exchangesOf(v: VirtualHost, withVhost: boolean): ExchangeDefinition[] {
  const out: ExchangeDefinition[] = []
  for (const x of v.exchanges.values()) {
    if (x.name === '' || x.name.startsWith('amq.')) continue
    out.push({
      name: x.name,
      ...(withVhost ? { vhost: v.name } : {}),
      type: x.def.type,
      durable: x.def.durable,
      auto_delete: x.def.autoDelete,
      internal: x.def.internal,
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

const header = (profile: VersionProfile) => ({
  rabbit_version: profile.rabbitmqVersion,
  rabbitmq_version: profile.rabbitmqVersion,
  product_name: 'RabbitMQ',
  product_version: profile.rabbitmqVersion,
})

/** The whole broker, as `rabbitmqctl export_definitions` and GET /api/definitions write it. */
export function exportDefinitions(broker: Broker): Record<string, unknown> {
  const vhosts = [...broker.vhosts.values()]
  return {
    ...header(broker.profile),
    users: broker.kept.users,
    vhosts: vhosts.map((v) => {
      const meta = broker.kept.vhosts.get(v.name)
      return {
        name: v.name,
        limits: meta?.limits ?? [],
        metadata: {
          description: meta?.description ?? (v.name === '/' ? 'Default virtual host' : ''),
          tags: meta?.tags ?? [],
        },
      }
    }),
    permissions: broker.kept.permissions,
    topic_permissions: broker.kept.topic_permissions,
    parameters: [...broker.kept.parameters, ...vhosts.flatMap((v) => operatorPoliciesOf(v, true))],
    global_parameters: broker.kept.global_parameters,
    policies: vhosts.flatMap((v) => policiesOf(v, true)),
    queues: vhosts.flatMap((v) => queuesOf(v, true)),
    exchanges: vhosts.flatMap((v) => exchangesOf(v, true)),
    bindings: vhosts.flatMap((v) => bindingsOf(v, true)),
  }
}

/** One vhost, as GET /api/definitions/{vhost} writes it: no vhost fields. */
export function exportVhostDefinitions(broker: Broker, vhostName: string): Record<string, unknown> {
  const v = broker.vhosts.get(vhostName)
  if (!v) throw new Error(`no vhost "${vhostName}"`)
  return {
    ...header(broker.profile),
    parameters: [
      ...broker.kept.parameters.filter((p) => p.vhost === vhostName).map(({ vhost: _v, ...rest }) => rest),
      ...operatorPoliciesOf(v, false),
    ],
    policies: policiesOf(v, false),
    queues: queuesOf(v, false),
    exchanges: exchangesOf(v, false),
    bindings: bindingsOf(v, false),
  }
}
