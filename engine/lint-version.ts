// Lint rules that hold for one RabbitMQ version: what the broker's profile deprecates, ignores or lacks.
// (Mirroring policies cannot exist on a 4.x broker: set_policy refuses them and imports drop them.)
// Each finding names the version it is about, so the designer can say "on 4.3".

import type { BrokerVersion, VersionProfile } from './profile.ts'
import type { VirtualHost } from './vhost.ts'

export type VersionLintRule = 'deprecated-transient-queue' | 'exchange-type-missing' | 'queue-mode-ignored'

/** A finding of lint.ts's shape, for its rules about one version. */
export interface VersionLintFinding {
  severity: 'error' | 'warning' | 'info'
  rule: VersionLintRule
  vhost: string
  entity: { kind: 'queue' | 'exchange'; name: string }
  message: string
  version: BrokerVersion
}

/** Exchange types that ship with RabbitMQ in some version; a design may use one its version lacks. */
const SHIPPED_EXCHANGE_TYPES = ['x-consistent-hash', 'x-local-random', 'x-modulus-hash']

export function lintVhostForVersion(v: VirtualHost, profile: VersionProfile): VersionLintFinding[] {
  const out: VersionLintFinding[] = []
  const add = (
    severity: VersionLintFinding['severity'],
    rule: VersionLintRule,
    kind: VersionLintFinding['entity']['kind'],
    name: string,
    message: string,
  ) => out.push({ severity, rule, vhost: v.name, entity: { kind, name }, message, version: profile.version })
  const on = `RabbitMQ ${profile.version}`
  for (const q of v.queues.values()) {
    if (!q.def.durable && !q.def.exclusive && profile.deprecatedFeatures.includes('transient_nonexcl_queues'))
      add(
        'warning',
        'deprecated-transient-queue',
        'queue',
        q.name,
        `Queue "${q.name}" is transient and not exclusive, a deprecated feature on ${on}: make it durable or exclusive before a release refuses it.`,
      )
    if (q.def.arguments['x-queue-mode'] !== undefined && !profile.queueModeChecked)
      add('info', 'queue-mode-ignored', 'queue', q.name, `Queue "${q.name}" sets x-queue-mode, which ${on} ignores.`)
  }
  for (const x of v.exchanges.values()) {
    if (SHIPPED_EXCHANGE_TYPES.includes(x.def.type) && !profile.extraExchangeTypes.includes(x.def.type))
      add(
        'error',
        'exchange-type-missing',
        'exchange',
        x.name,
        `Exchange "${x.name}" has type ${x.def.type}, which ${on} does not have: declaring it there is refused.`,
      )
  }
  return out
}
