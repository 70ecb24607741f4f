import { IDBFactory } from 'fake-indexeddb'
import { describe, expect, it } from 'vitest'
import { createBroker, ManualClock } from '../../engine/index.ts'
import { openDatabase } from '../../engine/persistence/db.ts'
import { recoverInto } from '../../engine/persistence/recover.ts'
import { IdbDurableLog } from '../../engine/persistence/store.ts'
import { Simulation } from '../../engine/simulation/simulation.ts'
import { isToolCommand, runToolCommand, type ToolCommand } from '../../engine/worker/tool-commands.ts'
import { AmqpError } from '../../engine/errors.ts'

function setup() {
  const clock = new ManualClock()
  const broker = createBroker({ clock, seed: 3 })
  const simulation = new Simulation(broker, broker.random, broker.seed)
  const run = <C extends ToolCommand>(command: C) => runToolCommand(broker, simulation, command)
  return { clock, broker, run }
}

const ecommerce = {
  exchanges: [{ name: 'orders', vhost: '/', type: 'topic', durable: true }],
  queues: [
    { name: 'payment', vhost: '/', durable: true, arguments: {} },
    { name: 'analytics', vhost: '/', durable: true, arguments: {} },
  ],
  bindings: [
    {
      source: 'orders',
      vhost: '/',
      destination: 'payment',
      destination_type: 'queue',
      routing_key: 'order.paid',
      arguments: {},
    },
    {
      source: 'orders',
      vhost: '/',
      destination: 'analytics',
      destination_type: 'queue',
      routing_key: 'order.#',
      arguments: {},
    },
  ],
}

describe('tool commands over the protocol', () => {
  it('recognises tool commands and nothing else', () => {
    expect(isToolCommand({ type: 'simStatus' })).toBe(true)
    expect(isToolCommand({ type: 'publish' })).toBe(false)
  })

  it('imports definitions, explains a route and exports them back', () => {
    const { run } = setup()
    expect(run({ type: 'importDefinitions', definitions: ecommerce, vhost: null })).toMatchObject({
      exchanges: 1,
      queues: 2,
      bindings: 2,
    })
    const explained = run({
      type: 'explainRoute',
      vhost: '/',
      exchange: 'orders',
      routingKey: 'order.paid',
      headers: {},
    })
    expect(explained.queues.sort()).toEqual(['analytics', 'payment'])
    const exported = run({ type: 'exportDefinitions', vhost: null }) as { queues: { name: string }[] }
    expect(exported.queues.map((q) => q.name).sort()).toEqual(['analytics', 'payment'])
  })

  it('rejects a bad definitions file with 406 and the entry named, leaving the broker as it was', () => {
    const { run, broker } = setup()
    expect(() =>
      run({
        type: 'importDefinitions',
        definitions: { queues: [{ name: 'q', arguments: { 'x-message-ttl': -1 } }] },
        vhost: null,
      }),
    ).toThrow(AmqpError)
    try {
      run({
        type: 'importDefinitions',
        definitions: { queues: [{ name: 'q', arguments: { 'x-message-ttl': -1 } }] },
        vhost: null,
      })
    } catch (error) {
      expect((error as AmqpError).code).toBe(406)
      expect((error as AmqpError).message).toContain('queues[0] "q"')
    }
    expect(broker.vhosts.get('/')!.queues.size).toBe(0)
  })

  it('a dry-run import reports what a fresh broker would take, and leaves the broker untouched', () => {
    const { run, broker } = setup()
    const events: string[] = []
    broker.emit = (event) => events.push(event.type)
    const exchangesBefore = [...broker.vhosts.get('/')!.exchanges.keys()]
    const preview = run({
      type: 'importDefinitions',
      definitions: { ...ecommerce, vhosts: [{ name: 'shop' }] },
      vhost: null,
      dryRun: true,
    })
    expect(preview).toEqual({
      vhosts: ['shop', '/'],
      exchanges: 1,
      queues: 2,
      bindings: 2,
      policies: 0,
      warnings: [],
      rabbitVersion: null,
    })
    expect([...broker.vhosts.keys()]).toEqual(['/'])
    expect(broker.vhosts.get('/')!.queues.size).toBe(0)
    expect([...broker.vhosts.get('/')!.exchanges.keys()]).toEqual(exchangesBefore)
    expect(events).toEqual([])
    expect(
      run({ type: 'importDefinitions', definitions: { ...ecommerce, vhosts: [{ name: 'shop' }] }, vhost: null }),
    ).toEqual(preview)
  })

  it('a dry-run import refuses a bad file with 406 as the import would, and leaves the broker untouched', () => {
    const { run, broker } = setup()
    run({ type: 'importDefinitions', definitions: ecommerce, vhost: null })
    const bad = {
      queues: [
        { name: 'fresh', vhost: '/', arguments: {} },
        { name: 'q', vhost: '/', arguments: { 'x-message-ttl': -1 } },
      ],
    }
    let refused: unknown
    try {
      run({ type: 'importDefinitions', definitions: bad, vhost: null, dryRun: true })
    } catch (error) {
      refused = error
    }
    expect(refused).toBeInstanceOf(AmqpError)
    expect((refused as AmqpError).code).toBe(406)
    expect((refused as AmqpError).message).toContain('queues[1] "q"')
    expect([...broker.vhosts.get('/')!.queues.keys()].sort()).toEqual(['analytics', 'payment'])
  })

  it('a dry-run import starts from an empty broker: what the broker holds does not change the preview', () => {
    const { run, broker } = setup()
    broker.vhosts
      .get('/')!
      .setPolicy({ name: 'cap', pattern: '.*', applyTo: 'queues', priority: 0, definition: { 'max-length': 1 } }, true)
    const preview = run({ type: 'importDefinitions', definitions: ecommerce, vhost: 'elsewhere', dryRun: true })
    expect(preview).toMatchObject({ vhosts: ['elsewhere'], queues: 2 })
    expect(broker.vhosts.has('elsewhere')).toBe(false)
    expect([...broker.vhosts.get('/')!.operatorPolicies.keys()]).toEqual(['cap'])
  })

  it('drives simulated producers and consumers on the broker clock', () => {
    const { run, clock } = setup()
    run({ type: 'importDefinitions', definitions: ecommerce, vhost: null })
    run({
      type: 'simSetConsumer',
      spec: {
        id: 'c',
        vhost: '/',
        queue: 'payment',
        autoAck: false,
        prefetch: 1,
        processingMs: 10,
        behaviour: { kind: 'ack' },
      },
    })
    run({
      type: 'simSetProducer',
      spec: {
        id: 'p',
        vhost: '/',
        exchange: 'orders',
        rate: 50,
        routingKey: { kind: 'fixed', key: 'order.paid' },
        body: 'm{n}',
        mandatory: false,
        confirms: true,
      },
    })
    run({ type: 'simProducer', id: 'p', action: 'start' })
    clock.advance(1000)
    run({ type: 'simProducer', id: 'p', action: 'stop' })
    clock.advance(100)
    const status = run({ type: 'simStatus' })
    expect(status.seed).toBe(3)
    expect(status.producers[0].published).toBe(50)
    expect(status.consumers[0].acked).toBe(50)
    run({ type: 'simConsumer', id: 'c', action: 'crash' })
    expect(run({ type: 'simStatus' }).consumers[0].state).toBe('crashed')
  })

  it('sets and clears policies, and lints the broker', () => {
    const { run, broker } = setup()
    run({ type: 'importDefinitions', definitions: ecommerce, vhost: null })
    run({
      type: 'setPolicy',
      vhost: '/',
      policy: {
        name: 'ttl',
        pattern: '^payment$',
        applyTo: 'queues',
        priority: 0,
        definition: { 'message-ttl': 5000, 'dead-letter-exchange': 'missing' },
      },
    })
    expect(broker.vhosts.get('/')!.queues.get('payment')!.settings.messageTtl).toBe(5000)
    const findings = run({ type: 'lint' })
    expect(findings.map((f) => f.rule)).toContain('missing-dead-letter-exchange')
    run({ type: 'clearPolicy', vhost: '/', name: 'ttl' })
    expect(broker.vhosts.get('/')!.queues.get('payment')!.settings.messageTtl).toBeUndefined()
  })

  it('generates client code for the topology', () => {
    const { run } = setup()
    run({ type: 'importDefinitions', definitions: ecommerce, vhost: null })
    expect(run({ type: 'clientCode', vhost: '/', language: 'amqplib' })).toContain('assertExchange("orders", "topic"')
    expect(run({ type: 'clientCode', vhost: '/', language: 'pika' })).toContain('exchange_declare(exchange="orders"')
  })
})

describe('vhost tool commands', () => {
  /** A broker on a fresh fake IndexedDB, and a way to restart it from what is on disk. */
  async function durableSetup() {
    globalThis.indexedDB = new IDBFactory()
    const boot = async () => {
      const db = await openDatabase({ name: 'tool-vhosts' })
      const log = new IdbDurableLog(db)
      const broker = createBroker({ clock: new ManualClock(), durable: log })
      recoverInto(broker, await log.load())
      const simulation = new Simulation(broker, broker.random, broker.seed)
      const run = <C extends ToolCommand>(command: C) => runToolCommand(broker, simulation, command)
      const restart = async () => {
        await log.commit()
        db.close()
        return boot()
      }
      return { broker, run, restart }
    }
    return boot()
  }

  it('addVhost creates a vhost that survives a restart; deleteVhost removes it for good', async () => {
    const first = await durableSetup()
    expect(isToolCommand({ type: 'deleteVhost' })).toBe(true)
    expect(first.run({ type: 'addVhost', name: 'shop' })).toBeNull()
    const second = await first.restart()
    expect([...second.broker.vhosts.keys()].sort()).toEqual(['/', 'shop'])
    expect(second.run({ type: 'deleteVhost', name: 'shop' })).toBeNull()
    expect([...second.broker.vhosts.keys()]).toEqual(['/'])
    const third = await second.restart()
    expect([...third.broker.vhosts.keys()]).toEqual(['/'])
  })

  it("deleteVhost refuses '/' with 406 and an unknown vhost with 404", async () => {
    const { run, broker } = await durableSetup()
    const codeOf = (name: string) => {
      try {
        run({ type: 'deleteVhost', name })
        return null
      } catch (error) {
        return { code: (error as AmqpError).code, message: (error as AmqpError).message }
      }
    }
    expect(codeOf('/')).toMatchObject({ code: 406, message: expect.stringMatching(/default vhost/) })
    expect(codeOf('nowhere')).toMatchObject({ code: 404, message: expect.stringMatching(/'nowhere' does not exist/) })
    expect([...broker.vhosts.keys()]).toEqual(['/'])
  })

  it('addVhost without a name is refused', async () => {
    const { run } = await durableSetup()
    expect(() => run({ type: 'addVhost', name: '' })).toThrow(/a vhost needs a name/)
  })
})
