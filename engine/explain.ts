// Why a message goes where it goes: the exchanges it visits, every binding tested at each one
// and why it matched or not, and where alternate exchanges took over. Plain data, for the UI and the CLI.

import type { BindingDef, FieldTable } from './model.ts'
import type { VerdictWhy } from './exchanges/router.ts'
import type { VirtualHost } from './vhost.ts'
import type { Exchange } from './exchange.ts'
import { notFound } from './errors.ts'

export interface BindingVerdict {
  binding: BindingDef
  matched: boolean
  reason: string
  why: VerdictWhy
}

export interface ExchangeHop {
  exchange: string
  type: string
  /** How the message got here: published to it, through an exchange-to-exchange binding, or as alternate exchange. */
  via: 'publish' | 'binding' | 'alternate-exchange'
  from: string | null
  bindings: BindingVerdict[]
  /** Set when nothing matched here: what the alternate exchange did. */
  alternate: { name: string; outcome: 'used' | 'missing' | 'already-visited' } | null
}

export interface RouteExplanation {
  exchange: string
  routingKeys: string[]
  hops: ExchangeHop[]
  queues: string[]
  unroutable: boolean
}

export function explainRoute(
  vhost: VirtualHost,
  exchangeName: string,
  routingKey: string,
  headers: FieldTable = {},
): RouteExplanation {
  const start = vhost.exchanges.get(exchangeName)
  if (!start) throw notFound(`no exchange '${exchangeName}' in vhost '${vhost.name}'`)
  const keys = [routingKey, ...routingKeysFrom(headers)]
  if (exchangeName === '') {
    const queues = keys.filter((k, i) => vhost.queues.has(k) && keys.indexOf(k) === i)
    const verdicts = keys.map((k) => ({
      binding: { source: '', destination: k, destinationType: 'queue' as const, routingKey: k, arguments: {} },
      matched: vhost.queues.has(k),
      reason: vhost.queues.has(k)
        ? `the default exchange delivers to the queue named "${k}"`
        : `no queue is named "${k}"`,
      why: { code: 'default-exchange' as const, queue: k, exists: vhost.queues.has(k) },
    }))
    return {
      exchange: '',
      routingKeys: keys,
      hops: [{ exchange: '', type: 'direct', via: 'publish', from: null, bindings: verdicts, alternate: null }],
      queues,
      unroutable: queues.length === 0,
    }
  }
  const visited = new Set<string>([start.name])
  const queues: string[] = []
  const hops: ExchangeHop[] = []
  const work: { x: Exchange; via: ExchangeHop['via']; from: string | null }[] = [
    { x: start, via: 'publish', from: null },
  ]
  while (work.length > 0) {
    const { x, via, from } = work.shift()!
    const tests = x.router.explain(keys, headers)
    const bindings = tests.map((t) => ({ binding: plain(t.binding), matched: t.matched, reason: t.reason, why: t.why }))
    let alternate: ExchangeHop['alternate'] = null
    for (const t of bindings) {
      if (!t.matched) continue
      const dest = t.binding.destination
      if (t.binding.destinationType === 'queue') {
        if (!queues.includes(dest)) queues.push(dest)
      } else if (!visited.has(dest)) {
        visited.add(dest)
        const next = vhost.exchanges.get(dest)
        if (next) work.push({ x: next, via: 'binding', from: x.name })
      }
    }
    if (!bindings.some((t) => t.matched) && x.alternateExchange !== undefined) {
      const name = x.alternateExchange
      const ae = vhost.exchanges.get(name)
      if (!ae) alternate = { name, outcome: 'missing' }
      else if (visited.has(name)) alternate = { name, outcome: 'already-visited' }
      else {
        visited.add(name)
        alternate = { name, outcome: 'used' }
        work.push({ x: ae, via: 'alternate-exchange', from: x.name })
      }
    }
    hops.push({ exchange: x.name, type: x.def.type, via, from, bindings, alternate })
  }
  return { exchange: exchangeName, routingKeys: keys, hops, queues, unroutable: queues.length === 0 }
}

function routingKeysFrom(headers: FieldTable): string[] {
  const out: string[] = []
  for (const name of ['CC', 'BCC']) {
    const value = headers[name]
    if (Array.isArray(value)) for (const k of value) if (typeof k === 'string') out.push(k)
  }
  return out
}

function plain(b: BindingDef): BindingDef {
  return {
    source: b.source,
    destination: b.destination,
    destinationType: b.destinationType,
    routingKey: b.routingKey,
    arguments: b.arguments,
  }
}
