// The simulated nodes' run as saved with the design: taken from what the nodes report, read back from storage
// whatever it holds, and turned into the simRestore a new worker gets.

import { describe, expect, it } from 'vitest'
import type { ConsumerStatus, ProducerStatus } from '../../engine/simulation/specs.ts'
import { parseSavedRun, restoreCommand, runOf } from '../../app/sim/saved-run.ts'

const consumer = (id: string, state: ConsumerStatus['state'], received: number): ConsumerStatus => ({
  id,
  state,
  inFlight: 0,
  received,
  acked: received,
  failed: 0,
  slowdown: 1,
  error: null,
})
const producer = (id: string, published: number): ProducerStatus => ({
  id,
  running: false,
  published,
  returned: 0,
  nacked: 0,
  error: null,
})

describe('saved run', () => {
  it('keeps what nodes report, the saved counts of nodes with no report yet, and drops nodes no longer drawn', () => {
    const run = runOf(
      {
        producers: { p: {}, q: {} },
        consumers: { a: {}, b: {} },
        producerStatus: { p: producer('p', 4) },
        consumerStatus: { a: consumer('a', 'offline', 3), gone: consumer('gone', 'consuming', 9) },
      },
      {
        producers: { q: { published: 7, returned: 1, nacked: 0 }, old: { published: 1, returned: 0, nacked: 0 } },
        consumers: { b: { offline: true, received: 2, acked: 2, failed: 0 } },
      },
    )
    expect(run).toEqual({
      producers: { p: { published: 4, returned: 0, nacked: 0 }, q: { published: 7, returned: 1, nacked: 0 } },
      consumers: {
        a: { offline: true, received: 3, acked: 3, failed: 0 },
        b: { offline: true, received: 2, acked: 2, failed: 0 },
      },
    })
  })

  it('reads a damaged record as far as it is sound', () => {
    expect(parseSavedRun(null)).toEqual({})
    expect(
      parseSavedRun({
        '/': { producers: { p: { published: -3, returned: 'x', nacked: 2 } }, consumers: { c: { offline: 'yes' } } },
        broken: 5,
      }),
    ).toEqual({
      '/': {
        producers: { p: { published: 0, returned: 0, nacked: 2 } },
        consumers: { c: { offline: false, received: 0, acked: 0, failed: 0 } },
      },
    })
  })

  it('keys the restore as the simulation keys nodes: the node id, with its vhost outside /', () => {
    const command = restoreCommand({
      '/': { producers: { p: { published: 1, returned: 0, nacked: 0 } }, consumers: {} },
      shop: { producers: {}, consumers: { c: { offline: true, received: 0, acked: 0, failed: 0 } } },
    })
    expect(command).toEqual({
      type: 'simRestore',
      producers: [{ id: 'p', published: 1, returned: 0, nacked: 0 }],
      consumers: [{ id: 'c@shop', offline: true, received: 0, acked: 0, failed: 0 }],
    })
  })
})
