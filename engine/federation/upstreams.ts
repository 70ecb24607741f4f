// Federation upstreams (component "federation-upstream"), upstream sets ("federation-upstream-set") and the policy
// keys that federate an exchange or a queue, read with the federation plugin's defaults.

import type { Broker } from '../broker.ts'
import { matchPolicy } from '../policy.ts'
import type { VirtualHost } from '../vhost.ts'

export type FederationAckMode = 'on-confirm' | 'on-publish' | 'no-ack'

export interface UpstreamConfig {
  name: string
  uri: string
  prefetchCount: number
  /** Seconds between a failure and the next attempt. */
  reconnectDelay: number
  ackMode: FederationAckMode
  trustUserId: boolean
  exchange?: string
  queue?: string
  maxHops: number
  expires?: number
  messageTtl?: number
  consumerTag?: string
}

function parameter(broker: Broker, vhost: string, component: string, name: string): unknown {
  return broker.kept.parameters.find((p) => p.component === component && p.vhost === vhost && p.name === name)?.value
}

export function parseUpstream(name: string, value: unknown): UpstreamConfig | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null
  const v = value as Record<string, unknown>
  const uri = typeof v.uri === 'string' ? v.uri : Array.isArray(v.uri) && typeof v.uri[0] === 'string' ? v.uri[0] : null
  if (!uri) return null
  const num = (k: string) => (typeof v[k] === 'number' ? (v[k] as number) : undefined)
  const str = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : undefined)
  const ackMode = str('ack-mode')
  return {
    name,
    uri,
    prefetchCount: num('prefetch-count') ?? 1000,
    reconnectDelay: num('reconnect-delay') ?? 5,
    ackMode: ackMode === 'on-publish' || ackMode === 'no-ack' ? ackMode : 'on-confirm',
    trustUserId: v['trust-user-id'] === true,
    exchange: str('exchange'),
    queue: str('queue'),
    maxHops: num('max-hops') ?? 1,
    expires: num('expires'),
    messageTtl: num('message-ttl'),
    consumerTag: str('consumer-tag'),
  }
}

/** The upstreams the policy of an exchange or queue names: one upstream, a set, or "all" of the vhost's. */
export function upstreamsFor(
  broker: Broker,
  vhost: VirtualHost,
  kind: 'exchange' | 'queue',
  name: string,
): UpstreamConfig[] {
  const policy = matchPolicy(name, kind, vhost.policies.values())
  if (!policy) return []
  const def = policy.definition as Record<string, unknown>
  const names: string[] = []
  if (typeof def['federation-upstream'] === 'string') names.push(def['federation-upstream'])
  else if (def['federation-upstream-set'] === 'all') {
    for (const p of broker.kept.parameters)
      if (p.component === 'federation-upstream' && p.vhost === vhost.name && typeof p.name === 'string')
        names.push(p.name)
  } else if (typeof def['federation-upstream-set'] === 'string') {
    const set = parameter(broker, vhost.name, 'federation-upstream-set', def['federation-upstream-set'])
    if (Array.isArray(set))
      for (const entry of set)
        if (entry && typeof entry === 'object' && typeof (entry as { upstream?: unknown }).upstream === 'string')
          names.push((entry as { upstream: string }).upstream)
  }
  const out: UpstreamConfig[] = []
  for (const n of names) {
    const config = parseUpstream(n, parameter(broker, vhost.name, 'federation-upstream', n))
    if (config) out.push(config)
  }
  return out
}

/** The exchanges and queues federation declares for itself are never federated. */
export function isFederationInternal(name: string, args: Record<string, unknown>): boolean {
  return name.startsWith('federation: ') || args['x-internal-purpose'] === 'federation'
}
