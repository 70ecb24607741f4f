import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createBroker, ManualClock, type Broker } from '../../engine/index.ts'
import { DefinitionsError, importDefinitions } from '../../engine/definitions/import.ts'
import { exportDefinitions, exportVhostDefinitions } from '../../engine/definitions/export.ts'
import { TestBroker } from './test-broker.ts'

type Json = Record<string, any>

const fresh = (): Broker => createBroker({ clock: new ManualClock() })

/** A deep copy of the whole-broker export, so later changes cannot reach it. */
const snapshot = (broker: Broker): Json => JSON.parse(JSON.stringify(exportDefinitions(broker)))

const vhost = (broker: Broker, name = '/') => broker.vhosts.get(name)!
const queueOf = (broker: Broker, name: string, v = '/') => vhost(broker, v).queues.get(name)
const exchangeOf = (broker: Broker, name: string, v = '/') => vhost(broker, v).exchanges.get(name)
const exported = (broker: Broker, section: string): Json[] => exportDefinitions(broker)[section] as Json[]

/** Runs an import that must fail; returns the error. */
function rejected(broker: Broker, doc: unknown, target: string | null = null): DefinitionsError {
  try {
    importDefinitions(broker, doc, target)
  } catch (error) {
    expect(error).toBeInstanceOf(DefinitionsError)
    return error as DefinitionsError
  }
  throw new Error('expected the import to be rejected, but it succeeded')
}

/** A small, valid whole-broker document in vhost "/". */
function baseDoc(): Json {
  return {
    rabbit_version: '3.10.8',
    rabbitmq_version: '3.10.8',
    exchanges: [
      { name: 'orders', vhost: '/', type: 'topic', durable: true, auto_delete: false, internal: false, arguments: {} },
    ],
    queues: [{ name: 'paid', vhost: '/', durable: true, auto_delete: false, arguments: { 'x-message-ttl': 1000 } }],
    bindings: [
      {
        source: 'orders',
        vhost: '/',
        destination: 'paid',
        destination_type: 'queue',
        routing_key: 'order.paid',
        arguments: {},
      },
    ],
  }
}

describe('definitions import: version fields', () => {
  const versions: [string, Json][] = [
    ['rabbit_version only, short form', { rabbit_version: '3.9' }],
    ['rabbitmq_version only, build suffix', { rabbitmq_version: '3.8.10+1551.gaf6c358.dirty' }],
    ['both, different forms', { rabbit_version: '3.6.15', rabbitmq_version: '3.8.10+1551.gaf6c358.dirty' }],
    ['neither', {}],
    ['product fields of 3.10+', { rabbitmq_version: '3.12.0', product_name: 'RabbitMQ', product_version: '3.12.0' }],
  ]
  for (const [label, header] of versions) {
    it(`accepts ${label}`, () => {
      const broker = fresh()
      const result = importDefinitions(broker, { ...header, ...baseDoc(), ...header })
      expect(result).toMatchObject({ exchanges: 1, queues: 1, bindings: 1 })
      expect(queueOf(broker, 'paid')).toBeDefined()
    })
  }
})

describe('definitions import: missing sections and partial files', () => {
  it('imports a file with only a queues section', () => {
    const broker = fresh()
    const result = importDefinitions(broker, {
      queues: [{ name: 'only', vhost: '/', durable: true, auto_delete: false, arguments: {} }],
    })
    expect(result).toMatchObject({ queues: 1, exchanges: 0, bindings: 0, policies: 0, warnings: [] })
    expect(queueOf(broker, 'only')).toBeDefined()
  })

  it('imports a file with only a version header: nothing changes', () => {
    const broker = fresh()
    const before = snapshot(broker)
    const result = importDefinitions(broker, { rabbit_version: '3.9' })
    expect(result).toMatchObject({ queues: 0, exchanges: 0, bindings: 0, policies: 0 })
    expect(snapshot(broker)).toEqual(before)
  })

  it('treats null sections as empty', () => {
    const broker = fresh()
    const result = importDefinitions(broker, {
      rabbit_version: '3.9',
      users: null,
      queues: null,
      bindings: null,
      policies: null,
    })
    expect(result).toMatchObject({ queues: 0, bindings: 0, policies: 0 })
  })

  it('reads the document from a JSON string', () => {
    const broker = fresh()
    importDefinitions(broker, JSON.stringify(baseDoc()))
    expect(queueOf(broker, 'paid')).toBeDefined()
  })

  it('layers a bindings-only file on the exchanges and queues of an earlier import', () => {
    const broker = fresh()
    importDefinitions(broker, {
      exchanges: [
        {
          name: 'orders',
          vhost: '/',
          type: 'direct',
          durable: true,
          auto_delete: false,
          internal: false,
          arguments: {},
        },
      ],
      queues: [{ name: 'paid', vhost: '/', durable: true, auto_delete: false, arguments: {} }],
    })
    const result = importDefinitions(broker, {
      bindings: [
        {
          source: 'orders',
          vhost: '/',
          destination: 'paid',
          destination_type: 'queue',
          routing_key: 'paid',
          arguments: {},
        },
      ],
    })
    expect(result.bindings).toBe(1)
    expect(result.warnings).toEqual([])
    expect(exchangeOf(broker, 'orders')!.outgoing.map((b) => b.destination)).toEqual(['paid'])
  })

  it('layers a policies-only file on queues that already exist', () => {
    const broker = fresh()
    importDefinitions(broker, {
      queues: [{ name: 'jobs', vhost: '/', durable: true, auto_delete: false, arguments: {} }],
    })
    importDefinitions(broker, {
      policies: [
        {
          vhost: '/',
          name: 'cap',
          pattern: '^jobs$',
          'apply-to': 'queues',
          definition: { 'max-length': 3 },
          priority: 0,
        },
      ],
    })
    expect(queueOf(broker, 'jobs')!.settings.maxLength).toBe(3)
  })

  it('layers onto topology declared over AMQP', () => {
    const b = new TestBroker().exchange('events', 'fanout').queue('audit')
    const result = importDefinitions(b.broker, {
      bindings: [
        {
          source: 'events',
          vhost: '/',
          destination: 'audit',
          destination_type: 'queue',
          routing_key: '',
          arguments: {},
        },
      ],
    })
    expect(result.warnings).toEqual([])
    b.publish('events', 'x', 'hello')
    expect(b.drain('audit')).toEqual(['hello'])
  })

  it('imports a single-vhost document (no vhost fields) into the target vhost', () => {
    const broker = fresh()
    const { vhost: _v, ...q } = { name: 'jobs', vhost: '/', durable: true, auto_delete: false, arguments: {} }
    const result = importDefinitions(broker, { rabbit_version: '3.10.8', queues: [q] }, 'staging')
    expect(result.vhosts).toContain('staging')
    expect(queueOf(broker, 'jobs', 'staging')).toBeDefined()
    expect(queueOf(broker, 'jobs', '/')).toBeUndefined()
  })
})

describe('definitions import: users', () => {
  const userOf = (broker: Broker, name: string) => exported(broker, 'users').find((u) => u.name === name)!

  it('reads tags given as a comma-separated string', () => {
    const broker = fresh()
    importDefinitions(broker, {
      users: [
        {
          name: 'ops',
          password_hash: 'abc=',
          hashing_algorithm: 'rabbit_password_hashing_sha256',
          tags: 'administrator,monitoring',
        },
      ],
    })
    expect(userOf(broker, 'ops').tags).toEqual(['administrator', 'monitoring'])
  })

  it('reads tags given as a comma-separated string with spaces', () => {
    const broker = fresh()
    importDefinitions(broker, {
      users: [
        {
          name: 'ops',
          password_hash: 'abc=',
          hashing_algorithm: 'rabbit_password_hashing_sha256',
          tags: 'administrator, management',
        },
      ],
    })
    expect(userOf(broker, 'ops').tags).toEqual(['administrator', 'management'])
  })

  it('reads a single tag string and an empty tag string', () => {
    const broker = fresh()
    importDefinitions(broker, {
      users: [
        {
          name: 'admin',
          password_hash: 'abc=',
          hashing_algorithm: 'rabbit_password_hashing_sha256',
          tags: 'administrator',
        },
        { name: 'app', password_hash: 'abc=', hashing_algorithm: 'rabbit_password_hashing_sha256', tags: '' },
      ],
    })
    expect(userOf(broker, 'admin').tags).toEqual(['administrator'])
    expect(userOf(broker, 'app').tags).toEqual([])
  })

  it('reads tags given as an array', () => {
    const broker = fresh()
    importDefinitions(broker, {
      users: [
        {
          name: 'ops',
          password_hash: 'abc=',
          hashing_algorithm: 'rabbit_password_hashing_sha256',
          tags: ['administrator', 'policymaker'],
        },
      ],
    })
    expect(userOf(broker, 'ops').tags).toEqual(['administrator', 'policymaker'])
  })

  it('keeps password_hash and hashing_algorithm as given', () => {
    const broker = fresh()
    importDefinitions(broker, {
      users: [
        {
          name: 'ops',
          password_hash: 'kI3GCqW5JLMJa4iX1lo7X4D6XbYqlLgxIs30+P6tENUV2POR',
          hashing_algorithm: 'rabbit_password_hashing_sha256',
          tags: [],
          limits: {},
        },
      ],
    })
    expect(userOf(broker, 'ops')).toMatchObject({
      name: 'ops',
      password_hash: 'kI3GCqW5JLMJa4iX1lo7X4D6XbYqlLgxIs30+P6tENUV2POR',
      hashing_algorithm: 'rabbit_password_hashing_sha256',
      tags: [],
      limits: {},
    })
  })

  it('a password_hash without hashing_algorithm from a 3.5 file exports as MD5 (what RabbitMQ assumed for it)', () => {
    // rabbit_auth_backend_internal:hashing_algorithm/2: no algorithm and a 3.0-3.5 version means MD5;
    // Warren exports as 3.10.8, so the algorithm must be written out or a real broker would read it as SHA-256.
    const broker = fresh()
    const result = importDefinitions(broker, {
      rabbit_version: '3.5.7',
      users: [{ name: 'old', password_hash: 'q1w2e3r4t5y6u7i8o9p0a1s2d3f=', tags: '' }],
    })
    expect(result.warnings).toEqual([])
    expect(userOf(broker, 'old')).toMatchObject({
      password_hash: 'q1w2e3r4t5y6u7i8o9p0a1s2d3f=',
      hashing_algorithm: 'rabbit_password_hashing_md5',
    })
  })

  it('a password_hash without hashing_algorithm from a recent file exports with the default (SHA-256)', () => {
    const broker = fresh()
    importDefinitions(broker, {
      rabbit_version: '3.8.9',
      users: [{ name: 'app', password_hash: 'kI3GCqW5JLMJa4iX1lo7X4D6XbYqlLgxIs30+P6tENUV2POR', tags: [] }],
    })
    expect(userOf(broker, 'app')).toMatchObject({
      password_hash: 'kI3GCqW5JLMJa4iX1lo7X4D6XbYqlLgxIs30+P6tENUV2POR',
      hashing_algorithm: 'rabbit_password_hashing_sha256',
    })
  })

  it('a cleartext password is accepted and exported the way RabbitMQ exports users: hashed, never in clear', () => {
    const broker = fresh()
    importDefinitions(broker, { users: [{ name: 'dev', password: 's3cret', tags: 'management' }] })
    const user = userOf(broker, 'dev')
    expect(user).not.toHaveProperty('password')
    expect(user.hashing_algorithm).toBe('rabbit_password_hashing_sha256')
    // rabbit_password:hash/2: base64(salt(4 bytes) ++ sha256(salt ++ password))
    const raw = Buffer.from(String(user.password_hash), 'base64')
    expect(raw.length).toBe(36)
    const salt = raw.subarray(0, 4)
    const digest = createHash('sha256')
      .update(Buffer.concat([salt, Buffer.from('s3cret')]))
      .digest()
    expect(raw.subarray(4).equals(digest)).toBe(true)
  })

  it('user limits as {} and as [] are both accepted', () => {
    const broker = fresh()
    importDefinitions(broker, {
      users: [
        { name: 'a', password_hash: 'abc=', hashing_algorithm: 'rabbit_password_hashing_sha256', tags: [], limits: {} },
        { name: 'b', password_hash: 'abc=', hashing_algorithm: 'rabbit_password_hashing_sha256', tags: [], limits: [] },
      ],
    })
    expect(userOf(broker, 'a').limits).toEqual({})
    expect(userOf(broker, 'b')).toBeDefined()
  })
})

describe('definitions import: vhosts', () => {
  const vhostEntry = (broker: Broker, name: string) => exported(broker, 'vhosts').find((v) => v.name === name)!

  it('accepts limits as {} and as []', () => {
    const broker = fresh()
    const result = importDefinitions(broker, {
      vhosts: [
        { name: 'a', limits: {} },
        { name: 'b', limits: [] },
      ],
    })
    expect(result.vhosts).toEqual(expect.arrayContaining(['a', 'b']))
    expect(broker.vhosts.has('a')).toBe(true)
    expect(broker.vhosts.has('b')).toBe(true)
    expect(vhostEntry(broker, 'a')).toHaveProperty('limits')
    expect(vhostEntry(broker, 'b')).toHaveProperty('limits')
  })

  it('reads the description at top level (pre-3.8 shape)', () => {
    const broker = fresh()
    importDefinitions(broker, { vhosts: [{ name: 'billing', description: 'Billing services', tags: 'prod,eu' }] })
    expect(vhostEntry(broker, 'billing').metadata).toEqual({ description: 'Billing services', tags: ['prod', 'eu'] })
  })

  it('reads the description and tags from metadata (3.8+ shape)', () => {
    const broker = fresh()
    importDefinitions(broker, {
      vhosts: [{ name: 'billing', limits: [], metadata: { description: 'Billing services', tags: ['prod'] } }],
    })
    expect(vhostEntry(broker, 'billing').metadata).toEqual({ description: 'Billing services', tags: ['prod'] })
  })

  it('prefers the top-level description over metadata, as rabbit_definitions:add_vhost does', () => {
    const broker = fresh()
    importDefinitions(broker, { vhosts: [{ name: 'v', description: 'top', metadata: { description: 'meta' } }] })
    expect(vhostEntry(broker, 'v').metadata.description).toBe('top')
  })

  it('a vhost with no description or metadata at all', () => {
    const broker = fresh()
    importDefinitions(broker, { vhosts: [{ name: 'bare' }] })
    expect(vhostEntry(broker, 'bare')).toMatchObject({ name: 'bare', metadata: { description: '', tags: [] } })
  })

  it('entities land in the vhost they name', () => {
    const broker = fresh()
    importDefinitions(broker, {
      vhosts: [{ name: 'a' }, { name: 'b' }],
      queues: [
        { name: 'q', vhost: 'a', durable: true, auto_delete: false, arguments: {} },
        { name: 'q', vhost: 'b', durable: true, auto_delete: false, arguments: { 'x-max-length': 7 } },
      ],
    })
    expect(queueOf(broker, 'q', 'a')!.settings.maxLength).toBeUndefined()
    expect(queueOf(broker, 'q', 'b')!.settings.maxLength).toBe(7)
    expect(queueOf(broker, 'q', '/')).toBeUndefined()
  })
})

describe('definitions import: queues', () => {
  it('x-queue-type is the source of truth: "type": "quorum" without the argument is a classic queue', () => {
    const broker = fresh()
    importDefinitions(broker, {
      queues: [{ name: 'q', vhost: '/', type: 'quorum', durable: true, auto_delete: false, arguments: {} }],
    })
    expect(queueOf(broker, 'q')!.settings.type).toBe('classic')
    expect(queueOf(broker, 'q')!.isQuorum).toBe(false)
    expect(exported(broker, 'queues')[0]).toMatchObject({ name: 'q', type: 'classic', arguments: {} })
  })

  it('x-queue-type quorum without a type field is a quorum queue', () => {
    const broker = fresh()
    importDefinitions(broker, {
      queues: [{ name: 'q', vhost: '/', durable: true, auto_delete: false, arguments: { 'x-queue-type': 'quorum' } }],
    })
    expect(queueOf(broker, 'q')!.isQuorum).toBe(true)
    expect(exported(broker, 'queues')[0]).toMatchObject({ type: 'quorum', arguments: { 'x-queue-type': 'quorum' } })
  })

  it('x-queue-type wins over a contradicting type field', () => {
    const broker = fresh()
    importDefinitions(broker, {
      queues: [
        {
          name: 'q',
          vhost: '/',
          type: 'classic',
          durable: true,
          auto_delete: false,
          arguments: { 'x-queue-type': 'quorum' },
        },
      ],
    })
    expect(queueOf(broker, 'q')!.isQuorum).toBe(true)
  })

  it('arguments and auto_delete may be missing', () => {
    const broker = fresh()
    const result = importDefinitions(broker, { queues: [{ name: 'q', vhost: '/', durable: true }] })
    expect(result.queues).toBe(1)
    const q = queueOf(broker, 'q')!
    expect(q.def).toMatchObject({ durable: true, autoDelete: false, exclusive: false, arguments: {} })
  })

  it('a queue named amq.* is skipped with a warning, as rabbit_definitions:add_queue_int skips it', () => {
    // A real broker's export can hold a non-exclusive server-named queue (amq.gen-...).
    const broker = fresh()
    const result = importDefinitions(broker, {
      queues: [
        { name: 'amq.gen-JzTY20BRgKO-HjmUJj0wLg', vhost: '/', durable: false, auto_delete: false, arguments: {} },
        { name: 'kept', vhost: '/', durable: true, auto_delete: false, arguments: {} },
      ],
    })
    expect(queueOf(broker, 'kept')).toBeDefined()
    expect(queueOf(broker, 'amq.gen-JzTY20BRgKO-HjmUJj0wLg')).toBeUndefined()
    expect(result.warnings.some((w) => w.includes('amq.gen-JzTY20BRgKO-HjmUJj0wLg'))).toBe(true)
  })
})

describe('definitions import: exchanges', () => {
  it('internal, arguments and auto_delete may be missing', () => {
    const broker = fresh()
    importDefinitions(broker, { exchanges: [{ name: 'x', vhost: '/', type: 'fanout', durable: true }] })
    expect(exchangeOf(broker, 'x')!.def).toMatchObject({
      type: 'fanout',
      durable: true,
      autoDelete: false,
      internal: false,
      arguments: {},
    })
    expect(exported(broker, 'exchanges')).toEqual([
      { name: 'x', vhost: '/', type: 'fanout', durable: true, auto_delete: false, internal: false, arguments: {} },
    ])
  })

  it('the default exchange and amq.* exchanges in a file are skipped with a warning', () => {
    const broker = fresh()
    const result = importDefinitions(broker, {
      exchanges: [
        { name: '', vhost: '/', type: 'direct', durable: true, auto_delete: false, internal: false, arguments: {} },
        {
          name: 'amq.direct',
          vhost: '/',
          type: 'direct',
          durable: true,
          auto_delete: false,
          internal: false,
          arguments: {},
        },
      ],
    })
    expect(result.exchanges).toBe(0)
    expect(result.warnings).toHaveLength(2)
  })

  it('keeps a plugin exchange type with a warning, and exports it back', () => {
    const broker = fresh()
    const result = importDefinitions(broker, {
      exchanges: [
        {
          name: 'shards',
          vhost: '/',
          type: 'x-consistent-hash',
          durable: true,
          auto_delete: false,
          internal: false,
          arguments: {},
        },
        {
          name: 'later',
          vhost: '/',
          type: 'x-delayed-message',
          durable: true,
          auto_delete: false,
          internal: false,
          arguments: { 'x-delayed-type': 'direct' },
        },
      ],
      queues: [{ name: 'shard-1', vhost: '/', durable: true, auto_delete: false, arguments: {} }],
      bindings: [
        {
          source: 'shards',
          vhost: '/',
          destination: 'shard-1',
          destination_type: 'queue',
          routing_key: '10',
          arguments: {},
        },
      ],
    })
    expect(result.exchanges).toBe(2)
    expect(result.bindings).toBe(1)
    expect(result.warnings.filter((w) => w.includes('x-consistent-hash'))).toHaveLength(1)
    expect(result.warnings.filter((w) => w.includes('x-delayed-message'))).toHaveLength(1)
    const exchanges = exported(broker, 'exchanges')
    expect(exchanges).toContainEqual({
      name: 'shards',
      vhost: '/',
      type: 'x-consistent-hash',
      durable: true,
      auto_delete: false,
      internal: false,
      arguments: {},
    })
    expect(exchanges).toContainEqual({
      name: 'later',
      vhost: '/',
      type: 'x-delayed-message',
      durable: true,
      auto_delete: false,
      internal: false,
      arguments: { 'x-delayed-type': 'direct' },
    })
    expect(exported(broker, 'bindings')).toContainEqual({
      source: 'shards',
      vhost: '/',
      destination: 'shard-1',
      destination_type: 'queue',
      routing_key: '10',
      arguments: {},
    })
  })
})

describe('definitions import: bindings', () => {
  it('arguments and routing_key may be missing', () => {
    const broker = fresh()
    importDefinitions(broker, {
      exchanges: [{ name: 'fan', vhost: '/', type: 'fanout', durable: true }],
      queues: [{ name: 'q', vhost: '/', durable: true }],
      bindings: [{ source: 'fan', vhost: '/', destination: 'q', destination_type: 'queue' }],
    })
    expect(exported(broker, 'bindings')).toEqual([
      { source: 'fan', vhost: '/', destination: 'q', destination_type: 'queue', routing_key: '', arguments: {} },
    ])
  })

  it('exchange-to-exchange bindings are imported', () => {
    const b = new TestBroker()
    importDefinitions(b.broker, {
      exchanges: [
        { name: 'in', vhost: '/', type: 'fanout', durable: true },
        { name: 'out', vhost: '/', type: 'direct', durable: true },
      ],
      queues: [{ name: 'q', vhost: '/', durable: true }],
      bindings: [
        { source: 'in', vhost: '/', destination: 'out', destination_type: 'exchange', routing_key: '', arguments: {} },
        { source: 'out', vhost: '/', destination: 'q', destination_type: 'queue', routing_key: 'k', arguments: {} },
      ],
    })
    b.publish('in', 'k', 'm')
    expect(b.drain('q')).toEqual(['m'])
  })

  it('a binding whose source exchange does not exist is skipped and reported as a warning', () => {
    const broker = fresh()
    const result = importDefinitions(broker, {
      queues: [{ name: 'q', vhost: '/', durable: true, auto_delete: false, arguments: {} }],
      bindings: [
        { source: 'ghost', vhost: '/', destination: 'q', destination_type: 'queue', routing_key: 'k', arguments: {} },
      ],
    })
    expect(result.bindings).toBe(0)
    expect(result.queues).toBe(1)
    expect(result.warnings.some((w) => w.includes('ghost'))).toBe(true)
    expect(exported(broker, 'bindings')).toEqual([])
  })

  it('a binding whose destination queue does not exist is skipped and reported as a warning', () => {
    const broker = fresh()
    const result = importDefinitions(broker, {
      exchanges: [
        { name: 'x', vhost: '/', type: 'direct', durable: true, auto_delete: false, internal: false, arguments: {} },
      ],
      bindings: [
        { source: 'x', vhost: '/', destination: 'missing', destination_type: 'queue', routing_key: 'k', arguments: {} },
      ],
    })
    expect(result.bindings).toBe(0)
    expect(result.warnings.some((w) => w.includes('missing'))).toBe(true)
  })
})

describe('definitions import: policies and parameters', () => {
  it('policy names may contain spaces', () => {
    const broker = fresh()
    importDefinitions(broker, {
      queues: [{ name: 'jobs', vhost: '/', durable: true, auto_delete: false, arguments: {} }],
      policies: [
        {
          vhost: '/',
          name: 'TTL for jobs',
          pattern: '^jobs$',
          'apply-to': 'queues',
          definition: { 'message-ttl': 5000 },
          priority: 1,
        },
      ],
    })
    expect(vhost(broker).policies.has('TTL for jobs')).toBe(true)
    expect(queueOf(broker, 'jobs')!.settings.messageTtl).toBe(5000)
    expect(exported(broker, 'policies')).toEqual([
      {
        vhost: '/',
        name: 'TTL for jobs',
        pattern: '^jobs$',
        'apply-to': 'queues',
        definition: { 'message-ttl': 5000 },
        priority: 1,
      },
    ])
  })

  it('apply-to and priority may be missing (all, 0)', () => {
    const broker = fresh()
    importDefinitions(broker, {
      policies: [{ vhost: '/', name: 'p', pattern: '.*', definition: { 'max-length': 10 } }],
    })
    expect(vhost(broker).policies.get('p')).toMatchObject({ applyTo: 'all', priority: 0 })
  })

  it('keeps policy keys Warren does not simulate (HA, federation) and exports them back', () => {
    const broker = fresh()
    const definition = { 'ha-mode': 'exactly', 'ha-params': 2, 'federation-upstream-set': 'all' }
    importDefinitions(broker, {
      policies: [{ vhost: '/', name: 'ha fed', pattern: '^fed\\.', 'apply-to': 'all', definition, priority: 0 }],
    })
    expect(exported(broker, 'policies')[0].definition).toEqual(definition)
  })

  it('keeps federation and shovel parameters and global parameters, and exports them back', () => {
    const broker = fresh()
    const parameters = [
      {
        value: { uri: 'amqp://upstream.example', 'ack-mode': 'on-confirm', 'trust-user-id': false },
        vhost: '/',
        component: 'federation-upstream',
        name: 'origin',
      },
      {
        value: {
          'src-protocol': 'amqp091',
          'src-uri': 'amqp://',
          'src-queue': 'old',
          'dest-protocol': 'amqp091',
          'dest-uri': 'amqp://remote',
          'dest-queue': 'new',
        },
        vhost: '/',
        component: 'shovel',
        name: 'move old',
      },
      { value: [{ upstream: 'origin' }], vhost: '/', component: 'federation-upstream-set', name: 'set' },
    ]
    const globals = [
      { name: 'cluster_name', value: 'rabbit@prod-1' },
      { name: 'internal_cluster_id', value: 'rabbitmq-cluster-id-abc' },
    ]
    importDefinitions(broker, { rabbit_version: '3.9.13', parameters, global_parameters: globals })
    expect(exported(broker, 'parameters')).toEqual(parameters)
    expect(exported(broker, 'global_parameters')).toEqual(globals)
    expect(exportVhostDefinitions(broker, '/').parameters).toEqual(parameters.map(({ vhost: _v, ...rest }) => rest))
  })
})

describe('definitions import: dangling references', () => {
  it('a permission for a user missing from the file and the broker is reported as a warning', () => {
    const broker = fresh()
    const result = importDefinitions(broker, {
      permissions: [{ user: 'nobody', vhost: '/', configure: '.*', write: '.*', read: '.*' }],
    })
    expect(result.warnings.some((w) => w.includes('nobody'))).toBe(true)
  })

  it('a permission for a user defined in the same file is not reported', () => {
    const broker = fresh()
    const result = importDefinitions(broker, {
      users: [{ name: 'app', password_hash: 'abc=', hashing_algorithm: 'rabbit_password_hashing_sha256', tags: [] }],
      permissions: [{ user: 'app', vhost: '/', configure: '.*', write: '.*', read: '.*' }],
    })
    expect(result.warnings).toEqual([])
  })

  it('a permission layered on a user imported earlier is not reported', () => {
    const broker = fresh()
    importDefinitions(broker, {
      users: [{ name: 'app', password_hash: 'abc=', hashing_algorithm: 'rabbit_password_hashing_sha256', tags: [] }],
    })
    const result = importDefinitions(broker, {
      permissions: [{ user: 'app', vhost: '/', configure: '.*', write: '.*', read: '.*' }],
    })
    expect(result.warnings).toEqual([])
  })
})

describe('definitions import: atomic rejection', () => {
  /** A broker with some state, and a check that an import left it exactly as it was. */
  function untouched(doc: Json, entry: RegExp, reason: RegExp) {
    const b = new TestBroker()
      .exchange('existing', 'direct')
      .queue('kept', { 'x-max-length': 3 })
      .bind('existing', 'kept', 'k')
    importDefinitions(b.broker, {
      users: [{ name: 'u', password_hash: 'abc=', hashing_algorithm: 'rabbit_password_hashing_sha256', tags: [] }],
    })
    const before = snapshot(b.broker)
    const vhostsBefore = [...b.broker.vhosts.keys()]
    let error: unknown = null
    try {
      importDefinitions(b.broker, doc)
    } catch (thrown) {
      error = thrown
    }
    expect(error, 'the import should have been rejected').not.toBeNull()
    // The broker first: an import that failed half-way must not have changed anything.
    expect(snapshot(b.broker)).toEqual(before)
    expect([...b.broker.vhosts.keys()]).toEqual(vhostsBefore)
    expect(error).toBeInstanceOf(DefinitionsError)
    expect((error as Error).message).toMatch(entry)
    expect((error as Error).message).toMatch(reason)
  }

  /** Valid entries in every section around the bad one, so a partial apply would show. */
  const around = (bad: Json): Json => ({
    rabbit_version: '3.10.8',
    users: [{ name: 'newuser', password_hash: 'abc=', hashing_algorithm: 'rabbit_password_hashing_sha256', tags: [] }],
    vhosts: [{ name: '/' }, { name: 'fresh-vhost' }],
    permissions: [{ user: 'newuser', vhost: '/', configure: '.*', write: '.*', read: '.*' }],
    parameters: [{ value: { uri: 'amqp://x' }, vhost: '/', component: 'federation-upstream', name: 'up' }],
    policies: [
      {
        vhost: '/',
        name: 'good',
        pattern: '^kept$',
        'apply-to': 'queues',
        definition: { 'max-length': 1 },
        priority: 0,
      },
      ...(bad.policies ?? []),
    ],
    exchanges: [
      { name: 'new-x', vhost: '/', type: 'headers', durable: true, auto_delete: false, internal: false, arguments: {} },
      ...(bad.exchanges ?? []),
    ],
    queues: [{ name: 'new-q', vhost: '/', durable: true, auto_delete: false, arguments: {} }, ...(bad.queues ?? [])],
    bindings: [
      {
        source: 'existing',
        vhost: '/',
        destination: 'new-q',
        destination_type: 'queue',
        routing_key: 'n',
        arguments: {},
      },
      ...(bad.bindings ?? []),
    ],
  })

  it('a queue with x-message-ttl -1', () => {
    untouched(
      around({
        queues: [
          { name: 'bad-ttl', vhost: '/', durable: true, auto_delete: false, arguments: { 'x-message-ttl': -1 } },
        ],
      }),
      /queues\[1\].*bad-ttl/,
      /x-message-ttl/,
    )
  })

  it('an exchange without a type', () => {
    untouched(
      around({
        exchanges: [
          { name: 'typeless', vhost: '/', durable: true, auto_delete: false, internal: false, arguments: {} },
        ],
      }),
      /exchanges\[1\].*typeless/,
      /type/,
    )
  })

  it('a headers binding with x-match "foo"', () => {
    untouched(
      around({
        bindings: [
          {
            source: 'new-x',
            vhost: '/',
            destination: 'new-q',
            destination_type: 'queue',
            routing_key: '',
            arguments: { 'x-match': 'foo', format: 'pdf' },
          },
        ],
      }),
      /bindings\[1\]/,
      /x-match/,
    )
  })

  it('a headers binding with x-match "foo" on a headers exchange that already exists', () => {
    untouched(
      around({
        bindings: [
          {
            source: 'amq.headers',
            vhost: '/',
            destination: 'kept',
            destination_type: 'queue',
            routing_key: '',
            arguments: { 'x-match': 'foo' },
          },
        ],
      }),
      /bindings\[1\]/,
      /x-match/,
    )
  })

  it('a policy with an invalid regular expression', () => {
    untouched(
      around({
        policies: [
          {
            vhost: '/',
            name: 'bad regex',
            pattern: '^orders.(',
            'apply-to': 'queues',
            definition: { 'message-ttl': 1 },
            priority: 0,
          },
        ],
      }),
      /policies\[1\].*bad regex/,
      /pattern|regular expression/,
    )
  })

  it('a policy with a negative message-ttl', () => {
    untouched(
      around({
        policies: [
          {
            vhost: '/',
            name: 'neg',
            pattern: '.*',
            'apply-to': 'queues',
            definition: { 'message-ttl': -5 },
            priority: 0,
          },
        ],
      }),
      /policies\[1\].*neg/,
      /message-ttl/,
    )
  })

  it('a queue with an unknown overflow behaviour', () => {
    untouched(
      around({
        queues: [{ name: 'of', vhost: '/', durable: true, auto_delete: false, arguments: { 'x-overflow': 'explode' } }],
      }),
      /queues\[1\].*of/,
      /x-overflow/,
    )
  })

  it('a non-durable quorum queue', () => {
    untouched(
      around({
        queues: [
          { name: 'qq', vhost: '/', durable: false, auto_delete: false, arguments: { 'x-queue-type': 'quorum' } },
        ],
      }),
      /queues\[1\].*qq/,
      /durable/,
    )
  })

  it('a quorum queue with x-max-priority (refused by a quorum queue declaration)', () => {
    untouched(
      around({
        queues: [
          {
            name: 'qq-prio',
            vhost: '/',
            durable: true,
            auto_delete: false,
            arguments: { 'x-queue-type': 'quorum', 'x-max-priority': 5 },
          },
        ],
      }),
      /queues\[1\].*qq-prio/,
      /x-max-priority/,
    )
  })

  it('a binding with an unknown destination_type', () => {
    untouched(
      around({
        bindings: [
          {
            source: 'existing',
            vhost: '/',
            destination: 'kept',
            destination_type: 'topic',
            routing_key: '',
            arguments: {},
          },
        ],
      }),
      /bindings\[1\]/,
      /destination_type/,
    )
  })

  it('a section that is not a list', () => {
    untouched({ queues: { name: 'q' } }, /queues/, /list/)
  })

  it('a document that is not JSON, or not an object', () => {
    const broker = fresh()
    expect(rejected(broker, '{"queues": [').message).toMatch(/JSON/)
    expect(rejected(broker, '[1, 2]').message).toMatch(/definitions/)
    expect(rejected(broker, 'null').message).toMatch(/definitions/)
    expect(rejected(broker, { hello: 'world' }).message).toMatch(/definitions/)
  })
})

describe('definitions import: merge rules', () => {
  it('an existing exchange wins: type and arguments are unchanged', () => {
    const b = new TestBroker()
      .exchange('ae', 'fanout')
      .exchange('x', 'direct', { arguments: { 'alternate-exchange': 'ae' } })
    const result = importDefinitions(b.broker, {
      exchanges: [
        {
          name: 'x',
          vhost: '/',
          type: 'topic',
          durable: false,
          auto_delete: true,
          internal: true,
          arguments: { 'alternate-exchange': 'other' },
        },
      ],
    })
    expect(result.exchanges).toBe(0)
    expect(exchangeOf(b.broker, 'x')!.def).toMatchObject({
      type: 'direct',
      durable: false,
      autoDelete: false,
      internal: false,
      arguments: { 'alternate-exchange': 'ae' },
    })
  })

  it('an existing queue wins: its arguments and messages are unchanged', () => {
    const b = new TestBroker().queue('q', { 'x-message-ttl': 1000 }, { durable: true })
    b.publish('', 'q', 'kept')
    const result = importDefinitions(b.broker, {
      queues: [
        {
          name: 'q',
          vhost: '/',
          durable: false,
          auto_delete: true,
          arguments: { 'x-message-ttl': 5, 'x-max-length': 1 },
        },
      ],
    })
    expect(result.queues).toBe(0)
    const q = queueOf(b.broker, 'q')!
    expect(q.def.arguments).toEqual({ 'x-message-ttl': 1000 })
    expect(q.def).toMatchObject({ durable: true, autoDelete: false })
    expect(q.settings.messageTtl).toBe(1000)
    expect(q.settings.maxLength).toBeUndefined()
    expect(b.depth('q')).toBe(1)
  })

  it('an existing queue wins over a conflicting queue type', () => {
    const b = new TestBroker().queue('q', {}, { durable: true })
    importDefinitions(b.broker, {
      queues: [{ name: 'q', vhost: '/', durable: true, auto_delete: false, arguments: { 'x-queue-type': 'quorum' } }],
    })
    expect(queueOf(b.broker, 'q')!.isQuorum).toBe(false)
  })

  it('an existing binding wins: importing it again adds nothing', () => {
    const b = new TestBroker().exchange('x', 'direct').queue('q').bind('x', 'q', 'k')
    const result = importDefinitions(b.broker, {
      bindings: [
        { source: 'x', vhost: '/', destination: 'q', destination_type: 'queue', routing_key: 'k', arguments: {} },
      ],
    })
    expect(result.warnings).toEqual([])
    expect(exchangeOf(b.broker, 'x')!.outgoing).toHaveLength(1)
    b.publish('x', 'k', 'once')
    expect(b.drain('q')).toEqual(['once'])
  })

  it('policies are overwritten', () => {
    const b = new TestBroker().queue('jobs')
    vhost(b.broker).setPolicy({
      name: 'limits',
      pattern: '^jobs$',
      applyTo: 'queues',
      priority: 0,
      definition: { 'max-length': 100 },
    })
    importDefinitions(b.broker, {
      policies: [
        {
          vhost: '/',
          name: 'limits',
          pattern: '^jobs$',
          'apply-to': 'queues',
          definition: { 'max-length': 2 },
          priority: 5,
        },
      ],
    })
    expect(vhost(b.broker).policies.get('limits')).toMatchObject({ priority: 5, definition: { 'max-length': 2 } })
    expect(queueOf(b.broker, 'jobs')!.settings.maxLength).toBe(2)
  })

  it('users, permissions, topic permissions and parameters are overwritten', () => {
    const broker = fresh()
    importDefinitions(broker, {
      users: [
        {
          name: 'app',
          password_hash: 'old=',
          hashing_algorithm: 'rabbit_password_hashing_sha256',
          tags: ['management'],
        },
      ],
      permissions: [{ user: 'app', vhost: '/', configure: '.*', write: '.*', read: '.*' }],
      topic_permissions: [{ user: 'app', vhost: '/', exchange: 'amq.topic', write: '.*', read: '.*' }],
      parameters: [{ value: { uri: 'amqp://old' }, vhost: '/', component: 'federation-upstream', name: 'up' }],
      global_parameters: [{ name: 'cluster_name', value: 'old' }],
    })
    importDefinitions(broker, {
      users: [
        {
          name: 'app',
          password_hash: 'new=',
          hashing_algorithm: 'rabbit_password_hashing_sha256',
          tags: ['administrator'],
        },
      ],
      permissions: [{ user: 'app', vhost: '/', configure: '', write: '^out$', read: '^in$' }],
      topic_permissions: [{ user: 'app', vhost: '/', exchange: 'amq.topic', write: '^a', read: '^b' }],
      parameters: [{ value: { uri: 'amqp://new' }, vhost: '/', component: 'federation-upstream', name: 'up' }],
      global_parameters: [{ name: 'cluster_name', value: 'new' }],
    })
    const doc = exportDefinitions(broker) as Json
    expect(doc.users).toHaveLength(1)
    expect(doc.users[0]).toMatchObject({ name: 'app', password_hash: 'new=', tags: ['administrator'] })
    expect(doc.permissions).toEqual([{ user: 'app', vhost: '/', configure: '', write: '^out$', read: '^in$' }])
    expect(doc.topic_permissions).toEqual([{ user: 'app', vhost: '/', exchange: 'amq.topic', write: '^a', read: '^b' }])
    expect(doc.parameters).toEqual([
      { value: { uri: 'amqp://new' }, vhost: '/', component: 'federation-upstream', name: 'up' },
    ])
    expect(doc.global_parameters).toEqual([{ name: 'cluster_name', value: 'new' }])
  })

  it('a new import adds to the existing state rather than replacing it', () => {
    const broker = fresh()
    importDefinitions(broker, baseDoc())
    importDefinitions(broker, {
      queues: [{ name: 'second', vhost: '/', durable: true, auto_delete: false, arguments: {} }],
    })
    expect(
      exported(broker, 'queues')
        .map((q) => q.name)
        .sort(),
    ).toEqual(['paid', 'second'])
    expect(exported(broker, 'bindings')).toHaveLength(1)
  })

  it('the result counts only what was created', () => {
    const broker = fresh()
    expect(importDefinitions(broker, baseDoc())).toMatchObject({ exchanges: 1, queues: 1, bindings: 1 })
    const again = importDefinitions(broker, baseDoc())
    expect(again).toMatchObject({ exchanges: 0, queues: 0 })
  })
})

// Recorded from RabbitMQ 3.10.8 (tests/rabbitmq/start.sh node): export_definitions writes operator policies as
// parameters of the component operator_policy; import_definitions applies such a parameter when its definition is
// an object, and refuses "definition must be a dictionary" for the list of pairs its own export writes, and
// "are not recognised policy settings" for a key an operator policy cannot hold.
describe('definitions import: operator policies', () => {
  const operatorPolicy = (name: string, definition: unknown, extra: Record<string, unknown> = {}) => ({
    component: 'operator_policy',
    name,
    vhost: '/',
    value: { 'apply-to': 'queues', definition, pattern: '^a', priority: 1 },
    ...extra,
  })

  it('applies an operator_policy parameter as an operator policy and exports it back as one', () => {
    const broker = fresh()
    const result = importDefinitions(broker, {
      queues: [{ name: 'a1', vhost: '/', durable: true, arguments: {} }],
      parameters: [operatorPolicy('op-obj', { 'message-ttl': 5000 })],
    })
    expect(result.policies).toBe(1)
    expect([...vhost(broker).operatorPolicies.values()]).toEqual([
      { name: 'op-obj', pattern: '^a', applyTo: 'queues', priority: 1, definition: { 'message-ttl': 5000 } },
    ])
    expect(vhost(broker).policies.size).toBe(0)
    expect(queueOf(broker, 'a1')!.settings.messageTtl).toBe(5000)
    expect(exported(broker, 'parameters')).toEqual([operatorPolicy('op-obj', { 'message-ttl': 5000 })])
    expect(exportVhostDefinitions(broker, '/').parameters).toEqual([
      {
        component: 'operator_policy',
        name: 'op-obj',
        value: { 'apply-to': 'queues', definition: { 'message-ttl': 5000 }, pattern: '^a', priority: 1 },
      },
    ])
    vhost(broker).clearPolicy('op-obj', true)
    expect(exported(broker, 'parameters')).toEqual([])
  })

  it('refuses the whole file for an operator policy whose definition is a list of pairs, as RabbitMQ 3.10 exports it', () => {
    const broker = fresh()
    const doc = {
      queues: [{ name: 'a1', vhost: '/', durable: true, arguments: {} }],
      parameters: [
        operatorPolicy('op-limit', [
          ['expires', 60000],
          ['max-length', 10],
        ]),
      ],
    }
    expect(() => importDefinitions(broker, doc)).toThrow('parameters[0] "op-limit": definition must be a dictionary')
    expect(vhost(broker).queues.size).toBe(0)
    expect(vhost(broker).operatorPolicies.size).toBe(0)
  })

  it('refuses the whole file for an operator policy with a key RabbitMQ does not take in one', () => {
    const broker = fresh()
    const doc = {
      parameters: [
        operatorPolicy('op-obj', { 'message-ttl': 5000 }),
        operatorPolicy('op-bad', { 'queue-mode': 'lazy' }),
      ],
    }
    expect(() => importDefinitions(broker, doc)).toThrow(
      `parameters[1] "op-bad": operator policy 'op-bad': 'queue-mode' are not recognised policy settings`,
    )
    expect(vhost(broker).operatorPolicies.size).toBe(0)
  })

  it('puts the operator policies of a single-vhost file into the target vhost', () => {
    const broker = fresh()
    const { vhost: _v, ...withoutVhost } = operatorPolicy('op', { 'max-length': 3 })
    importDefinitions(broker, { parameters: [withoutVhost] }, 'shop')
    expect([...broker.vhosts.get('shop')!.operatorPolicies.keys()]).toEqual(['op'])
  })
})
