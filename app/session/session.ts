// The designer's link to the broker: its channels (channel-pool.ts), snapshots into the store
// (snapshot-poller.ts), loading and saving the design, and the simulation that runs the producer and consumer nodes.

import { readableError } from '../ui/visible-text.ts'
import type { Body, MessageProperties } from '../../engine/model.ts'
import type { PeekedMessage, PublishReply } from '../../engine/worker/protocol.ts'
import type { ConsumerStatus } from '../../engine/simulation/specs.ts'
import type { Message, WarrenChannel } from '../broker/amqp.ts'
import { BrokerCommandError, type BrokerClient } from '../broker/client.ts'
import { followBrokerHold } from './broker-hold.ts'
import { ChannelPool } from './channel-pool.ts'
import { probeDeclares } from './probe.ts'
import { runOps, type Move } from './run-ops.ts'
import { SimulationSync } from './simulation-sync.ts'
import { SnapshotPoller } from './snapshot-poller.ts'
import { saveDesign } from './persist.ts'
import { parseSavedRun, restoreCommand, runOf, type SavedRun } from '../sim/saved-run.ts'
import { diffTopology, type Op } from '../design/graph-to-commands.ts'
import { EXAMPLE_POSITIONS, exampleDoc } from '../design/example.ts'
import { parseSavedDesigns } from '../design/saved-design.ts'
import { collectRouted } from '../store/apply-events.ts'
import { currentVhost } from '../store/current-vhost.ts'
import { docOf } from '../store/doc-of.ts'
import { emptyDesignData, type DesignData, type SavedDesigns } from '../design/types.ts'
import { autoLayoutPositions, whenMeasured } from './layout-store.ts'
import { useAppStore } from '../store/index.ts'
import { t } from '../i18n/index.ts'

export interface SessionOptions {
  /** Open the e-commerce example when the broker and the design are both empty. */
  example: boolean
}

const RUN_SAVE_MS = 1000

/** Whether a consumer went offline or came back: saved at once, as a design change is. */
function offlineChanged(before: Record<string, ConsumerStatus>, after: Record<string, ConsumerStatus>): boolean {
  if (before === after) return false
  for (const id of new Set([...Object.keys(before), ...Object.keys(after)]))
    if ((before[id]?.state === 'offline') !== (after[id]?.state === 'offline')) return true
  return false
}

const errorText = (error: unknown) =>
  readableError((error as { detail?: string }).detail ?? (error instanceof Error ? error.message : String(error)))

export class DesignerSession {
  private readonly channels: ChannelPool
  private readonly poller: SnapshotPoller
  private serialTail: Promise<unknown> = Promise.resolve()
  private saveTimer: ReturnType<typeof setTimeout> | null = null
  private runSaveTimer: ReturnType<typeof setTimeout> | null = null
  /** What the simulated nodes had done, as last saved or seen: a new worker (reload, restart) takes it up. */
  private run: SavedRun = {}
  private loaded = false
  readonly routed = new Map<number, string[]>()
  private readonly routedWaiters = new Set<() => void>()
  /** Producer and consumer nodes, run by the broker's simulation. */
  readonly simulation: SimulationSync

  constructor(
    readonly client: BrokerClient,
    private readonly options: SessionOptions,
  ) {
    this.simulation = new SimulationSync(client, (message) =>
      useAppStore.getState().toast('error', t('session.simulationProblem', { message })),
    )
    this.channels = new ChannelPool(client, currentVhost)
    this.poller = new SnapshotPoller(
      () => this.client.send({ type: 'snapshot' }),
      () => this.client.state.kind === 'ready',
    )
  }

  start(): void {
    followBrokerHold(this.client)
    this.client.onState((state) => {
      if (state.kind === 'ready') void this.serial(() => this.attach())
      else this.detach()
      // Another tab may change the design while it holds the broker: taken back, the saved one is read again.
      if (state.kind === 'locked') {
        this.loaded = false
        if (this.saveTimer) clearTimeout(this.saveTimer)
        this.saveTimer = null
      }
    })
    if (this.client.state.kind === 'ready') void this.serial(() => this.attach())
    this.poller.start()
    useAppStore.subscribe((s, prev) => {
      if (!this.loaded) return
      if (s.producers !== prev.producers || s.consumers !== prev.consumers || s.positions !== prev.positions)
        this.scheduleSave()
      else if (offlineChanged(prev.consumerStatus, s.consumerStatus)) this.scheduleSave()
      else if (s.consumerStatus !== prev.consumerStatus || s.producerStatus !== prev.producerStatus)
        this.scheduleRunSave()
      if (
        s.producers !== prev.producers ||
        s.consumers !== prev.consumers ||
        s.queues !== prev.queues ||
        s.exchanges !== prev.exchanges ||
        s.vhosts !== prev.vhosts ||
        s.otherDesigns !== prev.otherDesigns
      )
        void this.simulation.schedule()
    })
    this.simulation.startPolling()
    addEventListener('pagehide', () => {
      if (this.saveTimer) void this.save()
    })
  }

  /** Runs `work` after every earlier mutation: declares, undo steps and loads never interleave. */
  serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.serialTail.then(work, work)
    this.serialTail = run.catch(() => {})
    return run
  }

  private detach(): void {
    if (this.loaded) this.run = this.currentRun()
    this.channels.drop()
    this.simulation.forgetAll()
    // A new worker is coming: its simulation takes the saved run before any node is set (see attach).
    this.simulation.hold()
  }

  private currentRun(): SavedRun {
    const s = useAppStore.getState()
    return { ...this.run, [s.vhost]: runOf(s, this.run[s.vhost]) }
  }

  /** Shows another vhost: its entities, its design, its undo history (none yet); the one left keeps running. */
  switchVhost(name: string): Promise<void> {
    return this.serial(() => this.showVhost(name))
  }

  /** Deletes a vhost with everything in it (its clients are disconnected, as RabbitMQ does); shows '/' if it was on screen. */
  deleteVhost(name: string): Promise<void> {
    return this.serial(async () => {
      if (useAppStore.getState().vhost === name) await this.showVhost('/')
      await this.client.send({ type: 'deleteVhost', name })
      const { [name]: _deleted, ...otherDesigns } = useAppStore.getState().otherDesigns
      useAppStore.getState().setDesign({ otherDesigns })
      await this.refresh()
      await this.save()
    })
  }

  /**
   * Empties the broker and the design: a reset leaves only vhost '/', shown with nothing drawn.
   * For callers in the serial queue.
   */
  async resetBroker(): Promise<void> {
    await this.client.send({ type: 'reset' })
    this.simulation.forgetAll()
    await this.refresh()
    await this.replaceDesigns({ vhost: '/', vhosts: {} })
    await this.save()
  }

  /** switchVhost's work, for callers already in the serial queue. */
  async showVhost(name: string): Promise<void> {
    const s = useAppStore.getState()
    if (name === s.vhost) return
    this.run = this.currentRun()
    const { [name]: arriving = emptyDesignData(), ...rest } = s.otherDesigns
    const leaving = { producers: s.producers, consumers: s.consumers, positions: s.positions }
    await this.show(name, arriving, { ...rest, [s.vhost]: leaving })
  }

  /**
   * After the broker was replaced (a reset, a Warren file): every vhost's design, showing `designs.vhost`
   * when the broker has it, else '/'. For callers in the serial queue, after a refresh.
   */
  async replaceDesigns(designs: SavedDesigns): Promise<void> {
    // A new broker: its nodes start from nothing, whatever the ones before them had counted.
    this.run = {}
    const vhost = useAppStore.getState().vhosts.includes(designs.vhost) ? designs.vhost : '/'
    const { [vhost]: shown = emptyDesignData(), ...otherDesigns } = designs.vhosts
    await this.show(vhost, shown, otherDesigns)
  }

  private async show(vhost: string, shown: DesignData, otherDesigns: Record<string, DesignData>): Promise<void> {
    if (vhost !== useAppStore.getState().vhost) {
      const old = this.channels.drop()
      if (old && !old.closed) void old.close().catch(() => {})
    }
    this.routed.clear()
    useAppStore.setState({
      vhost,
      otherDesigns,
      ...shown,
      exchanges: {},
      queues: {},
      bindings: [],
      queueStats: {},
      consumerStats: {},
      streamStats: {},
      producerStatus: {},
      consumerStatus: {},
      selectedNodes: [],
      selectedEdges: [],
      browserQueue: null,
      past: [],
      future: [],
    })
    await this.refresh()
    if (!this.loaded) return
    await this.placeFitAndSave()
  }

  /** A design whose nodes have no positions yet (the example, a first view) is laid out; then the view fits. */
  private async placeFitAndSave(): Promise<void> {
    const now = useAppStore.getState()
    if (Object.keys(now.positions).length === 0 && now.nodes.length > 0) {
      await whenMeasured(() => useAppStore.getState().nodes)
      const measured = useAppStore.getState()
      // A failed layout leaves the nodes in their default columns, which still shows everything.
      const positions = await autoLayoutPositions(measured.nodes, measured.edges).catch(() => null)
      if (positions) useAppStore.getState().setDesign({ positions })
    }
    useAppStore.getState().requestFit()
    await this.save()
  }

  private async attach(): Promise<void> {
    this.detach()
    await this.refresh()
    if (!this.loaded) {
      // Undo steps from before another tab held the broker would replay against a topology they never saw.
      useAppStore.setState({ past: [], future: [] })
      await this.loadDesign()
      this.loaded = true
    }
    await this.simulation.resume(restoreCommand(this.run))
  }

  /** First open (no saved design, empty broker): the example, when the options ask for it. Otherwise the saved design. */
  private async loadDesign(): Promise<void> {
    const raw = await this.client.send({ type: 'designGet' })
    const designs = parseSavedDesigns(raw)
    this.run = parseSavedRun((raw as { run?: unknown } | null)?.run)
    // The vhost last shown, if the broker still has it.
    if (
      designs &&
      designs.vhost !== useAppStore.getState().vhost &&
      useAppStore.getState().vhosts.includes(designs.vhost)
    )
      await this.showVhost(designs.vhost)
    const shownVhost = useAppStore.getState().vhost
    const saved = designs ? (designs.vhosts[shownVhost] ?? emptyDesignData()) : null
    if (designs) {
      const { [shownVhost]: _shown, ...otherDesigns } = designs.vhosts
      useAppStore.getState().setDesign({ otherDesigns })
    }
    const store = useAppStore.getState()
    const empty = Object.keys(docOf(store).exchanges).length === 0 && Object.keys(store.queues).length === 0
    if (!saved && empty && this.options.example) {
      const doc = exampleDoc()
      await this.runOps(diffTopology(docOf(store), doc))
      await this.refresh()
      // Laid out ahead of time: a first visit does not load the layout engine.
      useAppStore
        .getState()
        .setDesign({ producers: doc.producers, consumers: doc.consumers, positions: { ...EXAMPLE_POSITIONS } })
    } else {
      store.setDesign(saved ?? { producers: {}, consumers: {}, positions: {} })
    }
    await this.placeFitAndSave()
  }

  /** Validates every declare first, so a refused edit leaves the broker as it was. */
  async runOps(ops: readonly Op[], moves: readonly Move[] = []): Promise<void> {
    if (ops.length === 0) return
    await probeDeclares(() => this.channels.admin(), ops)
    await runOps(
      {
        channel: () => this.channels.admin(),
        sendToQueue: (queue, body, properties) => this.sendToQueue(queue, body, properties),
      },
      ops,
      moves,
    )
  }

  private async sendToQueue(queue: string, body: Body, properties: MessageProperties): Promise<unknown> {
    const ch = await this.channels.admin()
    return this.client.send({
      type: 'publish',
      connection: (await this.channels.connection()).id,
      channel: ch.id,
      exchange: '',
      routingKey: queue,
      body,
      properties,
      mandatory: false,
    })
  }

  /** Resolves (changed or not) after a snapshot taken after this call has been applied. */
  refresh(): Promise<boolean> {
    return this.poller.refresh()
  }

  scheduleSave(): void {
    useAppStore.getState().setSaveState('pending')
    if (this.saveTimer) clearTimeout(this.saveTimer)
    this.saveTimer = setTimeout(() => void this.save(), 200)
  }

  /** Counts change all the time while nodes run: saved at most once a second, without showing it as a design save. */
  private scheduleRunSave(): void {
    if (this.runSaveTimer) return
    this.runSaveTimer = setTimeout(() => {
      this.runSaveTimer = null
      if (this.saveTimer || !this.loaded || this.client.state.kind !== 'ready') return
      const store = useAppStore.getState()
      // A failed write shows in the next design save and as a storage problem.
      saveDesign(this.client, store, new Set(store.nodes.map((n) => n.id)), this.currentRun()).catch(() => {})
    }, RUN_SAVE_MS)
  }

  async save(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer)
    this.saveTimer = null
    const store = useAppStore.getState()
    store.setSaveState('saving')
    try {
      await saveDesign(this.client, store, new Set(store.nodes.map((n) => n.id)), this.currentRun())
      if (!this.saveTimer) useAppStore.getState().setSaveState('saved')
    } catch (error) {
      useAppStore.getState().setSaveState('failed')
      useAppStore.getState().toast('error', t('session.saveFailed', { error: errorText(error) }))
    }
  }

  async publish(
    exchange: string,
    routingKey: string,
    body: Body,
    properties: MessageProperties,
    mandatory: boolean,
  ): Promise<PublishReply> {
    const conn = await this.channels.connection()
    const publisher = await this.channels.publisher()
    try {
      return await this.client.send({
        type: 'publish',
        connection: conn.id,
        channel: publisher.id,
        exchange,
        routingKey,
        body,
        properties,
        mandatory,
      })
    } catch (error) {
      if (error instanceof BrokerCommandError) this.channels.forgetPublisher()
      throw error
    }
  }

  /** Listens to routing events while the publish panel waits to say where its messages went. */
  watchRoutes(): () => void {
    return this.client.onEvents((events) => {
      collectRouted(events, this.routed, currentVhost())
      for (const wake of this.routedWaiters) wake()
    })
  }

  /** The queues a published message reached, once the event saying so has arrived (see watchRoutes). */
  async routedTo(messageId: number, waitMs = 300): Promise<string[] | null> {
    const deadline = performance.now() + waitMs
    while (!this.routed.has(messageId) && performance.now() < deadline) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.routedWaiters.delete(wake)
          resolve()
        }
        this.routedWaiters.add(wake)
        setTimeout(wake, 50)
      })
    }
    return this.routed.get(messageId) ?? null
  }

  peek(queue: string, limit = 100): Promise<PeekedMessage[]> {
    return this.client.send({ type: 'peek', vhost: currentVhost(), queue, limit })
  }

  async get(queue: string): Promise<{ message: Message; channel: WarrenChannel } | null> {
    const channel = await this.channels.browser()
    const message = await channel.get(queue)
    return message ? { message, channel } : null
  }

  async purge(queue: string): Promise<number> {
    const { messageCount } = await (await this.channels.admin()).purgeQueue(queue)
    return messageCount
  }
}

export { errorText }
