// Simulated clients in a cluster: when their node stops they reconnect to a running node after a backoff.

import { describe, expect, it } from 'vitest'
import { createBroker, ManualClock } from '../../engine/index.ts'
import { ELECTION_TIMEOUT_MS } from '../../engine/cluster/quorum-replicas.ts'
import { RECONNECT_FIRST_MS } from '../../engine/simulation/reconnect.ts'
import { Simulation } from '../../engine/simulation/simulation.ts'
import { seededRandom } from '../../engine/random.ts'
import { quietSink } from './quiet-sink.ts'

function setup() {
  const clock = new ManualClock()
  const broker = createBroker({ clock, nodes: 3, version: '4.3' })
  const admin = broker.connect(quietSink, { node: 'rabbit@n3' }).openChannel()
  admin.queueDeclare({ queue: 'work', durable: true, arguments: { 'x-queue-type': 'quorum' } })
  const sim = new Simulation(broker, seededRandom(3))
  sim.setProducer({
    id: 'p',
    vhost: '/',
    exchange: '',
    rate: 10,
    routingKey: { kind: 'fixed', key: 'work' },
    body: 'm{n}',
    mandatory: false,
    confirms: true,
    persistent: true,
  })
  sim.setConsumer({
    id: 'c',
    vhost: '/',
    queue: 'work',
    autoAck: false,
    prefetch: 5,
    processingMs: 10,
    behaviour: { kind: 'ack' },
  })
  sim.startProducer('p')
  return { clock, broker, sim }
}

const consumerOf = (sim: Simulation) => sim.status().consumers.find((c) => c.id === 'c')!
const producerOf = (sim: Simulation) => sim.status().producers.find((p) => p.id === 'p')!

describe('simulated clients in a cluster', () => {
  it('connect to the first node, and come back on another node a backoff after theirs stops', () => {
    const { clock, broker, sim } = setup()
    clock.advance(1000)
    expect([...broker.connections.values()].filter((c) => c.node === 'rabbit@n1').length).toBeGreaterThan(0)
    const received = consumerOf(sim).received
    broker.cluster.stop('rabbit@n1')
    expect(producerOf(sim).running).toBe(false)
    clock.advance(RECONNECT_FIRST_MS + 2 * ELECTION_TIMEOUT_MS + 1000)
    expect(producerOf(sim).running).toBe(true)
    expect(consumerOf(sim).state).toBe('consuming')
    expect(consumerOf(sim).received).toBeGreaterThan(received)
    expect([...broker.connections.values()].every((c) => c.node !== 'rabbit@n1')).toBe(true)
  })

  it('wait, backing off, while no node runs', () => {
    const { clock, broker, sim } = setup()
    clock.advance(500)
    for (const n of ['rabbit@n1', 'rabbit@n2', 'rabbit@n3']) broker.cluster.stop(n)
    clock.advance(10_000)
    expect(producerOf(sim).running).toBe(false)
    broker.cluster.start('rabbit@n2')
    broker.cluster.start('rabbit@n3')
    clock.advance(20_000)
    expect(producerOf(sim).running).toBe(true)
    expect(consumerOf(sim).state).toBe('consuming')
  })
})
