// The cluster through the worker protocol, as warren.cluster and warren.connect({ node }) drive it.

import { IDBFactory } from 'fake-indexeddb'
import { describe, expect, it } from 'vitest'
import { loadClusterSize } from '../../engine/persistence/cluster-size.ts'
import { openDatabase } from '../../engine/persistence/db.ts'
import { IdbDurableLog } from '../../engine/persistence/store.ts'
import { createBroker, ManualClock } from '../../engine/index.ts'
import { ELECTION_TIMEOUT_MS } from '../../engine/cluster/quorum-replicas.ts'
import { Handler, type ControllableClock } from '../../engine/worker/handler.ts'
import * as extras from '../../engine/worker/extras.ts'
import type { ClockState, Command, FromWorker, ReplyOf, Traffic } from '../../engine/worker/protocol.ts'

const staticClock: ControllableClock = {
  state: (): ClockState => ({ now: 0, paused: true, speed: 1 }),
  pause() {},
  resume() {},
  step: () => false,
  setSpeed() {},
}

function rig() {
  const clock = new ManualClock()
  const posts: FromWorker[] = []
  const broker = createBroker({ clock, version: '4.3' })
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
  const call = <C extends Command>(command: C): ReplyOf<C> => {
    const id = nextId++
    handler.receive({ type: 'commands', commands: [{ id, command }] })
    const reply = posts.flatMap((p) => (p.type === 'batch' ? p.replies : [])).find((r) => r.id === id)
    if (!reply) throw new Error(`no reply to ${command.type}`)
    if (!reply.ok) throw new Error(reply.error.message)
    return reply.result as ReplyOf<C>
  }
  const traffic = (): Traffic[] => posts.flatMap((p) => (p.type === 'batch' ? p.traffic : []))
  return { clock, call, traffic }
}

describe('cluster commands', () => {
  it('resize, stop, start, partition and heal answer with every node', () => {
    const { call } = rig()
    expect(call({ type: 'clusterNodes' })).toEqual([{ name: 'rabbit@n1', running: true, group: 0 }])
    expect(call({ type: 'clusterSetSize', size: 3 }).map((n) => n.name)).toEqual([
      'rabbit@n1',
      'rabbit@n2',
      'rabbit@n3',
    ])
    expect(call({ type: 'clusterStop', node: 'n2' }).map((n) => n.running)).toEqual([true, false, true])
    expect(call({ type: 'clusterStart', node: 'rabbit@n2' }).map((n) => n.running)).toEqual([true, true, true])
    expect(call({ type: 'clusterPartition', groups: [['n1'], ['n2', 'n3']] }).map((n) => n.group)).toEqual([0, 1, 1])
    expect(call({ type: 'clusterHeal' }).map((n) => n.group)).toEqual([0, 0, 0])
  })

  it('a connection to a stopped node is refused; one to a running node is that node’s', () => {
    const { call } = rig()
    call({ type: 'clusterSetSize', size: 2 })
    call({ type: 'clusterStop', node: 'n2' })
    expect(() => call({ type: 'connect', node: 'n2' })).toThrow(/down/)
    call({ type: 'clusterStart', node: 'n2' })
    expect(call({ type: 'connect', node: 'n2' }).connection).toBeGreaterThan(0)
  })

  it('a publish held by a leaderless quorum queue is confirmed to the page once a majority is back', () => {
    const { clock, call, traffic } = rig()
    call({ type: 'clusterSetSize', size: 3 })
    const { connection } = call({ type: 'connect', node: 'n1' })
    const { channel } = call({ type: 'openChannel', connection, confirm: true })
    const ref = { connection, channel }
    call({
      type: 'queueDeclare',
      ...ref,
      declare: { queue: 'qq', durable: true, arguments: { 'x-queue-type': 'quorum' } },
    })
    call({ type: 'clusterStop', node: 'n2' })
    call({ type: 'clusterStop', node: 'n3' })
    const reply = call({
      type: 'publish',
      ...ref,
      exchange: '',
      routingKey: 'qq',
      body: 'held',
      properties: { deliveryMode: 2 },
      mandatory: false,
    })
    expect(reply.confirm).toBeNull()
    call({ type: 'clusterStart', node: 'n2' })
    clock.advance(2 * ELECTION_TIMEOUT_MS)
    call({ type: 'clusterNodes' }) // the next batch carries what the election released
    const confirms = traffic().filter((t) => t.kind === 'confirms' && t.channel === channel)
    // Confirms travel as [first, last] ranges.
    expect(confirms.flatMap((t) => (t.kind === 'confirms' ? t.acks : []))).toEqual([reply.publishSeq, reply.publishSeq])
  })
})

describe('cluster size on disk', () => {
  it('setSize is saved beside the broker, so the next start has the same nodes', async () => {
    globalThis.indexedDB = new IDBFactory()
    const db = await openDatabase({ name: 'cluster-size' })
    expect(await loadClusterSize(db)).toBe(1)
    const clock = new ManualClock()
    const handler = new Handler({
      extras,
      broker: createBroker({ clock }),
      clock: staticClock,
      durable: new IdbDurableLog(db),
      post: () => {},
      schedule: () => {},
      freshBroker: () => createBroker({ clock }),
    })
    handler.receive({ type: 'commands', commands: [{ id: 1, command: { type: 'clusterSetSize', size: 3 } }] })
    await expect.poll(() => loadClusterSize(db)).toBe(3)
  })
})
