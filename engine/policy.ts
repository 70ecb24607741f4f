// Policies: a pattern, what it applies to, a priority and a definition. The highest-priority matching
// policy applies; against x-arguments, RabbitMQ's precedence holds (rabbit_amqqueue_process:process_args_policy):
// the lower value wins for TTLs, expiry and length limits, the argument wins for everything else.

import { preconditionFailed } from './errors.ts'
import { fieldTypeClass } from './field-values.ts'
import type { FieldTable, FieldValue, Overflow, QueueSettings } from './model.ts'

export type PolicyApplyTo = 'queues' | 'exchanges' | 'all'

export interface PolicyDef {
  name: string
  pattern: string
  applyTo: PolicyApplyTo
  priority: number
  definition: FieldTable
}

/** Where an effective setting came from, for the inspector. */
export type SettingSource =
  | { kind: 'argument' }
  | { kind: 'policy'; name: string }
  | { kind: 'operator-policy'; name: string }

interface KeySpec {
  check: (v: FieldValue) => string | null
  /** How a queue argument and a policy value combine: the lower one, or the argument. */
  resolve?: 'min' | 'argument'
}

const nonNegInt = (v: FieldValue) =>
  fieldTypeClass(v) === 'int' && (v as number) >= 0 ? null : 'must be a non-negative integer'
const positiveInt = (v: FieldValue) =>
  fieldTypeClass(v) === 'int' && (v as number) >= 1 ? null : 'must be an integer of 1 or more'
const text = (v: FieldValue) => (typeof v === 'string' ? null : 'must be a string')
const oneOf = (values: string[]) => (v: FieldValue) =>
  typeof v === 'string' && values.includes(v) ? null : `must be one of ${values.join(', ')}`

/** The policy keys Warren applies; other keys (HA, federation, ...) are kept and shown but not simulated. */
export const POLICY_KEYS: Record<string, KeySpec> = {
  'alternate-exchange': { check: text },
  'dead-letter-exchange': { check: text, resolve: 'argument' },
  'dead-letter-routing-key': { check: text, resolve: 'argument' },
  'message-ttl': { check: nonNegInt, resolve: 'min' },
  expires: { check: positiveInt, resolve: 'min' },
  'max-length': { check: nonNegInt, resolve: 'min' },
  'max-length-bytes': { check: nonNegInt, resolve: 'min' },
  overflow: { check: oneOf(['drop-head', 'reject-publish', 'reject-publish-dlx']), resolve: 'argument' },
  'delivery-limit': { check: nonNegInt, resolve: 'min' },
  'queue-mode': { check: oneOf(['default', 'lazy']), resolve: 'argument' },
}

/** table[key] only when the table itself holds it: a user-supplied key never reaches Object.prototype. */
function ownValue<T>(table: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined
}

/** Values RabbitMQ checks for keys Warren keeps but does not simulate. */
const UNSIMULATED_CHECKS: Record<string, (v: FieldValue) => string | null> = {
  'max-in-memory-length': nonNegInt,
  'max-in-memory-bytes': nonNegInt,
}

/** The only keys RabbitMQ 3.10 takes in an operator policy (rabbit_policies: operator_policy_validator). */
export const OPERATOR_POLICY_KEYS: readonly string[] = [
  'expires',
  'message-ttl',
  'max-length',
  'max-length-bytes',
  'delivery-limit',
  'max-in-memory-length',
  'max-in-memory-bytes',
]

/** The policy keys of classic queue mirroring, which RabbitMQ 4.0 removed. */
export const MIRRORING_KEYS: readonly string[] = [
  'ha-mode',
  'ha-params',
  'ha-sync-mode',
  'ha-sync-batch-size',
  'ha-promote-on-shutdown',
  'ha-promote-on-failure',
  'queue-master-locator',
]

/**
 * rabbitmqctl set_policy / set_operator_policy validation. Operator policies take any apply-to, as in
 * RabbitMQ, but only the keys in OPERATOR_POLICY_KEYS; the others are named in RabbitMQ's words, sorted.
 * `mirroring` false (profile.classicMirroring, 4.0+): the ha-* keys are not recognised either.
 */
export function validatePolicy(def: PolicyDef, operator = false, mirroring = true): void {
  const what = `${operator ? 'operator policy' : 'policy'} '${def.name}'`
  // The page API and definitions files hand over any JSON: shapes first, so no check below meets a wrong type.
  if (typeof def.name !== 'string' || def.name === '') throw preconditionFailed('a policy needs a name (a string)')
  if (typeof def.pattern !== 'string') throw preconditionFailed(`${what}: the pattern must be a string`)
  if (!def.definition || typeof def.definition !== 'object' || Array.isArray(def.definition))
    throw preconditionFailed(`${what}: the definition must be a JSON object`)
  if (!mirroring) {
    const refused = Object.keys(def.definition).filter((key) => MIRRORING_KEYS.includes(key))
    if (refused.length > 0)
      throw preconditionFailed(
        `${what}: ${refused.map((k) => `'${k}'`).join(', ')} are not recognised policy settings (classic queue mirroring is gone)`,
      )
  }
  try {
    new RegExp(def.pattern)
  } catch {
    throw preconditionFailed(`${what}: pattern ${JSON.stringify(def.pattern)} is not a valid regular expression`)
  }
  if (!['queues', 'exchanges', 'all'].includes(def.applyTo)) {
    throw preconditionFailed(
      `${what}: apply-to '${String(def.applyTo)}' unrecognised; should be 'queues', 'exchanges' or 'all'`,
    )
  }
  if (!Number.isInteger(def.priority)) throw preconditionFailed(`${what}: priority must be an integer`)
  if (Object.keys(def.definition).length === 0) throw preconditionFailed(`${what}: the definition is empty`)
  if (operator) {
    const refused = Object.keys(def.definition)
      .filter((key) => !OPERATOR_POLICY_KEYS.includes(key))
      .sort()
    if (refused.length > 0) {
      throw preconditionFailed(
        `${what}: ${refused.map((k) => `'${k}'`).join(', ')} are not recognised policy settings` +
          ` (an operator policy takes only ${OPERATOR_POLICY_KEYS.join(', ')})`,
      )
    }
  }
  // RabbitMQ refuses keys no plugin knows; Warren keeps unknown keys (plugins' settings) except these, which name
  // properties every object has and so could only ever be mistaken for Warren's own.
  const inherited = Object.keys(def.definition).filter((key) => key in Object.prototype)
  if (inherited.length > 0)
    throw preconditionFailed(
      `${what}: ${inherited.map((k) => `'${k}'`).join(', ')} ${inherited.length === 1 ? 'is not a recognised policy setting' : 'are not recognised policy settings'}`,
    )
  for (const [key, value] of Object.entries(def.definition)) {
    const check = ownValue(POLICY_KEYS, key)?.check ?? ownValue(UNSIMULATED_CHECKS, key)
    if (!check) continue
    const problem = check(value)
    if (problem) throw preconditionFailed(`${what}: '${key}' ${problem}, got ${JSON.stringify(value)}`)
  }
}

/** rabbit_policy:match: among policies whose pattern matches, the one with the highest priority. */
export function matchPolicy(name: string, kind: 'queue' | 'exchange', policies: Iterable<PolicyDef>): PolicyDef | null {
  let best: PolicyDef | null = null
  for (const p of policies) {
    if (p.applyTo !== 'all' && p.applyTo !== (kind === 'queue' ? 'queues' : 'exchanges')) continue
    if (!new RegExp(p.pattern).test(name)) continue
    if (!best || p.priority > best.priority) best = p
  }
  return best
}

export interface EffectiveQueueSettings {
  settings: QueueSettings
  sources: Partial<Record<keyof QueueSettings, SettingSource>>
}

const QUEUE_POLICY_FIELDS: [string, keyof QueueSettings][] = [
  ['message-ttl', 'messageTtl'],
  ['expires', 'expires'],
  ['max-length', 'maxLength'],
  ['max-length-bytes', 'maxLengthBytes'],
  ['overflow', 'overflow'],
  ['dead-letter-exchange', 'deadLetterExchange'],
  ['dead-letter-routing-key', 'deadLetterRoutingKey'],
  ['delivery-limit', 'deliveryLimit'],
]

/**
 * Combines a queue's argument settings with its policy and operator policy. Operator policies can
 * only lower limits; between policy and argument the key's rule decides.
 */
export function effectiveQueueSettings(
  fromArguments: QueueSettings,
  args: FieldTable,
  policy: PolicyDef | null,
  operatorPolicy: PolicyDef | null,
): EffectiveQueueSettings {
  const settings: QueueSettings = { ...fromArguments }
  const sources: EffectiveQueueSettings['sources'] = {}
  for (const [key, field] of QUEUE_POLICY_FIELDS) {
    const argKey = `x-${key}`
    const hasArg = args[argKey] !== undefined
    let value: FieldValue | undefined = policy?.definition[key]
    let source: SettingSource | undefined = value !== undefined ? { kind: 'policy', name: policy!.name } : undefined
    const opValue = operatorPolicy?.definition[key]
    if (
      opValue !== undefined &&
      (value === undefined || (typeof opValue === 'number' && typeof value === 'number' && opValue < value))
    ) {
      value = opValue
      source = { kind: 'operator-policy', name: operatorPolicy!.name }
    }
    if (value === undefined || POLICY_KEYS[key].check(value) !== null) {
      if (hasArg) sources[field] = { kind: 'argument' }
      continue
    }
    const resolve = POLICY_KEYS[key].resolve ?? 'argument'
    if (hasArg) {
      const argValue = settings[field]
      if (resolve === 'min' && typeof value === 'number' && typeof argValue === 'number' && value < argValue) {
        ;(settings as unknown as Record<string, unknown>)[field] = value
        sources[field] = source!
      } else sources[field] = { kind: 'argument' }
      continue
    }
    ;(settings as unknown as Record<string, unknown>)[field] = key === 'overflow' ? (value as Overflow) : value
    sources[field] = source!
  }
  return { settings, sources }
}

/** Exchanges take alternate-exchange from a policy only when no argument names one. */
export function effectiveAlternateExchange(
  args: FieldTable,
  policy: PolicyDef | null,
): { name: string; source: SettingSource } | undefined {
  const arg = args['alternate-exchange']
  if (typeof arg === 'string') return { name: arg, source: { kind: 'argument' } }
  const fromPolicy = policy?.definition['alternate-exchange']
  if (typeof fromPolicy === 'string') return { name: fromPolicy, source: { kind: 'policy', name: policy!.name } }
  return undefined
}
