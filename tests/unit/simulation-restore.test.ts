// After a restart the simulation takes up what its nodes had done: counts carry on, and a consumer the user
// had set offline comes back offline, taking nothing from its queue.

import { describe, expect, it } from 'vitest'
import { createBroker, ManualClock } from '../../engine/index.ts'
import { Simulation } from '../../engine/simulation/simulation.ts'
import type { ConsumerSpec, ProducerSpec } from '../../engine/simulation/specs.ts'
import { runToolCommand, type ToolCommand } from '../../engine/worker/tool-commands.ts'

function setup() {
  const clock = new ManualClock()
  const broker = createBroker({ clock, seed: 5 })
  const simulation = new Simulation(broker, broker.random, broker.seed)
  const run = <C extends ToolCommand>(command: C) => runToolCommand(broker, simulation, command)
  run({
    type: 'importDefinitions',
    definitions: { queues: [{ name: 'work', vhost: '/', durable: true, arguments: {} }] },
    vhost: null,
  })
  return { clock, broker, run }
}

const consumer: ConsumerSpec = {
  id: 'c',
  vhost: '/',
  queue: 'work',
  autoAck: false,
  prefetch: 1,
  processingMs: 10,
  behaviour: { kind: 'ack' },
}
const producer: ProducerSpec = {
  id: 'p',
  vhost: '/',
  exchange: '',
  rate: 0,
  burst: 3,
  routingKey: { kind: 'fixed', key: 'work' },
  body: 'm{n}',
  mandatory: false,
  confirms: false,
}
const depth = (broker: ReturnType<typeof setup>['broker']) => broker.vhosts.get('/')!.queues.get('work')!.ready.length

describe('simulation restore', () => {
  it('brings back an offline consumer offline, so it takes nothing, with its counts', () => {
    const { run, broker, clock } = setup()
    run({
      type: 'simRestore',
      producers: [],
      consumers: [{ id: 'c', offline: true, received: 7, acked: 6, failed: 1 }],
    })
    run({ type: 'simSetProducer', spec: producer })
    run({ type: 'simBurst', id: 'p', count: 3 })
    run({ type: 'simSetConsumer', spec: consumer })
    clock.advance(100)
    expect(depth(broker)).toBe(3)
    const [status] = run({ type: 'simStatus' }).consumers
    expect(status).toMatchObject({ state: 'offline', received: 7, acked: 6, failed: 1 })
    run({ type: 'simConsumer', id: 'c', action: 'online' })
    clock.advance(100)
    expect(run({ type: 'simStatus' }).consumers[0]).toMatchObject({ state: 'consuming', received: 10, acked: 9 })
  })

  it('lets a consumer that was online consume at once, and producers count on from where they were', () => {
    const { run, broker, clock } = setup()
    run({
      type: 'simRestore',
      producers: [{ id: 'p', published: 40, returned: 2, nacked: 1 }],
      consumers: [{ id: 'c', offline: false, received: 40, acked: 40, failed: 0 }],
    })
    run({ type: 'simSetConsumer', spec: consumer })
    run({ type: 'simSetProducer', spec: producer })
    run({ type: 'simBurst', id: 'p', count: 3 })
    clock.advance(100)
    expect(depth(broker)).toBe(0)
    const status = run({ type: 'simStatus' })
    expect(status.producers[0]).toMatchObject({ published: 43, returned: 2, nacked: 1 })
    expect(status.consumers[0]).toMatchObject({ state: 'consuming', received: 43, acked: 43 })
  })

  it('applies counts to a node set before they came, and forgets those of a node removed first', () => {
    const { run } = setup()
    run({ type: 'simSetConsumer', spec: consumer })
    run({ type: 'simRestore', producers: [{ id: 'p', published: 5, returned: 0, nacked: 0 }], consumers: [] })
    run({ type: 'simRemoveProducer', id: 'p' })
    run({ type: 'simSetProducer', spec: producer })
    run({
      type: 'simRestore',
      producers: [],
      consumers: [{ id: 'c', offline: true, received: 2, acked: 2, failed: 0 }],
    })
    const status = run({ type: 'simStatus' })
    expect(status.producers[0].published).toBe(0)
    expect(status.consumers[0]).toMatchObject({ state: 'offline', received: 2 })
  })
})
