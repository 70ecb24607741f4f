// The conformance harness itself: what it reports for a step must be what the engine did.

import { describe, expect, it } from 'vitest'
import { runScenario } from '../conformance/harness/runner.ts'

describe('conformance harness', () => {
  it('credits each delivery to the consumer it went to when two consumers share a channel', () => {
    const results = runScenario({
      name: 'two-consumers-one-channel',
      steps: [
        { op: 'queue.declare', queue: 'work' },
        { op: 'basic.consume', queue: 'work', consumer: 'first', channel: 'shared', noAck: true },
        { op: 'basic.consume', queue: 'work', consumer: 'second', channel: 'shared', noAck: true },
        { op: 'basic.publish', routingKey: 'work', bodies: ['m1', 'm2', 'm3'] },
        { op: 'deliveries', consumer: 'first' },
        { op: 'deliveries', consumer: 'second' },
      ],
    })
    const bodies = (result: unknown) => (result as { body: string }[]).map((m) => m.body)
    // Round-robin: first takes m1 and m3, second takes m2.
    expect(bodies(results[4])).toEqual(['m1', 'm3'])
    expect(bodies(results[5])).toEqual(['m2'])
  })
})
