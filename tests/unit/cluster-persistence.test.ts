// A restart keeps where each durable queue lived: a classic queue comes back on its home node, a quorum queue
// and a stream on their members, through the real IndexedDB store (fake-indexeddb).

import { IDBFactory } from 'fake-indexeddb'
import { beforeEach, describe, expect, it } from 'vitest'
import { createBroker, ManualClock } from '../../engine/index.ts'
import type { Broker } from '../../engine/index.ts'
import { ClassicHome } from '../../engine/cluster/classic-home.ts'
import { QuorumReplicas } from '../../engine/cluster/quorum-replicas.ts'
import { openDatabase } from '../../engine/persistence/db.ts'
import { recoverInto } from '../../engine/persistence/recover.ts'
import { IdbDurableLog } from '../../engine/persistence/store.ts'
import { persistent } from './cluster-driver.ts'
import { quietSink } from './quiet-sink.ts'

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory()
})

async function boot(): Promise<{ broker: Broker; log: IdbDurableLog; close: () => void }> {
  const db = await openDatabase({ name: 'cluster-persistence' })
  const log = new IdbDurableLog(db)
  const broker = createBroker({ clock: new ManualClock(), durable: log, nodes: 3, version: '4.3' })
  recoverInto(broker, await log.load())
  return { broker, log, close: () => db.close() }
}

const channelOn = (broker: Broker, node: string) => {
  const channel = broker.connect(quietSink, { node }).openChannel()
  channel.confirmSelect()
  return channel
}

const replicasOf = (broker: Broker, queue: string) => broker.vhosts.get('/')!.queues.get(queue)!.replicas

describe('queue placement across a restart', () => {
  it('a classic queue comes back on its home node with its persistent messages', async () => {
    const first = await boot()
    channelOn(first.broker, 'rabbit@n2').queueDeclare({ queue: 'cq', durable: true })
    channelOn(first.broker, 'rabbit@n1').publish('', 'cq', 'kept', persistent, false)
    await first.log.commit()
    first.close()

    const second = await boot()
    const home = replicasOf(second.broker, 'cq')
    expect(home).toBeInstanceOf(ClassicHome)
    expect((home as ClassicHome).node).toBe('rabbit@n2')
    second.broker.cluster.stop('rabbit@n2')
    second.broker.cluster.start('rabbit@n2')
    expect(channelOn(second.broker, 'rabbit@n3').get('cq', true)?.body).toBe('kept')
  })

  it('a quorum queue and a stream come back on the members they were declared with', async () => {
    const first = await boot()
    const n3 = channelOn(first.broker, 'rabbit@n3')
    n3.queueDeclare({
      queue: 'qq',
      durable: true,
      arguments: { 'x-queue-type': 'quorum', 'x-quorum-initial-group-size': 2 },
    })
    n3.queueDeclare({ queue: 's', durable: true, arguments: { 'x-queue-type': 'stream', 'x-initial-cluster-size': 1 } })
    const declared = (replicasOf(first.broker, 'qq') as QuorumReplicas).members
    await first.log.commit()
    first.close()

    const second = await boot()
    const qq = replicasOf(second.broker, 'qq') as QuorumReplicas
    expect(qq).toBeInstanceOf(QuorumReplicas)
    expect(qq.kind).toBe('quorum')
    expect(qq.members).toEqual(declared)
    expect(qq.leader).toBe('rabbit@n3')
    const s = replicasOf(second.broker, 's') as QuorumReplicas
    expect([s.kind, s.members]).toEqual(['stream', ['rabbit@n3']])
  })
})
