// A policy as the editor holds it (text fields) and back, with the checks a user can fix before the
// broker sees it. The broker validates again; its refusal is shown as it words it.

import type { FieldTable, FieldValue } from '../../engine/model.ts'
import type { PolicyApplyTo, PolicyDef } from '../../engine/policy.ts'

export type KnownKeyKind = 'number' | 'text' | 'select'

export interface KnownKey {
  key: string
  label: string
  kind: KnownKeyKind
  appliesTo: 'queues' | 'exchanges'
  options?: readonly string[]
  hint?: string
}

/** The definition keys Warren simulates, typed; anything else goes in the JSON box. */
export const KNOWN_KEYS: readonly KnownKey[] = [
  { key: 'dead-letter-exchange', label: 'Dead-letter exchange', kind: 'text', appliesTo: 'queues' },
  { key: 'dead-letter-routing-key', label: 'Dead-letter routing key', kind: 'text', appliesTo: 'queues' },
  { key: 'message-ttl', label: 'Message TTL (ms)', kind: 'number', appliesTo: 'queues' },
  { key: 'expires', label: 'Queue expires (ms)', kind: 'number', appliesTo: 'queues' },
  { key: 'max-length', label: 'Max length (messages)', kind: 'number', appliesTo: 'queues' },
  { key: 'max-length-bytes', label: 'Max length (bytes)', kind: 'number', appliesTo: 'queues' },
  {
    key: 'overflow',
    label: 'Overflow',
    kind: 'select',
    appliesTo: 'queues',
    options: ['drop-head', 'reject-publish', 'reject-publish-dlx'],
  },
  { key: 'delivery-limit', label: 'Delivery limit (quorum)', kind: 'number', appliesTo: 'queues' },
  { key: 'queue-mode', label: 'Queue mode', kind: 'select', appliesTo: 'queues', options: ['default', 'lazy'] },
  { key: 'alternate-exchange', label: 'Alternate exchange', kind: 'text', appliesTo: 'exchanges' },
]

const KNOWN = new Set(KNOWN_KEYS.map((k) => k.key))

/** What RabbitMQ 3.10 lets an operator policy set; operator policies apply to queues only. */
export const OPERATOR_KEYS: ReadonlySet<string> = new Set([
  'message-ttl',
  'expires',
  'max-length',
  'max-length-bytes',
  'delivery-limit',
  'max-in-memory-length',
  'max-in-memory-bytes',
])

/** The typed fields the editor shows for a draft's apply-to and kind. */
export function keysFor(d: Pick<PolicyDraft, 'applyTo' | 'operator'>): KnownKey[] {
  return KNOWN_KEYS.filter((k) =>
    d.operator ? OPERATOR_KEYS.has(k.key) : d.applyTo === 'all' || k.appliesTo === d.applyTo,
  )
}

/** What RabbitMQ 3.10 accepts for apply-to (classic_queues / quorum_queues arrived in 3.12). */
export const APPLY_TO: readonly (readonly [PolicyApplyTo, string])[] = [
  ['all', 'Exchanges and queues'],
  ['queues', 'Queues'],
  ['exchanges', 'Exchanges'],
]

export interface PolicyDraft {
  name: string
  pattern: string
  applyTo: PolicyApplyTo
  priority: string
  operator: boolean
  known: Record<string, string>
  /** Other definition keys as a JSON object. */
  raw: string
}

export function emptyDraft(): PolicyDraft {
  return { name: '', pattern: '', applyTo: 'all', priority: '0', operator: false, known: {}, raw: '' }
}

export function draftOf(policy: PolicyDef, operator: boolean): PolicyDraft {
  const known: Record<string, string> = {}
  const other: FieldTable = {}
  for (const [key, value] of Object.entries(policy.definition)) {
    const spec = KNOWN_KEYS.find((k) => k.key === key)
    if (spec && (spec.kind === 'number' ? typeof value === 'number' : typeof value === 'string'))
      known[key] = String(value)
    else other[key] = value
  }
  return {
    name: policy.name,
    pattern: policy.pattern,
    applyTo: policy.applyTo,
    priority: String(policy.priority),
    operator,
    known,
    raw: Object.keys(other).length > 0 ? JSON.stringify(other, null, 2) : '',
  }
}

/** The regular expression's problem in words, or null when it compiles. */
export function patternProblem(pattern: string): string | null {
  if (pattern === '') return 'The pattern is empty. Use ".*" to match every name, or "^orders$" for one.'
  try {
    new RegExp(pattern)
    return null
  } catch (error) {
    return `The pattern is not a valid regular expression: ${(error as Error).message.replace(/^Invalid regular expression: /, '')}`
  }
}

export function policyFromDraft(d: PolicyDraft): { policy: PolicyDef } | { error: string } {
  const name = d.name.trim()
  if (name === '') return { error: 'The policy needs a name.' }
  const problem = patternProblem(d.pattern)
  if (problem) return { error: problem }
  if (!/^-?\d+$/.test(d.priority.trim())) return { error: `The priority must be a whole number, not "${d.priority}".` }
  if (d.operator && d.applyTo !== 'queues')
    return { error: 'An operator policy applies to queues only: set apply-to to Queues.' }
  const definition: FieldTable = {}
  for (const spec of keysFor(d)) {
    const text = (d.known[spec.key] ?? '').trim()
    if (text === '') continue
    if (spec.kind === 'number') {
      if (!/^\d+$/.test(text))
        return { error: `${spec.label} (${spec.key}) must be a whole number of 0 or more, not "${text}".` }
      definition[spec.key] = Number(text)
    } else definition[spec.key] = text
  }
  if (d.raw.trim() !== '') {
    let parsed: unknown
    try {
      parsed = JSON.parse(d.raw)
    } catch (error) {
      return { error: `The other keys are not valid JSON: ${(error as Error).message}` }
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      return { error: 'The other keys must be a JSON object, e.g. {"ha-mode": "all"}.' }
    for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
      if (KNOWN.has(key) && key in definition)
        return { error: `"${key}" is set both in its field and in the JSON: keep one.` }
      definition[key] = value as FieldValue
    }
  }
  if (d.operator) {
    const refused = Object.keys(definition).filter((key) => !OPERATOR_KEYS.has(key))
    if (refused.length > 0)
      return {
        error: `An operator policy cannot set ${refused.map((k) => `"${k}"`).join(', ')}: it may only set ${[...OPERATOR_KEYS].join(', ')}.`,
      }
  }
  if (Object.keys(definition).length === 0)
    return { error: 'The definition is empty: set at least one key, e.g. a message TTL.' }
  return { policy: { name, pattern: d.pattern, applyTo: d.applyTo, priority: Number(d.priority.trim()), definition } }
}
