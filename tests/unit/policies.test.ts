import { describe, expect, it } from 'vitest'
import type { FieldTable } from '../../engine/index.ts'
import {
  effectiveQueueSettings,
  matchPolicy,
  validatePolicy,
  type PolicyApplyTo,
  type PolicyDef,
} from '../../engine/policy.ts'
import { settingsOf } from '../../engine/queue-arguments.ts'
import { TestBroker } from './test-broker.ts'
import { snapshot } from '../../engine/worker/queries.ts'

const policy = (
  name: string,
  pattern: string,
  definition: FieldTable,
  priority = 0,
  applyTo: PolicyApplyTo = 'all',
): PolicyDef => ({ name, pattern, applyTo, priority, definition })

const vhostOf = (b: TestBroker, name = '/') => b.broker.vhosts.get(name)!
const setPolicy = (b: TestBroker, def: PolicyDef) => vhostOf(b).setPolicy(def)
const setOperatorPolicy = (b: TestBroker, def: PolicyDef) => vhostOf(b).setPolicy(def, true)
const settings = (b: TestBroker, queue: string) => vhostOf(b).queues.get(queue)!.settings
const sources = (b: TestBroker, queue: string) => {
  const q = vhostOf(b).queues.get(queue)!
  return vhostOf(b).effectiveSettings(q.name, q.argumentSettings, q.def.arguments).sources
}

/** A fanout exchange `name` into a queue `name`-q, for seeing where dead letters and alternates go. */
const sink = (b: TestBroker, name: string) => b.exchange(name, 'fanout').queue(`${name}-q`).bind(name, `${name}-q`)

describe('policies: message-ttl', () => {
  it('a policy message-ttl of 100 on a queue with x-message-ttl 1000 expires messages at 100 (the lower wins)', () => {
    const b = new TestBroker().queue('q', { 'x-message-ttl': 1000 })
    setPolicy(b, policy('ttl', '^q$', { 'message-ttl': 100 }))
    b.publish('', 'q', 'm')
    b.clock.advance(99)
    expect(b.depth('q')).toBe(1)
    b.clock.advance(1)
    expect(b.depth('q')).toBe(0)
    expect(sources(b, 'q').messageTtl).toEqual({ kind: 'policy', name: 'ttl' })
  })

  it('a policy message-ttl of 1000 on a queue with x-message-ttl 100 keeps 100', () => {
    const b = new TestBroker().queue('q', { 'x-message-ttl': 100 })
    setPolicy(b, policy('ttl', '^q$', { 'message-ttl': 1000 }))
    b.publish('', 'q', 'm')
    b.clock.advance(100)
    expect(b.depth('q')).toBe(0)
    expect(sources(b, 'q').messageTtl).toEqual({ kind: 'argument' })
  })

  it('a policy message-ttl applies to a queue without the argument', () => {
    const b = new TestBroker().queue('q')
    setPolicy(b, policy('ttl', '^q$', { 'message-ttl': 50 }))
    b.publish('', 'q', 'm')
    b.clock.advance(50)
    expect(b.depth('q')).toBe(0)
  })

  it("removing the policy restores the argument's setting", () => {
    const b = new TestBroker().queue('q', { 'x-message-ttl': 1000 })
    setPolicy(b, policy('ttl', '^q$', { 'message-ttl': 100 }))
    vhostOf(b).clearPolicy('ttl')
    expect(settings(b, 'q').messageTtl).toBe(1000)
    b.publish('', 'q', 'm')
    b.clock.advance(999)
    expect(b.depth('q')).toBe(1)
    b.clock.advance(1)
    expect(b.depth('q')).toBe(0)
  })
})

describe('policies: length limits and overflow', () => {
  it('a policy max-length 5 against an argument of 2 keeps 2', () => {
    const b = new TestBroker().queue('q', { 'x-max-length': 2 })
    setPolicy(b, policy('len', '^q$', { 'max-length': 5 }))
    for (let i = 1; i <= 6; i++) b.publish('', 'q', `m${i}`)
    expect(b.drain('q')).toEqual(['m5', 'm6'])
  })

  it('a policy max-length 2 against an argument of 5 applies 2', () => {
    const b = new TestBroker().queue('q', { 'x-max-length': 5 })
    setPolicy(b, policy('len', '^q$', { 'max-length': 2 }))
    for (let i = 1; i <= 6; i++) b.publish('', 'q', `m${i}`)
    expect(b.drain('q')).toEqual(['m5', 'm6'])
  })

  it('a new max-length policy trims a queue that already holds more', () => {
    const b = new TestBroker().queue('q')
    for (let i = 1; i <= 5; i++) b.publish('', 'q', `m${i}`)
    setPolicy(b, policy('len', '^q$', { 'max-length': 2 }))
    expect(b.drain('q')).toEqual(['m4', 'm5'])
  })

  it('the lower max-length-bytes wins', () => {
    const b = new TestBroker().queue('q', { 'x-max-length-bytes': 10 })
    setPolicy(b, policy('bytes', '^q$', { 'max-length-bytes': 4 }))
    b.publish('', 'q', 'aaaa')
    b.publish('', 'q', 'bbbb')
    expect(b.drain('q')).toEqual(['bbbb'])
  })

  it('overflow: the argument wins over the policy', () => {
    const b = new TestBroker().queue('q', { 'x-max-length': 1, 'x-overflow': 'drop-head' })
    setPolicy(b, policy('of', '^q$', { overflow: 'reject-publish' }))
    b.publish('', 'q', 'first')
    expect(b.publish('', 'q', 'second').confirm).toBe('ack')
    expect(b.drain('q')).toEqual(['second'])
  })

  it('overflow from a policy applies when the queue has no argument', () => {
    const b = new TestBroker().queue('q', { 'x-max-length': 1 })
    setPolicy(b, policy('of', '^q$', { overflow: 'reject-publish' }))
    b.publish('', 'q', 'first')
    expect(b.publish('', 'q', 'second').confirm).toBe('nack')
    expect(b.drain('q')).toEqual(['first'])
  })
})

describe('policies: expires and delivery-limit', () => {
  it('the lower expires wins: a policy of 1000 deletes an idle queue with x-expires 10000 after 1000', () => {
    const b = new TestBroker().queue('q', { 'x-expires': 10000 })
    setPolicy(b, policy('exp', '^q$', { expires: 1000 }))
    b.clock.advance(999)
    expect(b.exists('q')).toBe(true)
    b.clock.advance(1)
    expect(b.exists('q')).toBe(false)
  })

  it('the lower delivery-limit wins on a quorum queue', () => {
    const b = new TestBroker().quorum('qq', { 'x-delivery-limit': 5 })
    setPolicy(b, policy('dl', '^qq$', { 'delivery-limit': 1 }))
    expect(settings(b, 'qq').deliveryLimit).toBe(1)
    b.publish('', 'qq', 'm')
    b.nack(b.get('qq')!)
    b.nack(b.get('qq')!)
    expect(b.get('qq')).toBeNull()
  })
})

describe('policies: dead-lettering', () => {
  it('policy dead-letter-exchange against an argument: the argument wins', () => {
    const b = new TestBroker()
    sink(b, 'arg-dlx')
    sink(b, 'policy-dlx')
    b.queue('q', { 'x-dead-letter-exchange': 'arg-dlx' })
    setPolicy(b, policy('dl', '^q$', { 'dead-letter-exchange': 'policy-dlx' }))
    b.publish('', 'q', 'm')
    b.reject(b.get('q')!, false)
    expect(b.drain('arg-dlx-q')).toEqual(['m'])
    expect(b.drain('policy-dlx-q')).toEqual([])
    expect(sources(b, 'q').deadLetterExchange).toEqual({ kind: 'argument' })
  })

  it('policy dead-letter-exchange applies when the queue has no argument', () => {
    const b = new TestBroker()
    sink(b, 'policy-dlx')
    b.queue('q')
    setPolicy(b, policy('dl', '^q$', { 'dead-letter-exchange': 'policy-dlx' }))
    b.publish('', 'q', 'm')
    b.reject(b.get('q')!, false)
    expect(b.drain('policy-dlx-q')).toEqual(['m'])
    expect(sources(b, 'q').deadLetterExchange).toEqual({ kind: 'policy', name: 'dl' })
  })

  it('policy dead-letter-routing-key against an argument: the argument wins', () => {
    const b = new TestBroker()
      .exchange('dlx', 'direct')
      .queue('by-arg')
      .queue('by-policy')
      .bind('dlx', 'by-arg', 'arg')
      .bind('dlx', 'by-policy', 'pol')
    b.queue('q', { 'x-dead-letter-exchange': 'dlx', 'x-dead-letter-routing-key': 'arg' })
    setPolicy(b, policy('dl', '^q$', { 'dead-letter-routing-key': 'pol' }))
    b.publish('', 'q', 'm')
    b.reject(b.get('q')!, false)
    expect(b.drain('by-arg')).toEqual(['m'])
  })
})

describe('policies: matching and precedence', () => {
  it('a policy applies to a queue declared later', () => {
    const b = new TestBroker()
    setPolicy(b, policy('len', '^later', { 'max-length': 1 }))
    b.queue('later')
    b.publish('', 'later', 'a')
    b.publish('', 'later', 'b')
    expect(b.drain('later')).toEqual(['b'])
  })

  it('patterns are unanchored regular expressions, as in RabbitMQ', () => {
    const b = new TestBroker().queue('old-jobs').queue('jobs-new').queue('other')
    setPolicy(b, policy('len', 'jobs', { 'max-length': 1 }))
    expect(settings(b, 'old-jobs').maxLength).toBe(1)
    expect(settings(b, 'jobs-new').maxLength).toBe(1)
    expect(settings(b, 'other').maxLength).toBeUndefined()
  })

  for (const order of ['higher first', 'lower first'] as const) {
    it(`of two matching policies the higher priority applies (${order})`, () => {
      const b = new TestBroker().queue('q')
      const high = policy('high', '^q', { 'max-length': 1 }, 10)
      const low = policy('low', '.*', { 'max-length': 3 }, 1)
      for (const p of order === 'higher first' ? [high, low] : [low, high]) setPolicy(b, p)
      for (let i = 1; i <= 4; i++) b.publish('', 'q', `m${i}`)
      expect(b.drain('q')).toEqual(['m4'])
    })
  }

  it('only one policy applies: keys of a lower-priority policy are not merged in', () => {
    const b = new TestBroker().queue('q')
    setPolicy(b, policy('high', '^q$', { 'message-ttl': 100 }, 2))
    setPolicy(b, policy('low', '^q$', { 'max-length': 1 }, 1))
    expect(settings(b, 'q').messageTtl).toBe(100)
    expect(settings(b, 'q').maxLength).toBeUndefined()
  })

  it("raising a lower policy's priority switches the queue to it", () => {
    const b = new TestBroker().queue('q')
    setPolicy(b, policy('a', '^q$', { 'max-length': 1 }, 2))
    setPolicy(b, policy('b', '^q$', { 'max-length': 3 }, 1))
    expect(settings(b, 'q').maxLength).toBe(1)
    setPolicy(b, policy('b', '^q$', { 'max-length': 3 }, 5))
    expect(settings(b, 'q').maxLength).toBe(3)
  })

  it('removing the winning policy lets the next one apply', () => {
    const b = new TestBroker().queue('q')
    setPolicy(b, policy('a', '^q$', { 'max-length': 1 }, 2))
    setPolicy(b, policy('b', '^q$', { 'max-length': 3 }, 1))
    vhostOf(b).clearPolicy('a')
    expect(settings(b, 'q').maxLength).toBe(3)
  })

  it('a policy with apply-to exchanges does not affect queues', () => {
    const b = new TestBroker().queue('q')
    setPolicy(b, policy('x only', '.*', { 'message-ttl': 100, 'max-length': 1 }, 0, 'exchanges'))
    b.publish('', 'q', 'a')
    b.publish('', 'q', 'b')
    b.clock.advance(1000)
    expect(b.drain('q')).toEqual(['a', 'b'])
  })

  it('an apply-to exchanges policy does not hide a lower-priority queue policy', () => {
    const b = new TestBroker().queue('q')
    setPolicy(b, policy('for exchanges', '.*', { 'alternate-exchange': 'ae' }, 10, 'exchanges'))
    setPolicy(b, policy('for queues', '^q$', { 'max-length': 1 }, 0, 'queues'))
    expect(settings(b, 'q').maxLength).toBe(1)
  })

  it('a policy in another vhost does not affect this one', () => {
    const b = new TestBroker().queue('q')
    b.broker.addVhost('other').setPolicy(policy('len', '.*', { 'max-length': 1 }))
    expect(settings(b, 'q').maxLength).toBeUndefined()
  })

  it('matchPolicy picks the highest priority among matching policies of the right kind', () => {
    const policies = [
      policy('all-low', '.*', { 'max-length': 1 }, 0),
      policy('queues-mid', '^orders', { 'max-length': 1 }, 5, 'queues'),
      policy('exchanges-high', '^orders', { 'alternate-exchange': 'ae' }, 9, 'exchanges'),
    ]
    expect(matchPolicy('orders', 'queue', policies)?.name).toBe('queues-mid')
    expect(matchPolicy('orders', 'exchange', policies)?.name).toBe('exchanges-high')
    expect(matchPolicy('payments', 'queue', policies)?.name).toBe('all-low')
    expect(matchPolicy('payments', 'exchange', [policy('q', '.*', { 'max-length': 1 }, 0, 'queues')])).toBeNull()
  })
})

describe('policies: alternate-exchange', () => {
  it('alternate-exchange from a policy applies to an exchange without the argument', () => {
    const b = new TestBroker().exchange('x', 'direct')
    sink(b, 'ae')
    setPolicy(b, policy('ae', '^x$', { 'alternate-exchange': 'ae' }, 0, 'exchanges'))
    b.publish('x', 'nowhere', 'm')
    expect(b.drain('ae-q')).toEqual(['m'])
  })

  it('alternate-exchange from a policy applies to an exchange declared later', () => {
    const b = new TestBroker()
    sink(b, 'ae')
    setPolicy(b, policy('ae', '^x$', { 'alternate-exchange': 'ae' }))
    b.exchange('x', 'direct')
    b.publish('x', 'nowhere', 'm')
    expect(b.drain('ae-q')).toEqual(['m'])
  })

  it("the exchange's alternate-exchange argument wins over the policy", () => {
    const b = new TestBroker()
    sink(b, 'arg-ae')
    sink(b, 'policy-ae')
    b.exchange('x', 'direct', { arguments: { 'alternate-exchange': 'arg-ae' } })
    setPolicy(b, policy('ae', '^x$', { 'alternate-exchange': 'policy-ae' }))
    b.publish('x', 'nowhere', 'm')
    expect(b.drain('arg-ae-q')).toEqual(['m'])
    expect(b.drain('policy-ae-q')).toEqual([])
  })

  it('an apply-to queues policy does not give exchanges an alternate', () => {
    const b = new TestBroker().exchange('x', 'direct')
    sink(b, 'ae')
    setPolicy(b, policy('ae', '^x$', { 'alternate-exchange': 'ae' }, 0, 'queues'))
    b.publish('x', 'nowhere', 'm')
    expect(b.drain('ae-q')).toEqual([])
  })

  it('removing the policy removes the alternate', () => {
    const b = new TestBroker().exchange('x', 'direct')
    sink(b, 'ae')
    setPolicy(b, policy('ae', '^x$', { 'alternate-exchange': 'ae' }))
    vhostOf(b).clearPolicy('ae')
    b.publish('x', 'nowhere', 'm')
    expect(b.drain('ae-q')).toEqual([])
  })
})

describe('policies: operator policies', () => {
  it('an operator policy lowers a limit set by argument', () => {
    const b = new TestBroker().queue('q', { 'x-max-length': 10 })
    setOperatorPolicy(b, policy('op', '.*', { 'max-length': 3 }, 0, 'queues'))
    for (let i = 1; i <= 5; i++) b.publish('', 'q', `m${i}`)
    expect(b.depth('q')).toBe(3)
    expect(sources(b, 'q').maxLength).toEqual({ kind: 'operator-policy', name: 'op' })
  })

  it('an operator policy cannot raise a limit set by argument', () => {
    const b = new TestBroker().queue('q', { 'x-max-length': 2 })
    setOperatorPolicy(b, policy('op', '.*', { 'max-length': 5 }, 0, 'queues'))
    for (let i = 1; i <= 5; i++) b.publish('', 'q', `m${i}`)
    expect(b.depth('q')).toBe(2)
  })

  it('an operator policy lowers a limit set by a user policy', () => {
    const b = new TestBroker().queue('q')
    setPolicy(b, policy('user', '^q$', { 'max-length': 10 }))
    setOperatorPolicy(b, policy('op', '.*', { 'max-length': 3 }, 0, 'queues'))
    for (let i = 1; i <= 5; i++) b.publish('', 'q', `m${i}`)
    expect(b.depth('q')).toBe(3)
  })

  it('an operator policy cannot raise a limit set by a user policy', () => {
    const b = new TestBroker().queue('q')
    setPolicy(b, policy('user', '^q$', { 'max-length': 2 }))
    setOperatorPolicy(b, policy('op', '.*', { 'max-length': 10 }, 0, 'queues'))
    for (let i = 1; i <= 5; i++) b.publish('', 'q', `m${i}`)
    expect(b.depth('q')).toBe(2)
    expect(sources(b, 'q').maxLength).toEqual({ kind: 'policy', name: 'user' })
  })

  it('an operator policy sets a limit on a queue that has none', () => {
    const b = new TestBroker().queue('q')
    setOperatorPolicy(b, policy('op', '.*', { 'message-ttl': 100 }, 0, 'queues'))
    b.publish('', 'q', 'm')
    b.clock.advance(100)
    expect(b.depth('q')).toBe(0)
  })

  it('an operator message-ttl lowers the argument but not below a lower user policy', () => {
    const b = new TestBroker().queue('q', { 'x-message-ttl': 1000 })
    setPolicy(b, policy('user', '^q$', { 'message-ttl': 50 }))
    setOperatorPolicy(b, policy('op', '.*', { 'message-ttl': 200 }, 0, 'queues'))
    expect(settings(b, 'q').messageTtl).toBe(50)
  })

  it('clearing the operator policy restores the argument', () => {
    const b = new TestBroker().queue('q', { 'x-max-length': 10 })
    setOperatorPolicy(b, policy('op', '.*', { 'max-length': 3 }, 0, 'queues'))
    vhostOf(b).clearPolicy('op', true)
    expect(settings(b, 'q').maxLength).toBe(10)
  })
})

describe('policies: validation and effectiveQueueSettings', () => {
  it('setPolicy refuses an invalid regular expression, apply-to, or value, and keeps the old state', () => {
    const b = new TestBroker().queue('q')
    expect(() => setPolicy(b, policy('bad', '(', { 'max-length': 1 }))).toThrow(/pattern/)
    expect(() => setPolicy(b, policy('bad', '.*', { 'max-length': 1 }, 0, 'bindings' as PolicyApplyTo))).toThrow(
      /apply-to/,
    )
    expect(() => setPolicy(b, policy('bad', '.*', { 'max-length': -1 }))).toThrow(/max-length/)
    expect(() => setPolicy(b, policy('bad', '.*', { 'message-ttl': 'soon' }))).toThrow(/message-ttl/)
    expect(() => setPolicy(b, policy('bad', '.*', {}))).toThrow()
    expect(vhostOf(b).policies.size).toBe(0)
    expect(settings(b, 'q').maxLength).toBeUndefined()
  })

  it('validatePolicy accepts keys Warren does not simulate', () => {
    expect(() =>
      validatePolicy(policy('ha', '.*', { 'ha-mode': 'all', 'federation-upstream-set': 'all' })),
    ).not.toThrow()
  })

  it('effectiveQueueSettings: lower of policy and argument for limits, argument for the rest', () => {
    const args = {
      'x-message-ttl': 1000,
      'x-expires': 5000,
      'x-max-length': 10,
      'x-max-length-bytes': 100,
      'x-delivery-limit': 3,
      'x-dead-letter-exchange': 'a',
      'x-dead-letter-routing-key': 'ka',
      'x-overflow': 'drop-head',
    }
    const p = policy('p', '.*', {
      'message-ttl': 500,
      expires: 9000,
      'max-length': 20,
      'max-length-bytes': 50,
      'delivery-limit': 7,
      'dead-letter-exchange': 'b',
      'dead-letter-routing-key': 'kb',
      overflow: 'reject-publish',
    })
    const { settings: s, sources: from } = effectiveQueueSettings(settingsOf(args), args, p, null)
    expect(s).toMatchObject({
      messageTtl: 500,
      expires: 5000,
      maxLength: 10,
      maxLengthBytes: 50,
      deliveryLimit: 3,
      deadLetterExchange: 'a',
      deadLetterRoutingKey: 'ka',
      overflow: 'drop-head',
    })
    expect(from).toMatchObject({
      messageTtl: { kind: 'policy', name: 'p' },
      expires: { kind: 'argument' },
      maxLength: { kind: 'argument' },
      maxLengthBytes: { kind: 'policy', name: 'p' },
      deliveryLimit: { kind: 'argument' },
      deadLetterExchange: { kind: 'argument' },
      overflow: { kind: 'argument' },
    })
  })
})

// Recorded from RabbitMQ 3.10.8 with `rabbitmqctl set_operator_policy` (tests/rabbitmq/start.sh node).
describe('policies: what an operator policy may hold', () => {
  it('takes the keys RabbitMQ takes in an operator policy', () => {
    const b = new TestBroker().queue('q')
    for (const [key, value] of [
      ['expires', 1000],
      ['message-ttl', 1000],
      ['max-length', 10],
      ['max-length-bytes', 1000],
      ['delivery-limit', 5],
      ['max-in-memory-length', 10],
      ['max-in-memory-bytes', 1000],
    ] as const) {
      setOperatorPolicy(b, policy(`op-${key}`, '.*', { [key]: value }, 0, 'queues'))
    }
    expect(vhostOf(b).operatorPolicies.size).toBe(7)
  })

  it('refuses every other key, naming the refused keys in sorted order, and changes nothing', () => {
    const b = new TestBroker().queue('q')
    for (const [key, value] of [
      ['queue-mode', 'lazy'],
      ['dead-letter-exchange', 'dlx'],
      ['dead-letter-routing-key', 'rk'],
      ['alternate-exchange', 'ae'],
      ['overflow', 'reject-publish'],
      ['ha-mode', 'all'],
      ['max-age', '1D'],
      ['unknown-key', 1],
    ] as const) {
      expect(() => setOperatorPolicy(b, policy('op', '.*', { [key]: value }, 0, 'queues'))).toThrow(
        `operator policy 'op': '${key}' are not recognised policy settings`,
      )
    }
    expect(() =>
      setOperatorPolicy(
        b,
        policy('op', '.*', { 'queue-mode': 'lazy', expires: 1000, overflow: 'drop-head' }, 0, 'queues'),
      ),
    ).toThrow(
      "operator policy 'op': 'overflow', 'queue-mode' are not recognised policy settings (an operator policy takes only expires, message-ttl",
    )
    expect(vhostOf(b).operatorPolicies.size).toBe(0)
  })

  it('takes every apply-to a policy takes, and refuses the rest', () => {
    const b = new TestBroker().queue('q')
    for (const applyTo of ['queues', 'exchanges', 'all'] as const)
      setOperatorPolicy(b, policy(`op-${applyTo}`, '.*', { 'max-length': 10 }, 0, applyTo))
    expect(vhostOf(b).operatorPolicies.size).toBe(3)
    expect(() =>
      setOperatorPolicy(b, policy('op', '.*', { 'max-length': 10 }, 0, 'quorum_queues' as PolicyApplyTo)),
    ).toThrow("operator policy 'op': apply-to 'quorum_queues' unrecognised; should be 'queues', 'exchanges' or 'all'")
  })

  it('checks values as RabbitMQ does: expires of 1 or more, a delivery limit of 0, non-negative in-memory limits', () => {
    const b = new TestBroker().queue('q')
    expect(() => setOperatorPolicy(b, policy('op', '.*', { expires: 0 }, 0, 'queues'))).toThrow(/expires/)
    expect(() => setOperatorPolicy(b, policy('op', '.*', { 'max-in-memory-length': -1 }, 0, 'queues'))).toThrow(
      /max-in-memory-length/,
    )
    expect(() => setOperatorPolicy(b, policy('op', '.*', { 'max-in-memory-bytes': 'a' }, 0, 'queues'))).toThrow(
      /max-in-memory-bytes/,
    )
    expect(() => setPolicy(b, policy('p', '.*', { 'max-in-memory-length': -1 }))).toThrow(/max-in-memory-length/)
    setOperatorPolicy(
      b,
      policy('zero', '.*', { 'delivery-limit': 0, 'max-in-memory-length': 0, 'max-length': 0 }, 0, 'queues'),
    )
    expect([...vhostOf(b).operatorPolicies.keys()]).toEqual(['zero'])
  })
})

describe('snapshots name what policies link', () => {
  it('a policy dead-letter or alternate exchange is in the snapshot only where no argument sets one', () => {
    const b = new TestBroker()
      .exchange('dlx', 'fanout')
      .exchange('orders', 'topic')
      .exchange('own-ae', 'fanout')
      .exchange('pinned', 'direct', { arguments: { 'alternate-exchange': 'own-ae' } })
    b.queue('orders.q').queue('orders.own', { 'x-dead-letter-exchange': 'own-dlx' })
    setPolicy(
      b,
      policy('links', '^(orders|pinned)', {
        'dead-letter-exchange': 'dlx',
        'dead-letter-routing-key': 'dead',
        'alternate-exchange': 'dlx',
      }),
    )
    const snap = snapshot(b.broker)
    const queue = (name: string) => snap.queues.find((q) => q.name === name)!
    const exchange = (name: string) => snap.exchanges.find((x) => x.name === name)!
    expect(queue('orders.q').policyDeadLetter).toEqual({ exchange: 'dlx', routingKey: 'dead' })
    expect(queue('orders.own').policyDeadLetter).toBeUndefined()
    expect(exchange('orders').policyAlternateExchange).toBe('dlx')
    expect(exchange('pinned').policyAlternateExchange).toBeUndefined()
  })
})

describe('policy keys that name properties every object has', () => {
  it('refuses __proto__, toString and constructor in RabbitMQ words, not with an internal error', () => {
    for (const key of ['__proto__', 'toString', 'constructor', 'hasOwnProperty', 'valueOf']) {
      const definition = JSON.parse(`{"${key}": 1}`)
      expect(() => validatePolicy({ name: 'p', pattern: '.*', applyTo: 'all', priority: 0, definition }), key).toThrow(
        `PRECONDITION_FAILED - policy 'p': '${key}' is not a recognised policy setting`,
      )
    }
  })
})
