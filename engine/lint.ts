// Lint: what in a topology will surprise its owner on a real RabbitMQ. Works on a broker's state,
// so the same rules serve the designer (live) and the CLI (a definitions file imported into a scratch broker).

import type { Broker } from './broker.ts'
import type { Queue } from './queue.ts'
import type { VirtualHost } from './vhost.ts'
import { isExchangeType } from './exchanges/registry.ts'
import { topicWords } from './exchanges/topic.ts'
import type { Exchange } from './exchange.ts'
import type { BrokerVersion } from './profile.ts'
import { type LinkLintRule, lintLinks, queuesFedByShovels } from './lint-links.ts'
import { lintVhostForVersion, type VersionLintRule } from './lint-version.ts'
import { lintStreams, type StreamLintRule } from './stream/stream-lint.ts'
import { lintCluster, type ClusterLintRule } from './lint-cluster.ts'

export type LintSeverity = 'error' | 'warning' | 'info'

export interface LintFinding {
  severity: LintSeverity
  rule: LintRule
  vhost: string
  entity: { kind: 'queue' | 'exchange' | 'binding' | 'policy' | 'parameter' | 'file'; name: string }
  message: string
  /** The message's variable parts, so a screen can say it in its own language (keyed by rule). */
  params?: Record<string, string | number>
  /** The RabbitMQ version the finding is about, when it holds for that version only (the broker's profile). */
  version?: BrokerVersion
}

export type LintRule =
  | 'missing-dead-letter-exchange'
  | 'missing-alternate-exchange'
  | 'dead-letter-loop'
  | 'unroutable-queue'
  | 'exchange-without-bindings'
  | 'dangling-binding'
  | 'clashing-policies'
  | 'invalid-definitions'
  | 'quorum-without-delivery-limit'
  | 'unsimulated'
  | VersionLintRule
  | LinkLintRule
  | StreamLintRule
  | ClusterLintRule

export function lintBroker(broker: Broker): LintFinding[] {
  const findings: LintFinding[] = []
  const fedByShovels = queuesFedByShovels(broker)
  for (const vhost of broker.vhosts.values()) {
    lintVhost(vhost, findings, fedByShovels)
    findings.push(...lintVhostForVersion(vhost, broker.profile))
    findings.push(...lintStreams(vhost))
  }
  findings.push(...lintLinks(broker))
  findings.push(...lintCluster(broker))
  return findings
}

/** `fedByShovels`: "vhost\u0000queue" of the queues a shovel delivers to, which are not unreachable. */
function lintVhost(v: VirtualHost, out: LintFinding[], fedByShovels: ReadonlySet<string>): void {
  const add = (
    severity: LintSeverity,
    rule: LintRule,
    kind: LintFinding['entity']['kind'],
    name: string,
    message: string,
    params: Record<string, string | number>,
  ) => out.push({ severity, rule, vhost: v.name, entity: { kind, name }, message, params })
  const bound = new Set<string>()
  for (const x of v.exchanges.values())
    for (const b of x.outgoing) if (b.destinationType === 'queue') bound.add(b.destination)

  for (const q of v.queues.values()) {
    const dlx = q.settings.deadLetterExchange
    if (dlx !== undefined && !v.exchanges.has(dlx)) {
      add(
        'warning',
        'missing-dead-letter-exchange',
        'queue',
        q.name,
        `Queue "${q.name}" dead-letters to exchange "${dlx}", which does not exist: its rejected and expired messages are dropped.`,
        { queue: q.name, exchange: dlx },
      )
    }
    if (!bound.has(q.name) && !fedByShovels.has(`${v.name}\u0000${q.name}`)) {
      add(
        'info',
        'unroutable-queue',
        'queue',
        q.name,
        `No exchange routes to queue "${q.name}"; only a publish to the default exchange with routing key "${q.name}" reaches it.`,
        { queue: q.name },
      )
    }
    if (q.isQuorum && q.settings.deliveryLimit === undefined && v.profile.quorumDefaultDeliveryLimit === undefined) {
      add(
        'warning',
        'quorum-without-delivery-limit',
        'queue',
        q.name,
        `Quorum queue "${q.name}" has no delivery limit: on RabbitMQ 3.x a message that always fails is redelivered forever (4.0 defaults the limit to 20).`,
        { queue: q.name },
      )
      out[out.length - 1].version = v.profile.version
    }
    const loop = deadLetterLoop(v, q)
    if (loop) {
      add(
        'warning',
        'dead-letter-loop',
        'queue',
        q.name,
        `Messages that ${loop.reason} in "${q.name}" are dead-lettered back to it (${loop.path.join(' → ')}) with no rejection on the way: RabbitMQ drops them after one cycle.`,
        { queue: q.name, reason: loop.reason, path: loop.path.join(' → ') },
      )
    }
  }
  for (const x of v.exchanges.values()) {
    if (x.name === '' || x.name.startsWith('amq.')) continue
    if (x.outgoing.length === 0)
      add(
        'info',
        'exchange-without-bindings',
        'exchange',
        x.name,
        `Exchange "${x.name}" has no bindings: what is published to it goes nowhere${x.alternateExchange ? ' but its alternate exchange' : ''}.`,
        { exchange: x.name, alternate: x.alternateExchange ? 'yes' : 'no' },
      )
    const ae = x.alternateExchange
    if (ae !== undefined && !v.exchanges.has(ae)) {
      add(
        'warning',
        'missing-alternate-exchange',
        'exchange',
        x.name,
        `Exchange "${x.name}" names alternate exchange "${ae}", which does not exist: unroutable messages are dropped (or returned when mandatory).`,
        { exchange: x.name, alternate: ae },
      )
    }
    if (!isExchangeType(x.def.type) && !v.profile.extraExchangeTypes.includes(x.def.type)) {
      add(
        'info',
        'unsimulated',
        'exchange',
        x.name,
        `Exchange "${x.name}" has plugin type "${x.def.type}": Warren keeps it but does not route through it.`,
        { exchange: x.name, type: x.def.type },
      )
    }
  }
  const policies = [...v.policies.values()]
  for (let i = 0; i < policies.length; i++) {
    for (let j = i + 1; j < policies.length; j++) {
      const a = policies[i]
      const b = policies[j]
      if (a.priority !== b.priority) continue
      const applies = (p: typeof a, kind: 'queues' | 'exchanges') => p.applyTo === 'all' || p.applyTo === kind
      const names = (kind: 'queues' | 'exchanges') =>
        applies(a, kind) && applies(b, kind)
          ? kind === 'queues'
            ? [...v.queues.keys()]
            : [...v.exchanges.keys()].filter((n) => n !== '' && !n.startsWith('amq.'))
          : []
      const both = [...names('queues'), ...names('exchanges')].filter(
        (n) => new RegExp(a.pattern).test(n) && new RegExp(b.pattern).test(n),
      )
      if (both.length > 0) {
        add(
          'warning',
          'clashing-policies',
          'policy',
          `${a.name}, ${b.name}`,
          `Policies "${a.name}" and "${b.name}" have the same priority (${a.priority}) and both match ${both
            .slice(0, 3)
            .map((n) => `"${n}"`)
            .join(', ')}: which one applies is not defined.`,
          {
            first: a.name,
            second: b.name,
            priority: a.priority,
            matches: both
              .slice(0, 3)
              .map((n) => `"${n}"`)
              .join(', '),
          },
        )
      }
    }
  }
}

/** Follows automatic dead-lettering (TTL, max-length) from a queue; returns the path if it comes back. */
function deadLetterLoop(v: VirtualHost, start: Queue): { path: string[]; reason: string } | null {
  // reject-publish refuses new messages instead of dead-lettering old ones: no automatic death there.
  const overflowDies = (q: Queue) =>
    q.settings.overflow !== 'reject-publish' &&
    (q.settings.maxLength !== undefined || q.settings.maxLengthBytes !== undefined)
  const automatic = (q: Queue) => q.settings.messageTtl !== undefined || overflowDies(q)
  if (!automatic(start)) return null
  const reason = start.settings.messageTtl !== undefined ? 'expire' : 'overflow'
  const seen = new Set<string>([start.name])
  const walk = (q: Queue, path: string[]): string[] | null => {
    const dlx = q.settings.deadLetterExchange
    const x = dlx === undefined ? undefined : v.exchanges.get(dlx)
    if (!x) return null
    for (const target of reachable(v, x, q.settings.deadLetterRoutingKey)) {
      if (target === start) return [...path, x.name || '(default)', target.name]
      if (seen.has(target.name) || !automatic(target)) continue
      seen.add(target.name)
      const found = walk(target, [...path, x.name || '(default)', target.name])
      if (found) return found
    }
    return null
  }
  const path = walk(start, [start.name])
  return path ? { path, reason } : null
}

/** Queues an exchange can deliver to for a routing key (or any key when the dead-letter key keeps the original). */
function reachable(v: VirtualHost, x: Exchange, key: string | undefined): Queue[] {
  if (x.name === '') {
    const q = key === undefined ? undefined : v.queues.get(key)
    return q ? [q] : [...v.queues.values()]
  }
  const out: Queue[] = []
  const visit = (ex: Exchange, visited: Set<string>) => {
    for (const b of ex.outgoing) {
      if (key !== undefined && !bindingCouldMatch(ex.def.type, b.routingKey, key)) continue
      if (b.destinationType === 'queue') {
        const q = v.queues.get(b.destination)
        if (q && !out.includes(q)) out.push(q)
      } else if (!visited.has(b.destination)) {
        visited.add(b.destination)
        const next = v.exchanges.get(b.destination)
        if (next) visit(next, visited)
      }
    }
  }
  visit(x, new Set([x.name]))
  return out
}

function bindingCouldMatch(type: string, bindingKey: string, key: string): boolean {
  if (type === 'direct') return bindingKey === key
  if (type === 'topic') {
    const p = topicWords(bindingKey)
    const w = topicWords(key)
    const match = (i: number, j: number): boolean => {
      if (i === p.length) return j === w.length
      if (p[i] === '#') {
        for (let k = j; k <= w.length; k++) if (match(i + 1, k)) return true
        return false
      }
      return j < w.length && (p[i] === '*' || p[i] === w[j]) && match(i + 1, j + 1)
    }
    return match(0, 0)
  }
  return true
}
