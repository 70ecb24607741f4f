// Deploy plans and drift between a design and a broker. The "live" broker here is a second engine answering
// through Warren's management API (whose shapes are checked against real RabbitMQ in management-api.test.ts);
// check:rabbitmq runs the same plan against a real node.

import { describe, expect, it } from 'vitest'
import { Broker } from '../../engine/broker.ts'
import { ManualClock } from '../../engine/clock.ts'
import { applyPlan } from '../../app/broker/apply-plan.ts'
import { driftOf, planDeploy } from '../../engine/definitions/deploy-plan.ts'
import { exportDefinitions } from '../../engine/definitions/export.ts'
import { importDefinitions } from '../../engine/definitions/import.ts'
import { ManagementApi } from '../../engine/management/api.ts'

const design = {
  vhosts: [{ name: 'shop' }],
  exchanges: [
    { vhost: 'shop', name: 'orders', type: 'topic', durable: true, auto_delete: false, internal: false, arguments: {} },
  ],
  queues: [
    { vhost: 'shop', name: 'payments', durable: true, auto_delete: false, arguments: { 'x-message-ttl': 60000 } },
    { vhost: 'shop', name: 'audit', durable: true, auto_delete: false, arguments: {} },
  ],
  bindings: [
    {
      vhost: 'shop',
      source: 'orders',
      destination: 'payments',
      destination_type: 'queue',
      routing_key: 'order.paid',
      arguments: {},
    },
    {
      vhost: 'shop',
      source: 'orders',
      destination: 'audit',
      destination_type: 'queue',
      routing_key: '#',
      arguments: {},
    },
  ],
  policies: [
    {
      vhost: 'shop',
      name: 'cap',
      pattern: '^audit$',
      'apply-to': 'queues',
      definition: { 'max-length': 10 },
      priority: 0,
    },
  ],
}

function liveBroker() {
  const broker = new Broker({ clock: new ManualClock() })
  const api = new ManagementApi(broker, '4.3')
  const async = {
    get: async (path: string) => api.handle({ method: 'GET', path }),
    put: async (path: string, body?: unknown) => api.handle({ method: 'PUT', path, body }),
    post: async (path: string, body?: unknown) => api.handle({ method: 'POST', path, body }),
    delete: async (path: string) => api.handle({ method: 'DELETE', path }),
  }
  const definitions = () => api.handle({ method: 'GET', path: '/api/definitions' }).body as Record<string, unknown>
  return { broker, api: async, definitions }
}

const normalised = () => {
  const broker = new Broker({ clock: new ManualClock() })
  importDefinitions(broker, design)
  return exportDefinitions(broker) as Record<string, unknown>
}

describe('deploy plan', () => {
  it('creates everything on an empty broker in dependency order, and leaves no drift after applying', async () => {
    const live = liveBroker()
    const steps = planDeploy(normalised(), live.definitions())
    expect(steps.map((s) => `${s.action} ${s.kind}`)).toEqual([
      'create vhost',
      'create exchange',
      'create queue',
      'create queue',
      'create binding',
      'create binding',
      'create policy',
    ])
    const reports = await applyPlan(live.api, steps)
    expect(reports.every((r) => r.ok)).toBe(true)
    expect(driftOf(normalised(), live.definitions())).toEqual([])
  })

  it('re-creates an inequivalent queue and says how many messages that loses', async () => {
    const live = liveBroker()
    await applyPlan(live.api, planDeploy(normalised(), live.definitions()))
    await live.api.delete('/api/queues/shop/payments')
    await live.api.put('/api/queues/shop/payments', { durable: true, arguments: { 'x-message-ttl': 1000 } })
    await live.api.post('/api/bindings/shop/e/orders/q/payments', { routing_key: 'order.paid', arguments: {} })
    for (let i = 0; i < 3; i++) {
      const body = { properties: {}, routing_key: 'order.paid', payload: 'p', payload_encoding: 'string' }
      await live.api.post('/api/exchanges/shop/orders/publish', body)
    }
    const payments = (await live.api.get('/api/queues/shop/payments')).body as { messages: number }
    const depths = new Map([['shop\u0000payments', payments.messages]])
    const steps = planDeploy(normalised(), live.definitions(), null, { depths })
    expect(steps).toHaveLength(1)
    expect(steps[0]).toMatchObject({ action: 'recreate', kind: 'queue', name: 'payments', messagesLost: 3 })
    expect(steps[0].differences).toEqual([
      'arguments: {"x-message-ttl":1000} on the broker, {"x-message-ttl":60000} in the design',
    ])
    expect(steps[0].calls.map((c) => c.method)).toEqual(['DELETE', 'PUT'])
  })

  it('deletes what the design lacks only when asked to prune, and never outside the design’s vhosts', async () => {
    const live = liveBroker()
    await applyPlan(live.api, planDeploy(normalised(), live.definitions()))
    await live.api.put('/api/queues/shop/stray', { durable: true, arguments: {} })
    await live.api.put('/api/queues/%2F/elsewhere', { durable: true, arguments: {} })
    expect(planDeploy(normalised(), live.definitions())).toEqual([])
    const pruned = planDeploy(normalised(), live.definitions(), null, { prune: true })
    expect(pruned.map((s) => `${s.action} ${s.kind} ${s.vhost}/${s.name}`)).toEqual(['delete queue shop/stray'])
    await applyPlan(live.api, pruned)
    expect(live.broker.vhosts.get('shop')!.queues.has('stray')).toBe(false)
    expect(live.broker.vhosts.get('/')!.queues.has('elsewhere')).toBe(true)
  })

  it('stops at the first refused call and reports the broker’s reason', async () => {
    const live = liveBroker()
    const steps = planDeploy(normalised(), live.definitions())
    steps.splice(1, 0, {
      ...steps[1],
      calls: [{ method: 'PUT', path: '/api/exchanges/shop/bad', body: { type: 'nonsense' } }],
    })
    const reports = await applyPlan(live.api, steps)
    expect(reports.at(-1)).toMatchObject({ ok: false, error: "400 unknown exchange type 'nonsense'" })
    expect(reports).toHaveLength(2)
  })
})

describe('drift', () => {
  it('lists missing, extra and different entities', async () => {
    const live = liveBroker()
    await applyPlan(live.api, planDeploy(normalised(), live.definitions()))
    await live.api.delete('/api/queues/shop/audit')
    await live.api.put('/api/queues/shop/stray', { durable: true, arguments: {} })
    await live.api.put('/api/policies/shop/cap', {
      pattern: '^audit$',
      'apply-to': 'queues',
      definition: { 'max-length': 99 },
    })
    const drift = driftOf(normalised(), live.definitions())
    expect(drift.map((d) => `${d.status} ${d.kind} ${d.name}`).sort()).toEqual([
      'different policy cap',
      'extra queue stray',
      'missing binding orders -> audit (#)',
      'missing queue audit',
    ])
    expect(drift.find((d) => d.kind === 'policy')!.differences).toEqual([
      'definition: {"max-length":99} on the broker, {"max-length":10} in the design',
    ])
  })
})
