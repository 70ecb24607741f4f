// Simulated consumers on a stream: they start at the offset they are given, and replaying reads history again.

import { describe, expect, it } from 'vitest'
import { createBroker, ManualClock } from '../../engine/index.ts'
import { Simulation } from '../../engine/simulation/simulation.ts'
import { seededRandom } from '../../engine/random.ts'
import type { ConsumerSpec } from '../../engine/simulation/specs.ts'
import { consumerForm, consumerFromForm } from '../../app/design/sim-form.ts'
import { consumerDefaults } from '../../app/design/sim-specs.ts'
import { quietSink } from './quiet-sink.ts'

function setup() {
  const clock = new ManualClock()
  const broker = createBroker({ clock, seed: 3, version: '4.3' })
  const admin = broker.connect(quietSink).openChannel()
  admin.queueDeclare({ queue: 'log', durable: true, arguments: { 'x-queue-type': 'stream' } })
  for (let i = 0; i < 5; i++) admin.publish('', 'log', `m${i}`, {}, false)
  return { clock, sim: new Simulation(broker, seededRandom(3)) }
}

const reader = (over: Partial<ConsumerSpec>): ConsumerSpec => ({
  id: 'r',
  vhost: '/',
  queue: 'log',
  autoAck: false,
  prefetch: 10,
  processingMs: 10,
  behaviour: { kind: 'ack' },
  ...over,
})

describe('simulated stream consumers', () => {
  it('a consumer from first reads the history; one from next waits for new messages', () => {
    const { clock, sim } = setup()
    sim.setConsumer(reader({ id: 'replay', streamOffset: 'first' }))
    sim.setConsumer(reader({ id: 'live' }))
    clock.advance(1000)
    const received = Object.fromEntries(sim.status().consumers.map((c) => [c.id, c.received]))
    expect(received).toEqual({ replay: 5, live: 0 })
  })

  it('a stream consumer without a prefetch is refused and says why', () => {
    const { clock, sim } = setup()
    sim.setConsumer(reader({ id: 'unbounded', prefetch: 0, streamOffset: 'first' }))
    clock.advance(100)
    expect(sim.status().consumers[0].error).toMatch(/prefetch/)
  })

  it('the inspector form takes first, last, next, an offset or an interval, and refuses anything else', () => {
    const def = { ...consumerDefaults(), id: 'c1', name: 'reader', queue: 'log' }
    const form = consumerForm(def)
    expect(consumerFromForm(def, { ...form, streamOffset: '1h' })).toMatchObject({ streamOffset: '1h' })
    expect(consumerFromForm(def, { ...form, streamOffset: '42' })).toMatchObject({ streamOffset: '42' })
    expect(consumerFromForm(def, { ...form, streamOffset: 'banana' })).toHaveProperty('error')
    expect(consumerFromForm({ ...def, streamOffset: 'first' }, { ...form, streamOffset: '' })).not.toHaveProperty(
      'streamOffset',
    )
  })
})
