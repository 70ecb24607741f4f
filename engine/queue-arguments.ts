// Queue x-arguments: validation of a new declaration and equivalence of a redeclaration, as rabbit_amqqueue does them.

import { preconditionFailed, describeQueue } from './errors.ts'
import { fieldEquals, fieldTypeClass, formatFieldValue } from './field-values.ts'
import type { FieldTable, FieldValue, Overflow, QueueSettings, QueueType } from './model.ts'
import type { VersionProfile } from './profile.ts'

/** RabbitMQ's ceiling for TTLs and expiries: ten years in ms (rabbit_misc:check_expiry; recorded: version-argument-ranges). */
export const MAX_EXPIRY = 315_360_000_000
export const MAX_PRIORITY = 255

type Check = (value: FieldValue, args: FieldTable) => string | null

const intCheck: Check = (v) => (fieldTypeClass(v) === 'int' ? null : `{unacceptable_type,${typeName(v)}}`)
const nonNegInt: Check = (v, a) => intCheck(v, a) ?? ((v as number) < 0 ? `{value_negative,${v}}` : null)
const boolCheck: Check = (v) => (typeof v === 'boolean' ? null : `{unacceptable_type,${typeName(v)}}`)
const expiry = (v: number) =>
  v < 0 ? `{value_negative,${v}}` : v > MAX_EXPIRY ? `{value_too_large,${v},${MAX_EXPIRY}}` : null

function oneOf(values: readonly string[], error: string): Check {
  return (v) => {
    if (typeof v !== 'string') return `{unacceptable_type,${typeName(v)}}`
    return values.includes(v) ? null : error
  }
}

function typeName(v: FieldValue): string {
  const names = {
    longstr: 'longstr',
    int: 'long',
    float: 'double',
    bool: 'bool',
    void: 'void',
    array: 'array',
    table: 'table',
    binary: 'binary',
  }
  return names[fieldTypeClass(v)]
}

/** declare_args() of rabbit_amqqueue, in its order: the first failing check names the error. */
const DECLARE_ARGS: readonly [string, Check][] = [
  ['x-expires', (v, a) => intCheck(v, a) ?? (v === 0 ? '{value_zero,0}' : expiry(v as number))],
  ['x-message-ttl', (v, a) => intCheck(v, a) ?? expiry(v as number)],
  ['x-dead-letter-exchange', (v) => (typeof v === 'string' ? null : `{unacceptable_type,${typeName(v)}}`)],
  [
    'x-dead-letter-routing-key',
    (v, a) => {
      if (typeof v !== 'string') return `{unacceptable_type,${typeName(v)}}`
      return a['x-dead-letter-exchange'] === undefined ? 'routing_key_but_no_dlx_defined' : null
    },
  ],
  ['x-max-length', nonNegInt],
  ['x-max-length-bytes', nonNegInt],
  ['x-max-in-memory-length', nonNegInt],
  ['x-max-in-memory-bytes', nonNegInt],
  ['x-max-priority', (v, a) => nonNegInt(v, a) ?? ((v as number) > MAX_PRIORITY ? `{max_value_exceeded,${v}}` : null)],
  ['x-overflow', oneOf(['drop-head', 'reject-publish', 'reject-publish-dlx'], 'invalid_overflow')],
  ['x-queue-mode', oneOf(['default', 'lazy'], 'invalid_queue_mode')], // only while profile.queueModeChecked
  ['x-single-active-consumer', boolCheck],
  ['x-queue-type', oneOf(['classic', 'quorum', 'stream'], 'invalid_queue_type')],
  ['x-quorum-initial-group-size', (v, a) => nonNegInt(v, a) ?? (v === 0 ? '{value_zero,0}' : null)],
  ['x-max-age', (v) => (typeof v === 'string' ? null : `{unacceptable_type,${typeName(v)}}`)],
  ['x-stream-max-segment-size-bytes', nonNegInt],
  ['x-initial-cluster-size', (v, a) => nonNegInt(v, a) ?? (v === 0 ? '{value_zero,0}' : null)],
  ['x-queue-leader-locator', oneOf(['client-local', 'balanced'], 'invalid_queue_locator_arg')],
  // No check for x-delivery-limit: 3.10.8 to 4.3.6 take -1, 1.5 and "2" alike (recorded: arg-quorum-delivery-limit-*);
  // a number limits by comparison (1.5 lets two returns through), anything else sets no limit.
  ['x-dead-letter-strategy', oneOf(['at-most-once', 'at-least-once'], 'invalid_dead_letter_strategy')],
]

/** Keys compared on redeclare; any other argument may differ freely. */
/** The queue_arguments each queue type compares on redeclare (rabbit_*_queue:capabilities in 3.10). */
const EQUIVALENCE_KEYS: Record<QueueType, readonly string[]> = {
  // A classic queue accepts x-queue-type given or omitted (recorded: queue-redeclare-equivalence).
  classic: [
    'x-expires',
    'x-message-ttl',
    'x-dead-letter-exchange',
    'x-dead-letter-routing-key',
    'x-max-length',
    'x-max-length-bytes',
    'x-max-in-memory-length',
    'x-max-in-memory-bytes',
    'x-max-priority',
    'x-overflow',
    'x-queue-mode',
    'x-single-active-consumer',
  ],
  quorum: [
    'x-dead-letter-exchange',
    'x-dead-letter-routing-key',
    'x-dead-letter-strategy',
    'x-expires',
    'x-max-length',
    'x-max-length-bytes',
    'x-max-in-memory-length',
    'x-max-in-memory-bytes',
    'x-overflow',
    'x-single-active-consumer',
    'x-queue-type',
    'x-quorum-initial-group-size',
    'x-delivery-limit',
    'x-message-ttl',
  ],
  stream: [
    'x-queue-type',
    'x-max-length-bytes',
    'x-max-age',
    'x-stream-max-segment-size-bytes',
    'x-initial-cluster-size',
    'x-queue-leader-locator',
  ],
}

/**
 * Validates the arguments of a new queue and returns its settings, or throws 406 as RabbitMQ does.
 * `profile` says which checks the version makes (imports validate as the broker they go into).
 */
export function validateQueueArguments(
  name: string,
  vhost: string,
  args: FieldTable,
  profile: Pick<VersionProfile, 'queueModeChecked'>,
): QueueSettings {
  for (const [key, check] of DECLARE_ARGS) {
    const value = args[key]
    if (value === undefined) continue
    if (key === 'x-queue-mode' && !profile.queueModeChecked) continue
    const problem = check(value, args)
    if (problem) throw preconditionFailed(`invalid arg '${key}' for ${describeQueue(name, vhost)}: ${problem}`)
  }
  return settingsOf(args)
}

/** rabbit_quorum_queue:declare: what a quorum queue refuses, in RabbitMQ's order. */
export function validateQueueType(
  name: string,
  vhost: string,
  type: QueueType,
  args: FieldTable,
  props: { durable: boolean; exclusive: boolean; autoDelete: boolean },
): void {
  if (type !== 'quorum') return
  const what = describeQueue(name, vhost)
  for (const key of ['x-max-priority', 'x-queue-mode']) {
    if (args[key] !== undefined) throw preconditionFailed(`invalid arg '${key}' for ${what}`)
  }
  if (props.autoDelete) throw preconditionFailed(`invalid property 'auto-delete' for ${what}`)
  if (props.exclusive) throw preconditionFailed(`invalid property 'exclusive-owner' for ${what}`)
  if (!props.durable) throw preconditionFailed(`invalid property 'non-durable' for ${what}`)
}

/** Reads settings from arguments already validated. */
export function settingsOf(args: FieldTable): QueueSettings {
  const num = (key: string) => (typeof args[key] === 'number' ? (args[key] as number) : undefined)
  const str = (key: string) => (typeof args[key] === 'string' ? (args[key] as string) : undefined)
  return {
    type: (str('x-queue-type') as QueueType | undefined) ?? 'classic',
    messageTtl: num('x-message-ttl'),
    expires: num('x-expires'),
    maxLength: num('x-max-length'),
    maxLengthBytes: num('x-max-length-bytes'),
    overflow: (str('x-overflow') as Overflow | undefined) ?? 'drop-head',
    deadLetterExchange: str('x-dead-letter-exchange'),
    deadLetterRoutingKey: str('x-dead-letter-routing-key'),
    maxPriority: num('x-max-priority'),
    singleActiveConsumer: args['x-single-active-consumer'] === true,
    deliveryLimit: num('x-delivery-limit'),
  }
}

/** rabbit_misc:assert_args_equivalence over the declare arguments: an omitted argument differs from a given one. */
export function assertQueueArgsEquivalent(
  name: string,
  vhost: string,
  type: QueueType,
  existing: FieldTable,
  requested: FieldTable,
): void {
  for (const key of EQUIVALENCE_KEYS[type]) assertArgEquivalent(existing, requested, key, describeQueue(name, vhost))
}

export function assertArgEquivalent(existing: FieldTable, requested: FieldTable, key: string, what: string): void {
  const a = existing[key]
  const b = requested[key]
  if (a === undefined && b === undefined) return
  if (a !== undefined && b !== undefined && fieldTypeClass(a) === fieldTypeClass(b) && fieldEquals(a, b)) return
  throw preconditionFailed(
    `inequivalent arg '${key}' for ${what}: received ${describeArg(b)} but current is ${describeArg(a)}`,
  )
}

function describeArg(v: FieldValue | undefined): string {
  return v === undefined
    ? 'none'
    : `the value '${typeof v === 'string' ? v : formatFieldValue(v)}' of type '${typeName(v)}'`
}
