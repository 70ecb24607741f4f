// Every challenge's check, on the engine: not met before the learner's action, met after it; and the
// conditions that show a wrong way round stay unmet.

import { describe, expect, it } from 'vitest'
import { LESSONS } from '../../app/lessons/lessons.ts'
import { LessonRun } from './lesson-harness.ts'
import { managementOf } from '../../engine/management/api.ts'

/** The learner's clicks in the Management tab, as the HTTP requests its pages make. */
function management(l: LessonRun) {
  const api = managementOf(l.broker, l.broker.profile.version)
  return (method: 'GET' | 'PUT' | 'POST' | 'DELETE', path: string, body?: unknown) => {
    const answer = api.handle({ method, path, body })
    if (answer.status >= 400) throw new Error(`${method} ${path}: ${answer.status}`)
    return answer
  }
}

/** What a learner does to meet each challenge, through the lesson's buttons or an edit of its topology. */
const SOLUTIONS: Record<string, (l: LessonRun) => Promise<void> | void> = {
  'hello-world/first-message': async (l) => {
    await l.act('send')
    l.clock.advance(1000)
  },
  'why-broker/calls-lost-orders-kept': async (l) => {
    await l.act('down')
    await l.act('burst')
    l.clock.advance(1000)
  },
  'direct/each-key': async (l) => {
    for (const key of ['order.paid', 'order.new', 'order.cancelled']) await l.act(key)
  },
  'direct/shipped-to-notify': async (l) => {
    l.admin.queueBind('notify', 'orders.direct', 'order.shipped', {})
    await l.act('order.shipped')
  },
  'fanout/ten-copies': (l) => l.act('burst'),
  'topic/eu-not-paid': async (l) => {
    l.admin.queueBind('eu-orders', 'orders', 'order.*.eu', {})
    await l.act('order.created.eu')
    await l.act('order.paid')
  },
  'headers/all-vs-any': async (l) => {
    for (const id of ['pdf-eu', 'pdf-us', 'csv-us']) await l.act(id)
  },
  'queues/auto-delete': (l) => l.act('reader-off'),
  'queues/limits': async (l) => {
    await l.act('send')
    l.clock.advance(6000)
  },
  'bindings/void-to-audit': async (l) => {
    l.admin.queueBind('audit', 'invoices', 'invoice.void', {})
    await l.act('invoice.void')
  },
  'work-queue/crash-without-loss': async (l) => {
    await l.act('burst')
    l.clock.advance(100)
    await l.act('crash')
    await l.act('online')
    l.clock.advance(10_000)
  },
  'acks/crash-redelivers': async (l) => {
    await l.act('burst')
    l.clock.advance(1000)
    await l.act('crash')
    await l.act('online')
    l.clock.advance(60_000)
  },
  'acks/three-refusals': async (l) => {
    await l.act('failing')
    l.clock.advance(5000)
  },
  'confirms/returned': (l) => l.act('unroutable'),
  'confirms/nacked': (l) => l.act('full'),
  'dlq/only-failed-orders': async (l) => {
    await l.act('orders')
    l.clock.advance(5000)
  },
  'dlq/expired-too': async (l) => {
    await l.act('ttl')
    l.clock.advance(11_000)
  },
  'retry/three-attempts': async (l) => {
    await l.act('order')
    l.clock.advance(40_000)
  },
  'durability/keep-confirmed': async (l) => {
    await l.act('persistent')
    await l.act('restart')
  },
  'prefetch/slow-holds-one': async (l) => {
    l.editConsumer('slow-0', { prefetch: 1 })
    await l.act('burst')
    l.clock.advance(5000)
  },
  'ecommerce/failed-payments': async (l) => {
    l.clock.advance(30_000)
    while (l.consumer('payment-worker-1').inFlight === 0) l.clock.advance(50)
    await l.act('crash')
    l.clock.advance(5000)
  },
  'fire-and-forget/offline-subscriber': async (l) => {
    await l.act('offline')
    await l.act('publish')
    await l.act('online')
    l.clock.advance(10_000)
  },
  'management-tour/ttl-policy': async (l) => {
    const request = management(l)
    const policy = { pattern: '^orders\\.stale$', 'apply-to': 'queues', definition: { 'message-ttl': 5000 } }
    request('PUT', '/api/policies/%2F/stale-ttl', policy)
    await l.act('send')
    l.clock.advance(6000)
  },
  'management-tour/purge': async (l) => {
    await l.act('send')
    l.clock.advance(100)
    management(l)('DELETE', '/api/queues/%2F/orders.old/contents')
  },
  'management-tour/get-requeue': async (l) => {
    await l.act('send')
    l.clock.advance(100)
    const request = management(l)
    for (let i = 0; i < 2; i++)
      request('POST', '/api/queues/%2F/orders/get', { count: 1, ackmode: 'ack_requeue_true', encoding: 'auto' })
  },
  'streams-replay/replay-after-restart': async (l) => {
    await l.act('send')
    l.clock.advance(10_000)
    await l.act('restart')
    l.clock.advance(10_000)
  },
  'queue-or-stream/shared-vs-each': async (l) => {
    await l.act('burst')
    l.clock.advance(10_000)
  },
  'super-stream/one-partition-each': async (l) => {
    await l.act('send')
    l.clock.advance(1000)
  },
  'quorum-survives/new-leader': async (l) => {
    await l.act('stop-leader')
    l.clock.advance(10_000)
  },
  'classic-dead-node/nacked-while-down': async (l) => {
    await l.act('stop-home')
    l.clock.advance(5000)
  },
  'no-majority/majority-side-leads': async (l) => {
    await l.act('split')
    l.clock.advance(5000)
  },
  'quorum/delivery-limit': async (l) => {
    await l.act('poison')
    l.clock.advance(5000)
  },
  'shovel/nothing-lost': async (l) => {
    await l.act('send')
    l.clock.advance(500) // on the wire to dc-london
    await l.act('cut')
    await l.act('restore')
    l.clock.advance(10_000)
  },
  'shovel/on-publish-loses': async (l) => {
    await l.act('on-publish')
    l.clock.advance(500)
    await l.act('send')
    l.clock.advance(500)
    await l.act('cut')
    await l.act('restore')
    l.clock.advance(10_000)
  },
  'two-datacenters/wait-and-arrive': async (l) => {
    await l.act('cut')
    await l.act('send')
    l.clock.advance(5000)
    await l.act('restore')
    l.clock.advance(10_000)
  },
}

describe('challenges', () => {
  it('every challenge has a solution here, and every lesson one to three challenges', () => {
    const all = LESSONS.flatMap((l) => l.challenges.map((c) => `${l.id}/${c.id}`))
    expect(Object.keys(SOLUTIONS).sort()).toEqual(all.sort())
    for (const l of LESSONS) expect(l.challenges.length, l.id).toBeGreaterThanOrEqual(1)
    for (const l of LESSONS) expect(l.challenges.length, l.id).toBeLessThanOrEqual(3)
  })

  for (const [name, solve] of Object.entries(SOLUTIONS)) {
    const [lessonId, challengeId] = name.split('/')
    it(`${name}: not met when the lesson opens, met after the learner's action`, async () => {
      const l = await LessonRun.open(lessonId)
      l.clock.advance(lessonId === 'ecommerce' ? 0 : 2000)
      expect(l.check(challengeId).met).toBe(false)
      await solve(l)
      expect(l.unmet(challengeId)).toEqual([])
    })
  }
})

describe('challenges done the wrong way', () => {
  it('shovel: with on-publish, a cut loses what was on the way, so "nothing lost" stays unmet', async () => {
    const l = await LessonRun.open('shovel')
    await SOLUTIONS['shovel/on-publish-loses'](l)
    expect(l.unmet('nothing-lost')).toEqual(['arrivedAcross'])
  })

  it('shovel: without a cut, every message arrives but neither challenge is met', async () => {
    const l = await LessonRun.open('shovel')
    await l.act('send')
    l.clock.advance(10_000)
    expect(l.countOn('dc-london', 'orders.copy')).toBe(10)
    expect(l.unmet('nothing-lost')).toEqual(['arrivedAcross'])
    expect(l.unmet('on-publish-loses')).toEqual(['lostAcross'])
  })

  it('two-datacenters: while the link is still cut, the messages wait and the challenge is unmet', async () => {
    const l = await LessonRun.open('two-datacenters')
    await l.act('cut')
    await l.act('send')
    l.clock.advance(5000)
    expect(l.countOn('dc-london', 'london.events')).toBe(0)
    expect(l.unmet('wait-and-arrive')).toEqual(['arrivedAcross'])
  })

  it('direct: order.shipped bound to payment too leaks there', async () => {
    const l = await LessonRun.open('direct')
    l.admin.queueBind('notify', 'orders.direct', 'order.shipped', {})
    l.admin.queueBind('payment', 'orders.direct', 'order.shipped', {})
    await l.act('order.shipped')
    expect(l.unmet('shipped-to-notify')).toEqual(['notReached'])
  })

  it('topic: order.# takes order.paid as well', async () => {
    const l = await LessonRun.open('topic')
    l.admin.queueBind('eu-orders', 'orders', 'order.#', {})
    await l.act('order.created.eu')
    await l.act('order.paid')
    expect(l.unmet('eu-not-paid')).toEqual(['notReached'])
  })

  it('dlq: expired and overflowed messages in the same DLQ break "nothing else"', async () => {
    const l = await LessonRun.open('dlq')
    await l.act('orders')
    await l.act('small')
    l.clock.advance(5000)
    expect(l.unmet('only-failed-orders')).toEqual(['onlyFrom'])
    l.ledger.reset()
    expect(l.unmet('only-failed-orders')).toEqual(['allFailuresReach', 'onlyFrom'])
  })

  it('durability: transient messages and the exclusive queue lose confirmed messages at the restart', async () => {
    const l = await LessonRun.open('durability')
    await l.act('temp')
    await l.act('transient')
    await l.act('persistent')
    expect([l.count('temp'), l.count('durable.transient'), l.count('durable.persistent')]).toEqual([5, 5, 5])
    await l.act('restart')
    expect(l.view().depths).toEqual({ 'durable.transient': 0, 'durable.persistent': 5 })
    const result = l.check('keep-confirmed')
    expect(result.met).toBe(false)
    expect(result.conditions[0]).toMatchObject({ have: 5, need: 15 })
  })

  it('prefetch: after "start over" the consumer is still followed, acks included', async () => {
    const l = await LessonRun.open('prefetch')
    l.editConsumer('slow-0', { prefetch: 1 })
    await l.act('burst')
    l.clock.advance(100)
    l.ledger.reset()
    expect(l.unmet('slow-holds-one')).toEqual(['maxInFlight']) // nothing received since
    l.sim.setConsumerOnline('fast-0', false) // the slow one now gets every message, one after the other
    await l.act('burst')
    l.clock.advance(5000)
    expect(l.ledger.receivedBy('slow-0')).toBeGreaterThanOrEqual(5)
    expect(l.ledger.maxInFlight('slow-0')).toBe(1)
    expect(l.unmet('slow-holds-one')).toEqual([])
  })

  it('prefetch: with unlimited prefetch the slow consumer holds 20', async () => {
    const l = await LessonRun.open('prefetch')
    await l.act('burst')
    l.clock.advance(100)
    expect(l.ledger.maxInFlight('slow-0')).toBe(20)
    expect(l.unmet('slow-holds-one')).toEqual(['maxInFlight'])
  })
})
