// What a queue or exchange actually runs with, setting by setting, and where each value came from:
// its x-argument, its policy or its operator policy. The precedence itself lives in policy.ts.

import { AmqpError } from './errors.ts'
import type { FieldValue, QueueSettings } from './model.ts'
import { effectiveAlternateExchange, matchPolicy, POLICY_KEYS, type PolicyDef, type SettingSource } from './policy.ts'
import type { VirtualHost } from './vhost.ts'

export interface EffectiveSetting {
  /** The policy key spelling (message-ttl); arguments-only settings use their argument name without x-. */
  key: string
  value: FieldValue
  source: SettingSource
  /** Kept and shown, but Warren does not simulate it (HA, federation, ...). */
  unsimulated?: boolean
}

export interface EffectiveSettings {
  kind: 'queue' | 'exchange'
  name: string
  policy: string | null
  operatorPolicy: string | null
  settings: EffectiveSetting[]
}

/** Queue settings in display order, each with its policy key and its x-argument. */
const QUEUE_FIELDS: [key: string, field: keyof QueueSettings, argument: string][] = [
  ['dead-letter-exchange', 'deadLetterExchange', 'x-dead-letter-exchange'],
  ['dead-letter-routing-key', 'deadLetterRoutingKey', 'x-dead-letter-routing-key'],
  ['message-ttl', 'messageTtl', 'x-message-ttl'],
  ['expires', 'expires', 'x-expires'],
  ['max-length', 'maxLength', 'x-max-length'],
  ['max-length-bytes', 'maxLengthBytes', 'x-max-length-bytes'],
  ['overflow', 'overflow', 'x-overflow'],
  ['delivery-limit', 'deliveryLimit', 'x-delivery-limit'],
  ['max-priority', 'maxPriority', 'x-max-priority'],
  ['single-active-consumer', 'singleActiveConsumer', 'x-single-active-consumer'],
]

const ARGUMENT: SettingSource = { kind: 'argument' }

export function effectiveSettingsOf(vhost: VirtualHost, kind: 'queue' | 'exchange', name: string): EffectiveSettings {
  return kind === 'queue' ? queueSettings(vhost, name) : exchangeSettings(vhost, name)
}

function queueSettings(vhost: VirtualHost, name: string): EffectiveSettings {
  const queue = vhost.queues.get(name)
  if (!queue) throw new AmqpError('NOT_FOUND', `no queue '${name}' in vhost '${vhost.name}'`)
  const args = queue.def.arguments
  const policy = matchPolicy(name, 'queue', vhost.policies.values())
  const operatorPolicy = matchPolicy(name, 'queue', vhost.operatorPolicies.values())
  const { settings, sources } = vhost.effectiveSettings(name, queue.argumentSettings, args)
  const out: EffectiveSetting[] = []
  for (const [key, field, argument] of QUEUE_FIELDS) {
    const value = settings[field]
    // Settings no policy can give (max-priority, single-active-consumer) come only from their argument.
    const source = sources[field] ?? (args[argument] !== undefined ? ARGUMENT : undefined)
    if (value === undefined || source === undefined) continue
    out.push({ key, value, source })
  }
  // queue-mode is accepted but not simulated: the argument wins over the policy, as for every 'argument' key.
  const queueMode =
    args['x-queue-mode'] !== undefined
      ? { value: args['x-queue-mode'], source: ARGUMENT }
      : fromPolicies('queue-mode', policy, operatorPolicy)
  if (queueMode) out.push({ key: 'queue-mode', ...queueMode })
  out.push(...unsimulatedKeys(policy, operatorPolicy))
  return {
    kind: 'queue',
    name,
    policy: policy?.name ?? null,
    operatorPolicy: operatorPolicy?.name ?? null,
    settings: out,
  }
}

function exchangeSettings(vhost: VirtualHost, name: string): EffectiveSettings {
  const exchange = vhost.exchanges.get(name)
  if (!exchange) throw new AmqpError('NOT_FOUND', `no exchange '${name}' in vhost '${vhost.name}'`)
  // RabbitMQ's operator policies apply to queues only.
  const policy = matchPolicy(name, 'exchange', vhost.policies.values())
  const out: EffectiveSetting[] = []
  const alternate = effectiveAlternateExchange(exchange.def.arguments, policy)
  if (alternate) out.push({ key: 'alternate-exchange', value: alternate.name, source: alternate.source })
  out.push(...unsimulatedKeys(policy, null))
  return { kind: 'exchange', name, policy: policy?.name ?? null, operatorPolicy: null, settings: out }
}

type MatchedPolicy = ReturnType<typeof matchPolicy>

function fromPolicies(
  key: string,
  policy: MatchedPolicy,
  operatorPolicy: MatchedPolicy,
): { value: FieldValue; source: SettingSource } | null {
  const value = policy?.definition[key]
  if (value !== undefined && POLICY_KEYS[key]?.check(value) === null)
    return { value, source: { kind: 'policy', name: policy!.name } }
  const opValue = operatorPolicy?.definition[key]
  if (opValue !== undefined && POLICY_KEYS[key]?.check(opValue) === null)
    return { value: opValue, source: { kind: 'operator-policy', name: operatorPolicy!.name } }
  return null
}

/** Keys a policy sets that Warren keeps without simulating (HA, federation, ...): shown so nothing in the definition is hidden. */
function unsimulatedKeys(policy: MatchedPolicy, operatorPolicy: MatchedPolicy): EffectiveSetting[] {
  const out: EffectiveSetting[] = []
  const seen = new Set<string>()
  for (const [p, kind] of [
    [policy, 'policy'],
    [operatorPolicy, 'operator-policy'],
  ] as const) {
    if (!p) continue
    for (const [key, value] of Object.entries(p.definition)) {
      if (Object.hasOwn(POLICY_KEYS, key) || seen.has(key) || value === undefined) continue
      seen.add(key)
      out.push({ key, value, source: { kind, name: p.name }, unsimulated: true })
    }
  }
  return out
}

export interface PolicyTargets {
  name: string
  operator: boolean
  queues: string[]
  exchanges: string[]
}

/** For each policy, the queues and exchanges it is the winning match for; operator policies reach queues only. */
export function policyTargets(vhost: VirtualHost): PolicyTargets[] {
  const queues = [...vhost.queues.keys()].sort()
  const exchanges = [...vhost.exchanges.keys()].filter((n) => n !== '').sort()
  const of = (map: ReadonlyMap<string, PolicyDef>, operator: boolean): PolicyTargets[] => {
    const all = [...map.values()]
    const winner = (name: string, kind: 'queue' | 'exchange') => matchPolicy(name, kind, all)?.name
    const queueWinners = queues.map((q) => [q, winner(q, 'queue')] as const)
    const exchangeWinners = operator ? [] : exchanges.map((x) => [x, winner(x, 'exchange')] as const)
    return all.map((p) => ({
      name: p.name,
      operator,
      queues: queueWinners.filter(([, w]) => w === p.name).map(([q]) => q),
      exchanges: exchangeWinners.filter(([, w]) => w === p.name).map(([x]) => x),
    }))
  }
  return [...of(vhost.policies, false), ...of(vhost.operatorPolicies, true)]
}
