// Each lesson's moment on the engine: what the learner should see happen, after the buttons it says to press.

import type { QuorumReplicas } from '../../engine/cluster/quorum-replicas.ts'
import { managementOf } from '../../engine/management/api.ts'
import { describe, expect, it } from 'vitest'
import { COURSE_SECTIONS } from '../../app/lessons/lesson-kit.ts'
import { LESSONS } from '../../app/lessons/lessons.ts'
import { LessonRun } from './lesson-harness.ts'

const open = (id: string) => LessonRun.open(id)

describe('lesson definitions', () => {
  it('follows the course: one lesson per section, in its order, the exchange types one each', () => {
    expect(LESSONS.map((l) => l.id)).toEqual([
      'hello-world',
      'why-broker',
      'direct',
      'fanout',
      'topic',
      'headers',
      'queues',
      'bindings',
      'work-queue',
      'acks',
      'confirms',
      'dlq',
      'retry',
      'durability',
      'prefetch',
      'ecommerce',
      'fire-and-forget',
      'management-tour',
      'quorum',
      'streams-replay',
      'queue-or-stream',
      'super-stream',
      'quorum-survives',
      'classic-dead-node',
      'no-majority',
      'shovel',
      'two-datacenters',
    ])
    const sections = [...new Set(LESSONS.map((l) => l.section))]
    expect(sections).toEqual([...COURSE_SECTIONS])
  })

  it('no queue is transient and shared, which RabbitMQ 4.3 refuses', () => {
    for (const l of LESSONS) for (const q of l.queues) expect(q.durable || q.exclusive, `${l.id}/${q.name}`).toBe(true)
  })

  it('a quiet lesson starts no producer and publishes nothing until a button is pressed', async () => {
    for (const lesson of LESSONS.filter((l) => l.quiet)) {
      expect(lesson.autostart, lesson.id).toEqual([])
      const l = await open(lesson.id)
      l.clock.advance(10_000)
      expect(
        l.events.filter((e) => e.type === 'published'),
        lesson.id,
      ).toEqual([])
    }
  })

  for (const lesson of LESSONS) {
    it(`${lesson.id} declares, runs 30 s and every button works without errors`, async () => {
      const l = await open(lesson.id)
      l.clock.advance(30_000)
      for (const a of lesson.actions) {
        await l.act(a.id)
        l.clock.advance(1000)
      }
      const status = l.sim.status()
      for (const p of status.producers) expect(p.error, p.id).toBeNull()
      for (const c of status.consumers) expect(c.error, c.id).toBeNull()
      for (const a of lesson.actions)
        for (const s of a.steps) {
          if (s.kind === 'producer') expect(lesson.producers.some((p) => p.id === s.id)).toBe(true)
          if (s.kind === 'consumer') expect(lesson.consumers.some((c) => c.id === s.id)).toBe(true)
        }
    })
  }
})

describe('lesson moments', () => {
  it('hello-world: one message through the default exchange to the consumer', async () => {
    const l = await open('hello-world')
    await l.act('send')
    l.clock.advance(1000)
    expect(l.consumer('receiver').acked).toBe(1)
    expect(l.count('hello')).toBe(0)
  })

  it('retry: reaches the DLQ after exactly 3 attempts, with 5 s and 30 s between them', async () => {
    const l = await open('retry')
    await l.act('order')
    l.clock.advance(1000)
    expect(l.count('orders.retry.5s')).toBe(1)
    l.clock.advance(5000)
    expect(l.count('orders.retry.30s')).toBe(1)
    expect(l.count('orders.dlq')).toBe(0)
    l.clock.advance(30_000)
    expect(l.count('orders.dlq')).toBe(1)
    l.clock.advance(60_000)
    expect(l.count('orders.dlq')).toBe(1)
    expect([1, 2, 3].map((i) => l.consumer(`attempt-${i}`).failed)).toEqual([1, 1, 1])
    const deaths = l.admin.get('orders.dlq')!.properties.headers?.['x-death'] as unknown[]
    expect(deaths.length).toBe(5) // orders, retry.5s, attempt2, retry.30s, attempt3
  })

  it('topic: each key reaches exactly the expected queues', async () => {
    const l = await open('topic')
    const expected: Record<string, string[]> = {
      'log.error.database': ['errors', 'all-logs'],
      'log.warn.api': ['all-logs', 'warnings'],
      'log.info.user': ['all-logs'],
    }
    for (const [key, queues] of Object.entries(expected)) {
      await l.act(key)
      for (const q of ['errors', 'all-logs', 'warnings'])
        expect(l.count(q), `${key} → ${q}`).toBe(queues.includes(q) ? 1 : 0)
      for (const q of ['errors', 'all-logs', 'warnings']) l.admin.queuePurge(q)
    }
  })

  it('direct: each key to its one queue; an unknown key is dropped', async () => {
    const l = await open('direct')
    for (const key of ['order.paid', 'order.new', 'order.cancelled', 'order.shipped']) await l.act(key)
    expect([l.count('payment'), l.count('notify'), l.count('refund')]).toEqual([1, 1, 1])
    expect(l.events.filter((e) => e.type === 'unroutable')).toHaveLength(1)
  })

  it('fanout: every queue gets every message', async () => {
    const l = await open('fanout')
    await l.act('one')
    await l.act('burst')
    expect(['emails', 'logs', 'analytics'].map((q) => l.count(q))).toEqual([11, 11, 11])
  })

  it('headers: all vs any', async () => {
    const l = await open('headers')
    for (const id of ['pdf-eu', 'pdf-us', 'csv-us']) await l.act(id)
    expect(l.count('pdf-eu-all')).toBe(1)
    expect(l.count('any-pdf-or-eu')).toBe(2)
  })

  it('queues: TTL empties, max-length keeps the newest 3, auto-delete goes with its consumer', async () => {
    const l = await open('queues')
    await l.act('send')
    expect(l.count('latest.max-length')).toBe(3)
    expect(l.count('alerts.ttl')).toBe(3)
    expect(l.count('jobs.durable')).toBe(3)
    l.clock.advance(5000)
    expect(l.count('alerts.ttl')).toBe(0)
    expect(l.admin.get('latest.max-length', true)?.body).toBe('reading 3')
    await l.act('reader-off')
    expect('feed.auto-delete' in l.view().depths).toBe(false)
    expect('session.exclusive' in l.view().depths).toBe(true)
  })

  it('bindings: two bindings of one queue, one key shared by two queues', async () => {
    const l = await open('bindings')
    for (const key of ['invoice.created', 'invoice.paid', 'invoice.void']) await l.act(key)
    expect([l.count('billing'), l.count('audit')]).toEqual([2, 1])
  })

  it('work-queue: round-robin shares evenly', async () => {
    const l = await open('work-queue')
    await l.act('burst')
    l.clock.advance(20_000)
    const got = [1, 2, 3].map((i) => l.consumer(`worker-${i}`).acked)
    expect(got[0] + got[1] + got[2]).toBe(30)
    expect(Math.max(...got) - Math.min(...got)).toBeLessThanOrEqual(1)
  })

  it('acks: the crash loses auto-acked messages and requeues manual ones; nack and reject settle', async () => {
    const l = await open('acks')
    await l.act('burst')
    l.clock.advance(1000)
    await l.act('crash')
    expect(l.count('auto-ack')).toBe(0) // all 10 were handed out and forgotten
    expect(l.count('manual-ack')).toBe(10) // 5 in flight came back + 5 waiting
    await l.act('failing')
    l.clock.advance(5000)
    expect(l.consumer('requeue-worker').acked).toBe(3)
    expect([l.count('nack-requeue'), l.count('nack-discard'), l.count('reject-discard')]).toEqual([0, 0, 0])
    expect(l.ledger.count('nack', 'nack-discard')).toBe(3)
    expect(l.ledger.count('reject', 'reject-discard')).toBe(3)
  })

  it('confirms: unroutable mandatory messages are returned; the full queue nacks', async () => {
    const l = await open('confirms')
    await l.act('unroutable')
    await l.act('full')
    l.clock.advance(100)
    expect(l.producer('unroutable').returned).toBeGreaterThanOrEqual(3)
    expect(l.producer('unroutable').published).toBe(3)
    expect(l.producer('to-full').nacked).toBe(3)
    expect(l.count('limited')).toBe(5)
  })

  it('dlq: rejected, expired and overflowed messages all dead-letter', async () => {
    const l = await open('dlq')
    await l.act('orders')
    l.clock.advance(5000)
    expect(l.count('orders.dlq')).toBe(5)
    await l.act('ttl')
    await l.act('small')
    expect(l.count('orders.small')).toBe(3)
    expect(l.count('orders.dlq')).toBe(7)
    l.clock.advance(11_000)
    expect(l.count('orders.dlq')).toBe(9)
  })

  it('durability: a restart keeps only the persistent messages in the durable queue', async () => {
    const l = await open('durability')
    for (const id of ['temp', 'transient', 'persistent']) await l.act(id)
    expect(['temp', 'durable.transient', 'durable.persistent'].map((q) => l.count(q))).toEqual([5, 5, 5])
    await l.act('restart')
    expect(l.view().depths).toEqual({ 'durable.transient': 0, 'durable.persistent': 5 })
  })

  it('prefetch: prefetch 1 lets the fast consumer take most; 0 and 20 split evenly up front', async () => {
    const l = await open('prefetch')
    await l.act('burst')
    l.clock.advance(2000)
    const share = (p: number) => [
      l.consumer(`fast-${p}`).acked,
      l.consumer(`slow-${p}`).acked + l.consumer(`slow-${p}`).inFlight,
    ]
    const [f1, s1] = share(1)
    expect(f1).toBeGreaterThan(30)
    expect(s1).toBeLessThanOrEqual(3)
    expect(share(0)[1]).toBe(20)
    expect(share(20)[1]).toBe(20)
  })

  it('why-broker: calls reach a free consumer only; with it down they are lost while the queue keeps the orders', async () => {
    const l = await open('why-broker')
    l.clock.advance(5000)
    const answered = l.consumer('callee').received
    expect(answered).toBeGreaterThan(0)
    await l.act('down')
    await l.act('burst')
    l.clock.advance(1000)
    expect(l.count('direct.call')).toBe(0)
    expect(l.consumer('callee').received).toBe(answered)
    expect(l.count('orders')).toBeGreaterThanOrEqual(10)
    await l.act('up')
    l.clock.advance(5000)
    expect(l.consumer('orders-worker').acked).toBeGreaterThanOrEqual(10)
  })

  it('fire-and-forget (Redis pub/sub): offline subscribers miss everything, the RabbitMQ queue keeps it', async () => {
    const l = await open('fire-and-forget')
    await l.act('offline')
    await l.act('publish')
    expect(l.count('pubsub.subscriber')).toBe(0)
    expect(l.count('rabbitmq.subscriber')).toBe(20)
    expect(l.producer('publisher').nacked).toBe(0)
    await l.act('online')
    l.clock.advance(10_000)
    expect(l.consumer('rabbitmq-worker').acked).toBe(20)
    expect(l.consumer('pubsub-worker').received).toBe(0)
  })

  it('ecommerce: payments and analytics flow, failures land in payment.dlq', async () => {
    const l = await open('ecommerce')
    l.clock.advance(60_000)
    expect(l.consumer('analytics-worker').acked).toBeGreaterThan(200)
    const pay = l.consumer('payment-worker-1').acked + l.consumer('payment-worker-2').acked
    expect(pay).toBeGreaterThan(50)
    expect(l.count('payment.dlq')).toBeGreaterThan(0)
  })

  it('quorum: the delivery limit dead-letters the poison message instead of looping', async () => {
    const l = await open('quorum')
    await l.act('poison')
    l.clock.advance(10_000)
    expect(l.count('orders.quorum')).toBe(0)
    expect(l.count('orders.poison')).toBe(1)
    expect(l.consumer('stubborn-worker').failed).toBe(4) // the first delivery and 3 redeliveries
  })

  it('management-tour: the queues page counts each copy, and a policy set from Admin shows on the queue', async () => {
    const l = await open('management-tour')
    const api = managementOf(l.broker, l.broker.profile.version)
    await l.act('send')
    const queues = api.handle({ method: 'GET', path: '/api/queues/%2F' }).body as { name: string; messages: number }[]
    expect(Object.fromEntries(queues.map((q) => [q.name, q.messages]))).toEqual({
      orders: 5,
      'orders.stale': 5,
      'orders.old': 5,
    })
    const policy = { pattern: '^orders\\.stale$', 'apply-to': 'queues', definition: { 'message-ttl': 5000 } }
    expect(api.handle({ method: 'PUT', path: '/api/policies/%2F/stale-ttl', body: policy }).status).toBe(201)
    const stale = api.handle({ method: 'GET', path: '/api/queues/%2F/orders.stale' }).body as { policy: string }
    expect(stale.policy).toBe('stale-ttl')
  })

  it('streams-replay: the queue forgets, the stream keeps, and the auditor replays the whole history', async () => {
    const l = await open('streams-replay')
    await l.act('send')
    l.clock.advance(10_000)
    expect(l.count('orders.queue')).toBe(0)
    expect(l.consumer('auditor').received).toBe(10)
    await l.act('replay')
    l.clock.advance(5_000)
    expect(l.consumer('auditor').received).toBe(20) // subscribed again, it read all ten once more, from first
    expect(l.consumer('worker').received).toBe(10)
  })

  it('queue-or-stream: a burst of ten splits between the workers and reaches both readers whole', async () => {
    const l = await open('queue-or-stream')
    await l.act('burst')
    l.clock.advance(10_000)
    expect(l.consumer('worker-1').received + l.consumer('worker-2').received).toBe(10)
    expect(l.consumer('worker-1').received).toBeGreaterThan(0)
    expect(l.consumer('worker-2').received).toBeGreaterThan(0)
    expect([l.consumer('reader-1').received, l.consumer('reader-2').received]).toEqual([10, 10])
  })

  it('super-stream: each key reaches its partition only, and each partition has its reader', async () => {
    const l = await open('super-stream')
    await l.act('send')
    l.clock.advance(10_000)
    for (const key of ['eu', 'us', 'asia']) expect(l.consumer(`reader-${key}`).received, key).toBe(3)
  })

  it('shovel: on-confirm brings back what a cut caught on the way; on-publish loses it, counted', async () => {
    for (const [mode, arrived, lost] of [
      ['on-confirm', 10, 0],
      ['on-publish', 0, 10],
    ] as const) {
      const l = await open('shovel')
      if (mode === 'on-publish') await l.act('on-publish')
      l.clock.advance(500)
      await l.act('send')
      l.clock.advance(500)
      expect(l.design.links.list()[0].inFlight, mode).toBe(10) // the link's 1 s latency holds them on the wire
      await l.act('cut')
      await l.act('restore')
      l.clock.advance(10_000)
      expect([l.count('orders'), l.countOn('dc-london', 'orders.copy')], mode).toEqual([0, arrived])
      expect(l.design.shovels.of('local')[0].shovel?.counts.lost, mode).toBe(lost)
    }
  })

  it('two-datacenters: during the cut the messages wait in the upstream queue in Paris, then arrive in London', async () => {
    const l = await open('two-datacenters')
    l.clock.advance(2000)
    await l.act('cut')
    await l.act('send')
    l.clock.advance(5000)
    expect(l.view().depths).toEqual({ 'paris.audit': 5, 'federation: events -> rabbit@dc-london': 5 })
    expect(l.countOn('dc-london', 'london.events')).toBe(0)
    await l.act('restore')
    l.clock.advance(10_000)
    expect(l.count('federation: events -> rabbit@dc-london')).toBe(0)
    expect(l.countOn('dc-london', 'london.events')).toBe(5)
  })

  const orders = (l: LessonRun) => l.broker.vhosts.get('/')!.queues.get('orders')!

  it('quorum-survives: after the leader’s node stops, another member leads, work carries on, nothing is nacked', async () => {
    const l = await open('quorum-survives')
    expect(l.broker.cluster.size).toBe(3)
    l.clock.advance(5000)
    const before = l.consumer('orders-worker').received
    await l.act('stop-leader')
    l.clock.advance(10_000)
    const replicas = orders(l).replicas as QuorumReplicas
    expect(replicas.active).toBe(true)
    expect(replicas.leader).not.toBe('rabbit@n1')
    expect(l.consumer('orders-worker').received).toBeGreaterThan(before + 20)
    expect(l.producer('checkout').nacked).toBe(0)
    await l.act('start-leader')
    l.clock.advance(2000)
    expect(replicas.online()).toHaveLength(3)
  })

  it('classic-dead-node: nacks and a stopped consumer until the node returns', async () => {
    const l = await open('classic-dead-node')
    l.clock.advance(5000)
    await l.act('stop-home')
    l.clock.advance(5000)
    expect(l.producer('checkout').nacked).toBeGreaterThan(0)
    expect(l.consumer('orders-worker').state).toBe('stopped')
    expect(l.consumer('orders-worker').error).toMatch(/home node 'rabbit@n1'/)
    const received = l.consumer('orders-worker').received
    await l.act('start-home')
    l.clock.advance(5000)
    expect(l.consumer('orders-worker').state).toBe('consuming')
    expect(l.consumer('orders-worker').received).toBeGreaterThan(received)
  })

  it('no-majority: the minority side’s publishes wait until the partition heals', async () => {
    const l = await open('no-majority')
    l.clock.advance(5000)
    await l.act('split')
    l.clock.advance(5000)
    const replicas = orders(l).replicas as QuorumReplicas
    expect(['rabbit@n2', 'rabbit@n3']).toContain(replicas.leader)
    const received = l.consumer('orders-worker').received
    l.clock.advance(5000)
    expect(l.consumer('orders-worker').received).toBe(received)
    expect(l.count('orders')).toBe(0)
    await l.act('heal')
    l.clock.advance(5000)
    expect(l.consumer('orders-worker').received).toBeGreaterThan(received + 40)
    expect(l.producer('checkout').nacked).toBe(0)
  })
})
