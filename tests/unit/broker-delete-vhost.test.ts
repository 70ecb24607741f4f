// Deleting a vhost as rabbitmqctl delete_vhost does: its clients are forced off, everything in it goes, on disk too.
import { IDBFactory } from 'fake-indexeddb'
import { beforeEach, describe, expect, it } from 'vitest'
import { createBroker, ManualClock } from '../../engine/index.ts'
import type { Broker, BrokerErrorData, ConnectionSink } from '../../engine/index.ts'
import { openDatabase, type WarrenDatabase } from '../../engine/persistence/db.ts'
import { recoverInto } from '../../engine/persistence/recover.ts'
import { IdbDurableLog } from '../../engine/persistence/store.ts'

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory()
})

function sink(closed: (BrokerErrorData | null)[]): ConnectionSink {
  return {
    delivery: () => {},
    returned: () => {},
    confirmed: () => {},
    cancelled: () => {},
    channelClosed: () => {},
    connectionClosed: (error) => closed.push(error),
  }
}

async function node(name: string): Promise<{ db: WarrenDatabase; log: IdbDurableLog; broker: Broker }> {
  const db = await openDatabase({ name })
  const log = new IdbDurableLog(db)
  const broker = createBroker({ clock: new ManualClock(1_000_000), durable: log })
  recoverInto(broker, await log.load())
  return { db, log, broker }
}

/** A vhost 'shop' with a durable exchange, queue, binding, persistent message and policy; '/' has a queue of its own. */
function fill(broker: Broker, closed: (BrokerErrorData | null)[]): void {
  broker.addVhost('shop')
  const ch = broker.connect(sink(closed), { vhost: 'shop' }).openChannel()
  ch.exchangeDeclare({ exchange: 'orders', type: 'fanout', durable: true })
  ch.queueDeclare({ queue: 'payments', durable: true })
  ch.queueBind('payments', 'orders')
  ch.publish('orders', '', 'order 1', { deliveryMode: 2 }, false)
  broker.vhosts
    .get('shop')!
    .setPolicy({ name: 'ttl', pattern: '.*', applyTo: 'queues', priority: 0, definition: { 'message-ttl': 60000 } })
  broker.connect(sink([]), { vhost: '/' }).openChannel().queueDeclare({ queue: 'home', durable: true })
}

describe('Broker.deleteVhost', () => {
  it("closes the vhost's connections with 320 CONNECTION_FORCED and leaves the others open", async () => {
    const { broker } = await node('delete-connections')
    const closed: (BrokerErrorData | null)[] = []
    fill(broker, closed)
    const home: (BrokerErrorData | null)[] = []
    broker.connect(sink(home), { vhost: '/' })
    broker.deleteVhost('shop')
    expect(closed.map((e) => e?.code)).toEqual([320])
    expect(closed[0]?.text).toBe('CONNECTION_FORCED')
    expect(home).toEqual([])
    expect([...broker.vhosts.keys()]).toEqual(['/'])
    expect([...broker.connections.values()].every((c) => c.vhost.name === '/')).toBe(true)
    expect(() => broker.connect(sink([]), { vhost: 'shop' })).toThrow(/vhost shop not found/)
  })

  it("deletes the vhost's durable records; a restart does not bring it back", async () => {
    const first = await node('delete-durable')
    fill(first.broker, [])
    await first.log.commit()
    first.broker.deleteVhost('shop')
    await first.log.commit()
    first.db.close()
    const second = await node('delete-durable')
    expect([...second.broker.vhosts.keys()]).toEqual(['/'])
    expect([...second.broker.vhosts.get('/')!.queues.keys()]).toEqual(['home'])
    for (const store of ['exchanges', 'queues', 'bindings', 'messages', 'marks', 'policies', 'vhosts'] as const) {
      const keys = (await second.db.getAllKeys(store)) as unknown[]
      expect(JSON.stringify(keys), store).not.toContain('shop')
    }
  })

  it('refuses the default vhost and a vhost that does not exist, changing nothing', async () => {
    const { broker } = await node('delete-refused')
    expect(() => broker.deleteVhost('/')).toThrow(/default vhost/)
    expect(() => broker.deleteVhost('nowhere')).toThrow(/'nowhere' does not exist/)
    expect([...broker.vhosts.keys()]).toEqual(['/'])
  })
})
