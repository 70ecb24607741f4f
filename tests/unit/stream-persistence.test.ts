// A stream survives a restart: every message (persistent or not) is stored, acks remove nothing, offsets stay.

import { IDBFactory } from 'fake-indexeddb'
import { beforeEach, describe, expect, it } from 'vitest'
import { createBroker, ManualClock } from '../../engine/index.ts'
import type { Broker, Channel, ConnectionSink, Delivery } from '../../engine/index.ts'
import { openDatabase, type WarrenDatabase } from '../../engine/persistence/db.ts'
import { recoverInto } from '../../engine/persistence/recover.ts'
import { IdbDurableLog } from '../../engine/persistence/store.ts'

let dbCount = 0

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory()
})

class StreamNode {
  deliveries: Delivery[] = []
  db!: WarrenDatabase
  log!: IdbDurableLog
  broker!: Broker
  ch!: Channel
  readonly clock = new ManualClock(1_000_000)
  private readonly name = `stream-node-${++dbCount}`

  async open(): Promise<this> {
    this.db = await openDatabase({ name: this.name })
    this.log = new IdbDurableLog(this.db)
    this.broker = createBroker({ clock: this.clock, durable: this.log, version: '4.3' })
    recoverInto(this.broker, await this.log.load())
    this.deliveries = []
    const sink: ConnectionSink = {
      delivery: (_channel, delivery) => this.deliveries.push(delivery),
      returned: () => {},
      confirmed: () => {},
      cancelled: () => {},
      channelClosed: () => {},
      connectionClosed: () => {},
    }
    this.ch = this.broker.connect(sink).openChannel()
    this.ch.confirmSelect()
    return this
  }

  async restart(): Promise<void> {
    await this.log.commit()
    this.db.close()
    await this.open()
  }

  readFromFirst(): [string, unknown][] {
    this.ch.qos(100)
    this.ch.consume('events', { arguments: { 'x-stream-offset': 'first' } })
    return this.deliveries.map((d) => [String(d.body), d.properties.headers?.['x-stream-offset']])
  }
}

describe('streams across a restart', () => {
  it('replays every message from first with its offset, acked or not, persistent or not', async () => {
    const node = await new StreamNode().open()
    node.ch.queueDeclare({ queue: 'events', durable: true, arguments: { 'x-queue-type': 'stream' } })
    node.ch.publish('', 'events', 'e0', { deliveryMode: 2 }, false)
    node.ch.publish('', 'events', 'e1', {}, false)
    const before = node.readFromFirst()
    for (const d of node.deliveries) node.ch.ack(d.deliveryTag)
    await node.restart()
    expect(node.readFromFirst()).toEqual(before)
    expect(before).toEqual([
      ['e0', 0],
      ['e1', 1],
    ])
    node.ch.publish('', 'events', 'e2', {}, false)
    expect(node.deliveries.at(-1)?.properties.headers?.['x-stream-offset']).toBe(2)
  })
})

describe('stream append times across a restart', () => {
  it('keep their age: an interval offset and x-max-age retention still see when each message came', async () => {
    const node = await new StreamNode().open()
    node.ch.queueDeclare({
      queue: 'events',
      durable: true,
      arguments: { 'x-queue-type': 'stream', 'x-max-age': '1h', 'x-stream-max-segment-size-bytes': 1 },
    })
    node.ch.publish('', 'events', 'old', {}, false)
    node.clock.advance(50 * 60_000)
    node.ch.publish('', 'events', 'recent', {}, false)
    node.clock.advance(5 * 60_000)
    await node.restart()
    node.ch.qos(10)
    node.ch.consume('events', { arguments: { 'x-stream-offset': '10m' } })
    expect(node.deliveries.map((d) => String(d.body))).toEqual(['recent'])
    node.clock.advance(6 * 60_000) // 'old' is now over an hour old: its segment goes
    node.ch.publish('', 'events', 'new', {}, false)
    node.ch.consume('events', { consumerTag: 'all', arguments: { 'x-stream-offset': 'first' } })
    expect(node.deliveries.filter((d) => d.consumerTag === 'all').map((d) => String(d.body))).toEqual(['recent', 'new'])
  })
})
