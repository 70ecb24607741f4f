// The page API (app/broker: BrokerClient and the amqplib-shaped channels) against the real worker
// handler, in Node: a stand-in Worker runs the Handler over fake-indexeddb and passes every message
// through structuredClone on a later task, as postMessage does.

import { IDBFactory } from 'fake-indexeddb'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { connect, publishProperties, type Message } from '../../app/broker/amqp.ts'
import { BrokerClient } from '../../app/broker/client.ts'
import { createBroker } from '../../engine/index.ts'
import { openDatabase, type WarrenDatabase } from '../../engine/persistence/db.ts'
import { recoverInto } from '../../engine/persistence/recover.ts'
import { IdbDurableLog } from '../../engine/persistence/store.ts'
import { Handler } from '../../engine/worker/handler.ts'
import * as extras from '../../engine/worker/extras.ts'
import { PROTOCOL_VERSION, type FromWorker, type StorageProblem, type ToWorker } from '../../engine/worker/protocol.ts'
import { WorkerClock } from '../../engine/worker/worker-clock.ts'
import { parseWorkerOptions } from '../../engine/worker/worker-options.ts'

/** Stands in for `new Worker(main.ts)`: the same start-up as main.ts, without the Web Lock. */
class FakeWorker {
  static live: FakeWorker[] = []
  static breakWrites: DOMException | null = null
  onmessage: ((event: { data: FromWorker }) => void) | null = null
  onerror: ((event: { message: string }) => void) | null = null
  private handler: Handler | null = null
  private early: ToWorker[] = []
  private terminated = false
  db: WarrenDatabase | null = null

  constructor(_url: URL, options: { name: string }) {
    FakeWorker.live.push(this)
    void this.start(parseWorkerOptions(options.name).dbName ?? 'page-api')
  }

  private post = (message: FromWorker) => {
    const copy = structuredClone(message)
    setTimeout(() => {
      if (!this.terminated) this.onmessage?.({ data: copy })
    }, 0)
  }

  private async start(name: string): Promise<void> {
    const db = (this.db = await openDatabase({ name }))
    const real = db.transaction.bind(db)
    db.transaction = ((...args: Parameters<WarrenDatabase['transaction']>) => {
      if (args[1] === 'readwrite' && FakeWorker.breakWrites) throw FakeWorker.breakWrites
      return real(...args)
    }) as WarrenDatabase['transaction']
    const durable = new IdbDurableLog(db)
    const clock = new WorkerClock({
      now: () => performance.now(),
      wallClock: () => Date.now(),
      setTimeout: (f, ms) => setTimeout(f, ms),
      clearTimeout: (h) => clearTimeout(h as number),
    })
    const broker = createBroker({ clock, durable })
    const report = recoverInto(broker, await durable.load())
    this.handler = new Handler({
      extras,
      broker,
      clock,
      durable,
      post: this.post,
      schedule: (f, ms) => setTimeout(f, ms),
      freshBroker: () => createBroker({ clock, durable }),
    })
    const { skipped: _skipped, ...counts } = report
    this.post({
      type: 'ready',
      version: PROTOCOL_VERSION,
      recovery: { ...counts, ms: 0 },
      storage: 'indexeddb',
      brokerVersion: broker.profile.version,
      problem: null,
    })
    for (const m of this.early.splice(0)) this.handler.receive(m)
  }

  postMessage(message: ToWorker): void {
    const copy = structuredClone(message)
    setTimeout(() => {
      if (this.terminated) return
      if (this.handler) this.handler.receive(copy)
      else this.early.push(copy)
    }, 0)
  }

  terminate(): void {
    this.terminated = true
    this.db?.close()
  }
}

let dbCount = 0
let client: BrokerClient

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory()
  ;(globalThis as { Worker?: unknown }).Worker = FakeWorker
  FakeWorker.breakWrites = null
  client = new BrokerClient({ dbName: `page-api-${++dbCount}` })
})

afterEach(() => {
  for (const w of FakeWorker.live.splice(0)) w.terminate()
})

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 5))

describe('the amqplib-shaped page API over the worker protocol', () => {
  it('publishes with confirms, consumes and acks, with amqplib-shaped messages', async () => {
    const conn = await connect(client)
    const ch = await conn.createConfirmChannel()
    await ch.assertQueue('q', { durable: true })
    const confirmed: (Error | null)[] = []
    ch.sendToQueue('q', 'hello', { persistent: true, headers: { trace: 'abc' }, messageId: 'm-1' }, (error) =>
      confirmed.push(error),
    )
    ch.sendToQueue('q', new Uint8Array([0xe2, 0x82, 0xac]), { persistent: true }, (error) => confirmed.push(error))
    ch.sendToQueue('q', 'naïve ✓', {}, (error) => confirmed.push(error))
    await ch.waitForConfirms()
    expect(confirmed).toEqual([null, null, null])

    const sub = await conn.createChannel()
    const got: Message[] = []
    await sub.consume('q', (m) => {
      if (!m) return
      got.push(m)
      sub.ack(m)
    })
    while (got.length < 3) await nextTask()
    expect(got.map((m) => m.content.toString())).toEqual(['hello', '€', 'naïve ✓'])
    expect(got[0].content).toBeInstanceOf(Uint8Array)
    expect([...got[1].content]).toEqual([0xe2, 0x82, 0xac])
    expect(got[0].fields).toMatchObject({ deliveryTag: 1, redelivered: false, exchange: '', routingKey: 'q' })
    expect(got[0].properties).toMatchObject({ deliveryMode: 2, headers: { trace: 'abc' }, messageId: 'm-1' })
    expect(got[2].properties).toEqual({ headers: {} })
    await nextTask()
    expect((await sub.checkQueue('q')).messageCount).toBe(0)
  })

  it('delivers to a new consumer the messages that arrive together with its consume-ok', async () => {
    const conn = await connect(client)
    const ch = await conn.createConfirmChannel()
    await ch.assertQueue('waiting', { durable: false })
    for (let i = 0; i < 5; i++) ch.sendToQueue('waiting', `m${i}`)
    await ch.waitForConfirms()
    const bodies: string[] = []
    await ch.consume('waiting', (m) => m && bodies.push(m.content.toString()), { noAck: true })
    await nextTask()
    expect(bodies).toEqual(['m0', 'm1', 'm2', 'm3', 'm4'])
  })

  it('a consumer callback that throws is reported and does not stop the rest of the batch', async () => {
    const conn = await connect(client)
    const ch = await conn.createChannel()
    await ch.assertQueue('q', { durable: false })
    const seen: string[] = []
    await ch.consume(
      'q',
      (m) => {
        if (!m) return
        seen.push(m.content.toString())
        if (seen.length === 1) throw new Error('consumer bug')
      },
      { noAck: true },
    )
    const reported: unknown[] = []
    const realQueueMicrotask = globalThis.queueMicrotask
    globalThis.queueMicrotask = (task) =>
      realQueueMicrotask(() => {
        try {
          task()
        } catch (error) {
          reported.push(error)
        }
      })
    try {
      for (const body of ['a', 'b', 'c']) ch.sendToQueue('q', body)
      while (seen.length < 3) await nextTask()
    } finally {
      globalThis.queueMicrotask = realQueueMicrotask
    }
    expect(seen).toEqual(['a', 'b', 'c'])
    expect(reported).toMatchObject([{ message: 'consumer bug' }])
  })

  it('nacks the publishes a failed write carried and tells the storage problem listeners', async () => {
    const problems: (StorageProblem | null)[] = []
    client.onStorageProblem((p) => problems.push(p))
    const conn = await connect(client)
    const ch = await conn.createConfirmChannel()
    await ch.assertQueue('q', { durable: true })
    ch.sendToQueue('q', 'kept', { persistent: true })
    await ch.waitForConfirms()

    FakeWorker.breakWrites = new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    await ch.assertQueue('declared-while-full', { durable: true })
    const results: (string | null)[] = []
    ch.sendToQueue('q', 'lost', { persistent: true }, (error) => results.push(error && error.message))
    ch.sendToQueue('q', 'transient is fine', { persistent: false }, (error) => results.push(error && error.message))
    await expect(ch.waitForConfirms()).rejects.toThrow('message nacked')
    expect(results.sort()).toEqual([null, 'message nacked'].sort())
    expect(problems).toMatchObject([{ kind: 'quota' }])
    // The durable declare the failed commit carried is reported as not saved, in words.
    expect(problems[0]?.message).toMatch(
      /Not saved either: the durable queue 'declared-while-full' in vhost '\/'\. They are in effect now but would be undone by a restart/,
    )
    expect(ch.closed).toBe(false) // a nack is no channel error

    FakeWorker.breakWrites = null
    ch.sendToQueue('q', 'after', { persistent: true })
    await ch.waitForConfirms()
    // The first commit that succeeds again ends the problem: the banner goes.
    expect(problems.at(-1)).toBeNull()
    expect(client.problem).toBeNull()
  })

  it('fails outstanding confirms when the channel closes, as amqplib does', async () => {
    const conn = await connect(client)
    const ch = await conn.createConfirmChannel()
    ch.on('error', () => {})
    const results: string[] = []
    ch.publish('no-such-exchange', 'k', 'x', {}, (error) => results.push(error ? error.message : 'ok'))
    const waiting = ch.waitForConfirms()
    await expect(waiting).rejects.toThrow()
    expect(results).toHaveLength(1)
    expect(results[0]).toMatch(/closed/)
    expect(ch.closed).toBe(true)
    expect(() => ch.publish('', 'q', 'x')).toThrow('Channel closed')
  })

  it('a restart closes the connection, and the new worker has the durable messages back', async () => {
    const conn = await connect(client)
    const ch = await conn.createConfirmChannel()
    await ch.assertQueue('q', { durable: true })
    ch.sendToQueue('q', 'survives', { persistent: true })
    ch.sendToQueue('q', 'does not', { persistent: false })
    await ch.waitForConfirms()
    let closed = false
    conn.on('close', () => (closed = true))
    await client.restart()
    expect(closed).toBe(true)
    const ch2 = await (await connect(client)).createChannel()
    const m = await ch2.get('q', { noAck: true })
    expect(m && m.content.toString()).toBe('survives')
    expect(await ch2.get('q', { noAck: true })).toBe(false)
  })

  it('a crash loses what was not committed, never a confirmed message', async () => {
    const conn = await connect(client)
    const ch = await conn.createConfirmChannel()
    await ch.assertQueue('q', { durable: true })
    ch.sendToQueue('q', 'confirmed', { persistent: true })
    await ch.waitForConfirms()
    const late: (Error | null)[] = []
    ch.sendToQueue('q', 'in flight', { persistent: true }, (error) => late.push(error))
    await client.crashForTests()
    expect(late).toHaveLength(1)
    expect(late[0]).toBeInstanceOf(Error) // unconfirmed: the crash took the channel with it
    const ch2 = await (await connect(client)).createChannel()
    const { messageCount } = await ch2.checkQueue('q')
    expect(messageCount).toBe(1)
  })
})

describe('publishProperties', () => {
  it('shares one frozen object for the common options and builds the rest', () => {
    expect(publishProperties({ persistent: true })).toBe(publishProperties({ persistent: true, mandatory: true }))
    expect(publishProperties({ persistent: true })).toEqual({ deliveryMode: 2 })
    expect(publishProperties({})).toEqual({})
    expect(publishProperties({ deliveryMode: 1 })).toEqual({ deliveryMode: 1 })
    expect(publishProperties({ persistent: true, expiration: 5000, CC: 'a', headers: { x: 1 } })).toEqual({
      deliveryMode: 2,
      expiration: '5000',
      headers: { x: 1, CC: ['a'] },
    })
  })
})
