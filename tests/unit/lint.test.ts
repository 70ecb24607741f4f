import { describe, expect, it } from 'vitest'
import type { FieldTable } from '../../engine/index.ts'
import { lintBroker, type LintFinding, type LintRule } from '../../engine/lint.ts'
import { lintDefinitions } from '../../engine/definitions/lint-file.ts'
import type { PolicyApplyTo } from '../../engine/policy.ts'
import { TestBroker } from './test-broker.ts'

type Json = Record<string, any>

const findings = (b: TestBroker): LintFinding[] => lintBroker(b.broker)
const ofRule = (list: LintFinding[], rule: LintRule) => list.filter((f) => f.rule === rule)
const rules = (list: LintFinding[]) => list.map((f) => f.rule)
const setPolicy = (
  b: TestBroker,
  name: string,
  pattern: string,
  definition: FieldTable,
  priority = 0,
  applyTo: PolicyApplyTo = 'all',
) => b.broker.vhosts.get('/')!.setPolicy({ name, pattern, applyTo, priority, definition })

/** Work flows orders -> work, and work dead-letters through dlx into dead: nothing for lint to say. */
function clean(): TestBroker {
  return new TestBroker()
    .exchange('orders', 'topic')
    .exchange('dlx', 'fanout')
    .exchange('unrouted', 'fanout')
    .queue('work', { 'x-dead-letter-exchange': 'dlx', 'x-message-ttl': 60000 })
    .queue('dead')
    .queue('lost')
    .bind('orders', 'work', 'order.*')
    .bind('dlx', 'dead')
    .bind('unrouted', 'lost')
}

describe('lint: a clean topology', () => {
  it('has no findings', () => {
    expect(findings(clean())).toEqual([])
  })

  it('an empty broker has no findings (the amq.* exchanges are not reported)', () => {
    expect(findings(new TestBroker())).toEqual([])
  })
})

describe('lint: missing-dead-letter-exchange', () => {
  it('fires on a queue whose dead-letter exchange does not exist', () => {
    const b = clean().queue('orphan', { 'x-dead-letter-exchange': 'nope' }).bind('orders', 'orphan', 'x.*')
    const found = ofRule(findings(b), 'missing-dead-letter-exchange')
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject({ severity: 'warning', vhost: '/', entity: { kind: 'queue', name: 'orphan' } })
    expect(found[0].message).toContain('nope')
  })

  it('fires on a dead-letter exchange set by policy', () => {
    const b = clean()
    setPolicy(b, 'dlx', '^work$', { 'dead-letter-exchange': 'gone' }, 0, 'queues')
    b.queue('plain').bind('orders', 'plain', 'p.*')
    setPolicy(b, 'dlx2', '^plain$', { 'dead-letter-exchange': 'gone' }, 0, 'queues')
    expect(ofRule(findings(b), 'missing-dead-letter-exchange').map((f) => f.entity.name)).toEqual(['plain'])
  })

  it('does not fire when the exchange exists', () => {
    expect(ofRule(findings(clean()), 'missing-dead-letter-exchange')).toEqual([])
  })

  it('does not fire on the default exchange as dead-letter exchange', () => {
    const b = clean()
      .queue('retry', { 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': 'work' })
      .bind('orders', 'retry', 'retry.*')
    expect(ofRule(findings(b), 'missing-dead-letter-exchange')).toEqual([])
  })
})

describe('lint: missing-alternate-exchange', () => {
  it('fires on an exchange whose alternate exchange does not exist', () => {
    const b = clean()
      .exchange('with-ae', 'direct', { arguments: { 'alternate-exchange': 'nowhere' } })
      .bind('with-ae', 'work', 'k')
    const found = ofRule(findings(b), 'missing-alternate-exchange')
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject({ severity: 'warning', entity: { kind: 'exchange', name: 'with-ae' } })
    expect(found[0].message).toContain('nowhere')
  })

  it('fires on an alternate exchange set by policy', () => {
    const b = clean()
    setPolicy(b, 'ae', '^orders$', { 'alternate-exchange': 'nowhere' }, 0, 'exchanges')
    expect(ofRule(findings(b), 'missing-alternate-exchange').map((f) => f.entity.name)).toEqual(['orders'])
  })

  it('does not fire when the alternate exchange exists', () => {
    const b = clean()
      .exchange('with-ae', 'direct', { arguments: { 'alternate-exchange': 'unrouted' } })
      .bind('with-ae', 'work', 'k')
    expect(ofRule(findings(b), 'missing-alternate-exchange')).toEqual([])
  })
})

describe('lint: dead-letter-loop', () => {
  it('fires on a TTL loop A -> dlx -> A', () => {
    const b = new TestBroker()
      .exchange('dlx', 'fanout')
      .queue('A', { 'x-message-ttl': 1000, 'x-dead-letter-exchange': 'dlx' })
      .bind('dlx', 'A')
    const found = ofRule(findings(b), 'dead-letter-loop')
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject({ severity: 'warning', entity: { kind: 'queue', name: 'A' } })
    expect(found[0].message).toContain('dlx')
  })

  it('fires on a two-queue TTL loop A -> x1 -> B -> x2 -> A, for both queues', () => {
    const b = new TestBroker()
      .exchange('x1', 'fanout')
      .exchange('x2', 'fanout')
      .queue('A', { 'x-message-ttl': 1000, 'x-dead-letter-exchange': 'x1' })
      .queue('B', { 'x-message-ttl': 1000, 'x-dead-letter-exchange': 'x2' })
      .bind('x1', 'B')
      .bind('x2', 'A')
    expect(
      ofRule(findings(b), 'dead-letter-loop')
        .map((f) => f.entity.name)
        .sort(),
    ).toEqual(['A', 'B'])
  })

  it('fires on a retry loop through the default exchange', () => {
    const b = new TestBroker().queue('A', {
      'x-message-ttl': 1000,
      'x-dead-letter-exchange': '',
      'x-dead-letter-routing-key': 'A',
    })
    expect(ofRule(findings(b), 'dead-letter-loop').map((f) => f.entity.name)).toEqual(['A'])
  })

  it('fires on a loop made by a TTL policy', () => {
    const b = new TestBroker()
      .exchange('dlx', 'fanout')
      .queue('A', { 'x-dead-letter-exchange': 'dlx' })
      .bind('dlx', 'A')
    expect(ofRule(findings(b), 'dead-letter-loop')).toEqual([])
    setPolicy(b, 'ttl', '^A$', { 'message-ttl': 500 }, 0, 'queues')
    expect(ofRule(findings(b), 'dead-letter-loop').map((f) => f.entity.name)).toEqual(['A'])
  })

  it('fires on a max-length (drop-head) loop', () => {
    const b = new TestBroker()
      .exchange('dlx', 'fanout')
      .queue('A', { 'x-max-length': 1, 'x-dead-letter-exchange': 'dlx' })
      .bind('dlx', 'A')
    expect(ofRule(findings(b), 'dead-letter-loop').map((f) => f.entity.name)).toEqual(['A'])
  })

  it('does not fire when only a rejection sends messages round: A (no TTL) -> dlx -> A', () => {
    const b = new TestBroker()
      .exchange('dlx', 'fanout')
      .queue('A', { 'x-dead-letter-exchange': 'dlx' })
      .bind('dlx', 'A')
    expect(ofRule(findings(b), 'dead-letter-loop')).toEqual([])
  })

  it('does not fire when a rejection breaks the loop: A (TTL) -> x1 -> B (no TTL) -> x2 -> A', () => {
    const b = new TestBroker()
      .exchange('x1', 'fanout')
      .exchange('x2', 'fanout')
      .queue('A', { 'x-message-ttl': 1000, 'x-dead-letter-exchange': 'x1' })
      .queue('B', { 'x-dead-letter-exchange': 'x2' })
      .bind('x1', 'B')
      .bind('x2', 'A')
    expect(ofRule(findings(b), 'dead-letter-loop')).toEqual([])
  })

  it('does not fire when the dead-letter routing key cannot come back', () => {
    const b = new TestBroker()
      .exchange('dlx', 'direct')
      .queue('A', { 'x-message-ttl': 1000, 'x-dead-letter-exchange': 'dlx', 'x-dead-letter-routing-key': 'parked' })
      .queue('parking')
      .bind('dlx', 'A', 'retry')
      .bind('dlx', 'parking', 'parked')
    expect(ofRule(findings(b), 'dead-letter-loop')).toEqual([])
  })

  it('fires when the dead-letter routing key matches a topic binding back to the queue', () => {
    const b = new TestBroker()
      .exchange('dlx', 'topic')
      .queue('A', { 'x-message-ttl': 1000, 'x-dead-letter-exchange': 'dlx', 'x-dead-letter-routing-key': 'retry.A' })
      .bind('dlx', 'A', 'retry.#')
    expect(ofRule(findings(b), 'dead-letter-loop').map((f) => f.entity.name)).toEqual(['A'])
  })

  it('does not fire on a max-length queue with overflow reject-publish, which never dead-letters on overflow', () => {
    const b = new TestBroker()
      .exchange('dlx', 'fanout')
      .queue('A', { 'x-max-length': 1, 'x-overflow': 'reject-publish', 'x-dead-letter-exchange': 'dlx' })
      .bind('dlx', 'A')
    expect(ofRule(findings(b), 'dead-letter-loop')).toEqual([])
  })

  it('does not fire when the dead-letter chain ends elsewhere', () => {
    expect(ofRule(findings(clean()), 'dead-letter-loop')).toEqual([])
  })
})

describe('lint: unroutable-queue', () => {
  it('fires on a queue no exchange is bound to', () => {
    const b = clean().queue('island')
    const found = ofRule(findings(b), 'unroutable-queue')
    expect(found.map((f) => f.entity)).toEqual([{ kind: 'queue', name: 'island' }])
  })

  it('does not fire on a queue bound from an exchange, even an amq.* one', () => {
    const b = clean().queue('legacy').bind('amq.topic', 'legacy', '#')
    expect(ofRule(findings(b), 'unroutable-queue')).toEqual([])
  })

  it("does not fire on a queue a shovel of its vhost delivers into, and still fires on another vhost's", () => {
    const b = clean().queue('mirror').queue('island')
    b.broker.kept.parameters.push(
      {
        vhost: '/',
        component: 'shovel',
        name: 'to-mirror',
        value: { 'src-uri': 'amqp://', 'src-queue': 'work', 'dest-uri': 'amqp://', 'dest-queue': 'mirror' },
      },
      {
        vhost: 'other',
        component: 'shovel',
        name: 'elsewhere',
        value: { 'src-uri': 'amqp:///other', 'src-queue': 'w', 'dest-uri': 'amqp:///other', 'dest-queue': 'island' },
      },
    )
    expect(ofRule(findings(b), 'unroutable-queue').map((f) => f.entity.name)).toEqual(['island'])
  })
})

describe('lint: exchange-without-bindings', () => {
  it('fires on an exchange with no bindings', () => {
    const b = clean().exchange('empty', 'direct')
    expect(ofRule(findings(b), 'exchange-without-bindings').map((f) => f.entity)).toEqual([
      { kind: 'exchange', name: 'empty' },
    ])
  })

  it('does not fire on an exchange bound only to another exchange', () => {
    const b = clean().exchange('front', 'fanout').bindExchange('front', 'orders')
    expect(ofRule(findings(b), 'exchange-without-bindings')).toEqual([])
  })

  it('does not fire on the default exchange or amq.* exchanges', () => {
    expect(ofRule(findings(clean()), 'exchange-without-bindings')).toEqual([])
  })
})

describe('lint: clashing-policies', () => {
  it('fires on two equal-priority policies matching the same queue', () => {
    const b = clean()
    setPolicy(b, 'ttl', '^work', { 'message-ttl': 1000 }, 1, 'queues')
    setPolicy(b, 'len', '^wo', { 'max-length': 10 }, 1, 'all')
    const found = ofRule(findings(b), 'clashing-policies')
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject({ severity: 'warning', entity: { kind: 'policy' } })
    expect(found[0].entity.name).toContain('ttl')
    expect(found[0].entity.name).toContain('len')
    expect(found[0].message).toContain('work')
  })

  it('does not fire when the priorities differ', () => {
    const b = clean()
    setPolicy(b, 'ttl', '^work', { 'message-ttl': 1000 }, 1, 'queues')
    setPolicy(b, 'len', '^work', { 'max-length': 10 }, 2, 'queues')
    expect(ofRule(findings(b), 'clashing-policies')).toEqual([])
  })

  it('does not fire when no name matches both', () => {
    const b = clean()
    setPolicy(b, 'a', '^work$', { 'message-ttl': 1000 }, 0)
    setPolicy(b, 'b', '^dead$', { 'max-length': 10 }, 0)
    expect(ofRule(findings(b), 'clashing-policies')).toEqual([])
  })

  it('does not fire on one policy for queues and one for exchanges', () => {
    const b = clean().exchange('work', 'fanout').bind('work', 'work')
    setPolicy(b, 'q', '^work$', { 'message-ttl': 1000 }, 0, 'queues')
    setPolicy(b, 'x', '^work$', { 'alternate-exchange': 'unrouted' }, 0, 'exchanges')
    expect(ofRule(findings(b), 'clashing-policies')).toEqual([])
  })

  it('does not fire when the only shared match is an exchange and one policy applies to queues only', () => {
    const b = clean()
    setPolicy(b, 'q', '^orders$', { 'message-ttl': 1000 }, 0, 'queues')
    setPolicy(b, 'any', '^orders$', { 'alternate-exchange': 'unrouted' }, 0, 'all')
    // "orders" is an exchange, not a queue: only "any" can apply to it.
    expect(ofRule(findings(b), 'clashing-policies')).toEqual([])
  })
})

describe('lint: quorum-without-delivery-limit', () => {
  it('fires on a quorum queue without a delivery limit', () => {
    const b = clean().quorum('payments').bind('orders', 'payments', 'payment.*')
    const found = ofRule(findings(b), 'quorum-without-delivery-limit')
    expect(found.map((f) => [f.severity, f.entity.name])).toEqual([['warning', 'payments']])
  })

  it('does not fire when x-delivery-limit is set', () => {
    const b = clean().quorum('payments', { 'x-delivery-limit': 10 }).bind('orders', 'payments', 'payment.*')
    expect(ofRule(findings(b), 'quorum-without-delivery-limit')).toEqual([])
  })

  it('does not fire when a policy sets delivery-limit', () => {
    const b = clean().quorum('payments').bind('orders', 'payments', 'payment.*')
    setPolicy(b, 'dl', '^payments$', { 'delivery-limit': 10 }, 0, 'queues')
    expect(ofRule(findings(b), 'quorum-without-delivery-limit')).toEqual([])
  })

  it('does not fire on classic queues', () => {
    expect(ofRule(findings(clean()), 'quorum-without-delivery-limit')).toEqual([])
  })
})

describe('lint: definitions files', () => {
  const cleanDoc = (): Json => ({
    rabbit_version: '3.10.8',
    exchanges: [
      { name: 'orders', vhost: '/', type: 'topic', durable: true, auto_delete: false, internal: false, arguments: {} },
    ],
    queues: [{ name: 'work', vhost: '/', durable: true, auto_delete: false, arguments: {} }],
    bindings: [
      {
        source: 'orders',
        vhost: '/',
        destination: 'work',
        destination_type: 'queue',
        routing_key: 'order.*',
        arguments: {},
      },
    ],
  })

  it('a clean file has no findings', () => {
    expect(lintDefinitions(cleanDoc())).toEqual([])
  })

  it('an invalid file is one error, invalid-definitions, naming the entry', () => {
    const doc = cleanDoc()
    doc.queues.push({ name: 'bad', vhost: '/', durable: true, auto_delete: false, arguments: { 'x-message-ttl': -1 } })
    const found = lintDefinitions(doc)
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject({ severity: 'error', rule: 'invalid-definitions' })
    expect(found[0].message).toMatch(/queues\[1\].*bad/)
    expect(found[0].message).toContain('x-message-ttl')
  })

  it('arguments RabbitMQ would reject are errors', () => {
    const doc = cleanDoc()
    doc.queues[0].arguments = { 'x-max-priority': 256 }
    expect(rules(lintDefinitions(doc))).toEqual(['invalid-definitions'])
  })

  it('text that is not JSON is an error', () => {
    expect(lintDefinitions('{"queues": [')).toMatchObject([{ severity: 'error', rule: 'invalid-definitions' }])
  })

  it('a binding from an exchange that does not exist is a dangling-binding warning', () => {
    const doc = cleanDoc()
    doc.bindings.push({
      source: 'ghost',
      vhost: '/',
      destination: 'work',
      destination_type: 'queue',
      routing_key: 'k',
      arguments: {},
    })
    const found = ofRule(lintDefinitions(doc), 'dangling-binding')
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject({ severity: 'warning', entity: { kind: 'binding' } })
    expect(found[0].message).toContain('ghost')
  })

  it('a binding to a queue that does not exist is a dangling-binding warning', () => {
    const doc = cleanDoc()
    doc.bindings.push({
      source: 'orders',
      vhost: '/',
      destination: 'missing',
      destination_type: 'queue',
      routing_key: 'k',
      arguments: {},
    })
    expect(ofRule(lintDefinitions(doc), 'dangling-binding')).toHaveLength(1)
  })

  it("broker rules run on the imported file, in the file's vhost", () => {
    const doc = cleanDoc()
    doc.vhosts = [{ name: 'shop' }]
    for (const section of ['exchanges', 'queues', 'bindings']) for (const entry of doc[section]) entry.vhost = 'shop'
    doc.queues.push({
      name: 'orphan',
      vhost: 'shop',
      durable: true,
      auto_delete: false,
      arguments: { 'x-dead-letter-exchange': 'nope' },
    })
    const found = lintDefinitions(doc)
    expect(rules(found).sort()).toEqual(['missing-dead-letter-exchange', 'unroutable-queue'])
    for (const f of found) expect(f.vhost).toBe('shop')
  })

  it('a single-vhost file linted for a target vhost reports that vhost', () => {
    const doc = cleanDoc()
    for (const section of ['exchanges', 'queues', 'bindings']) for (const entry of doc[section]) delete entry.vhost
    doc.exchanges.push({ name: 'empty', type: 'direct', durable: true })
    const found = lintDefinitions(doc, 'staging')
    expect(found.map((f) => [f.rule, f.vhost])).toEqual([['exchange-without-bindings', 'staging']])
  })

  it('lint findings of a file have no errors when only warnings apply', () => {
    const doc = cleanDoc()
    doc.queues.push({
      name: 'qq',
      vhost: '/',
      durable: true,
      auto_delete: false,
      arguments: { 'x-queue-type': 'quorum' },
    })
    doc.bindings.push({
      source: 'orders',
      vhost: '/',
      destination: 'qq',
      destination_type: 'queue',
      routing_key: 'q.*',
      arguments: {},
    })
    const found = lintDefinitions(doc)
    expect(rules(found)).toEqual(['quorum-without-delivery-limit'])
    expect(found.filter((f) => f.severity === 'error')).toEqual([])
  })
})
