import { describe, expect, it } from 'vitest'
import type { FieldTable } from '../../engine/index.ts'
import { effectiveSettingsOf, policyTargets, type EffectiveSettings } from '../../engine/effective-settings.ts'
import type { PolicyApplyTo, PolicyDef } from '../../engine/policy.ts'
import { runToolCommand } from '../../engine/worker/tool-commands.ts'
import type { Simulation } from '../../engine/simulation/simulation.ts'
import { TestBroker } from './test-broker.ts'

const policy = (
  name: string,
  pattern: string,
  definition: FieldTable,
  priority = 0,
  applyTo: PolicyApplyTo = 'all',
): PolicyDef => ({ name, pattern, applyTo, priority, definition })
const vhostOf = (b: TestBroker) => b.broker.vhosts.get('/')!
const setPolicy = (b: TestBroker, def: PolicyDef, operator = false) => vhostOf(b).setPolicy(def, operator)
const ofQueue = (b: TestBroker, name: string) => effectiveSettingsOf(vhostOf(b), 'queue', name)
const ofExchange = (b: TestBroker, name: string) => effectiveSettingsOf(vhostOf(b), 'exchange', name)
const setting = (e: EffectiveSettings, key: string) => e.settings.find((s) => s.key === key)

describe('effective settings of a queue', () => {
  it('an argument alone is listed with source argument', () => {
    const b = new TestBroker().queue('orders', { 'x-message-ttl': 5000, 'x-max-priority': 5 })
    const e = ofQueue(b, 'orders')
    expect(setting(e, 'message-ttl')).toEqual({ key: 'message-ttl', value: 5000, source: { kind: 'argument' } })
    expect(setting(e, 'max-priority')).toEqual({ key: 'max-priority', value: 5, source: { kind: 'argument' } })
    expect(e.policy).toBeNull()
  })

  it('a policy fills what the arguments leave out, named by the policy', () => {
    const b = new TestBroker().queue('orders')
    setPolicy(
      b,
      policy('orders-dlx', '^orders$', {
        'dead-letter-exchange': 'dlx',
        'message-ttl': 1000,
        overflow: 'reject-publish',
      }),
    )
    const e = ofQueue(b, 'orders')
    expect(e.policy).toBe('orders-dlx')
    expect(setting(e, 'dead-letter-exchange')).toEqual({
      key: 'dead-letter-exchange',
      value: 'dlx',
      source: { kind: 'policy', name: 'orders-dlx' },
    })
    expect(setting(e, 'message-ttl')?.source).toEqual({ kind: 'policy', name: 'orders-dlx' })
    expect(setting(e, 'overflow')).toEqual({
      key: 'overflow',
      value: 'reject-publish',
      source: { kind: 'policy', name: 'orders-dlx' },
    })
  })

  it('the argument wins for dead-letter-exchange and overflow', () => {
    const b = new TestBroker().queue('orders', { 'x-dead-letter-exchange': 'mine', 'x-overflow': 'drop-head' })
    setPolicy(b, policy('p', '^orders$', { 'dead-letter-exchange': 'theirs', overflow: 'reject-publish' }))
    const e = ofQueue(b, 'orders')
    expect(setting(e, 'dead-letter-exchange')).toEqual({
      key: 'dead-letter-exchange',
      value: 'mine',
      source: { kind: 'argument' },
    })
    expect(setting(e, 'overflow')).toEqual({ key: 'overflow', value: 'drop-head', source: { kind: 'argument' } })
  })

  it('for a limit the lower of argument and policy wins, whichever it is', () => {
    const b = new TestBroker().queue('low', { 'x-max-length': 10 }).queue('high', { 'x-max-length': 1000 })
    setPolicy(b, policy('cap', '.*', { 'max-length': 100 }, 0, 'queues'))
    expect(setting(ofQueue(b, 'low'), 'max-length')).toEqual({
      key: 'max-length',
      value: 10,
      source: { kind: 'argument' },
    })
    expect(setting(ofQueue(b, 'high'), 'max-length')).toEqual({
      key: 'max-length',
      value: 100,
      source: { kind: 'policy', name: 'cap' },
    })
  })

  it('an operator policy with a lower limit wins over the policy; a higher one does not', () => {
    const b = new TestBroker().queue('orders')
    setPolicy(b, policy('user', '^orders$', { 'max-length': 500, 'message-ttl': 1000 }))
    setPolicy(b, policy('ops', '^orders$', { 'max-length': 50, 'message-ttl': 60000 }, 0, 'queues'), true)
    const e = ofQueue(b, 'orders')
    expect(e.operatorPolicy).toBe('ops')
    expect(setting(e, 'max-length')).toEqual({
      key: 'max-length',
      value: 50,
      source: { kind: 'operator-policy', name: 'ops' },
    })
    expect(setting(e, 'message-ttl')).toEqual({
      key: 'message-ttl',
      value: 1000,
      source: { kind: 'policy', name: 'user' },
    })
  })

  it('an operator policy alone fills a limit', () => {
    const b = new TestBroker().queue('orders')
    setPolicy(b, policy('ops', '.*', { 'delivery-limit': 5 }, 0, 'queues'), true)
    expect(setting(ofQueue(b, 'orders'), 'delivery-limit')?.source).toEqual({ kind: 'operator-policy', name: 'ops' })
  })

  it('of two matching policies the higher priority applies', () => {
    const b = new TestBroker().queue('orders')
    setPolicy(b, policy('broad', '.*', { 'message-ttl': 100 }, 1))
    setPolicy(b, policy('narrow', '^orders$', { 'message-ttl': 200 }, 5))
    const e = ofQueue(b, 'orders')
    expect(e.policy).toBe('narrow')
    expect(setting(e, 'message-ttl')).toEqual({
      key: 'message-ttl',
      value: 200,
      source: { kind: 'policy', name: 'narrow' },
    })
  })

  it('a policy applied to exchanges only leaves queues alone', () => {
    const b = new TestBroker().queue('orders')
    setPolicy(b, policy('xonly', '^orders$', { 'message-ttl': 100 }, 0, 'exchanges'))
    const e = ofQueue(b, 'orders')
    expect(e.policy).toBeNull()
    expect(setting(e, 'message-ttl')).toBeUndefined()
  })

  it('keys Warren does not simulate are listed and marked', () => {
    const b = new TestBroker().queue('orders')
    setPolicy(b, policy('ha', '^orders$', { 'ha-mode': 'all', 'message-ttl': 10 }))
    expect(setting(ofQueue(b, 'orders'), 'ha-mode')).toEqual({
      key: 'ha-mode',
      value: 'all',
      source: { kind: 'policy', name: 'ha' },
      unsimulated: true,
    })
  })

  it('queue-mode: the argument wins over the policy', () => {
    const b = new TestBroker().queue('a', { 'x-queue-mode': 'lazy' }).queue('b')
    setPolicy(b, policy('mode', '.*', { 'queue-mode': 'default' }))
    expect(setting(ofQueue(b, 'a'), 'queue-mode')).toEqual({
      key: 'queue-mode',
      value: 'lazy',
      source: { kind: 'argument' },
    })
    expect(setting(ofQueue(b, 'b'), 'queue-mode')).toEqual({
      key: 'queue-mode',
      value: 'default',
      source: { kind: 'policy', name: 'mode' },
    })
  })

  it('an unknown queue is a NOT_FOUND error', () => {
    expect(() => ofQueue(new TestBroker(), 'nope')).toThrow(/no queue 'nope'/)
  })
})

describe('effective settings of an exchange', () => {
  it('alternate-exchange comes from the policy when no argument names one', () => {
    const b = new TestBroker().exchange('orders', 'direct').exchange('unrouted', 'fanout')
    setPolicy(b, policy('ae', '^orders$', { 'alternate-exchange': 'unrouted' }, 0, 'exchanges'))
    expect(setting(ofExchange(b, 'orders'), 'alternate-exchange')).toEqual({
      key: 'alternate-exchange',
      value: 'unrouted',
      source: { kind: 'policy', name: 'ae' },
    })
  })

  it('the alternate-exchange argument wins over the policy', () => {
    const b = new TestBroker().exchange('orders', 'direct', { arguments: { 'alternate-exchange': 'mine' } })
    setPolicy(b, policy('ae', '^orders$', { 'alternate-exchange': 'theirs' }, 0, 'exchanges'))
    expect(setting(ofExchange(b, 'orders'), 'alternate-exchange')).toEqual({
      key: 'alternate-exchange',
      value: 'mine',
      source: { kind: 'argument' },
    })
  })

  it('a policy applied to queues only does not reach an exchange of the same name', () => {
    const b = new TestBroker().exchange('orders', 'direct')
    setPolicy(b, policy('q', '^orders$', { 'alternate-exchange': 'x' }, 0, 'queues'))
    expect(ofExchange(b, 'orders')).toEqual({
      kind: 'exchange',
      name: 'orders',
      policy: null,
      operatorPolicy: null,
      settings: [],
    })
  })
})

describe('policy targets', () => {
  it('a policy reaches the names it is the winning match for; a higher priority takes names from it', () => {
    const b = new TestBroker().queue('orders').queue('orders.dlq').queue('audit').exchange('orders', 'topic')
    setPolicy(b, policy('broad', '^orders', { 'message-ttl': 100 }, 0))
    setPolicy(b, policy('dlq', '\\.dlq$', { 'message-ttl': 5 }, 1, 'queues'))
    setPolicy(b, policy('ops', '.*', { 'max-length': 10 }, 0, 'queues'), true)
    expect(policyTargets(vhostOf(b))).toEqual([
      { name: 'broad', operator: false, queues: ['orders'], exchanges: ['orders'] },
      { name: 'dlq', operator: false, queues: ['orders.dlq'], exchanges: [] },
      { name: 'ops', operator: true, queues: ['audit', 'orders', 'orders.dlq'], exchanges: [] },
    ])
  })
})

describe('effectiveSettings tool command', () => {
  const simulation = {} as Simulation
  it('answers for a queue by vhost and name', () => {
    const b = new TestBroker().queue('orders', { 'x-message-ttl': 10 })
    const result = runToolCommand(b.broker, simulation, {
      type: 'effectiveSettings',
      vhost: '/',
      kind: 'queue',
      name: 'orders',
    })
    expect(setting(result, 'message-ttl')?.value).toBe(10)
  })

  it('refuses an unknown vhost and lists operator policies on request', () => {
    const b = new TestBroker()
    expect(() =>
      runToolCommand(b.broker, simulation, { type: 'effectiveSettings', vhost: 'nope', kind: 'queue', name: 'q' }),
    ).toThrow(/no vhost 'nope'/)
    setPolicy(b, policy('ops', '.*', { 'max-length': 5 }, 0, 'queues'), true)
    expect(runToolCommand(b.broker, simulation, { type: 'listPolicies', vhost: '/', operator: true })).toEqual([
      policy('ops', '.*', { 'max-length': 5 }, 0, 'queues'),
    ])
    expect(runToolCommand(b.broker, simulation, { type: 'listPolicies', vhost: '/' })).toEqual([])
  })
})
