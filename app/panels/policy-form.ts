// A policy as the editor holds it (text fields) and back, with the checks a user can fix before the
// broker sees it. The broker validates again; its refusal is shown as it words it.

import type { FieldTable, FieldValue } from '../../engine/model.ts'
import type { PolicyApplyTo, PolicyDef } from '../../engine/policy.ts'
import { t } from '../i18n/index.ts'

export type KnownKeyKind = 'number' | 'text' | 'select'

/** A known key's label is policies.keys.<key> in the catalogue. */
export interface KnownKey {
  key: string
  kind: KnownKeyKind
  appliesTo: 'queues' | 'exchanges'
  options?: readonly string[]
  hint?: string
}

/** The definition keys Warren simulates, typed; anything else goes in the JSON box. */
export const KNOWN_KEYS: readonly KnownKey[] = [
  { key: 'dead-letter-exchange', kind: 'text', appliesTo: 'queues' },
  { key: 'dead-letter-routing-key', kind: 'text', appliesTo: 'queues' },
  { key: 'message-ttl', kind: 'number', appliesTo: 'queues' },
  { key: 'expires', kind: 'number', appliesTo: 'queues' },
  { key: 'max-length', kind: 'number', appliesTo: 'queues' },
  { key: 'max-length-bytes', kind: 'number', appliesTo: 'queues' },
  {
    key: 'overflow',
    kind: 'select',
    appliesTo: 'queues',
    options: ['drop-head', 'reject-publish', 'reject-publish-dlx'],
  },
  { key: 'delivery-limit', kind: 'number', appliesTo: 'queues' },
  { key: 'queue-mode', kind: 'select', appliesTo: 'queues', options: ['default', 'lazy'] },
  { key: 'alternate-exchange', kind: 'text', appliesTo: 'exchanges' },
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
export const APPLY_TO: readonly PolicyApplyTo[] = ['all', 'queues', 'exchanges']

export const knownKeyLabel = (key: string) => t(`policies.keys.${key}`)

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
  if (pattern === '') return t('policies.patternEmpty')
  try {
    new RegExp(pattern)
    return null
  } catch (error) {
    return t('policies.patternInvalid', {
      error: (error as Error).message.replace(/^Invalid regular expression: /, ''),
    })
  }
}

export function policyFromDraft(d: PolicyDraft): { policy: PolicyDef } | { error: string } {
  const name = d.name.trim()
  if (name === '') return { error: t('policies.needsName') }
  const problem = patternProblem(d.pattern)
  if (problem) return { error: problem }
  if (!/^-?\d+$/.test(d.priority.trim())) return { error: t('policies.priorityWhole', { priority: d.priority }) }
  if (d.operator && d.applyTo !== 'queues') return { error: t('policies.operatorQueuesOnly') }
  const definition: FieldTable = {}
  for (const spec of keysFor(d)) {
    const text = (d.known[spec.key] ?? '').trim()
    if (text === '') continue
    if (spec.kind === 'number') {
      if (!/^\d+$/.test(text))
        return { error: t('policies.keyWhole', { label: knownKeyLabel(spec.key), key: spec.key, text }) }
      definition[spec.key] = Number(text)
    } else definition[spec.key] = text
  }
  if (d.raw.trim() !== '') {
    let parsed: unknown
    try {
      parsed = JSON.parse(d.raw)
    } catch (error) {
      return { error: t('policies.rawNotJson', { error: (error as Error).message }) }
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      return { error: t('policies.rawNotObject', { example: '{"ha-mode": "all"}' }) }
    for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
      if (KNOWN.has(key) && key in definition) return { error: t('policies.keyTwice', { key }) }
      definition[key] = value as FieldValue
    }
  }
  if (d.operator) {
    const refused = Object.keys(definition).filter((key) => !OPERATOR_KEYS.has(key))
    if (refused.length > 0)
      return {
        error: t('policies.operatorRefused', {
          refused: refused.map((k) => `"${k}"`).join(', '),
          allowed: [...OPERATOR_KEYS].join(', '),
        }),
      }
  }
  if (Object.keys(definition).length === 0) return { error: t('policies.definitionEmpty') }
  return { policy: { name, pattern: d.pattern, applyTo: d.applyTo, priority: Number(d.priority.trim()), definition } }
}
