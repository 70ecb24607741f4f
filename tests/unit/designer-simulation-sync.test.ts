import { beforeEach, describe, expect, it } from 'vitest'
import { createBroker, ManualClock } from '../../engine/index.ts'
import { seededRandom } from '../../engine/random.ts'
import { Simulation } from '../../engine/simulation/simulation.ts'
import { runToolCommand, type ToolCommand } from '../../engine/worker/tool-commands.ts'
import type { BrokerClient } from '../../app/broker/client.ts'
import { exampleDoc } from '../../app/design/example.ts'
import { SimulationSync } from '../../app/session/simulation-sync.ts'
import { useAppStore } from '../../app/store/index.ts'

// The sync against a real broker and simulation, through the same tool commands the worker runs.
function setup() {
  const clock = new ManualClock()
  const broker = createBroker({ clock, seed: 3 })
  const admin = broker
    .connect({
      delivery() {},
      returned() {},
      confirmed() {},
      cancelled() {},
      channelClosed() {},
      connectionClosed() {},
    })
    .openChannel()
  let sim = new Simulation(broker, seededRandom(3))
  const sent: string[] = []
  const client = {
    state: { kind: 'ready' },
    send: async (command: ToolCommand) => {
      sent.push(
        command.type === 'simProducer' || command.type === 'simConsumer'
          ? `${command.type} ${command.id} ${command.action}`
          : command.type,
      )
      return runToolCommand(broker, sim, command)
    },
  } as unknown as BrokerClient
  const reports: string[] = []
  const sync = new SimulationSync(client, (m) => reports.push(m))
  const doc = exampleDoc()
  admin.exchangeDeclare({ exchange: 'orders', type: 'topic' })
  for (const q of ['payment', 'analytics']) admin.queueDeclare({ queue: q })
  admin.queueBind('payment', 'orders', 'order.paid')
  admin.queueBind('analytics', 'orders', 'order.#')
  const def = (name: string, type = 'topic') => ({
    name,
    type,
    durable: true,
    autoDelete: false,
    internal: false,
    arguments: {},
  })
  const queue = (name: string) => ({ name, durable: true, exclusive: false, autoDelete: false, arguments: {} })
  useAppStore.setState({
    exchanges: { orders: def('orders') },
    queues: { payment: queue('payment'), analytics: queue('analytics') },
    producers: doc.producers,
    consumers: { 'payment-worker-1': doc.consumers['payment-worker-1'] },
    producerStatus: {},
    consumerStatus: {},
  })
  const newWorker = () => {
    sim.clear()
    sim = new Simulation(broker, seededRandom(3))
  }
  return {
    clock,
    broker,
    client,
    sync,
    sent,
    reports,
    newWorker,
    depth: (q: string) => broker.vhosts.get('/')!.queues.get(q)!.messageCount,
  }
}

describe('simulation sync', () => {
  beforeEach(() => useAppStore.setState({ producers: {}, consumers: {}, vhost: '/', vhosts: ['/'], otherDesigns: {} }))

  it('sends each node once, follows `running`, and sends nothing when nothing changed', async () => {
    const { sync, sent, clock, reports } = setup()
    await sync.schedule()
    expect(sent.sort()).toEqual(['simSetConsumer', 'simSetProducer'])
    sent.length = 0
    await sync.schedule()
    expect(sent).toEqual([])

    const s = useAppStore.getState()
    s.setDesign({ producers: { checkout: { ...s.producers.checkout, running: true } } })
    await sync.schedule()
    expect(sent).toEqual(['simProducer checkout start'])
    clock.advance(2000)
    await sync.pollStatus()
    expect(useAppStore.getState().producerStatus.checkout).toMatchObject({ running: true, published: 4 })
    expect(useAppStore.getState().consumerStatus['payment-worker-1']).toMatchObject({ state: 'consuming', received: 2 })
    expect(reports).toEqual([])
  })

  it("a burst adds to the node's count; a consumer crash gives its messages back", async () => {
    const { sync, clock, depth } = setup()
    await sync.burst('checkout')
    await sync.pollStatus()
    expect(useAppStore.getState().producerStatus.checkout).toMatchObject({ running: false, published: 10 })
    await sync.burst('checkout')
    await sync.pollStatus()
    expect(useAppStore.getState().producerStatus.checkout).toMatchObject({ running: false, published: 20 })
    expect(depth('payment')).toBe(19) // one is held by the worker (prefetch 1)
    await sync.consumer('payment-worker-1', 'crash')
    expect(depth('payment')).toBe(20)
    await sync.pollStatus()
    expect(useAppStore.getState().consumerStatus['payment-worker-1'].state).toBe('crashed')
    clock.advance(60_000)
    expect(depth('payment')).toBe(20)
  })

  it('removes what the design no longer has, and re-sends everything to a new worker', async () => {
    const { sync, sent, newWorker } = setup()
    await sync.schedule()
    sent.length = 0
    const s = useAppStore.getState()
    s.setDesign({ consumers: {}, producers: { checkout: { ...s.producers.checkout, exchange: null } } })
    await sync.schedule()
    expect(sent.sort()).toEqual(['simRemoveConsumer', 'simRemoveProducer'])

    s.setDesign({ producers: { checkout: { ...s.producers.checkout, exchange: 'orders', running: true } } })
    await sync.schedule()
    newWorker()
    sync.forgetAll()
    sent.length = 0
    await sync.schedule()
    expect(sent.sort()).toEqual(['simProducer checkout start', 'simSetProducer'])
  })

  it('nodes of a vhost no longer on screen keep running, and come back to the screen without being sent again', async () => {
    const { sync, sent, broker, clock } = setup()
    const s = useAppStore.getState()
    s.setDesign({ producers: { checkout: { ...s.producers.checkout, running: true } } })
    await sync.schedule()
    broker.addVhost('staging')
    const shown = useAppStore.getState()
    const leaving = { producers: shown.producers, consumers: shown.consumers, positions: shown.positions }
    sent.length = 0
    // What DesignerSession.show does when another vhost is picked: '/' moves off screen.
    useAppStore.setState({
      vhost: 'staging',
      otherDesigns: { '/': leaving },
      producers: {},
      consumers: {},
      positions: {},
      exchanges: {},
      queues: {},
    })
    await sync.schedule()
    expect(sent).toEqual([])
    const before = broker.vhosts.get('/')!.queues.get('payment')!.messageCount
    clock.advance(2000)
    expect(
      broker.vhosts.get('/')!.queues.get('analytics')!.messageCount +
        broker.vhosts.get('/')!.queues.get('payment')!.messageCount,
    ).toBeGreaterThan(before)
    await sync.pollStatus()
    expect(useAppStore.getState().producerStatus).toEqual({})

    sent.length = 0
    useAppStore.setState({
      vhost: '/',
      otherDesigns: { staging: { producers: {}, consumers: {}, positions: {} } },
      ...leaving,
      exchanges: shown.exchanges,
      queues: { ...shown.queues },
    })
    await sync.schedule()
    expect(sent).toEqual([])
    await sync.pollStatus()
    expect(useAppStore.getState().producerStatus.checkout).toMatchObject({ running: true })
  })

  it('nodes of other vhosts run in their vhost under their own simulation ids', async () => {
    const { sync, sent, broker, client } = setup()
    broker.addVhost('staging')
    const staging = broker
      .connect(
        { delivery() {}, returned() {}, confirmed() {}, cancelled() {}, channelClosed() {}, connectionClosed() {} },
        { vhost: 'staging' },
      )
      .openChannel()
    staging.queueDeclare({ queue: 'jobs' })
    const s = useAppStore.getState()
    const design = {
      producers: { checkout: { ...s.producers.checkout, exchange: '', routingKey: 'jobs', running: false } },
      consumers: {},
      positions: {},
    }
    await sync.schedule()
    sent.length = 0
    // A design for a vhost the broker does not have runs nothing.
    useAppStore.setState({ vhosts: ['/'], otherDesigns: { staging: design } })
    await sync.schedule()
    expect(sent).not.toContain('simSetProducer')
    useAppStore.setState({ vhosts: ['/', 'staging'] })
    await sync.schedule()
    await client.send({ type: 'simBurst', id: 'checkout@staging', count: 3 })
    expect(broker.vhosts.get('staging')!.queues.get('jobs')!.messageCount).toBe(3)
    expect(broker.vhosts.get('/')!.queues.get('payment')!.messageCount).toBe(0)
  })
})
