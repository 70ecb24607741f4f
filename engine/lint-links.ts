// Lint of shovels and federation: a shovel or upstream that points at a broker, vhost, queue or exchange that does
// not exist, and exchanges federated in a loop with no max-hops of their own. With the broker in a design, URIs to
// the design's other brokers are checked there; a broker alone checks only the URIs that point at itself.

import type { Broker } from './broker.ts'
import { designOf } from './design/registry.ts'
import { parseLinkUri } from './design/uri.ts'
import { isFederationInternal, parseUpstream, upstreamsFor } from './federation/upstreams.ts'
import { parseShovel } from './shovel/parameters.ts'

export type LinkLintRule = 'shovel-target-missing' | 'federation-target-missing' | 'federation-loop-without-max-hops'

/** A finding in lint.ts's shape (kept here so lint.ts can import this file without a cycle). */
export interface LinkLintFinding {
  severity: 'error' | 'warning'
  rule: LinkLintRule
  vhost: string
  entity: { kind: 'exchange' | 'parameter'; name: string }
  message: string
  params: Record<string, string>
}

type Target = { broker: Broker; vhost: string; shown: string } | { missing: string; shown: string } | null

/** Where a URI of `from` leads: a broker and vhost, what is missing, or null when it cannot be told (a broker alone). */
function targetOf(from: Broker, uri: string): Target {
  const parsed = parseLinkUri(uri)
  if (!parsed) return { missing: `uri ${uri}`, shown: uri }
  const member = designOf(from)
  const self = parsed.broker === null || parsed.broker === 'localhost'
  let broker: Broker | undefined = self ? from : undefined
  if (!self && member) {
    broker = member.host.broker(parsed.broker ?? '')
    if (!broker) return { missing: `broker ${parsed.broker}`, shown: parsed.shown }
  }
  if (!broker) return null
  if (!broker.vhosts.has(parsed.vhost)) return { missing: `vhost ${parsed.vhost}`, shown: parsed.shown }
  return { broker, vhost: parsed.vhost, shown: parsed.shown }
}

function missingExchange(t: Target, exchange: string | undefined): string | null {
  if (!t || 'missing' in t) return t ? t.missing : null
  if (exchange === undefined || exchange === '') return null
  return t.broker.vhosts.get(t.vhost)?.exchanges.has(exchange) ? null : `exchange ${exchange}`
}

export function lintLinks(broker: Broker): LinkLintFinding[] {
  const out: LinkLintFinding[] = []
  for (const p of broker.kept.parameters) {
    if (typeof p.vhost !== 'string' || typeof p.name !== 'string') continue
    if (p.component === 'shovel') {
      const config = parseShovel(p.value)
      if ('error' in config) continue
      const src = targetOf(broker, config.srcUri)
      const dest = targetOf(broker, config.destUri)
      const missing = missingExchange(src, config.srcExchange) ?? missingExchange(dest, config.destExchange) ?? null
      if (missing)
        out.push({
          severity: 'error',
          rule: 'shovel-target-missing',
          vhost: p.vhost,
          entity: { kind: 'parameter', name: p.name },
          message: `Shovel "${p.name}" points at ${missing}, which does not exist: it does not start.`,
          params: { shovel: p.name, missing },
        })
    }
    if (p.component === 'federation-upstream') {
      const config = parseUpstream(p.name, p.value)
      if (!config) continue
      const target = targetOf(broker, config.uri)
      let missing = target && 'missing' in target ? target.missing : null
      const vhost = broker.vhosts.get(p.vhost)
      if (!missing && target && !('missing' in target) && vhost) {
        for (const x of vhost.exchanges.values()) {
          if (isFederationInternal(x.def.name, x.def.arguments)) continue
          if (!upstreamsFor(broker, vhost, 'exchange', x.def.name).some((u) => u.name === p.name)) continue
          missing ??= missingExchange(target, config.exchange ?? x.def.name)
        }
        for (const q of vhost.queues.values()) {
          if (!upstreamsFor(broker, vhost, 'queue', q.name).some((u) => u.name === p.name)) continue
          const name = config.queue ?? q.name
          if (!target.broker.vhosts.get(target.vhost)?.queues.has(name)) missing ??= `queue ${name}`
        }
      }
      if (missing)
        out.push({
          severity: 'error',
          rule: 'federation-target-missing',
          vhost: p.vhost,
          entity: { kind: 'parameter', name: p.name },
          message: `Federation upstream "${p.name}" points at ${missing}, which does not exist: its links do not start.`,
          params: { upstream: p.name, missing },
        })
    }
  }
  out.push(...federationLoops(broker))
  return out
}

/** Exchanges federated from each other in a circle, where some upstream on the way leaves max-hops unset. */
function federationLoops(broker: Broker): LinkLintFinding[] {
  const member = designOf(broker)
  if (!member) return []
  const brokerName = member.name
  const key = (b: string, v: string, x: string) => `${b}\u0000${v}\u0000${x}`
  // downstream exchange -> its upstream exchanges, each with whether max-hops was given
  const edges = new Map<string, { to: string; explicitHops: boolean }[]>()
  for (const [name, b] of member.host.brokers)
    for (const vhost of b.vhosts.values())
      for (const x of vhost.exchanges.values()) {
        if (isFederationInternal(x.def.name, x.def.arguments)) continue
        for (const up of upstreamsFor(b, vhost, 'exchange', x.def.name)) {
          const t = member.host.resolve(up.uri, name)
          if ('error' in t) continue
          const raw = b.kept.parameters.find(
            (p) => p.component === 'federation-upstream' && p.vhost === vhost.name && p.name === up.name,
          )?.value as Record<string, unknown> | undefined
          const from = key(name, vhost.name, x.def.name)
          const list = edges.get(from) ?? []
          list.push({
            to: key(t.broker, t.vhost, up.exchange ?? x.def.name),
            explicitHops: raw?.['max-hops'] !== undefined,
          })
          edges.set(from, list)
        }
      }
  const out: LinkLintFinding[] = []
  for (const [from, list] of edges) {
    const [b, vhost, exchange] = from.split('\u0000')
    if (b !== brokerName) continue
    // A walk back to `from` along upstream edges is a loop; it is reported on each exchange of this broker in it.
    const seen = new Set<string>()
    const stack = list.map((e) => ({ at: e.to, unset: !e.explicitHops }))
    let loopUnset = false
    let loop = false
    while (stack.length) {
      const { at, unset } = stack.pop()!
      if (at === from) {
        loop = true
        loopUnset ||= unset
        continue
      }
      if (seen.has(at)) continue
      seen.add(at)
      for (const e of edges.get(at) ?? []) stack.push({ at: e.to, unset: unset || !e.explicitHops })
    }
    if (loop && loopUnset)
      out.push({
        severity: 'warning',
        rule: 'federation-loop-without-max-hops',
        vhost,
        entity: { kind: 'exchange', name: exchange },
        message: `Exchange "${exchange}" is federated in a loop and an upstream on the way has no max-hops: RabbitMQ's default of 1 stops messages after one hop, say so or set the hops the loop needs.`,
        params: { exchange },
      })
  }
  return out
}

/** Queues a shovel of the design delivers to: not unreachable, though no exchange routes to them. */
export function queuesFedByShovels(broker: Broker): Set<string> {
  const fed = new Set<string>()
  const member = designOf(broker)
  const brokers = member ? [...member.host.brokers.values()] : [broker]
  for (const b of brokers)
    for (const p of b.kept.parameters) {
      if (p.component !== 'shovel') continue
      const config = parseShovel(p.value)
      if ('error' in config || config.destQueue === undefined) continue
      const t = targetOf(b, config.destUri)
      if (t && !('missing' in t) && t.broker === broker) fed.add(`${t.vhost}\u0000${config.destQueue}`)
    }
  return fed
}
