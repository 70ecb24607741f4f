// The only place broker data becomes store state: snapshots (polled by the session) and routing
// events (for the publish panel). Unchanged entries keep their objects so nothing re-renders for them.

import type { BrokerEvent } from '../../engine/events.ts'
import type { BindingDef, ExchangeDef, QueueDef } from '../../engine/model.ts'
import type { BrokerSnapshot } from '../../engine/worker/protocol.ts'
import { sameExchange, sameQueue } from '../design/graph-to-commands.ts'
import { bindingKey, canonicalArgs } from '../design/ids.ts'
import type { PolicyLinks } from '../design/types.ts'
import type { BrokerSlice, ConsumerStats, QueueStats, StreamStats } from './broker-slice.ts'

/** Records which queues each message reached, for the publish panel's "routed to" line. */
export function collectRouted(
  events: readonly BrokerEvent[],
  into: Map<number, string[]>,
  vhost: string,
  keep = 500,
): void {
  for (const e of events) {
    if (e.type === 'routed' && e.vhost === vhost) {
      into.set(e.messageId, e.queues)
      if (into.size > keep) into.delete(into.keys().next().value as number)
    }
  }
}

/** `fresh`, keeping the objects of `old` whose entries are the same; `old` itself when nothing changed. */
export function reuseRecord<T>(
  old: Record<string, T>,
  fresh: Record<string, T>,
  same: (a: T, b: T) => boolean,
): Record<string, T> {
  let changed = Object.keys(old).length !== Object.keys(fresh).length
  const out: Record<string, T> = {}
  for (const [key, value] of Object.entries(fresh)) {
    const prev = old[key]
    if (prev !== undefined && same(prev, value)) out[key] = prev
    else {
      out[key] = value
      changed = true
    }
  }
  return changed ? out : old
}

const sameStats = (a: QueueStats, b: QueueStats) =>
  a.ready === b.ready && a.unacked === b.unacked && a.consumers === b.consumers
const sameStream = (a: StreamStats, b: StreamStats) => JSON.stringify(a) === JSON.stringify(b)
const sameConsumer = (a: ConsumerStats, b: ConsumerStats) => a.unacked === b.unacked && a.prefetch === b.prefetch

/** Names a transient probe queue gets (see session/probe.ts); they never show. */
export const PROBE_PREFIX = 'warren.designer.probe.'

/** The slice fields that differ from `s`, or null when the snapshot changes nothing. */
const noArguments = (b: BindingDef) => Object.keys(b.arguments).length === 0

function sameBindingFields(a: BindingDef, b: BindingDef): boolean {
  return (
    a.source === b.source &&
    a.destination === b.destination &&
    a.destinationType === b.destinationType &&
    a.routingKey === b.routingKey &&
    (noArguments(a) && noArguments(b) ? true : canonicalArgs(a.arguments) === canonicalArgs(b.arguments))
  )
}

export function applySnapshot(s: BrokerSlice, snap: BrokerSnapshot): Partial<BrokerSlice> | null {
  const vhost = s.vhost
  const exchanges: Record<string, ExchangeDef> = {}
  const policyLinks: PolicyLinks = { deadLetters: {}, alternates: {} }
  for (const x of snap.exchanges) {
    if (x.vhost !== vhost || x.name === '' || x.name.startsWith(PROBE_PREFIX)) continue
    exchanges[x.name] = {
      name: x.name,
      type: x.type,
      durable: x.durable,
      autoDelete: x.autoDelete,
      internal: x.internal,
      arguments: x.arguments,
    }
    if (x.policyAlternateExchange !== undefined) policyLinks.alternates[x.name] = x.policyAlternateExchange
  }
  const queues: Record<string, QueueDef> = {}
  const queueStats: Record<string, QueueStats> = {}
  for (const q of snap.queues) {
    if (q.vhost !== vhost || q.name.startsWith(PROBE_PREFIX)) continue
    queues[q.name] = {
      name: q.name,
      durable: q.durable,
      exclusive: q.exclusive,
      autoDelete: q.autoDelete,
      arguments: q.arguments,
    }
    queueStats[q.name] = { ready: q.messages, unacked: q.unacked, consumers: q.consumers }
    if (q.policyDeadLetter) policyLinks.deadLetters[q.name] = q.policyDeadLetter
  }
  const streamStats: Record<string, StreamStats> = {}
  for (const q of snap.queues) if (q.vhost === vhost && q.stream) streamStats[q.name] = q.stream
  const consumerStats: Record<string, ConsumerStats> = {}
  for (const c of snap.consumers)
    if (c.vhost === vhost) consumerStats[c.consumerTag] = { unacked: c.unacked, prefetch: c.prefetch }

  // Most polls find the same bindings in the same order: compared in place first, keyed only past a difference.
  let oldBindings: Map<string, BindingDef> | null = null
  const bindings: BindingDef[] = []
  let bindingsChanged = snap.bindings.filter((b) => b.vhost === vhost).length !== s.bindings.length
  for (const b of snap.bindings) {
    if (b.vhost !== vhost) continue
    const same = s.bindings[bindings.length]
    if (same && sameBindingFields(same, b)) {
      bindings.push(same)
      continue
    }
    const def: BindingDef = {
      source: b.source,
      destination: b.destination,
      destinationType: b.destinationType,
      routingKey: b.routingKey,
      arguments: b.arguments,
    }
    oldBindings ??= new Map(s.bindings.map((old) => [bindingKey(old), old]))
    const key = bindingKey(def)
    const prev = oldBindings.get(key)
    if (!prev || s.bindings[bindings.length] !== prev) bindingsChanged = true
    bindings.push(prev ?? def)
  }

  const patch: Partial<BrokerSlice> = {}
  const nextExchanges = reuseRecord(s.exchanges, exchanges, (a, b) => a.name === b.name && sameExchange(a, b))
  const nextQueues = reuseRecord(s.queues, queues, (a, b) => a.name === b.name && sameQueue(a, b))
  const nextStats = reuseRecord(s.queueStats, queueStats, sameStats)
  const nextConsumers = reuseRecord(s.consumerStats, consumerStats, sameConsumer)
  if (nextExchanges !== s.exchanges) patch.exchanges = nextExchanges
  if (nextQueues !== s.queues) patch.queues = nextQueues
  if (bindingsChanged) patch.bindings = bindings
  if (nextStats !== s.queueStats) patch.queueStats = nextStats
  if (nextConsumers !== s.consumerStats) patch.consumerStats = nextConsumers
  const nextStreams = reuseRecord(s.streamStats, streamStats, sameStream)
  if (nextStreams !== s.streamStats) patch.streamStats = nextStreams
  const vhosts = [...snap.vhosts].sort()
  if (vhosts.length !== s.vhosts.length || vhosts.some((v, i) => v !== s.vhosts[i])) patch.vhosts = vhosts
  if (JSON.stringify(policyLinks) !== JSON.stringify(s.policyLinks)) patch.policyLinks = policyLinks
  if (!s.brokerLoaded) patch.brokerLoaded = true
  return Object.keys(patch).length > 0 ? patch : null
}
