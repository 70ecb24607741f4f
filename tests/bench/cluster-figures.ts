// Cluster figures of `npm run bench`: a three-node quorum queue's confirmed publish -> deliver -> ack, and the
// real time an election takes once the leader's node stops (stop, election timeout on the virtual clock, new leader).

import { createBroker, ManualClock } from '../../engine/index.ts'
import type { Channel, ConnectionSink } from '../../engine/index.ts'
import { ELECTION_TIMEOUT_MS, type QuorumReplicas } from '../../engine/cluster/quorum-replicas.ts'

interface Sampled {
  median: number
  runs: number[]
}

export interface BenchKit {
  burst: number
  body: string
  timed(perBurst: number, burst: () => void): Sampled
  report(name: string, label: string, s: Sampled, unit: string, target?: { min?: number; max?: number }): void
  results: Record<string, Record<string, unknown>>
}

const PERSISTENT = { deliveryMode: 2 }

/** Quorum queue qq led from n1, a confirm-mode publisher on n2 and a consumer acking on n3. */
function threeNodes() {
  const clock = new ManualClock()
  const broker = createBroker({ clock, nodes: 3, version: '4.3' })
  let delivered = 0
  let confirms = 0
  let consumer: Channel | null = null
  const sink = (acks: boolean): ConnectionSink => ({
    delivery: (_channel, delivery) => {
      delivered++
      if (acks) consumer!.ack(delivery.deliveryTag)
    },
    returned: () => {},
    confirmed: () => {
      confirms++
    },
    cancelled: () => {},
    channelClosed: () => {},
    connectionClosed: () => {},
  })
  broker
    .connect(sink(false), { node: 'rabbit@n1' })
    .openChannel()
    .queueDeclare({
      queue: 'qq',
      durable: true,
      arguments: { 'x-queue-type': 'quorum' },
    })
  const publisher = broker.connect(sink(false), { node: 'rabbit@n2' }).openChannel()
  publisher.confirmSelect()
  consumer = broker.connect(sink(true), { node: 'rabbit@n3' }).openChannel()
  consumer.consume('qq', { consumerTag: 'c3' })
  const replicas = broker.vhosts.get('/')!.queues.get('qq')!.replicas as QuorumReplicas
  return { clock, broker, publisher, replicas, counts: () => ({ delivered, confirms }) }
}

export function benchCluster(kit: BenchKit): void {
  const rig = threeNodes()
  const { publisher } = rig
  let acked = 0
  const s = kit.timed(kit.burst, () => {
    for (let i = 0; i < kit.burst; i++)
      if (publisher.publish('', 'qq', kit.body, PERSISTENT, false).confirm === 'ack') acked++
  })
  if (acked !== rig.counts().delivered) throw new Error('cluster3: a confirmed message was not delivered')
  kit.report('cluster3', '(quorum, confirm -> deliver -> ack)', s, 'msgs/s', { min: 500_000 })
  kit.results.cluster3 = { msgsPerSec: s.median, runs: s.runs }

  // Each election: the leader's node stops, the election timeout passes on the virtual clock, a member wins.
  const times: number[] = []
  for (let run = 0; run < 200; run++) {
    const leader = rig.replicas.leader
    const start = performance.now()
    rig.broker.cluster.stop(leader)
    rig.clock.advance(2 * ELECTION_TIMEOUT_MS)
    const elapsed = performance.now() - start
    if (!rig.replicas.active || rig.replicas.leader === leader) throw new Error('election: no new leader')
    times.push(elapsed)
    rig.broker.cluster.start(leader)
  }
  times.sort((a, b) => a - b)
  const micros = (ms: number) => ms * 1000
  const median = micros(times[times.length >> 1])
  const p95 = micros(times[Math.floor(times.length * 0.95)])
  // runs here: fastest, p95 and slowest of the 200 elections.
  kit.report(
    'election',
    '(leader node stops, real time)',
    { median, runs: [micros(times[0]), p95, micros(times.at(-1)!)] },
    'µs',
    {
      max: 1000,
    },
  )
  kit.results.election = { medianMicros: median, p95Micros: p95 }
}
