// The three cluster lessons, run in Node on a manual clock: each one's moment happens through its buttons.

import { describe, expect, it } from 'vitest'
import { createBroker, ManualClock } from '../../engine/index.ts'
import type { QuorumReplicas } from '../../engine/cluster/quorum-replicas.ts'
import { Simulation } from '../../engine/simulation/simulation.ts'
import { seededRandom } from '../../engine/random.ts'
import { CLUSTER_LESSONS } from '../../app/lessons/cluster-lessons.ts'
import { openLesson, runAction, type LessonDriver } from '../../app/lessons/runner.ts'

const sink = { delivery() {}, returned() {}, confirmed() {}, cancelled() {}, channelClosed() {}, connectionClosed() {} }

async function open(id: string) {
  const lesson = CLUSTER_LESSONS.find((l) => l.id === id)!
  const clock = new ManualClock()
  const broker = createBroker({ clock, seed: 1, version: '4.3' })
  const sim = new Simulation(broker, seededRandom(1))
  let admin = broker.connect(sink).openChannel()
  const driver: LessonDriver = {
    clusterSize: (n) => {
      broker.cluster.setSize(n)
      admin = broker.connect(sink, { node: 'rabbit@n1' }).openChannel()
    },
    cluster: (step) => {
      if (step.kind === 'node') broker.cluster[step.action](step.node)
      else if (step.kind === 'partition') broker.cluster.partition(step.groups)
      else broker.cluster.heal()
    },
    exchange: () => {},
    queue: (q) => void admin.queueDeclare({ queue: q.name, durable: q.durable ?? true, arguments: q.arguments ?? {} }),
    bind: () => {},
    setProducer: (s) => sim.setProducer(s),
    setConsumer: (s) => sim.setConsumer(s),
    producer: (pid, a) => (a === 'start' ? sim.startProducer(pid) : sim.stopProducer(pid)),
    consumer: (cid, a) => (a === 'crash' ? sim.crashConsumer(cid) : sim.setConsumerOnline(cid, a === 'online')),
    restart: () => {},
  }
  await openLesson(lesson, driver)
  const act = (actionId: string) => runAction(lesson.actions.find((a) => a.id === actionId)!, driver)
  const queue = () => broker.vhosts.get('/')!.queues.get('orders')!
  const consumer = () => sim.status().consumers[0]
  const producer = () => sim.status().producers[0]
  return { lesson, clock, broker, act, queue, consumer, producer }
}

describe('cluster lessons', () => {
  it('every lesson has French beside English, with a label for each button', () => {
    for (const lesson of CLUSTER_LESSONS) {
      expect(lesson.nodes).toBe(3)
      expect(lesson.fr?.watch).toHaveLength(lesson.watch.length)
      expect(Object.keys(lesson.fr!.actions).sort()).toEqual(lesson.actions.map((a) => a.id).sort())
    }
  })

  it('quorum queues survive a node: after the leader’s node stops, work carries on and nothing is nacked', async () => {
    const l = await open('quorum-survives')
    l.clock.advance(5000)
    const before = l.consumer().received
    await l.act('stop-leader')
    l.clock.advance(10_000)
    const replicas = l.queue().replicas as QuorumReplicas
    expect(replicas.active).toBe(true)
    expect(replicas.leader).not.toBe('rabbit@n1')
    expect(l.consumer().received).toBeGreaterThan(before + 20)
    expect(l.producer().nacked).toBe(0)
    await l.act('start-leader')
    l.clock.advance(2000)
    expect(replicas.online()).toHaveLength(3)
  })

  it('a classic queue on a dead node: nacks and a stopped consumer until the node returns', async () => {
    const l = await open('classic-dead-node')
    l.clock.advance(5000)
    await l.act('stop-home')
    l.clock.advance(5000)
    expect(l.producer().nacked).toBeGreaterThan(0)
    expect(l.consumer().state).toBe('stopped')
    expect(l.consumer().error).toMatch(/home node 'rabbit@n1'/)
    const received = l.consumer().received
    await l.act('start-home')
    l.clock.advance(5000)
    expect(l.consumer().state).toBe('consuming')
    expect(l.consumer().received).toBeGreaterThan(received)
  })

  it('no majority, no confirms: the minority side’s publishes wait until the partition heals', async () => {
    const l = await open('no-majority')
    l.clock.advance(5000)
    const depth = () => l.queue().messageCount + l.queue().unacked
    await l.act('split')
    l.clock.advance(5000)
    const replicas = l.queue().replicas as QuorumReplicas
    expect(['rabbit@n2', 'rabbit@n3']).toContain(replicas.leader)
    const received = l.consumer().received
    l.clock.advance(5000)
    expect(l.consumer().received).toBe(received)
    expect(depth()).toBe(0)
    await l.act('heal')
    l.clock.advance(5000)
    expect(l.consumer().received).toBeGreaterThan(received + 40)
    expect(l.producer().nacked).toBe(0)
  })
})
