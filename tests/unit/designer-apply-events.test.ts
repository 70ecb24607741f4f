import { describe, expect, it } from 'vitest'
import type { BrokerSnapshot } from '../../engine/worker/protocol.ts'
import type { BrokerEvent } from '../../engine/events.ts'
import { applySnapshot, collectRouted, PROBE_PREFIX } from '../../app/store/apply-events.ts'
import type { BrokerSlice } from '../../app/store/broker-slice.ts'

const empty = (vhost = '/'): BrokerSlice => ({
  vhost,
  vhosts: ['/'],
  exchanges: {},
  queues: {},
  bindings: [],
  queueStats: {},
  consumerStats: {},
  streamStats: {},
  policyLinks: { deadLetters: {}, alternates: {} },
  brokerLoaded: false,
})

function snap(ready: Record<string, number>, extra: Partial<BrokerSnapshot> = {}): BrokerSnapshot {
  return {
    vhosts: ['/'],
    exchanges: [
      { vhost: '/', name: '', type: 'direct', durable: true, autoDelete: false, internal: false, arguments: {} },
      { vhost: '/', name: 'orders', type: 'topic', durable: true, autoDelete: false, internal: false, arguments: {} },
    ],
    queues: Object.entries(ready).map(([name, messages]) => ({
      vhost: '/',
      name,
      durable: true,
      exclusive: false,
      autoDelete: false,
      arguments: {},
      messages,
      unacked: 0,
      consumers: 0,
    })),
    bindings: Object.keys(ready).map((name) => ({
      vhost: '/',
      source: 'orders',
      destination: name,
      destinationType: 'queue' as const,
      routingKey: name,
      arguments: {},
    })),
    consumers: [],
    ...extra,
  }
}

function apply(s: BrokerSlice, snapshot: BrokerSnapshot): BrokerSlice {
  return { ...s, ...(applySnapshot(s, snapshot) ?? {}) }
}

describe('applySnapshot', () => {
  it('loads exchanges (not the default one), queues, bindings and counts', () => {
    const s = apply(empty(), snap({ a: 1, b: 2 }))
    expect(Object.keys(s.exchanges)).toEqual(['orders'])
    expect(Object.keys(s.queues)).toEqual(['a', 'b'])
    expect(s.bindings).toHaveLength(2)
    expect(s.queueStats.b).toEqual({ ready: 2, unacked: 0, consumers: 0 })
    expect(s.brokerLoaded).toBe(true)
  })

  it('returns null when nothing changed', () => {
    const s = apply(empty(), snap({ a: 1 }))
    expect(applySnapshot(s, snap({ a: 1 }))).toBeNull()
  })

  it("a count change replaces only that queue's stats object, and never the topology", () => {
    const s = apply(empty(), snap({ a: 1, b: 2 }))
    const patch = applySnapshot(s, snap({ a: 1, b: 3 }))!
    expect(Object.keys(patch)).toEqual(['queueStats'])
    expect(patch.queueStats!.a).toBe(s.queueStats.a)
    expect(patch.queueStats!.b).not.toBe(s.queueStats.b)
  })

  it('keeps binding and definition objects across snapshots', () => {
    const s = apply(empty(), snap({ a: 1 }))
    const next = apply(s, snap({ a: 1, b: 0 }))
    expect(next.bindings[0]).toBe(s.bindings[0])
    expect(next.queues.a).toBe(s.queues.a)
    expect(next.exchanges).toBe(s.exchanges)
  })

  it('hides the validation probes', () => {
    const s = apply(empty(), snap({ [`${PROBE_PREFIX}1`]: 0, a: 0 }))
    expect(Object.keys(s.queues)).toEqual(['a'])
  })

  it('notices a redeclared queue whose arguments changed', () => {
    const s = apply(empty(), snap({ a: 0 }))
    const changed = snap({ a: 0 })
    changed.queues[0].arguments = { 'x-message-ttl': 5 }
    const next = apply(s, changed)
    expect(next.queues.a).not.toBe(s.queues.a)
    expect(next.queues.a.arguments).toEqual({ 'x-message-ttl': 5 })
  })

  it('shows the entities of the vhost on screen only, and lists every vhost', () => {
    const base = snap({ a: 1 })
    const both: BrokerSnapshot = {
      ...base,
      vhosts: ['staging', '/'],
      queues: [...base.queues, { ...base.queues[0], vhost: 'staging', name: 'b', messages: 7 }],
      exchanges: [
        ...base.exchanges,
        {
          vhost: 'staging',
          name: 'events',
          type: 'topic',
          durable: true,
          autoDelete: false,
          internal: false,
          arguments: {},
        },
      ],
    }
    const root = apply(empty(), both)
    expect(Object.keys(root.queues)).toEqual(['a'])
    expect(root.exchanges.events).toBeUndefined()
    expect(root.vhosts).toEqual(['/', 'staging'])
    const staging = apply(empty('staging'), both)
    expect(Object.keys(staging.queues)).toEqual(['b'])
    expect(staging.queueStats.b.ready).toBe(7)
    expect(staging.exchanges.events?.type).toBe('topic')
  })

  it('tracks consumers by tag', () => {
    const s = apply(
      empty(),
      snap(
        { a: 0 },
        {
          consumers: [
            {
              vhost: '/',
              queue: 'a',
              consumerTag: 't',
              connection: 1,
              channel: 1,
              noAck: false,
              prefetch: 1,
              unacked: 1,
            },
          ],
        },
      ),
    )
    expect(s.consumerStats).toEqual({ t: { unacked: 1, prefetch: 1 } })
  })
})

describe('events', () => {
  const at = 0
  it('collects which queues each message reached, keeping the newest', () => {
    const routed = new Map<number, string[]>()
    const events: BrokerEvent[] = [1, 2, 3].map((id) => ({
      type: 'routed',
      at,
      vhost: '/',
      messageId: id,
      exchange: 'x',
      queues: [`q${id}`],
    }))
    collectRouted(events, routed, '/', 2)
    expect([...routed.keys()]).toEqual([2, 3])
    expect(routed.get(3)).toEqual(['q3'])
    collectRouted(
      [{ type: 'routed', at, vhost: 'staging', messageId: 9, exchange: 'x', queues: ['s'] }],
      routed,
      '/',
      2,
    )
    expect(routed.has(9)).toBe(false)
  })
})
