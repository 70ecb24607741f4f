// The worker's command handler, driven as the page drives it but without a Worker: commands in,
// posted batches out (replies, traffic, events, storage problems), with a real IdbDurableLog underneath.

import { IDBFactory } from 'fake-indexeddb'
import { beforeEach, describe, expect, it } from 'vitest'
import { createBroker, ManualClock } from '../../engine/index.ts'
import type { BrokerEvent, MessageProperties } from '../../engine/index.ts'
import { openDatabase, type WarrenDatabase } from '../../engine/persistence/db.ts'
import { recoverInto } from '../../engine/persistence/recover.ts'
import { IdbDurableLog } from '../../engine/persistence/store.ts'
import { decodeEvents } from '../../app/broker/event-batch.ts'
import { EVENT_BATCH_MAX, Handler, type ControllableClock } from '../../engine/worker/handler.ts'
import * as extras from '../../engine/worker/extras.ts'
import type {
  ClockState,
  Command,
  FromWorker,
  Reply,
  ReplyOf,
  StorageProblem,
  Traffic,
} from '../../engine/worker/protocol.ts'

const PERSISTENT: MessageProperties = { deliveryMode: 2 }
let dbCount = 0

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory()
})

/** Lets fake-indexeddb finish what is in flight: it runs on setImmediate, so count turns, not milliseconds. */
async function settle(): Promise<void> {
  for (let i = 0; i < 100; i++) await new Promise((resolve) => setImmediate(resolve))
}

const staticClock: ControllableClock = {
  state: (): ClockState => ({ now: 0, paused: true, speed: 1 }),
  pause() {},
  resume() {},
  step: () => false,
  setSpeed() {},
}

class Rig {
  readonly posts: FromWorker[] = []
  readonly scheduled: (() => void)[] = []
  handler!: Handler
  log!: IdbDurableLog
  db!: WarrenDatabase
  private nextId = 1
  connection = 0

  static async start(): Promise<Rig> {
    const rig = new Rig()
    rig.db = await openDatabase({ name: `handler-${++dbCount}` })
    rig.log = new IdbDurableLog(rig.db)
    const clock = new ManualClock(1000)
    const broker = createBroker({ clock, durable: rig.log })
    recoverInto(broker, await rig.log.load())
    rig.handler = new Handler({
      extras,
      broker,
      clock: staticClock,
      durable: rig.log,
      post: (m) => rig.posts.push(m),
      schedule: (fire) => rig.scheduled.push(fire),
      freshBroker: () => createBroker({ clock, durable: rig.log }),
    })
    rig.connection = rig.call({ type: 'connect' }).connection
    return rig
  }

  /** Sends commands in one message; returns their ids. */
  send(...commands: (Command | [0, Command])[]): number[] {
    const batch = commands.map((c) => (Array.isArray(c) ? { id: 0, command: c[1] } : { id: this.nextId++, command: c }))
    this.handler.receive({ type: 'commands', commands: batch })
    return batch.map((c) => c.id)
  }

  /** Sends one command and returns its reply's result, which must have come at once. */
  call<C extends Command>(command: C): ReplyOf<C> {
    const [id] = this.send(command)
    const reply = this.replies().find((r) => r.id === id)
    if (!reply) throw new Error(`no immediate reply to ${command.type}`)
    if (!reply.ok) throw new Error(reply.error.message)
    // What crosses is untyped; the handler answers each command type with the reply CommandReplies names.
    return reply.result as ReplyOf<C>
  }

  channel(confirm: boolean): number {
    return this.call({ type: 'openChannel', connection: this.connection, confirm }).channel
  }

  replies(): Reply[] {
    return this.posts.flatMap((p) => (p.type === 'batch' ? p.replies : []))
  }

  traffic(): Traffic[] {
    return this.posts.flatMap((p) => (p.type === 'batch' ? p.traffic : []))
  }

  confirms(channel: number): { acks: number[]; nacks: number[] } {
    const out = { acks: [] as number[], nacks: [] as number[] }
    for (const t of this.traffic())
      if (t.kind === 'confirms' && t.channel === channel) {
        out.acks.push(...t.acks)
        out.nacks.push(...t.nacks)
      }
    return out
  }

  problems(): StorageProblem[] {
    return this.posts.flatMap((p) => (p.type === 'storageProblem' ? [p.problem] : []))
  }

  events(): BrokerEvent[] {
    return this.posts.flatMap((p) => (p.type === 'events' ? decodeEvents(p.events) : []))
  }

  publishMany(
    channel: number,
    firstSeq: number,
    queue: string,
    bodies: string[],
    properties: MessageProperties = PERSISTENT,
  ): Extract<Command, { type: 'publishMany' }> {
    return {
      type: 'publishMany',
      connection: this.connection,
      channel,
      firstSeq,
      exchange: '',
      mandatory: false,
      routingKeys: queue,
      bodies,
      properties,
    }
  }

  /** What a fresh broker would recover from disk now. */
  async onDisk(queue: string): Promise<string[]> {
    const state = await new IdbDurableLog(this.db).load()
    return state.messages.filter((q) => q.queue === queue).flatMap((q) => q.messages.map((m) => String(m.body)))
  }

  /** Every write transaction throws `error` until the returned function is called. */
  breakWrites(error: DOMException): () => void {
    const real = this.db.transaction.bind(this.db)
    this.db.transaction = ((...args: Parameters<WarrenDatabase['transaction']>) => {
      if (args[1] === 'readwrite') throw error
      return real(...args)
    }) as WarrenDatabase['transaction']
    // The replacement is an own property of the database; removing it brings back the real method.
    return () => void delete (this.db as { transaction?: unknown }).transaction
  }
}

describe('publisher confirms wait for the commit', () => {
  it('posts the confirm of a stored message only once its commit has resolved', async () => {
    const rig = await Rig.start()
    const ch = rig.channel(true)
    rig.call({ type: 'queueDeclare', connection: rig.connection, channel: ch, declare: { queue: 'q', durable: true } })
    await settle()
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    const realCommit = rig.log.commit.bind(rig.log)
    let committed: Promise<void> | null = null
    rig.log.commit = () => {
      committed = realCommit()
      return committed.then(() => gate)
    }
    const [persistentId, transientId] = rig.send(
      {
        type: 'publish',
        connection: rig.connection,
        channel: ch,
        exchange: '',
        routingKey: 'q',
        body: 'stored',
        properties: PERSISTENT,
        mandatory: false,
      },
      {
        type: 'publish',
        connection: rig.connection,
        channel: ch,
        exchange: '',
        routingKey: 'q',
        body: 'transient',
        properties: {},
        mandatory: false,
      },
    )
    // The transient message needs no write: confirmed at once. The stored one waits.
    expect(rig.replies().find((r) => r.id === transientId)).toMatchObject({
      ok: true,
      result: { confirm: 'ack', publishSeq: 2 },
    })
    expect(rig.replies().find((r) => r.id === persistentId)).toBeUndefined()
    await committed
    expect(await rig.onDisk('q')).toEqual(['stored']) // on disk, but the commit has not resolved for the handler yet
    await settle()
    expect(rig.replies().find((r) => r.id === persistentId)).toBeUndefined()
    release()
    await settle()
    expect(rig.replies().find((r) => r.id === persistentId)).toMatchObject({
      ok: true,
      result: { confirm: 'ack', publishSeq: 1 },
    })
  })

  it("confirms publishMany by ranges of the page's own numbers, without replies", async () => {
    const rig = await Rig.start()
    const ch = rig.channel(true)
    rig.call({ type: 'queueDeclare', connection: rig.connection, channel: ch, declare: { queue: 'q', durable: true } })
    rig.call({
      type: 'queueDeclare',
      connection: rig.connection,
      channel: ch,
      declare: { queue: 'mem', durable: false },
    })
    const repliesBefore = rig.replies().length
    rig.send(
      [0, rig.publishMany(ch, 101, 'q', ['a', 'b', 'c'])],
      [0, rig.publishMany(ch, 104, 'mem', ['d', 'e'])],
      [0, rig.publishMany(ch, 106, 'q', ['f'])],
    )
    expect(rig.confirms(ch)).toEqual({ acks: [104, 105], nacks: [] }) // the transient queue's, at once
    await settle()
    expect(rig.confirms(ch)).toEqual({ acks: [104, 105, 101, 103, 106, 106], nacks: [] })
    expect(rig.replies()).toHaveLength(repliesBefore)
    expect(await rig.onDisk('q')).toEqual(['a', 'b', 'c', 'f'])
  })

  it('confirms a message consumed and acked before its commit without writing it', async () => {
    const rig = await Rig.start()
    const pub = rig.channel(true)
    const sub = rig.channel(false)
    rig.call({ type: 'queueDeclare', connection: rig.connection, channel: pub, declare: { queue: 'q', durable: true } })
    rig.call({
      type: 'consume',
      connection: rig.connection,
      channel: sub,
      queue: 'q',
      noAck: false,
      exclusive: false,
      arguments: {},
      consumerTag: 'c',
    })
    await settle()
    rig.send(
      [0, rig.publishMany(pub, 1, 'q', ['x'])],
      [0, { type: 'ackMany', connection: rig.connection, channel: sub, deliveryTags: [1] }],
    )
    await settle()
    expect(rig.confirms(pub)).toEqual({ acks: [1, 1], nacks: [] })
    expect(await rig.onDisk('q')).toEqual([])
  })
})

describe('storage failures', () => {
  it('nacks the publishes of a failed commit, says why once, and keeps what was committed before', async () => {
    const rig = await Rig.start()
    const ch = rig.channel(true)
    rig.call({ type: 'queueDeclare', connection: rig.connection, channel: ch, declare: { queue: 'q', durable: true } })
    rig.send([0, rig.publishMany(ch, 1, 'q', ['safe-1', 'safe-2'])])
    await settle()
    expect(rig.confirms(ch)).toEqual({ acks: [1, 2], nacks: [] })

    const repair = rig.breakWrites(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))
    const [replyId] = rig.send({
      type: 'publish',
      connection: rig.connection,
      channel: ch,
      exchange: '',
      routingKey: 'q',
      body: 'single',
      properties: PERSISTENT,
      mandatory: false,
    })
    rig.send([0, rig.publishMany(ch, 4, 'q', ['lost-1', 'lost-2'])])
    await settle()
    rig.send([0, rig.publishMany(ch, 6, 'q', ['lost-3'])])
    await settle()
    expect(rig.confirms(ch)).toEqual({ acks: [1, 2], nacks: [4, 5, 6, 6] })
    expect(rig.replies().find((r) => r.id === replyId)).toMatchObject({ ok: true, result: { confirm: 'nack' } })
    expect(rig.problems()).toHaveLength(1) // one message for the run of failures, not one per commit
    expect(rig.problems()[0]).toMatchObject({
      kind: 'quota',
      message: expect.stringMatching(/no more storage.*nacked/),
    })
    expect(await rig.onDisk('q')).toEqual(['safe-1', 'safe-2'])

    repair()
    rig.send([0, rig.publishMany(ch, 7, 'q', ['after'])])
    await settle()
    expect(rig.confirms(ch).acks).toEqual([1, 2, 7, 7])
    expect(await rig.onDisk('q')).toEqual(['safe-1', 'safe-2', 'after'])
  })

  it('describes any other write failure in plain words', async () => {
    const rig = await Rig.start()
    const ch = rig.channel(true)
    rig.call({ type: 'queueDeclare', connection: rig.connection, channel: ch, declare: { queue: 'q', durable: true } })
    await settle()
    rig.breakWrites(new DOMException('Internal error opening backing store', 'UnknownError'))
    rig.send([0, rig.publishMany(ch, 1, 'q', ['x'])])
    await settle()
    expect(rig.confirms(ch).nacks).toEqual([1, 1])
    expect(rig.problems()[0]).toMatchObject({
      kind: 'write-failed',
      message: expect.stringMatching(
        /Saving to the browser's storage failed \(UnknownError: Internal error opening backing store\).*nacked/,
      ),
    })
  })
})

describe('batches', () => {
  it('sends deliveries to a channel as one batch of columns, and takes acks in one command', async () => {
    const rig = await Rig.start()
    const pub = rig.channel(true)
    const sub = rig.channel(false)
    rig.call({
      type: 'queueDeclare',
      connection: rig.connection,
      channel: pub,
      declare: { queue: 'q', durable: false },
    })
    rig.call({ type: 'qos', connection: rig.connection, channel: sub, prefetch: 2, global: false })
    rig.call({
      type: 'consume',
      connection: rig.connection,
      channel: sub,
      queue: 'q',
      noAck: false,
      exclusive: false,
      arguments: {},
      consumerTag: 'c',
    })
    rig.send([0, rig.publishMany(pub, 1, 'q', ['m1', 'm2', 'm3'], {})])
    const deliveries = rig.traffic().filter((t) => t.kind === 'deliveries')
    expect(deliveries).toEqual([
      {
        kind: 'deliveries',
        connection: rig.connection,
        channel: sub,
        deliveries: {
          deliveryTags: [1, 2],
          consumerTags: 'c',
          redelivered: false,
          exchanges: '',
          routingKeys: 'q',
          bodies: ['m1', 'm2'],
          properties: {},
          queues: 'q',
          messageIds: [1, 2],
        },
      },
    ])
    const before = rig.posts.length
    rig.send([0, { type: 'ackMany', connection: rig.connection, channel: sub, deliveryTags: [1, 2] }])
    const next = rig.posts.slice(before).flatMap((p) => (p.type === 'batch' ? p.traffic : []))
    expect(next).toMatchObject([{ kind: 'deliveries', deliveries: { deliveryTags: [3], bodies: ['m3'] } }])
    expect(rig.posts.slice(before).flatMap((p) => (p.type === 'batch' ? p.replies : []))).toEqual([])
  })

  it("keeps a channel's traffic in order around other kinds of traffic", async () => {
    const rig = await Rig.start()
    const admin = rig.channel(false)
    const sub = rig.channel(false)
    rig.call({
      type: 'queueDeclare',
      connection: rig.connection,
      channel: admin,
      declare: { queue: 'q', durable: false },
    })
    rig.call({
      type: 'consume',
      connection: rig.connection,
      channel: sub,
      queue: 'q',
      noAck: true,
      exclusive: false,
      arguments: {},
      consumerTag: 'c',
    })
    const before = rig.posts.length
    rig.send(
      [0, rig.publishMany(admin, 1, 'q', ['before'], {})],
      { type: 'queueDelete', connection: rig.connection, channel: admin, queue: 'q', ifUnused: false, ifEmpty: false },
      { type: 'queueDeclare', connection: rig.connection, channel: admin, declare: { queue: 'q', durable: false } },
      {
        type: 'consume',
        connection: rig.connection,
        channel: sub,
        queue: 'q',
        noAck: true,
        exclusive: false,
        arguments: {},
        consumerTag: 'c2',
      },
      [0, rig.publishMany(admin, 2, 'q', ['after'], {})],
    )
    const traffic = rig.posts.slice(before).flatMap((p) => (p.type === 'batch' ? p.traffic : []))
    expect(traffic.map((t) => (t.kind === 'deliveries' ? `deliveries ${t.deliveries.bodies.join()}` : t.kind))).toEqual(
      ['deliveries before', 'cancel', 'deliveries after'],
    )
  })

  it('gives no reply to a command sent with id 0; a failure closes the channel as in AMQP', async () => {
    const rig = await Rig.start()
    const ch = rig.channel(false)
    const before = rig.replies().length
    rig.send([0, { type: 'ackMany', connection: rig.connection, channel: ch, deliveryTags: [42] }])
    expect(rig.replies()).toHaveLength(before)
    expect(rig.traffic().at(-1)).toMatchObject({
      kind: 'channelClosed',
      channel: ch,
      error: { code: 406, message: 'PRECONDITION_FAILED - unknown delivery tag 42' },
    })
  })

  it('nacks at once what a queue refuses, alongside acks of the rest', async () => {
    const rig = await Rig.start()
    const ch = rig.channel(true)
    rig.call({
      type: 'queueDeclare',
      connection: rig.connection,
      channel: ch,
      declare: { queue: 'small', durable: false, arguments: { 'x-max-length': 1, 'x-overflow': 'reject-publish' } },
    })
    rig.send([0, rig.publishMany(ch, 1, 'small', ['fits', 'refused', 'refused too'], {})])
    expect(rig.confirms(ch)).toEqual({ acks: [1, 1], nacks: [2, 3] })
  })
})

describe('events', () => {
  it('batches events per scheduled flush, and sooner when a batch is full', async () => {
    const rig = await Rig.start()
    const ch = rig.channel(false)
    rig.call({ type: 'events', enabled: true })
    rig.call({ type: 'queueDeclare', connection: rig.connection, channel: ch, declare: { queue: 'q', durable: false } })
    expect(rig.events()).toEqual([])
    expect(rig.scheduled).toHaveLength(1)
    rig.scheduled.shift()!()
    expect(rig.posts.filter((p) => p.type === 'events')).toHaveLength(1)
    expect(rig.events().map((e) => e.type)).toEqual(['queueDeclared'])
    const bodies = Array.from({ length: EVENT_BATCH_MAX }, (_, i) => `m${i}`)
    rig.send([0, rig.publishMany(ch, 1, 'q', bodies, {})])
    expect(rig.posts.filter((p) => p.type === 'events').length).toBeGreaterThan(1) // flushed without waiting for the timer
  })

  it('emits confirmed for a stored message only after its commit', async () => {
    const rig = await Rig.start()
    const ch = rig.channel(true)
    rig.call({ type: 'queueDeclare', connection: rig.connection, channel: ch, declare: { queue: 'q', durable: true } })
    rig.call({ type: 'events', enabled: true })
    rig.send([0, rig.publishMany(ch, 1, 'q', ['x'])])
    for (const fire of rig.scheduled.splice(0)) fire()
    expect(rig.events().map((e) => e.type)).not.toContain('confirmed')
    await settle()
    for (const fire of rig.scheduled.splice(0)) fire()
    expect(rig.events().filter((e) => e.type === 'confirmed')).toMatchObject([
      { channel: ch, publishSeq: 1, ack: true },
    ])
  })
})

describe('lifecycle', () => {
  it('shutdown commits what is pending before it replies', async () => {
    const rig = await Rig.start()
    const ch = rig.channel(false)
    rig.call({ type: 'queueDeclare', connection: rig.connection, channel: ch, declare: { queue: 'q', durable: true } })
    rig.send([0, rig.publishMany(ch, 1, 'q', ['last words'])])
    const [id] = rig.send({ type: 'shutdown' })
    expect(rig.replies().find((r) => r.id === id)).toBeUndefined()
    await settle()
    expect(rig.replies().find((r) => r.id === id)).toMatchObject({ ok: true })
    expect(await rig.onDisk('q')).toEqual(['last words'])
    const count = rig.posts.length
    rig.send({ type: 'snapshot' }) // a stopped handler takes no more commands
    expect(rig.posts).toHaveLength(count)
  })

  it('keeps what is declared right after a reset, even while a commit is in flight', async () => {
    const rig = await Rig.start()
    const ch = rig.channel(false)
    rig.call({
      type: 'queueDeclare',
      connection: rig.connection,
      channel: ch,
      declare: { queue: 'old', durable: true },
    })
    rig.send([0, rig.publishMany(ch, 1, 'old', ['x'])]) // its commit is in flight during the reset
    rig.send({ type: 'reset' })
    const conn = rig.call({ type: 'connect' }).connection
    const ch2 = rig.call({ type: 'openChannel', connection: conn, confirm: false }).channel
    rig.call({ type: 'queueDeclare', connection: conn, channel: ch2, declare: { queue: 'new', durable: true } })
    rig.send([0, { ...rig.publishMany(ch2, 1, 'new', ['y']), connection: conn }])
    await settle()
    const state = await new IdbDurableLog(rig.db).load()
    expect(state.queues.map((q) => q.name)).toEqual(['new'])
    expect(await rig.onDisk('new')).toEqual(['y'])
  })

  it('keeps the design beside the broker on disk: put, then get after a restart of the handler', async () => {
    const rig = await Rig.start()
    const design = { layout: { 'queue:q': { x: 1, y: 2 } } }
    const [before] = rig.send({ type: 'designGet' })
    const [put] = rig.send({ type: 'designPut', design })
    await settle()
    expect(rig.replies().find((r) => r.id === before)).toEqual({ id: before, ok: true, result: null })
    expect(rig.replies().find((r) => r.id === put)).toEqual({ id: put, ok: true, result: null })
    const again = new Handler({
      extras,
      broker: createBroker({ clock: new ManualClock(), durable: rig.log }),
      clock: staticClock,
      durable: rig.log,
      post: (m) => rig.posts.push(m),
      schedule: () => {},
      freshBroker: () => createBroker({ clock: new ManualClock(), durable: rig.log }),
    })
    again.receive({ type: 'commands', commands: [{ id: 99, command: { type: 'designGet' } }] })
    await settle()
    expect(rig.replies().find((r) => r.id === 99)).toEqual({ id: 99, ok: true, result: design })
  })

  it('reset empties the broker and the disk', async () => {
    const rig = await Rig.start()
    const ch = rig.channel(false)
    rig.call({ type: 'queueDeclare', connection: rig.connection, channel: ch, declare: { queue: 'q', durable: true } })
    rig.send([0, rig.publishMany(ch, 1, 'q', ['x'])])
    await settle()
    const [id] = rig.send({ type: 'reset' })
    await settle()
    expect(rig.replies().find((r) => r.id === id)).toMatchObject({ ok: true })
    expect(await rig.onDisk('q')).toEqual([])
    expect((await new IdbDurableLog(rig.db).load()).queues).toEqual([])
    expect(rig.handler.currentBroker.vhosts.get('/')!.queues.size).toBe(0)
  })
})
