import { describe, expect, it } from 'vitest'
import { createBroker, ManualClock, type BrokerEvent } from '../../engine/index.ts'
import { Simulation } from '../../engine/simulation/simulation.ts'
import { seededRandom } from '../../engine/random.ts'
import type { ConsumerSpec, ProducerSpec } from '../../engine/simulation/specs.ts'
import { quietSink } from './quiet-sink.ts'

function setup(seed = 7) {
  const clock = new ManualClock()
  const events: BrokerEvent[] = []
  const broker = createBroker({ clock, seed, emit: (e) => events.push(e) })
  const admin = broker.connect(quietSink).openChannel()
  const sim = new Simulation(broker, seededRandom(seed))
  return { clock, broker, admin, sim, events }
}

const producer = (over: Partial<ProducerSpec> = {}): ProducerSpec => ({
  id: 'p',
  vhost: '/',
  exchange: '',
  rate: 0,
  routingKey: { kind: 'fixed', key: 'work' },
  body: 'm{n}',
  mandatory: false,
  confirms: true,
  ...over,
})
const consumer = (over: Partial<ConsumerSpec> = {}): ConsumerSpec => ({
  id: 'c',
  vhost: '/',
  queue: 'work',
  autoAck: false,
  prefetch: 1,
  processingMs: 100,
  behaviour: { kind: 'ack' },
  ...over,
})

describe('simulated consumers', () => {
  it('fail-first N then ack redelivers each message exactly N times', () => {
    const { clock, admin, sim, events } = setup()
    admin.queueDeclare({ queue: 'work' })
    sim.setConsumer(consumer({ behaviour: { kind: 'fail-first', failures: 2, action: 'requeue' } }))
    sim.setProducer(producer({ burst: 3 }))
    sim.startProducer('p')
    clock.advance(5000)
    const delivered = events.filter((e) => e.type === 'delivered')
    expect(delivered).toHaveLength(9)
    expect(delivered.filter((e) => e.type === 'delivered' && e.redelivered)).toHaveLength(6)
    expect(events.filter((e) => e.type === 'acked')).toHaveLength(3)
    expect(sim.status().consumers[0]).toMatchObject({ acked: 3, failed: 6 })
  })

  it('a crash while holding unacked messages requeues them, redelivered', () => {
    const { clock, admin, sim } = setup()
    admin.queueDeclare({ queue: 'work' })
    sim.setConsumer(consumer({ prefetch: 5, processingMs: 10_000 }))
    sim.setProducer(producer({ burst: 3 }))
    sim.startProducer('p')
    expect(sim.status().consumers[0].inFlight).toBe(3)
    sim.crashConsumer('c')
    expect(sim.status().consumers[0].state).toBe('crashed')
    const got = admin.get('work')
    expect(got?.redelivered).toBe(true)
    expect(got?.body).toBe('m1')
    clock.advance(20_000)
    expect(admin.queueDeclare({ queue: 'work', passive: true }).messageCount).toBe(2)
  })

  it('prefetch 1 shares work by speed: the fast consumer takes most', () => {
    const { clock, admin, sim } = setup()
    admin.queueDeclare({ queue: 'work' })
    sim.setConsumer(consumer({ id: 'fast', processingMs: 10 }))
    sim.setConsumer(consumer({ id: 'slow', processingMs: 100 }))
    sim.setProducer(producer({ burst: 22 }))
    sim.startProducer('p')
    clock.advance(200)
    const [fast, slow] = sim.status().consumers
    expect(fast.acked + slow.acked).toBe(22)
    expect(fast.acked).toBe(20)
    expect(slow.acked).toBe(2)
  })

  it('going offline stops deliveries; coming back resumes them', () => {
    const { clock, admin, sim } = setup()
    admin.queueDeclare({ queue: 'work' })
    sim.setConsumer(consumer({ processingMs: 1 }))
    sim.setConsumerOnline('c', false)
    sim.setProducer(producer({ burst: 4 }))
    sim.startProducer('p')
    clock.advance(100)
    expect(admin.queueDeclare({ queue: 'work', passive: true }).messageCount).toBe(4)
    sim.setConsumerOnline('c', true)
    clock.advance(100)
    expect(admin.queueDeclare({ queue: 'work', passive: true }).messageCount).toBe(0)
  })
})

describe('simulated producers', () => {
  it('publish at their rate on the broker clock, with pattern keys', () => {
    const { clock, admin, sim } = setup()
    admin.exchangeDeclare({ exchange: 'orders', type: 'topic' })
    admin.queueDeclare({ queue: 'all' })
    admin.queueBind('all', 'orders', 'order.#')
    sim.setProducer(
      producer({
        exchange: 'orders',
        rate: 200,
        routingKey: { kind: 'pattern', pattern: 'order.{created|paid|cancelled}' },
      }),
    )
    sim.startProducer('p')
    clock.advance(1000)
    sim.stopProducer('p')
    clock.advance(1000)
    expect(admin.queueDeclare({ queue: 'all', passive: true }).messageCount).toBe(200)
    const keys = new Set<string>()
    for (let m = admin.get('all', true); m; m = admin.get('all', true)) keys.add(m.routingKey)
    expect([...keys].sort()).toEqual(['order.cancelled', 'order.created', 'order.paid'])
  })

  it('a burst publishes from the producer itself, running or not, its counter carrying on', () => {
    const { clock, admin, sim } = setup()
    admin.queueDeclare({ queue: 'work' })
    sim.setProducer(producer({ rate: 10, routingKey: { kind: 'cycle', keys: ['work'] } }))
    sim.burstProducer('p', 3)
    expect(sim.status().producers[0]).toMatchObject({ running: false, published: 3 })
    sim.startProducer('p')
    clock.advance(1000)
    sim.burstProducer('p', 2)
    const published = sim.status().producers[0].published
    expect(published).toBe(15)
    const bodies: string[] = []
    for (let m = admin.get('work', true); m; m = admin.get('work', true)) bodies.push(String(m.body))
    expect(bodies.slice(0, 3)).toEqual(['m1', 'm2', 'm3'])
    expect(bodies.at(-1)).toBe(`m${published}`)
    expect(() => sim.burstProducer('p', 0)).toThrow(RangeError)
  })

  it('the same seed and design replay the same event stream', () => {
    const run = () => {
      const { clock, admin, sim, events } = setup(42)
      admin.queueDeclare({ queue: 'work', arguments: { 'x-dead-letter-exchange': 'amq.fanout' } })
      admin.queueDeclare({ queue: 'dead' })
      admin.queueBind('dead', 'amq.fanout', '')
      sim.setConsumer(
        consumer({
          processingMs: [5, 50],
          behaviour: { kind: 'fail-randomly', probability: 0.3, action: 'dead-letter' },
        }),
      )
      sim.setProducer(producer({ rate: 100, routingKey: { kind: 'cycle', keys: ['work'] } }))
      sim.startProducer('p')
      clock.advance(2000)
      return events.map((e) => `${e.type}:${e.at}:${'messageId' in e ? e.messageId : ''}`)
    }
    const a = run()
    expect(a.length).toBeGreaterThan(500)
    expect(run()).toEqual(a)
  })

  it('stops with the broker error when its exchange disappears', () => {
    const { clock, admin, sim } = setup()
    admin.exchangeDeclare({ exchange: 'x', type: 'fanout' })
    sim.setProducer(producer({ exchange: 'x', rate: 50 }))
    sim.startProducer('p')
    clock.advance(100)
    admin.exchangeDelete('x')
    clock.advance(100)
    const status = sim.status().producers[0]
    expect(status.running).toBe(false)
    expect(status.error).toContain('NOT_FOUND')
  })
})

describe('simulated producer counters', () => {
  it('count each returned and each nacked message once', () => {
    const { admin, sim } = setup()
    admin.exchangeDeclare({ exchange: 'nowhere', type: 'direct' })
    admin.queueDeclare({ queue: 'full', arguments: { 'x-max-length': 1, 'x-overflow': 'reject-publish' } })
    sim.setProducer(producer({ id: 'lost', exchange: 'nowhere', mandatory: true, burst: 3 }))
    sim.setProducer(producer({ id: 'full', routingKey: { kind: 'fixed', key: 'full' }, burst: 4 }))
    sim.startProducer('lost')
    sim.startProducer('full')
    const [lost, full] = sim.status().producers
    expect(lost).toMatchObject({ published: 3, returned: 3, nacked: 0 })
    expect(full).toMatchObject({ published: 4, returned: 0, nacked: 3 })
  })
})
