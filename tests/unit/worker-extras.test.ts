// The worker's first chunk answers the broker, the simulation and lint; definitions, management and the design's
// other brokers load on first use (engine/worker/extras.ts). Commands behind one that waits for it keep their order.

import { describe, expect, it } from 'vitest'
import { createBroker } from '../../engine/broker.ts'
import { ManualClock } from '../../engine/clock.ts'
import { needsExtras } from '../../engine/worker/command-kinds.ts'
import { type ControllableClock, Handler } from '../../engine/worker/handler.ts'
import type { ClockState, Command, FromWorker, Reply } from '../../engine/worker/protocol.ts'

const staticClock: ControllableClock = {
  state: (): ClockState => ({ now: 0, paused: true, speed: 1 }),
  pause() {},
  resume() {},
  step: () => false,
  setSpeed() {},
}

/** A handler that loads extras.ts itself, and a promise for its first `count` replies. */
function lazyHandler() {
  const replies: Reply[] = []
  let wanted = 0
  let resolve: (() => void) | null = null
  const post = (m: FromWorker) => {
    if (m.type === 'batch') replies.push(...m.replies)
    if (resolve && replies.length >= wanted) resolve()
  }
  const clock = new ManualClock(1000)
  const handler = new Handler({
    broker: createBroker({ clock }),
    clock: staticClock,
    durable: null,
    post,
    schedule: () => {},
    freshBroker: () => createBroker({ clock }),
  })
  let nextId = 1
  const send = (...commands: Command[]) =>
    handler.receive({ type: 'commands', commands: commands.map((command) => ({ id: nextId++, command })) })
  const repliesReach = (count: number) =>
    new Promise<void>((r) => {
      wanted = count
      resolve = r
      if (replies.length >= count) r()
    })
  return { send, replies, repliesReach }
}

describe('the worker extras', () => {
  it('are not needed by the commands a default broker runs at start', () => {
    const start = [
      'connect',
      'queueDeclare',
      'publish',
      'snapshot',
      'simSetProducer',
      'simStatus',
      'clusterNodes',
      'lint',
    ]
    for (const type of [...start, 'brokersList', 'linksList']) expect(needsExtras({ type }), type).toBe(false)
    for (const type of ['management', 'importDefinitions', 'exportDefinitions', 'clientCode', 'brokerAdd', 'linkState'])
      expect(needsExtras({ type }), type).toBe(true)
    expect(needsExtras({ type: 'connect', broker: 'local' })).toBe(false)
    expect(needsExtras({ type: 'connect', broker: 'dc-london' })).toBe(true)
  })

  it('load on the first command that needs them, and the commands after it wait their turn', async () => {
    const { send, replies, repliesReach } = lazyHandler()
    send({ type: 'brokersList' }, { type: 'linksList' })
    const alone = replies.splice(0).map((r) => (r as Extract<Reply, { ok: true }>).result)
    send(
      { type: 'simStatus' },
      { type: 'exportDefinitions', vhost: null },
      { type: 'addVhost', name: 'after-lint' },
      { type: 'listPolicies', vhost: 'after-lint' },
    )
    // Only the command before the one that waits is answered at once.
    expect(replies.map((r) => r.id)).toEqual([3])
    // A message that arrives meanwhile goes after the waiting ones.
    send({ type: 'deleteVhost', name: 'after-lint' })
    await repliesReach(5)
    expect(replies.map((r) => [r.id, r.ok])).toEqual([
      [3, true],
      [4, true],
      [5, true],
      [6, true],
      [7, true],
    ])
    expect((replies[1] as Extract<Reply, { ok: true }>).result).toHaveProperty('queues')
    // Loaded once: the next ones are answered at once, by the design, as the first chunk answered them alone.
    send({ type: 'brokersList' }, { type: 'linksList' })
    expect(replies).toHaveLength(7)
    expect(replies.slice(5).map((r) => (r as Extract<Reply, { ok: true }>).result)).toEqual(alone)
    expect(alone[0]).toEqual([{ name: 'local', version: expect.any(String), nodes: 1 }])
  })
})
