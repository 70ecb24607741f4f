// What goes to IndexedDB and what comes back: a broker node over one database, stopped gracefully
// (commit first) or crashed (whatever was not committed is lost), then started again from disk.

import { IDBFactory } from 'fake-indexeddb'
import { beforeEach, describe, expect, it } from 'vitest'
import { createBroker, ManualClock } from '../../engine/index.ts'
import type { Broker, Channel, Connection, ConnectionSink, Delivery, MessageProperties } from '../../engine/index.ts'
import { openDatabase, type WarrenDatabase, type WarrenDB } from '../../engine/persistence/db.ts'
import { recoverInto } from '../../engine/persistence/recover.ts'
import type { RecoveryReport } from '../../engine/persistence/recovery-report.ts'
import { IdbDurableLog } from '../../engine/persistence/store.ts'

const PERSISTENT: MessageProperties = { deliveryMode: 2 }
const TRANSIENT: MessageProperties = { deliveryMode: 1 }
const decoder = new TextDecoder()
const text = (body: string | Uint8Array) => (typeof body === 'string' ? body : decoder.decode(body))

let dbCount = 0

type Transaction = WarrenDatabase['transaction']

/**
 * Replaces db.transaction. idb wraps what the replacement returns a second time, with a second `done`
 * promise that the store awaits; the inner one is observed here so an aborted transaction does not
 * also report an unhandled rejection.
 */
function stubTransaction(
  db: WarrenDatabase,
  replacement: (real: Transaction, ...args: Parameters<Transaction>) => ReturnType<Transaction>,
): Transaction {
  const real = db.transaction.bind(db) as Transaction
  return ((...args: Parameters<Transaction>) => {
    const tx = replacement(real, ...args)
    tx.done.catch(() => {})
    return tx
  }) as Transaction
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory()
})

/** One broker node on one database; `restart` is a graceful stop and start, `crash` loses what was not committed. */
class Node {
  readonly deliveries: Delivery[] = []
  connection!: Connection
  ch!: Channel
  db!: WarrenDatabase
  log!: IdbDurableLog
  broker!: Broker
  report!: RecoveryReport
  transactions = 0

  private constructor(
    readonly name: string,
    readonly clock: ManualClock,
  ) {}

  static async start(): Promise<Node> {
    const node = new Node(`node-${++dbCount}`, new ManualClock(1_000_000))
    await node.open()
    return node
  }

  private async open(): Promise<void> {
    this.db = await openDatabase({ name: this.name })
    this.db.transaction = stubTransaction(this.db, (real, ...args) => {
      if (args[1] === 'readwrite') this.transactions++
      return real(...args)
    })
    this.log = new IdbDurableLog(this.db)
    this.broker = createBroker({ clock: this.clock, durable: this.log })
    this.report = recoverInto(this.broker, await this.log.load())
    const sink: ConnectionSink = {
      delivery: (_channel, delivery) => this.deliveries.push(delivery),
      returned: () => {},
      confirmed: () => {},
      cancelled: () => {},
      channelClosed: () => {},
      connectionClosed: () => {},
    }
    this.connection = this.broker.connect(sink)
    this.ch = this.connection.openChannel()
    this.ch.confirmSelect()
  }

  commit(): Promise<void> {
    return this.log.commit()
  }

  async restart(): Promise<void> {
    await this.commit()
    this.db.close()
    await this.open()
  }

  /** The worker dies: changes not yet committed never reach the disk. */
  async crash(): Promise<void> {
    this.db.close()
    await this.open()
  }

  publish(queue: string, body: string, properties = PERSISTENT) {
    return this.ch.publish('', queue, body, properties, false)
  }

  /** Every ready message of `queue` (taken with basic.get, no ack) as [body, redelivered]. */
  drain(queue: string): [string, boolean][] {
    const ch = this.connection.openChannel()
    const out: [string, boolean][] = []
    for (let m = ch.get(queue, true); m; m = ch.get(queue, true)) out.push([text(m.body), m.redelivered])
    ch.close()
    return out
  }

  bodies(queue: string): string[] {
    return this.drain(queue).map(([body]) => body)
  }

  async raw<S extends 'exchanges' | 'queues' | 'bindings' | 'messages' | 'marks' | 'policies'>(
    store: S,
  ): Promise<{ key: WarrenDB[S]['key']; value: unknown }[]> {
    const keys = (await this.db.getAllKeys(store)) as WarrenDB[S]['key'][]
    const values = await this.db.getAll(store)
    return keys.map((key, i) => ({ key, value: values[i] }))
  }

  queueNames(): string[] {
    return [...this.broker.vhosts.get('/')!.queues.keys()].sort()
  }
}

describe('what is stored', () => {
  it('stores durable exchanges, queues and bindings, and persistent messages in durable queues only', async () => {
    const n = await Node.start()
    n.ch.exchangeDeclare({ exchange: 'dx', type: 'direct', durable: true })
    n.ch.exchangeDeclare({ exchange: 'tx', type: 'direct', durable: false })
    n.ch.queueDeclare({ queue: 'dq', durable: true })
    n.ch.queueDeclare({ queue: 'tq', durable: false })
    n.ch.queueDeclare({ queue: 'xq', durable: true, exclusive: true })
    n.ch.queueBind('dq', 'dx', 'k')
    n.ch.queueBind('tq', 'dx', 'k') // to a non-durable queue
    n.ch.queueBind('dq', 'tx', 'k') // from a non-durable exchange
    n.ch.publish('dx', 'k', 'persistent', PERSISTENT, false) // reaches dq (stored) and tq (not)
    n.publish('dq', 'transient', TRANSIENT)
    n.publish('dq', 'no delivery mode', {})
    n.publish('tq', 'persistent in a transient queue')
    n.publish('xq', 'persistent in an exclusive queue')
    await n.commit()

    expect((await n.raw('exchanges')).map((r) => r.key)).toEqual([['/', 'dx']])
    expect((await n.raw('queues')).map((r) => r.key)).toEqual([['/', 'dq']])
    expect((await n.raw('bindings')).map((r) => r.key.slice(0, 5))).toEqual([['/', 'dx', 'queue', 'dq', 'k']])
    const messages = await n.raw('messages')
    expect(messages.map((r) => r.key)).toEqual([['/', 'dq', 1]])
    expect(messages[0].value).toMatchObject({ format: 2, seqs: [1], bodies: ['persistent'] })
  })

  it('never opens a write transaction for transient traffic or non-durable entities', async () => {
    const n = await Node.start()
    n.ch.queueDeclare({ queue: 'tq', durable: false })
    n.ch.queueDeclare({ queue: 'dq', durable: true })
    await n.commit()
    const before = n.transactions
    for (let i = 0; i < 10; i++) {
      n.publish('dq', `t${i}`, TRANSIENT)
      n.publish('tq', `p${i}`)
    }
    n.bodies('dq')
    n.bodies('tq')
    expect(n.log.hasPending).toBe(false)
    await n.commit()
    expect(n.transactions).toBe(before)
  })

  it('writes many messages as one record per queue per commit', async () => {
    const n = await Node.start()
    n.ch.queueDeclare({ queue: 'q', durable: true })
    for (let i = 0; i < 1000; i++) n.publish('q', `m${i}`)
    await n.commit()
    for (let i = 1000; i < 1500; i++) n.publish('q', `m${i}`)
    await n.commit()
    const messages = await n.raw('messages')
    expect(messages.map((r) => r.key)).toEqual([
      ['/', 'q', 1],
      ['/', 'q', 2],
    ])
    expect((messages[1].value as { bodies: string[] }).bodies).toHaveLength(500)
  })

  it('never writes a message acked before its commit', async () => {
    const n = await Node.start()
    n.ch.queueDeclare({ queue: 'q', durable: true })
    await n.commit()
    const before = n.transactions
    n.publish('q', 'fast')
    expect(n.bodies('q')).toEqual(['fast']) // basic.get with no-ack settles it at once
    await n.commit()
    expect(n.transactions).toBe(before)
    expect(await n.raw('messages')).toEqual([])
  })
})

describe('recovery', () => {
  it('brings back durable entities, and persistent messages in order across commits', async () => {
    const n = await Node.start()
    n.ch.exchangeDeclare({
      exchange: 'orders',
      type: 'topic',
      durable: true,
      arguments: { 'alternate-exchange': 'ae' },
    })
    n.ch.queueDeclare({ queue: 'payments', durable: true, arguments: { 'x-max-length': 100 } })
    n.ch.queueBind('payments', 'orders', 'order.*.paid')
    for (let i = 1; i <= 3; i++) n.ch.publish('orders', 'order.x.paid', `m${i}`, PERSISTENT, false)
    await n.commit()
    n.ch.publish('orders', 'order.y.paid', 'm4', { deliveryMode: 2, headers: { a: 1 }, priority: 3 }, false)
    await n.restart()

    expect(n.report).toMatchObject({ exchanges: 1, queues: 1, bindings: 1, messages: 4, skipped: [] })
    const vhost = n.broker.vhosts.get('/')!
    expect(vhost.exchanges.get('orders')!.def).toMatchObject({
      type: 'topic',
      durable: true,
      arguments: { 'alternate-exchange': 'ae' },
    })
    expect(vhost.queues.get('payments')!.def).toMatchObject({ durable: true, arguments: { 'x-max-length': 100 } })
    const ch = n.connection.openChannel()
    const got = [1, 2, 3, 4].map(() => ch.get('payments', true)!)
    expect(got.map((m) => [text(m.body), m.redelivered, m.routingKey])).toEqual([
      ['m1', false, 'order.x.paid'],
      ['m2', false, 'order.x.paid'],
      ['m3', false, 'order.x.paid'],
      ['m4', false, 'order.y.paid'],
    ])
    expect(got[3].properties).toEqual({ deliveryMode: 2, headers: { a: 1 }, priority: 3 })
    // Routing still works through the recovered binding.
    n.ch.publish('orders', 'order.z.paid', 'after', PERSISTENT, false)
    expect(n.bodies('payments')).toEqual(['after'])
  })

  it('returns delivered-but-unacked messages as ready and redelivered, the others as they were', async () => {
    const n = await Node.start()
    n.ch.queueDeclare({ queue: 'q', durable: true })
    for (const b of ['a', 'b', 'c']) n.publish('q', b)
    await n.commit()
    const consumer = n.connection.openChannel()
    consumer.qos(1)
    consumer.consume('q', { consumerTag: 'c1' }) // takes 'a', held unacked
    await n.commit()
    await n.crash()
    expect(n.drain('q')).toEqual([
      ['a', true],
      ['b', false],
      ['c', false],
    ])
  })

  it('marks a message delivered before its first commit as redelivered too', async () => {
    const n = await Node.start()
    n.ch.queueDeclare({ queue: 'q', durable: true })
    const consumer = n.connection.openChannel()
    consumer.consume('q', { consumerTag: 'c1' })
    n.publish('q', 'handed over at once')
    n.publish('q', 'second')
    await n.restart()
    expect(n.drain('q')).toEqual([
      ['handed over at once', true],
      ['second', true],
    ])
  })

  it('forgets acked messages, and drops a record once all its messages are acked', async () => {
    const n = await Node.start()
    n.ch.queueDeclare({ queue: 'q', durable: true })
    for (const b of ['a', 'b', 'c', 'd']) n.publish('q', b)
    await n.commit()
    const ch = n.connection.openChannel()
    const a = ch.get('q')!
    const b = ch.get('q')!
    ch.ack(a.deliveryTag)
    await n.commit()
    ch.ack(b.deliveryTag)
    await n.crash() // the ack of 'b' was never committed: it comes back, redelivered as its delivery was committed
    expect(n.drain('q')).toEqual([
      ['b', true],
      ['c', false],
      ['d', false],
    ])

    const m = await Node.start()
    m.ch.queueDeclare({ queue: 'q', durable: true })
    for (const x of ['a', 'b']) m.publish('q', x)
    await m.commit()
    const ch2 = m.connection.openChannel()
    ch2.ack(ch2.get('q')!.deliveryTag)
    await m.commit()
    expect((await m.raw('marks')).map((r) => r.value)).toEqual([{ acked: [1], delivered: [] }])
    ch2.ack(ch2.get('q')!.deliveryTag)
    await m.restart()
    expect(m.drain('q')).toEqual([])
    expect(await m.raw('messages')).toEqual([])
    expect(await m.raw('marks')).toEqual([])
  })

  it('loses only what was not committed when the worker crashes', async () => {
    const n = await Node.start()
    n.ch.queueDeclare({ queue: 'q', durable: true })
    n.publish('q', 'committed')
    await n.commit()
    n.publish('q', 'in memory only')
    n.ch.queueDeclare({ queue: 'never-saved', durable: true })
    await n.crash()
    expect(n.queueNames()).toEqual(['q'])
    expect(n.bodies('q')).toEqual(['committed'])
  })

  it('moves dead-lettered messages atomically from the source queue to the dead-letter queue', async () => {
    const n = await Node.start()
    n.ch.exchangeDeclare({ exchange: 'dlx', type: 'fanout', durable: true })
    n.ch.queueDeclare({ queue: 'dead', durable: true })
    n.ch.queueBind('dead', 'dlx', '')
    n.ch.queueDeclare({ queue: 'work', durable: true, arguments: { 'x-dead-letter-exchange': 'dlx' } })
    n.ch.queueDeclare({
      queue: 'ttl',
      durable: true,
      arguments: { 'x-dead-letter-exchange': 'dlx', 'x-message-ttl': 5000 },
    })
    n.publish('work', 'rejected')
    n.publish('work', 'kept')
    n.publish('ttl', 'expired')
    await n.commit()
    const ch = n.connection.openChannel()
    ch.reject(ch.get('work')!.deliveryTag, false)
    n.clock.advance(5000)
    await n.restart()
    expect(n.bodies('work')).toEqual(['kept'])
    expect(n.bodies('ttl')).toEqual([])
    const dead = n.connection.openChannel()
    const first = dead.get('dead', true)!
    const second = dead.get('dead', true)!
    expect([text(first.body), text(second.body)]).toEqual(['rejected', 'expired'])
    expect((first.properties.headers!['x-death'] as { reason: string }[])[0].reason).toBe('rejected')
    expect((second.properties.headers!['x-death'] as { reason: string }[])[0].reason).toBe('expired')
  })

  it('expires messages whose TTL passed while the broker was down, for good', async () => {
    const n = await Node.start()
    n.ch.queueDeclare({ queue: 'q', durable: true, arguments: { 'x-message-ttl': 1000 } })
    n.publish('q', 'short-lived')
    n.publish('q', 'long-lived', { deliveryMode: 2, expiration: '100000' })
    await n.restart()
    n.clock.advance(2000)
    await n.restart() // recovery expires it and commits the removal
    expect(n.bodies('q')).toEqual([])
    await n.crash()
    expect(n.report.messages).toBe(0)
  })

  it('keeps a purge', async () => {
    const n = await Node.start()
    n.ch.queueDeclare({ queue: 'q', durable: true })
    for (const b of ['a', 'b', 'c']) n.publish('q', b)
    await n.commit()
    expect(n.ch.queuePurge('q')).toBe(3)
    n.publish('q', 'after purge')
    await n.restart()
    expect(n.bodies('q')).toEqual(['after purge'])
  })

  it('keeps a queue deletion, with its messages, and a queue declared again under the same name starts empty', async () => {
    const n = await Node.start()
    n.ch.queueDeclare({ queue: 'q', durable: true })
    n.ch.queueDeclare({ queue: 'other', durable: true })
    n.publish('q', 'old')
    n.publish('other', 'stays')
    await n.commit()
    n.ch.queueDelete('q')
    await n.restart()
    expect(n.queueNames()).toEqual(['other'])
    expect((await n.raw('messages')).map((r) => r.key[1])).toEqual(['other'])

    n.ch.queueDeclare({ queue: 'q', durable: true })
    n.publish('q', 'new')
    await n.restart()
    expect(n.bodies('q')).toEqual(['new'])
    expect(n.bodies('other')).toEqual(['stays'])
  })

  it('a durable auto-delete queue comes back, and once its last consumer leaves it is gone for good', async () => {
    const n = await Node.start()
    n.ch.queueDeclare({ queue: 'ad', durable: true, autoDelete: true })
    n.publish('ad', 'kept')
    await n.restart()
    expect(n.queueNames()).toEqual(['ad']) // no consumer has come and gone yet: it stays, as in RabbitMQ
    const ch = n.connection.openChannel()
    ch.consume('ad', { consumerTag: 'c', noAck: true })
    ch.cancel('c')
    expect(n.queueNames()).toEqual([])
    await n.restart()
    expect(n.queueNames()).toEqual([])
    expect(await n.raw('messages')).toEqual([])
  })

  it('keeps user policies, applied to the queues they match on recovery, and keeps their removal', async () => {
    const n = await Node.start()
    const vhost = () => n.broker.vhosts.get('/')!
    vhost().setPolicy({
      name: 'short',
      pattern: '^ttl\\.',
      applyTo: 'queues',
      priority: 1,
      definition: { 'message-ttl': 1000 },
    })
    vhost().setPolicy({
      name: 'gone-soon',
      pattern: '.*',
      applyTo: 'all',
      priority: 0,
      definition: { 'max-length': 100 },
    })
    vhost().setPolicy(
      { name: 'operator', pattern: '.*', applyTo: 'queues', priority: 0, definition: { 'max-length': 5 } },
      true,
    )
    n.ch.queueDeclare({ queue: 'ttl.q', durable: true })
    n.publish('ttl.q', 'expires by policy')
    await n.commit()
    vhost().clearPolicy('gone-soon')
    await n.restart()
    expect([...vhost().policies.keys()]).toEqual(['short'])
    n.clock.advance(1000)
    expect(n.bodies('ttl.q')).toEqual([])
  })

  it('keeps operator policies apart from policies of the same name, and keeps their removal', async () => {
    const n = await Node.start()
    const vhost = () => n.broker.vhosts.get('/')!
    vhost().setPolicy({
      name: 'limit',
      pattern: '.*',
      applyTo: 'queues',
      priority: 0,
      definition: { 'max-length': 100 },
    })
    vhost().setPolicy(
      { name: 'limit', pattern: '^q', applyTo: 'queues', priority: 2, definition: { 'max-length': 2 } },
      true,
    )
    vhost().setPolicy(
      { name: 'cleared', pattern: '.*', applyTo: 'queues', priority: 0, definition: { expires: 5000 } },
      true,
    )
    n.ch.queueDeclare({ queue: 'q1', durable: true })
    await n.commit()
    vhost().clearPolicy('cleared', true)
    await n.restart()
    expect([...vhost().policies.values()]).toEqual([
      { name: 'limit', pattern: '.*', applyTo: 'queues', priority: 0, definition: { 'max-length': 100 } },
    ])
    expect([...vhost().operatorPolicies.values()]).toEqual([
      { name: 'limit', pattern: '^q', applyTo: 'queues', priority: 2, definition: { 'max-length': 2 } },
    ])
    expect((await n.raw('policies')).map((r) => r.key)).toEqual([
      ['/', 'limit'],
      ['/', 'limit', 'operator'],
    ])
    for (const body of ['a', 'b', 'c']) n.publish('q1', body)
    expect(n.bodies('q1')).toEqual(['b', 'c']) // the operator policy's max-length of 2 applies after the restart
  })

  it('reads policy records written before operator policies were kept as policies', async () => {
    const n = await Node.start()
    await n.db.put(
      'policies',
      { vhost: '/', name: 'old', pattern: '.*', applyTo: 'all', priority: 0, definition: { 'max-length': 1 } },
      ['/', 'old'],
    )
    await n.crash()
    expect(n.report.skipped).toEqual([])
    expect([...n.broker.vhosts.get('/')!.policies.keys()]).toEqual(['old'])
    expect(n.broker.vhosts.get('/')!.operatorPolicies.size).toBe(0)
  })

  it('skips an operator policy record that an operator policy could not hold, saying which', async () => {
    const n = await Node.start()
    await n.db.put(
      'policies',
      {
        vhost: '/',
        name: 'dlx',
        pattern: '.*',
        applyTo: 'queues',
        priority: 0,
        definition: { 'dead-letter-exchange': 'x' },
        operator: true,
      },
      ['/', 'dlx', 'operator'],
    )
    await n.db.put(
      'policies',
      {
        vhost: '/',
        name: 'odd',
        pattern: '.*',
        applyTo: 'queues',
        priority: 0,
        definition: { 'max-length': 1 },
        operator: 'yes',
      } as never,
      ['/', 'odd', 'operator'],
    )
    await n.crash()
    expect(n.report.skipped).toEqual([
      'policies ["/","odd","operator"]',
      expect.stringMatching(/^operator policy 'dlx': .*dead-letter-exchange/),
    ])
    expect(n.broker.vhosts.get('/')!.operatorPolicies.size).toBe(0)
  })

  it('never stores exclusive queues', async () => {
    const n = await Node.start()
    n.ch.queueDeclare({ queue: 'mine', durable: true, exclusive: true })
    n.ch.queueDeclare({ queue: '', durable: true, exclusive: true })
    n.publish('mine', 'x')
    await n.restart()
    expect(n.queueNames()).toEqual([])
    expect(await n.raw('queues')).toEqual([])
    expect(await n.raw('messages')).toEqual([])
  })

  it('does not mix up new messages with acked ones that shared their position', async () => {
    const n = await Node.start()
    n.ch.queueDeclare({ queue: 'q', durable: true })
    for (const b of ['m1', 'm2', 'm3', 'm4']) n.publish('q', b)
    await n.commit()
    const ch = n.connection.openChannel()
    const got = [1, 2, 3, 4].map(() => ch.get('q')!)
    ch.nack(got[1].deliveryTag, true, true) // m1, m2 back to the queue
    ch.ack(got[2].deliveryTag)
    ch.ack(got[3].deliveryTag)
    await n.restart() // m1, m2 remain; the new queue numbers its messages after them, where m3, m4 were
    n.publish('q', 'm5')
    await n.commit()
    const ch2 = n.connection.openChannel()
    const [a, b, c] = [ch2.get('q')!, ch2.get('q')!, ch2.get('q')!]
    expect([a, b, c].map((m) => text(m.body))).toEqual(['m1', 'm2', 'm5'])
    ch2.ack(c.deliveryTag)
    await n.restart()
    expect(n.bodies('q')).toEqual(['m1', 'm2'])
  })

  it('reads records of the first format (one object per message)', async () => {
    const n = await Node.start()
    n.ch.queueDeclare({ queue: 'q', durable: true })
    await n.commit()
    const row = (seq: number, body: string) => ({
      seq,
      exchange: '',
      routingKey: 'q',
      routingKeys: null,
      body,
      properties: { deliveryMode: 2 },
      expiresAt: Infinity,
      deliveryCount: 0,
    })
    await n.db.put('messages', { messages: [row(1, 'old-1'), row(2, 'old-2')] }, ['/', 'q', 1])
    await n.db.put('marks', { acked: [1], delivered: [2] }, ['/', 'q', 1, 0])
    await n.crash()
    expect(n.drain('q')).toEqual([['old-2', true]])
  })
})

describe('unreadable records', () => {
  it('skips a malformed message record, reports it, leaves it on disk and recovers the rest', async () => {
    const n = await Node.start()
    n.ch.queueDeclare({ queue: 'q', durable: true })
    n.publish('q', 'good-1')
    await n.commit()
    const bad = {
      format: 2,
      seqs: [7],
      bodies: [42],
      exchanges: '',
      routingKeys: 'q',
      ccKeys: null,
      properties: {},
      expiresAt: Infinity,
      deliveryCounts: 0,
      delivered: false,
    }
    await n.db.put('messages', bad as never, ['/', 'q', 5])
    await n.db.put('messages', { nonsense: true } as never, ['/', 'q', 6])
    n.publish('q', 'good-2')
    await n.commit()
    await n.crash()

    expect(n.report.skipped).toEqual(['messages ["/","q",5]', 'messages ["/","q",6]'])
    expect(n.bodies('q')).toEqual(['good-1', 'good-2'])
    n.publish('q', 'good-3')
    await n.restart()
    const keys = (await n.raw('messages')).map((r) => r.key[2])
    expect(keys).toContain(5)
    expect(keys).toContain(6)
    expect(keys.filter((k) => k > 6)).toHaveLength(1) // the new record did not overwrite a skipped one
    expect((await n.raw('messages')).find((r) => r.key[2] === 5)!.value).toEqual(bad)
  })

  it('skips a malformed queue record and the messages filed under it, and recovers the other queues', async () => {
    const n = await Node.start()
    n.ch.queueDeclare({ queue: 'fine', durable: true })
    n.ch.queueDeclare({ queue: 'broken', durable: true })
    n.publish('fine', 'ok')
    n.publish('broken', 'orphan')
    await n.commit()
    await n.db.put('queues', { name: 5, garbage: true } as never, ['/', 'broken'])
    await n.crash()

    expect(n.report.skipped).toEqual([
      'queues ["/","broken"]',
      "1 message record(s) of queue 'broken' in vhost '/', whose queue record is missing or unreadable",
    ])
    expect(n.queueNames()).toEqual(['fine'])
    expect(n.broker.vhosts.get('/')!.queues.get('fine')!.messageCount).toBe(1)
    await n.restart()
    expect((await n.raw('queues')).map((r) => r.key)).toEqual([
      ['/', 'broken'],
      ['/', 'fine'],
    ])
    expect((await n.raw('messages')).map((r) => r.key[1])).toEqual(['broken', 'fine'])
  })

  it('skips malformed exchange, binding and mark records', async () => {
    const n = await Node.start()
    n.ch.exchangeDeclare({ exchange: 'x', type: 'direct', durable: true })
    n.ch.queueDeclare({ queue: 'q', durable: true })
    n.ch.queueBind('q', 'x', 'k')
    n.publish('q', 'm')
    await n.commit()
    await n.db.put('exchanges', { name: 'y' } as never, ['/', 'y'])
    await n.db.put('bindings', { vhost: '/', source: 'x' } as never, ['/', 'x', 'queue', 'nowhere', '', '{}'])
    await n.db.put('marks', { acked: 'all' } as never, ['/', 'q', 1, 0])
    await n.db.put('policies', { vhost: '/', name: 'p' } as never, ['/', 'p'])
    await n.crash()
    expect(n.report.skipped).toEqual([
      'exchanges ["/","y"]',
      'bindings ["/","x","queue","nowhere","","{}"]',
      'policies ["/","p"]',
      'marks ["/","q",1,0]',
    ])
    expect(n.bodies('q')).toEqual(['m'])
    expect(n.broker.vhosts.get('/')!.exchanges.has('x')).toBe(true)
  })

  it('reads record by record when one value cannot be read at all, losing only that one', async () => {
    const n = await Node.start()
    n.ch.queueDeclare({ queue: 'q', durable: true })
    n.publish('q', 'batch-1')
    await n.commit()
    n.publish('q', 'batch-2')
    await n.commit()
    n.db.close()
    // A value the browser cannot deserialize fails every getAll over it, and any get of it.
    const { IDBObjectStore } = await import('fake-indexeddb')
    const store = IDBObjectStore.prototype as unknown as {
      getAll: (...a: unknown[]) => unknown
      get: (...a: unknown[]) => unknown
    }
    const realGetAll = store.getAll
    const realGet = store.get
    const unreadable = () => {
      throw new DOMException('value could not be deserialized', 'DataError')
    }
    store.getAll = function (this: { name: string }, ...args: unknown[]) {
      return this.name === 'messages' ? unreadable() : realGetAll.apply(this, args)
    }
    store.get = function (this: { name: string }, ...args: unknown[]) {
      const key = args[0] as unknown[]
      return this.name === 'messages' && Array.isArray(key) && key[2] === 1 ? unreadable() : realGet.apply(this, args)
    }
    try {
      await n.crash()
    } finally {
      store.getAll = realGetAll
      store.get = realGet
    }
    expect(n.report.skipped).toEqual(['messages ["/","q",1] (DataError)'])
    expect(n.bodies('q')).toEqual(['batch-2'])
  })
})

describe('failed writes', () => {
  it('a commit that fails writes nothing of its own, keeps what was committed, and retries its topology', async () => {
    const n = await Node.start()
    n.ch.queueDeclare({ queue: 'q', durable: true })
    n.publish('q', 'safe')
    await n.commit()

    n.ch.queueDeclare({ queue: 'declared-in-failed-commit', durable: true })
    n.publish('q', 'lost')
    const ch = n.connection.openChannel()
    ch.ack(ch.get('q')!.deliveryTag) // acks 'safe' in the failing commit too
    const realTransaction = n.db.transaction
    n.db.transaction = stubTransaction(n.db, (real, ...args) => {
      const tx = real(...args)
      tx.objectStore('messages').put!({ half: 'written' } as never, ['/', 'q', 99]).catch(() => {})
      queueMicrotask(() => tx.abort()) // after the commit has issued all its writes
      return tx
    })
    await expect(n.commit()).rejects.toThrow()
    n.db.transaction = realTransaction

    expect((await n.raw('messages')).map((r) => r.key)).toEqual([['/', 'q', 1]]) // nothing half-written
    n.publish('q', 'next')
    await n.commit()
    await n.crash()
    expect(n.queueNames()).toEqual(['declared-in-failed-commit', 'q'])
    // 'lost' was nacked and is not on disk; the ack of 'safe' was retried with the next commit.
    expect(n.bodies('q')).toEqual(['next'])
  })

  it('rejects the commit with the browser error, e.g. QuotaExceededError', async () => {
    const n = await Node.start()
    n.ch.queueDeclare({ queue: 'q', durable: true })
    await n.commit()
    const realTransaction = n.db.transaction
    n.db.transaction = (() => {
      throw new DOMException('quota exceeded', 'QuotaExceededError')
    }) as unknown as WarrenDatabase['transaction']
    n.publish('q', 'x')
    await expect(n.commit()).rejects.toMatchObject({ name: 'QuotaExceededError' })
    n.db.transaction = realTransaction
    await n.crash()
    expect(n.bodies('q')).toEqual([])
  })

  it('changes made while a commit runs wait for the next one, and only its failure rejects them', async () => {
    const n = await Node.start()
    n.ch.queueDeclare({ queue: 'q', durable: true })
    n.publish('q', 'first')
    const first = n.commit()
    n.publish('q', 'second')
    const second = n.commit()
    const realTransaction = n.db.transaction
    // The first commit has already opened its transaction; only the second meets the failure.
    n.db.transaction = (() => {
      throw new DOMException('disk gone', 'UnknownError')
    }) as unknown as WarrenDatabase['transaction']
    await expect(first).resolves.toBeUndefined()
    await expect(second).rejects.toMatchObject({ name: 'UnknownError' })
    n.db.transaction = realTransaction
    await n.crash()
    expect(n.bodies('q')).toEqual(['first'])
  })
})
