// Vhosts are durable as in RabbitMQ: one that holds nothing survives a restart, and a deleted one leaves nothing on disk.
import { IDBFactory } from 'fake-indexeddb'
import { beforeEach, describe, expect, it } from 'vitest'
import { createBroker, ManualClock } from '../../engine/index.ts'
import type { Broker } from '../../engine/index.ts'
import { importDefinitions } from '../../engine/definitions/import.ts'
import { DURABLE_STORES, openDatabase, type WarrenDatabase } from '../../engine/persistence/db.ts'
import { recoverInto } from '../../engine/persistence/recover.ts'
import type { RecoveryReport } from '../../engine/persistence/recovery-report.ts'
import { IdbDurableLog } from '../../engine/persistence/store.ts'

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory()
})

const sink = { delivery() {}, returned() {}, confirmed() {}, cancelled() {}, channelClosed() {}, connectionClosed() {} }

interface Node {
  db: WarrenDatabase
  log: IdbDurableLog
  broker: Broker
  report: RecoveryReport
}

async function boot(name = 'vhosts'): Promise<Node> {
  const db = await openDatabase({ name })
  const log = new IdbDurableLog(db)
  const broker = createBroker({ clock: new ManualClock(1_000_000), durable: log })
  const report = recoverInto(broker, await log.load())
  return { db, log, broker, report }
}

async function restart(node: Node): Promise<Node> {
  await node.log.commit()
  node.db.close()
  return boot()
}

/** Every key on disk, in every durable store, as text. */
async function everyKey(db: WarrenDatabase): Promise<string> {
  const keys: unknown[] = []
  for (const store of DURABLE_STORES) keys.push(...(await db.getAllKeys(store)))
  return JSON.stringify(keys)
}

describe('durable vhosts', () => {
  it("an empty vhost survives a restart; '/' needs no record", async () => {
    const first = await boot()
    first.broker.addVhost('empty')
    const second = await restart(first)
    expect([...second.broker.vhosts.keys()].sort()).toEqual(['/', 'empty'])
    expect(await second.db.getAllKeys('vhosts')).toEqual(['empty'])
    expect(second.log.hasPending).toBe(false)
  })

  it('a vhost comes back before its entities, with them in it', async () => {
    const first = await boot()
    first.broker.addVhost('shop')
    const ch = first.broker.connect(sink, { vhost: 'shop' }).openChannel()
    ch.queueDeclare({ queue: 'orders', durable: true })
    ch.publish('', 'orders', 'order 1', { deliveryMode: 2 }, false)
    const second = await restart(first)
    expect(second.broker.vhosts.get('shop')!.queues.get('orders')!.messageCount).toBe(1)
  })

  it('a deleted vhost is gone after a restart, with none of its records left, even unreadable ones', async () => {
    const first = await boot()
    first.broker.addVhost('shop')
    const ch = first.broker.connect(sink, { vhost: 'shop' }).openChannel()
    ch.exchangeDeclare({ exchange: 'orders', type: 'direct', durable: true })
    ch.queueDeclare({ queue: 'payments', durable: true })
    ch.queueBind('payments', 'orders', 'paid')
    ch.publish('orders', 'paid', 'order 1', { deliveryMode: 2 }, false)
    first.broker.addVhost('other')
    await first.log.commit()
    await first.db.put('queues', { broken: true } as never, ['shop', 'unreadable'])
    first.broker.deleteVhost('shop')
    const second = await restart(first)
    expect([...second.broker.vhosts.keys()].sort()).toEqual(['/', 'other'])
    expect(await everyKey(second.db)).not.toContain('shop')
    expect(await second.db.getAllKeys('vhosts')).toEqual(['other'])
    expect(second.report.skipped).toEqual([])
  })

  it('a vhost deleted and created again before the commit keeps only what was made after', async () => {
    const first = await boot()
    first.broker.addVhost('shop')
    first.broker.connect(sink, { vhost: 'shop' }).openChannel().queueDeclare({ queue: 'old', durable: true })
    await first.log.commit()
    first.broker.deleteVhost('shop')
    first.broker.addVhost('shop')
    first.broker.connect(sink, { vhost: 'shop' }).openChannel().queueDeclare({ queue: 'new', durable: true })
    const second = await restart(first)
    expect([...second.broker.vhosts.get('shop')!.queues.keys()]).toEqual(['new'])
  })

  it('a reset forgets every vhost', async () => {
    const first = await boot()
    first.broker.addVhost('shop')
    await first.log.commit()
    expect(await first.db.getAllKeys('vhosts')).toEqual(['shop'])
    await first.log.clear()
    const second = await restart(first)
    expect([...second.broker.vhosts.keys()]).toEqual(['/'])
  })

  it('a vhost known only from its entities gets its own record back at recovery', async () => {
    const first = await boot()
    first.broker.addVhost('shop')
    first.broker.connect(sink, { vhost: 'shop' }).openChannel().queueDeclare({ queue: 'q', durable: true })
    await first.log.commit()
    await first.db.delete('vhosts', 'shop')
    const second = await restart(first)
    expect(second.log.hasPending).toBe(true)
    second.broker.vhosts.get('shop')!.deleteQueue('q', 0)
    const third = await restart(second)
    expect([...third.broker.vhosts.keys()].sort()).toEqual(['/', 'shop'])
  })

  it('vhosts created by a definitions import are durable', async () => {
    const first = await boot()
    importDefinitions(first.broker, {
      vhosts: [{ name: 'imported' }],
      queues: [{ name: 'q', vhost: 'elsewhere', durable: true, arguments: {} }],
    })
    const second = await restart(first)
    expect([...second.broker.vhosts.keys()].sort()).toEqual(['/', 'elsewhere', 'imported'])
    expect((await second.db.getAllKeys('vhosts')).sort()).toEqual(['elsewhere', 'imported'])
  })
})
