import { describe, expect, it } from 'vitest'
import { createBroker, ManualClock, type Broker } from '../../engine/index.ts'
import { importDefinitions } from '../../engine/definitions/import.ts'
import { exportDefinitions, exportVhostDefinitions } from '../../engine/definitions/export.ts'
import { TestBroker } from './test-broker.ts'

type Json = Record<string, any>

const fresh = (): Broker => createBroker({ clock: new ManualClock() })
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value))

const WHOLE_BROKER_KEYS = [
  'rabbit_version',
  'rabbitmq_version',
  'product_name',
  'product_version',
  'users',
  'vhosts',
  'permissions',
  'topic_permissions',
  'parameters',
  'global_parameters',
  'policies',
  'queues',
  'exchanges',
  'bindings',
]
const SINGLE_VHOST_KEYS = [
  'rabbit_version',
  'rabbitmq_version',
  'product_name',
  'product_version',
  'parameters',
  'policies',
  'queues',
  'exchanges',
  'bindings',
]

/** A topology over AMQP plus kept sections: something of every kind the export writes. */
function richBroker(): TestBroker {
  const b = new TestBroker()
    .exchange('orders', 'topic', { durable: true })
    .exchange('dlx', 'fanout', { durable: true })
    .exchange('unrouted', 'fanout', { durable: true })
    .exchange('docs', 'headers', { durable: true, arguments: { 'alternate-exchange': 'unrouted' } })
    .exchange('inner', 'direct', { durable: true, internal: true })
    .queue('paid', { 'x-message-ttl': 60000, 'x-dead-letter-exchange': 'dlx' }, { durable: true })
    .quorum('payments', { 'x-delivery-limit': 5 })
    .queue('dead', {}, { durable: true })
    .queue('lost', {}, { durable: true })
    .queue('pdfs', {}, { durable: true })
    .queue('transient', {}, { durable: false, autoDelete: true })
    .bind('orders', 'paid', 'order.paid')
    .bind('orders', 'payments', 'order.*')
    .bind('dlx', 'dead')
    .bind('unrouted', 'lost')
    .bind('docs', 'pdfs', '', { 'x-match': 'all', format: 'pdf' })
    .bind('amq.topic', 'paid', 'legacy.#')
    .bindExchange('orders', 'inner', 'order.#')
  b.broker.vhosts
    .get('/')!
    .setPolicy({
      name: 'cap everything',
      pattern: '.*',
      applyTo: 'queues',
      priority: 0,
      definition: { 'max-length': 10000 },
    })
  importDefinitions(b.broker, {
    users: [
      {
        name: 'app',
        password_hash: 'kI3GCqW5JLMJa4iX1lo7X4D6XbYqlLgxIs30+P6tENUV2POR',
        hashing_algorithm: 'rabbit_password_hashing_sha256',
        tags: ['management'],
        limits: {},
      },
    ],
    vhosts: [{ name: '/', limits: [], metadata: { description: 'Default virtual host', tags: [] } }],
    permissions: [{ user: 'app', vhost: '/', configure: '.*', write: '.*', read: '.*' }],
    topic_permissions: [{ user: 'app', vhost: '/', exchange: 'amq.topic', write: '.*', read: '.*' }],
    parameters: [{ value: { uri: 'amqp://upstream' }, vhost: '/', component: 'federation-upstream', name: 'up' }],
    global_parameters: [{ name: 'cluster_name', value: 'rabbit@warren' }],
  })
  return b
}

describe('definitions export: whole-broker shape', () => {
  it('has exactly the top-level keys RabbitMQ writes', () => {
    expect(Object.keys(exportDefinitions(fresh()))).toEqual(WHOLE_BROKER_KEYS)
    expect(Object.keys(exportDefinitions(richBroker().broker))).toEqual(WHOLE_BROKER_KEYS)
  })

  it('a fresh broker exports the default vhost and nothing else', () => {
    const doc = exportDefinitions(fresh()) as Json
    expect(doc).toMatchObject({
      product_name: 'RabbitMQ',
      users: [],
      permissions: [],
      topic_permissions: [],
      parameters: [],
      global_parameters: [],
      policies: [],
      queues: [],
      exchanges: [],
      bindings: [],
    })
    expect(doc.vhosts).toEqual([{ name: '/', limits: [], metadata: { description: 'Default virtual host', tags: [] } }])
    expect(typeof doc.rabbit_version).toBe('string')
    expect(doc.rabbitmq_version).toBe(doc.rabbit_version)
    expect(doc.product_version).toBe(doc.rabbit_version)
  })

  it("writes each entry with RabbitMQ's fields and a vhost field", () => {
    const doc = exportDefinitions(richBroker().broker) as Json
    expect(doc.queues.find((q: Json) => q.name === 'paid')).toEqual({
      name: 'paid',
      vhost: '/',
      durable: true,
      auto_delete: false,
      arguments: { 'x-message-ttl': 60000, 'x-dead-letter-exchange': 'dlx' },
      type: 'classic',
    })
    expect(doc.queues.find((q: Json) => q.name === 'payments')).toEqual({
      name: 'payments',
      vhost: '/',
      durable: true,
      auto_delete: false,
      arguments: { 'x-queue-type': 'quorum', 'x-delivery-limit': 5 },
      type: 'quorum',
    })
    expect(doc.exchanges.find((x: Json) => x.name === 'docs')).toEqual({
      name: 'docs',
      vhost: '/',
      type: 'headers',
      durable: true,
      auto_delete: false,
      internal: false,
      arguments: { 'alternate-exchange': 'unrouted' },
    })
    expect(doc.exchanges.find((x: Json) => x.name === 'inner')).toMatchObject({ internal: true })
    expect(doc.bindings).toContainEqual({
      source: 'docs',
      vhost: '/',
      destination: 'pdfs',
      destination_type: 'queue',
      routing_key: '',
      arguments: { 'x-match': 'all', format: 'pdf' },
    })
    expect(doc.bindings).toContainEqual({
      source: 'orders',
      vhost: '/',
      destination: 'inner',
      destination_type: 'exchange',
      routing_key: 'order.#',
      arguments: {},
    })
    expect(doc.policies).toEqual([
      {
        vhost: '/',
        name: 'cap everything',
        pattern: '.*',
        'apply-to': 'queues',
        definition: { 'max-length': 10000 },
        priority: 0,
      },
    ])
  })

  it('leaves out exclusive queues and their bindings', () => {
    const b = new TestBroker()
      .exchange('x', 'fanout', { durable: true })
      .queue('mine', {}, { exclusive: true })
      .queue('shared', {}, { durable: true })
      .bind('x', 'mine')
      .bind('x', 'shared')
    const doc = exportDefinitions(b.broker) as Json
    expect(doc.queues.map((q: Json) => q.name)).toEqual(['shared'])
    expect(doc.bindings.map((x: Json) => x.destination)).toEqual(['shared'])
  })

  it('leaves out the default exchange and the amq.* exchanges', () => {
    const doc = exportDefinitions(richBroker().broker) as Json
    const names = doc.exchanges.map((x: Json) => x.name)
    expect(names).not.toContain('')
    expect(names.filter((n: string) => n.startsWith('amq.'))).toEqual([])
    expect(names.sort()).toEqual(['dlx', 'docs', 'inner', 'orders', 'unrouted'])
  })

  it("keeps bindings from amq.* exchanges to the user's queues, and writes no default-exchange bindings", () => {
    const doc = exportDefinitions(richBroker().broker) as Json
    expect(doc.bindings).toContainEqual({
      source: 'amq.topic',
      vhost: '/',
      destination: 'paid',
      destination_type: 'queue',
      routing_key: 'legacy.#',
      arguments: {},
    })
    expect(doc.bindings.filter((x: Json) => x.source === '')).toEqual([])
  })

  it('writes every vhost, each with limits and metadata', () => {
    const broker = fresh()
    importDefinitions(broker, {
      vhosts: [{ name: 'billing', description: 'Billing', tags: ['prod'] }],
      queues: [{ name: 'q', vhost: 'billing', durable: true, auto_delete: false, arguments: {} }],
    })
    const doc = exportDefinitions(broker) as Json
    expect(doc.vhosts.map((v: Json) => v.name).sort()).toEqual(['/', 'billing'])
    for (const v of doc.vhosts) expect(Object.keys(v).sort()).toEqual(['limits', 'metadata', 'name'])
    expect(doc.queues).toEqual([
      { name: 'q', vhost: 'billing', durable: true, auto_delete: false, arguments: {}, type: 'classic' },
    ])
  })

  it("user entries carry only RabbitMQ's user fields", () => {
    const doc = exportDefinitions(richBroker().broker) as Json
    for (const user of doc.users)
      expect(Object.keys(user).sort()).toEqual(['hashing_algorithm', 'limits', 'name', 'password_hash', 'tags'])
  })
})

describe('definitions export: single-vhost shape', () => {
  it('has the keys of GET /api/definitions/{vhost}: no users, vhosts or permissions', () => {
    const doc = exportVhostDefinitions(richBroker().broker, '/')
    expect(Object.keys(doc)).toEqual(SINGLE_VHOST_KEYS)
    expect(doc).not.toHaveProperty('users')
    expect(doc).not.toHaveProperty('vhosts')
    expect(doc).not.toHaveProperty('permissions')
    expect(doc).not.toHaveProperty('topic_permissions')
    expect(doc).not.toHaveProperty('global_parameters')
  })

  it('no entry has a vhost field', () => {
    const doc = exportVhostDefinitions(richBroker().broker, '/') as Json
    for (const section of ['parameters', 'policies', 'queues', 'exchanges', 'bindings']) {
      expect(doc[section].length, section).toBeGreaterThan(0)
      for (const entry of doc[section]) expect(entry, section).not.toHaveProperty('vhost')
    }
  })

  it('holds only the named vhost', () => {
    const broker = fresh()
    importDefinitions(broker, {
      vhosts: [{ name: 'a' }, { name: 'b' }],
      queues: [
        { name: 'in-a', vhost: 'a', durable: true, auto_delete: false, arguments: {} },
        { name: 'in-b', vhost: 'b', durable: true, auto_delete: false, arguments: {} },
      ],
      parameters: [
        { value: { uri: 'amqp://a' }, vhost: 'a', component: 'federation-upstream', name: 'up' },
        { value: { uri: 'amqp://b' }, vhost: 'b', component: 'federation-upstream', name: 'up' },
      ],
    })
    const doc = exportVhostDefinitions(broker, 'b') as Json
    expect(doc.queues.map((q: Json) => q.name)).toEqual(['in-b'])
    expect(doc.parameters).toEqual([{ value: { uri: 'amqp://b' }, component: 'federation-upstream', name: 'up' }])
  })

  it('leaves out exclusive queues, the default exchange and amq.*', () => {
    const b = new TestBroker()
      .exchange('x', 'direct', { durable: true })
      .queue('mine', {}, { exclusive: true })
      .queue('shared', {}, { durable: true })
    const doc = exportVhostDefinitions(b.broker, '/') as Json
    expect(doc.queues.map((q: Json) => q.name)).toEqual(['shared'])
    expect(doc.exchanges.map((x: Json) => x.name)).toEqual(['x'])
  })
})

describe('definitions export: round trip', () => {
  it('export -> import into a fresh broker -> export gives the same whole-broker document', () => {
    const first = copy(exportDefinitions(richBroker().broker))
    const other = fresh()
    const result = importDefinitions(other, first)
    expect(result.warnings).toEqual([])
    expect(copy(exportDefinitions(other))).toEqual(first)
  })

  it('round-trips several vhosts, plugin exchanges and kept parameters', () => {
    const source = fresh()
    importDefinitions(source, {
      rabbit_version: '3.8.10+1551.gaf6c358.dirty',
      users: [
        {
          name: 'ops',
          password_hash: 'kI3GCqW5JLMJa4iX1lo7X4D6XbYqlLgxIs30+P6tENUV2POR',
          hashing_algorithm: 'rabbit_password_hashing_sha256',
          tags: 'administrator,monitoring',
          limits: {},
        },
      ],
      vhosts: [
        { name: '/', limits: [], metadata: { description: 'Default virtual host', tags: [] } },
        { name: 'shop', limits: [], metadata: { description: 'Shop', tags: ['prod'] } },
      ],
      permissions: [{ user: 'ops', vhost: 'shop', configure: '.*', write: '.*', read: '.*' }],
      parameters: [
        {
          value: { 'src-uri': 'amqp://', 'src-queue': 'a', 'dest-uri': 'amqp://b', 'dest-queue': 'a' },
          vhost: 'shop',
          component: 'shovel',
          name: 'move a',
        },
      ],
      global_parameters: [{ name: 'cluster_name', value: 'rabbit@shop' }],
      policies: [
        {
          vhost: 'shop',
          name: 'dlx all',
          pattern: '^(?!dead).*',
          'apply-to': 'queues',
          definition: { 'dead-letter-exchange': 'dead' },
          priority: 1,
        },
      ],
      exchanges: [
        {
          name: 'shards',
          vhost: 'shop',
          type: 'x-consistent-hash',
          durable: true,
          auto_delete: false,
          internal: false,
          arguments: {},
        },
        {
          name: 'dead',
          vhost: 'shop',
          type: 'fanout',
          durable: true,
          auto_delete: false,
          internal: false,
          arguments: {},
        },
        {
          name: 'events',
          vhost: '/',
          type: 'topic',
          durable: false,
          auto_delete: true,
          internal: false,
          arguments: {},
        },
      ],
      queues: [
        { name: 'shard-a', vhost: 'shop', durable: true, auto_delete: false, arguments: {} },
        { name: 'dead', vhost: 'shop', durable: true, auto_delete: false, arguments: { 'x-queue-type': 'quorum' } },
        { name: 'log', vhost: '/', durable: false, auto_delete: false, arguments: { 'x-max-length': 100 } },
      ],
      bindings: [
        {
          source: 'shards',
          vhost: 'shop',
          destination: 'shard-a',
          destination_type: 'queue',
          routing_key: '1',
          arguments: {},
        },
        {
          source: 'dead',
          vhost: 'shop',
          destination: 'dead',
          destination_type: 'queue',
          routing_key: '',
          arguments: {},
        },
        {
          source: 'events',
          vhost: '/',
          destination: 'log',
          destination_type: 'queue',
          routing_key: '#',
          arguments: {},
        },
      ],
    })
    const first = copy(exportDefinitions(source))
    const other = fresh()
    importDefinitions(other, first)
    expect(copy(exportDefinitions(other))).toEqual(first)
    // and a second hop changes nothing either
    const third = fresh()
    importDefinitions(third, copy(exportDefinitions(other)))
    expect(copy(exportDefinitions(third))).toEqual(first)
  })

  it('round-trips the single-vhost shape into another vhost', () => {
    const first = copy(exportVhostDefinitions(richBroker().broker, '/'))
    const other = fresh()
    importDefinitions(other, first, 'copy')
    expect(copy(exportVhostDefinitions(other, 'copy'))).toEqual(first)
  })
})
