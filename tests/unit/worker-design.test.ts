// The worker's design of several brokers, driven through the handler as the page API drives it: brokers added and
// removed, a connection to a broker by name, its management API, a shovel across a link that is cut and restored,
// and the other brokers' definitions kept beside the design for the next worker.

import { IDBFactory } from 'fake-indexeddb'
import { beforeEach, describe, expect, it } from 'vitest'
import { createBroker, ManualClock } from '../../engine/index.ts'
import { openDatabase } from '../../engine/persistence/db.ts'
import { IdbDurableLog } from '../../engine/persistence/store.ts'
import { decodeEvents } from '../../app/broker/event-batch.ts'
import { BROKERS_META_KEY, otherBrokerDbName } from '../../engine/worker/command-kinds.ts'
import type { BrokerLogOpener } from '../../engine/worker/design-commands.ts'
import { type ControllableClock, Handler } from '../../engine/worker/handler.ts'
import * as extras from '../../engine/worker/extras.ts'
import type { ClockState, Command, FromWorker, ReplyOf } from '../../engine/worker/protocol.ts'

const staticClock: ControllableClock = {
  state: (): ClockState => ({ now: 0, paused: true, speed: 1 }),
  pause() {},
  resume() {},
  step: () => false,
  setSpeed() {},
}

/** Lets fake-indexeddb finish what is in flight: it runs on setImmediate, so count turns, not milliseconds. */
async function settle(): Promise<void> {
  for (let i = 0; i < 100; i++) await new Promise((resolve) => setImmediate(resolve))
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory()
})

class Rig {
  readonly clock = new ManualClock()
  readonly posts: FromWorker[] = []
  /** Event flushes the handler asked for, run by the test when it wants the events. */
  readonly scheduled: (() => void)[] = []
  readonly handler: Handler
  private nextId = 1

  constructor(log: IdbDurableLog | null = null, brokerLog?: BrokerLogOpener) {
    this.handler = new Handler({
      extras,
      broker: createBroker({ clock: this.clock, version: '4.3', durable: log }),
      clock: staticClock,
      durable: log,
      post: (m) => this.posts.push(m),
      schedule: (fire) => this.scheduled.push(fire),
      freshBroker: () => createBroker({ clock: this.clock, version: '4.3', durable: log }),
      brokerLog,
    })
  }

  call<C extends Command>(command: C): ReplyOf<C> {
    const id = this.nextId++
    this.handler.receive({ type: 'commands', commands: [{ id, command }] })
    const reply = this.posts.flatMap((p) => (p.type === 'batch' ? p.replies : [])).find((r) => r.id === id)
    if (!reply) throw new Error(`no immediate reply to ${command.type}`)
    if (!reply.ok) throw new Error(reply.error.message)
    return reply.result as ReplyOf<C>
  }

  management(broker: string, method: 'GET' | 'PUT' | 'POST', path: string, body?: unknown) {
    return this.call({ type: 'brokerManagement', broker, request: { method, path, body } })
  }

  depth(broker: string, queue: string): unknown {
    return (this.management(broker, 'GET', `/api/queues/%2F/${queue}`).body as { messages_ready?: number })
      .messages_ready
  }
}

describe('a design of several brokers in the worker', () => {
  it('lists the first broker first, adds and removes others', () => {
    const rig = new Rig()
    expect(rig.call({ type: 'brokersList' })).toEqual([{ name: 'local', version: '4.3', nodes: 1 }])
    rig.call({ type: 'brokerAdd', name: 'dc-london', version: '4.0' })
    expect(rig.call({ type: 'brokersList' }).map((b) => `${b.name} ${b.version}`)).toEqual([
      'local 4.3',
      'dc-london 4.0',
    ])
    rig.call({ type: 'brokerRemove', name: 'dc-london' })
    expect(rig.call({ type: 'brokersList' })).toHaveLength(1)
    expect(() => rig.call({ type: 'brokerRemove', name: 'local' })).toThrow()
  })

  it('connects to a broker by name, with connection numbers of its own', () => {
    const rig = new Rig()
    rig.call({ type: 'brokerAdd', name: 'dc-london' })
    const here = rig.call({ type: 'connect' }).connection
    const there = rig.call({ type: 'connect', broker: 'dc-london' }).connection
    expect(here).not.toBe(there)
    const channel = rig.call({ type: 'openChannel', connection: there, confirm: false }).channel
    rig.call({ type: 'queueDeclare', connection: there, channel, declare: { queue: 'only-in-london', arguments: {} } })
    expect(rig.management('dc-london', 'GET', '/api/queues/%2F/only-in-london').status).toBe(200)
    expect(
      rig.call({ type: 'management', request: { method: 'GET', path: '/api/queues/%2F/only-in-london' } }).status,
    ).toBe(404)
  })

  it('runs a shovel between two brokers; a cut link holds messages in the source until it is restored', () => {
    const rig = new Rig()
    rig.call({ type: 'brokerAdd', name: 'dc-london' })
    rig.management('local', 'PUT', '/api/queues/%2F/src', { durable: true })
    rig.management('dc-london', 'PUT', '/api/queues/%2F/dst', { durable: true })
    const shovel = {
      'src-uri': 'amqp://',
      'src-queue': 'src',
      'dest-uri': 'amqp://dc-london/%2F',
      'dest-queue': 'dst',
      'reconnect-delay': 1,
    }
    expect(rig.management('local', 'PUT', '/api/parameters/shovel/%2F/move', { value: shovel }).status).toBe(201)
    rig.call({ type: 'linkState', a: 'local', b: 'dc-london', state: 'cut' })
    const publish = { properties: {}, routing_key: 'src', payload: 'm', payload_encoding: 'string' }
    rig.management('local', 'PUT', '/api/queues/%2F/src', { durable: true })
    rig.call({
      type: 'management',
      request: { method: 'POST', path: '/api/exchanges/%2F/amq.default/publish', body: publish },
    })
    rig.clock.advance(0)
    expect([rig.depth('local', 'src'), rig.depth('dc-london', 'dst')]).toEqual([1, 0])
    rig.call({ type: 'linkState', a: 'local', b: 'dc-london', state: 'restore' })
    rig.clock.advance(1000)
    expect([rig.depth('local', 'src'), rig.depth('dc-london', 'dst')]).toEqual([0, 1])
    expect(rig.management('local', 'GET', '/api/shovels/%2F').body).toMatchObject([
      { name: 'move', state: 'running', dest_uri: 'amqp://dc-london/%2F' },
    ])
  })

  it('keeps the other brokers definitions for the next worker, which brings them back', async () => {
    const db = await openDatabase({ name: 'worker-design' })
    const log = new IdbDurableLog(db)
    const rig = new Rig(log)
    rig.call({ type: 'brokerAdd', name: 'dc-london', version: '4.0' })
    rig.management('dc-london', 'PUT', '/api/exchanges/%2F/orders', { type: 'topic', durable: true })
    await settle() // each design command saves the other brokers; fake-indexeddb writes on later turns
    const next = new Rig(log)
    await next.handler.restoreBrokers(await log.getMeta(BROKERS_META_KEY))
    expect(next.call({ type: 'brokersList' }).map((b) => b.name)).toEqual(['local', 'dc-london'])
    expect(next.management('dc-london', 'GET', '/api/exchanges/%2F/orders').status).toBe(200)
    db.close()
  })

  it('keeps the other brokers durable queues and persistent messages in their own database across a restart', async () => {
    const db = await openDatabase({ name: 'worker-design' })
    const brokerLog: BrokerLogOpener = (name) =>
      new IdbDurableLog(openDatabase({ name: otherBrokerDbName('worker-design', name) }))
    const log = new IdbDurableLog(db)
    const rig = new Rig(log, brokerLog)
    rig.call({ type: 'brokerAdd', name: 'dc-london' })
    rig.management('dc-london', 'PUT', '/api/queues/%2F/orders', { durable: true })
    rig.management('dc-london', 'PUT', '/api/queues/%2F/scratch', { durable: false })
    for (const [payload, mode] of [
      ['kept', 2],
      ['gone', 1],
    ] as const)
      rig.management('dc-london', 'POST', '/api/exchanges/%2F/amq.default/publish', {
        properties: { delivery_mode: mode },
        routing_key: 'orders',
        payload,
        payload_encoding: 'string',
      })
    expect(rig.depth('dc-london', 'orders')).toBe(2)
    rig.handler.flush()
    await settle()
    const next = new Rig(log, brokerLog)
    expect(await next.handler.restoreBrokers(await log.getMeta(BROKERS_META_KEY))).toEqual([])
    expect(next.depth('dc-london', 'orders')).toBe(1)
    expect(next.management('dc-london', 'GET', '/api/queues/%2F/scratch').status).toBe(404)
    const got = next.management('dc-london', 'POST', '/api/queues/%2F/orders/get', {
      count: 1,
      ackmode: 'ack_requeue_false',
      encoding: 'auto',
    }).body as { payload: string }[]
    expect(got.map((m) => m.payload)).toEqual(['kept'])
    expect(next.call({ type: 'management', request: { method: 'GET', path: '/api/queues/%2F/orders' } }).status).toBe(
      404,
    )
    db.close()
  })

  it("sends the other brokers' events too, each naming its broker, and the first broker's naming none", () => {
    const rig = new Rig()
    rig.call({ type: 'events', enabled: true })
    rig.call({ type: 'brokerAdd', name: 'dc-london' })
    rig.management('dc-london', 'PUT', '/api/queues/%2F/orders', { durable: true })
    rig.management('local', 'PUT', '/api/queues/%2F/here', { durable: true })
    for (const fire of rig.scheduled.splice(0)) fire()
    const events = rig.posts.flatMap((p) => (p.type === 'events' ? decodeEvents(p.events) : []))
    const declared = events.filter((e) => e.type === 'queueDeclared') as { name: string; broker?: string }[]
    expect(declared.map((e) => [e.name, e.broker])).toEqual([
      ['orders', 'dc-london'],
      ['here', undefined],
    ])
  })

  it('imports a definitions file with shovel and federation parameters live when both ends are in the design', () => {
    const rig = new Rig()
    rig.call({ type: 'brokerAdd', name: 'dc-paris' })
    rig.management('dc-paris', 'PUT', '/api/exchanges/%2F/events', { type: 'fanout', durable: true })
    const definitions = {
      queues: [
        { name: 'outbox', vhost: '/', durable: true, auto_delete: false, arguments: {} },
        { name: 'from-paris', vhost: '/', durable: true, auto_delete: false, arguments: {} },
      ],
      exchanges: [
        {
          name: 'events',
          vhost: '/',
          type: 'fanout',
          durable: true,
          auto_delete: false,
          internal: false,
          arguments: {},
        },
      ],
      bindings: [
        {
          source: 'events',
          vhost: '/',
          destination: 'from-paris',
          destination_type: 'queue',
          routing_key: '',
          arguments: {},
        },
      ],
      parameters: [
        {
          vhost: '/',
          component: 'shovel',
          name: 'out',
          value: { 'src-uri': 'amqp://', 'src-queue': 'outbox', 'dest-uri': 'amqp://dc-paris', 'dest-queue': 'inbox' },
        },
        { vhost: '/', component: 'federation-upstream', name: 'paris', value: { uri: 'amqp://dc-paris' } },
      ],
      policies: [
        {
          vhost: '/',
          name: 'fed',
          pattern: '^events$',
          'apply-to': 'exchanges',
          definition: { 'federation-upstream': 'paris' },
          priority: 0,
        },
      ],
    }
    rig.call({ type: 'importDefinitions', definitions, vhost: null })
    rig.clock.advance(0)
    expect(rig.management('local', 'GET', '/api/shovels').body).toMatchObject([{ name: 'out', state: 'running' }])
    expect(rig.management('local', 'GET', '/api/federation-links').body).toMatchObject([
      { upstream: 'paris', status: 'running' },
    ])
    rig.management('dc-paris', 'POST', '/api/exchanges/%2F/events/publish', {
      properties: {},
      routing_key: '',
      payload: 'p',
      payload_encoding: 'string',
    })
    rig.clock.advance(0)
    expect(rig.depth('local', 'from-paris')).toBe(1)
  })
})
