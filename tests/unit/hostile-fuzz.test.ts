// A bounded, seeded fuzz of what comes from outside: mutated and hostile definitions, share links and page-API
// arguments. Each must be accepted or refused cleanly (a refusal in words, never an internal error), and a
// refusal must leave the broker as it was.

import { describe, expect, it } from 'vitest'
import { createBroker, ManualClock, type Broker } from '../../engine/index.ts'
import { amqplibScript, pikaScript } from '../../engine/definitions/client-code.ts'
import { exportDefinitions } from '../../engine/definitions/export.ts'
import { DefinitionsError, importDefinitions } from '../../engine/definitions/import.ts'
import { AmqpError } from '../../engine/errors.ts'
import { seededRandom, type Random } from '../../engine/random.ts'
import { Handler, type ControllableClock } from '../../engine/worker/handler.ts'
import * as extras from '../../engine/worker/extras.ts'
import { snapshot } from '../../engine/worker/queries.ts'
import { checkCommandLimits, InputLimitError, type Command, type FromWorker } from '../../engine/worker/protocol.ts'
import { IoError } from '../../app/io/file-kind.ts'
import { decodeShareFragment, encodeShareFragment } from '../../app/io/share-link.ts'
import { makeWarrenFile } from '../../app/io/warren-file.ts'

// FUZZ_SEED=N runs another seed; a failure names its round, so the same seed replays it.
const SEED = Number(process.env.FUZZ_SEED ?? 19)
const ROUNDS = { definitions: 400, shareLinks: 300, commands: 600 }

// What an internal failure looks like when it leaks: JavaScript's own error texts.
const INTERNAL =
  /is not a function|Cannot read prop|Cannot convert|undefined is not|is not iterable|Maximum call stack|is not defined|Invalid array length/

const HOSTILE_STRINGS = [
  '',
  '__proto__',
  'constructor',
  'toString',
  'amq.evil',
  "q'); process.exit(1); ('",
  'v\u2028x',
  'invoice\u202Egpj.exe',
  'nul\u0000byte',
  'lone\ud800',
  '#',
  '*.#.*',
  'é'.repeat(128),
  'x'.repeat(256),
  '{unacceptable_type,longstr}',
]

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random.next() * items.length)]
}

function deep(levels: number): unknown {
  let value: unknown = 'leaf'
  for (let i = 0; i < levels; i++) value = i % 2 ? [value] : { k: value }
  return value
}

/** A value from outside: plain, hostile, of the wrong type, or nested too deep. */
function hostileValue(random: Random): unknown {
  const choices: (() => unknown)[] = [
    () => pick(random, HOSTILE_STRINGS),
    () => null,
    () => Math.floor(random.next() * 2 ** 33) - 2 ** 32,
    () => random.next(),
    () => random.next() < 0.5,
    () => [],
    () => ({}),
    () => JSON.parse('{"__proto__": {"polluted": 1}, "toString": 1}'),
    () => deep(1 + Math.floor(random.next() * 80)),
    () => [pick(random, HOSTILE_STRINGS), 1, null],
  ]
  return pick(random, choices)()
}

const baseDefinitions = () => ({
  rabbit_version: '3.10.8',
  vhosts: [{ name: '/' }, { name: 'shop' }],
  policies: [
    {
      vhost: 'shop',
      name: 'ttl',
      pattern: '^orders$',
      'apply-to': 'queues',
      definition: { 'message-ttl': 1000 },
      priority: 0,
    },
  ],
  exchanges: [
    { name: 'events', vhost: 'shop', type: 'topic', durable: true, auto_delete: false, internal: false, arguments: {} },
    { name: 'docs', vhost: '/', type: 'headers', durable: true, auto_delete: false, internal: false, arguments: {} },
  ],
  queues: [
    {
      name: 'orders',
      vhost: 'shop',
      durable: true,
      auto_delete: false,
      arguments: { 'x-dead-letter-exchange': 'events' },
    },
    { name: 'pdfs', vhost: '/', durable: true, auto_delete: false, arguments: {} },
  ],
  bindings: [
    {
      source: 'events',
      vhost: 'shop',
      destination: 'orders',
      destination_type: 'queue',
      routing_key: 'order.#',
      arguments: {},
    },
    {
      source: 'docs',
      vhost: '/',
      destination: 'pdfs',
      destination_type: 'queue',
      routing_key: '',
      arguments: { 'x-match': 'all', f: 'pdf' },
    },
  ],
})

/** Replaces, deletes or adds one value somewhere in the document, a few times. */
function mutate(random: Random, doc: unknown, times: number): unknown {
  const copy = JSON.parse(JSON.stringify(doc)) as Record<string, unknown>
  for (let n = 0; n < times; n++) {
    let at: Record<string, unknown> | unknown[] = copy
    for (let depth = 0; depth < 4; depth++) {
      const keys = Object.keys(at)
      if (keys.length === 0) break
      const key = pick(random, keys)
      const next = (at as Record<string, unknown>)[key]
      if (next === null || typeof next !== 'object' || random.next() < 0.3) break
      at = next as Record<string, unknown>
    }
    const keys = Object.keys(at)
    const roll = random.next()
    const key =
      roll < 0.2
        ? pick(random, [...HOSTILE_STRINGS, 'vhost', 'name', 'arguments'])
        : pick(random, keys.length ? keys : ['x'])
    if (roll > 0.85) delete (at as Record<string, unknown>)[key]
    else
      Object.defineProperty(at, key, {
        value: hostileValue(random),
        enumerable: true,
        writable: true,
        configurable: true,
      })
  }
  return copy
}

/** A string from any value (String() fails on an object whose toString is not a function). */
const text = (v: unknown) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? 'undefined'))

const state = (broker: Broker) => JSON.stringify(exportDefinitions(broker))

function expectCleanRefusal(error: unknown, what: string): void {
  const known =
    error instanceof DefinitionsError ||
    error instanceof InputLimitError ||
    error instanceof AmqpError ||
    error instanceof IoError
  if (!known || INTERNAL.test((error as Error).message))
    throw new Error(
      `${what}: refused with ${(error as Error)?.name}: ${(error as Error)?.message}\n${(error as Error)?.stack?.split('\n').slice(1, 4).join('\n')}`,
    )
}

describe(`hostile input fuzz (seed ${SEED})`, () => {
  it(`${ROUNDS.definitions} mutated definitions documents: imported, or refused with the broker unchanged`, () => {
    const random = seededRandom(SEED)
    let accepted = 0
    for (let round = 0; round < ROUNDS.definitions; round++) {
      const broker = createBroker({ clock: new ManualClock() })
      importDefinitions(broker, baseDefinitions())
      const before = state(broker)
      const doc = mutate(random, baseDefinitions(), 1 + Math.floor(random.next() * 4))
      const input = random.next() < 0.3 ? JSON.stringify(doc) : doc
      try {
        importDefinitions(broker, input)
        accepted++
        // What was accepted exports, and generates client code, without failing.
        state(broker)
        for (const vhost of broker.vhosts.keys()) {
          amqplibScript(broker, vhost)
          pikaScript(broker, vhost)
        }
      } catch (error) {
        expectCleanRefusal(error, `round ${round}: ${JSON.stringify(input).slice(0, 300)}`)
        expect(state(broker), `round ${round}: a refused import changed the broker`).toBe(before)
      }
    }
    // The fuzz exercises both outcomes, or it tests nothing.
    expect(accepted).toBeGreaterThan(ROUNDS.definitions / 10)
    expect(accepted).toBeLessThan(ROUNDS.definitions)
  })

  it(`${ROUNDS.shareLinks} damaged share links: opened, or refused as an IoError`, () => {
    const random = seededRandom(SEED + 1)
    const valid = encodeShareFragment(makeWarrenFile(baseDefinitions(), { designs: {} }, 7, '4.3'))
    const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/%\u0000\u202e '
    let opened = 0
    for (let round = 0; round < ROUNDS.shareLinks; round++) {
      const chars = [...valid]
      const edits = 1 + Math.floor(random.next() * 6)
      for (let e = 0; e < edits; e++) {
        const at = 7 + Math.floor(random.next() * (chars.length - 7))
        const roll = random.next()
        if (roll < 0.4) chars[at] = pick(random, [...ALPHABET])
        else if (roll < 0.7) chars.splice(at, 1)
        else if (roll < 0.9) chars.splice(at, 0, pick(random, [...ALPHABET]))
        else chars.length = at
      }
      try {
        decodeShareFragment(chars.join(''))
        opened++
      } catch (error) {
        expectCleanRefusal(error, `share link round ${round}`)
      }
    }
    expect(opened).toBeLessThan(ROUNDS.shareLinks)
  })

  it(`${ROUNDS.commands} page-API commands with hostile arguments: answered, or refused with the topology unchanged`, () => {
    const random = seededRandom(SEED + 2)
    const clock = new ManualClock(1000)
    const broker = createBroker({ clock })
    importDefinitions(broker, baseDefinitions())
    const posts: FromWorker[] = []
    const staticClock: ControllableClock = {
      state: () => ({ now: 0, paused: true, speed: 1 }),
      pause() {},
      resume() {},
      step: () => false,
      setSpeed() {},
    }
    const handler = new Handler({
      extras,
      broker,
      clock: staticClock,
      durable: null,
      post: (m) => posts.push(m),
      schedule: () => {},
      freshBroker: () => createBroker({ clock }),
    })
    let nextId = 1
    const call = (command: Command) => {
      const id = nextId++
      posts.length = 0
      handler.receive({ type: 'commands', commands: [{ id, command }] })
      const reply = posts.flatMap((p) => (p.type === 'batch' ? p.replies : [])).find((r) => r.id === id)
      if (!reply) throw new Error(`no reply to ${command.type}`)
      return reply
    }
    const connect = () =>
      (call({ type: 'connect', vhost: '/' }) as { result: { connection: number } }).result.connection
    let connection = connect()
    const topology = () => {
      const s = snapshot(broker)
      return JSON.stringify([s.vhosts, s.exchanges, s.queues, s.bindings, exportDefinitions(broker)])
    }
    const s = () =>
      random.next() < 0.6 ? pick(random, ['orders', 'pdfs', 'docs', 'events', 'q1', 'x1']) : hostileValue(random)
    const table = () =>
      random.next() < 0.5 ? { 'x-match': pick(random, ['all', 'any', 'none']), [text(s())]: s() } : hostileValue(random)
    const builders: ((ref: { connection: number; channel: number }) => Command)[] = [
      (ref) => ({
        type: 'queueDeclare',
        ...ref,
        declare: { queue: s() as string, durable: random.next() < 0.5, arguments: table() as never },
      }),
      (ref) => ({
        type: 'exchangeDeclare',
        ...ref,
        declare: {
          exchange: s() as string,
          type: pick(random, ['direct', 'topic', 'headers', 'fanout', 'nope', text(s())]),
          arguments: table() as never,
        },
      }),
      (ref) => ({
        type: 'queueBind',
        ...ref,
        queue: s() as string,
        exchange: s() as string,
        routingKey: s() as string,
        arguments: table() as never,
      }),
      (ref) => ({
        type: 'exchangeBind',
        ...ref,
        destination: s() as string,
        source: s() as string,
        routingKey: s() as string,
        arguments: table() as never,
      }),
      (ref) => ({
        type: 'publish',
        ...ref,
        exchange: s() as string,
        routingKey: s() as string,
        body: text(s()),
        properties: { headers: table() as never, deliveryMode: 2 },
        mandatory: random.next() < 0.5,
      }),
      (ref) => ({
        type: 'queueDelete',
        ...ref,
        queue: s() as string,
        ifUnused: random.next() < 0.5,
        ifEmpty: random.next() < 0.5,
      }),
      () => ({
        type: 'setPolicy',
        vhost: pick(random, ['/', 'shop', text(s())]),
        policy: {
          name: text(s()),
          pattern: pick(random, ['.*', '(', text(s())]),
          applyTo: pick(random, ['all', 'queues', 'nope']) as never,
          priority: pick(random, [0, 1.5, -1]),
          definition: table() as never,
        },
      }),
      () => ({ type: 'importDefinitions', definitions: mutate(random, baseDefinitions(), 2) as never, vhost: null }),
      () => ({
        type: 'explainRoute',
        vhost: '/',
        exchange: s() as string,
        routingKey: s() as string,
        headers: table() as never,
      }),
    ]
    let answered = 0
    for (let round = 0; round < ROUNDS.commands; round++) {
      let opened = call({ type: 'openChannel', connection, confirm: true })
      if (!opened.ok) {
        // A connection-level error (as RabbitMQ closes the connection on 503 COMMAND_INVALID) ended it.
        connection = connect()
        opened = call({ type: 'openChannel', connection, confirm: true })
      }
      const channel = (opened as { result: { channel: number } }).result.channel
      const command = pick(random, builders)({ connection, channel })
      const what = `round ${round}: ${JSON.stringify(command).slice(0, 300)}`
      try {
        checkCommandLimits(command)
      } catch (error) {
        expectCleanRefusal(error, what)
        continue // refused in the page: nothing reached the broker
      }
      const before = topology()
      const reply = call(command)
      if (reply.ok) answered++
      else {
        expect(reply.error.code, what).not.toBe(541)
        expect(reply.error.message, what).not.toMatch(INTERNAL)
        if (command.type !== 'publish')
          expect(topology(), `${what}: a refused command changed the topology`).toBe(before)
      }
      call({ type: 'closeChannel', connection, channel })
    }
    expect(answered).toBeGreaterThan(ROUNDS.commands / 10)
  })
})
