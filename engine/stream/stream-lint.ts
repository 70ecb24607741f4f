// Lint rules for streams: a stream nothing trims grows forever, and policy keys of other queue types do nothing to it.

import { matchPolicy } from '../policy.ts'
import type { VirtualHost } from '../vhost.ts'
import { StreamQueue } from './stream-queue.ts'

export type StreamLintRule = 'stream-without-retention' | 'stream-ignored-policy-keys'

export interface StreamLintFinding {
  severity: 'warning' | 'info'
  rule: StreamLintRule
  vhost: string
  entity: { kind: 'queue'; name: string }
  message: string
  params: Record<string, string | number>
}

/** The policy keys a stream takes (https://www.rabbitmq.com/docs/streams#retention and #declaring). */
const STREAM_POLICY_KEYS = new Set([
  'max-length-bytes',
  'max-age',
  'stream-max-segment-size-bytes',
  'queue-leader-locator',
  'initial-cluster-size',
  'stream-filter-size-bytes',
])

export function lintStreams(v: VirtualHost): StreamLintFinding[] {
  const out: StreamLintFinding[] = []
  for (const q of v.queues.values()) {
    if (!(q instanceof StreamQueue)) continue
    const policy = matchPolicy(q.name, 'queue', v.policies.values())
    const policyKeys = Object.keys(policy?.definition ?? {})
    const retained =
      q.def.arguments['x-max-length-bytes'] !== undefined ||
      q.def.arguments['x-max-age'] !== undefined ||
      policyKeys.includes('max-length-bytes') ||
      policyKeys.includes('max-age')
    if (!retained)
      out.push({
        severity: 'info',
        rule: 'stream-without-retention',
        vhost: v.name,
        entity: { kind: 'queue', name: q.name },
        message: `Stream "${q.name}" has no retention (x-max-length-bytes or x-max-age): it keeps every message until its disk is full.`,
        params: { queue: q.name },
      })
    const ignored = policyKeys.filter((key) => !STREAM_POLICY_KEYS.has(key))
    if (policy && ignored.length > 0)
      out.push({
        severity: 'warning',
        rule: 'stream-ignored-policy-keys',
        vhost: v.name,
        entity: { kind: 'queue', name: q.name },
        message: `Policy "${policy.name}" applies ${ignored.join(', ')} to stream "${q.name}", which ignores them (a stream neither dead-letters, expires nor caps its length by count).`,
        params: { queue: q.name, policy: policy.name, keys: ignored.join(', ') },
      })
  }
  return out
}
