// The designer's link to the broker: one connection with an admin channel for declares, a confirm
// channel for the publish panel, a channel for the queue browser; snapshots into the store; design saving;
// the simulation that runs the producer and consumer nodes.

import type { Body, MessageProperties } from '../../engine/model.ts'
import type { BrokerSnapshot, PeekedMessage, PublishReply } from '../../engine/worker/protocol.ts'
import { connect, type Message, type WarrenChannel, type WarrenConnection } from '../broker/amqp.ts'
import { BrokerCommandError, type BrokerClient } from '../broker/client.ts'
import { probeDeclares } from './probe.ts'
import { runOps, type Move } from './run-ops.ts'
import { SimulationSync } from './simulation-sync.ts'
import { loadDesign, saveDesign } from './persist.ts'
import type { Op } from '../design/graph-to-commands.ts'
import { applySnapshot, collectRouted } from '../store/apply-events.ts'
import { currentVhost } from '../store/current-vhost.ts'
import { emptyDesignData, type DesignData, type SavedDesigns } from '../design/types.ts'
import { autoLayoutPositions, whenMeasured } from './layout-store.ts'
import { useAppStore } from '../store/index.ts'

export interface SessionOptions {
  /** Open the e-commerce example when the broker and the design are both empty. */
  example: boolean
}

/** Polling runs every HOT_INTERVAL_MS (30 Hz) for this long after the last change, then every IDLE_POLL_MS. */
const HOT_POLL_MS = 1000
const HOT_INTERVAL_MS = 33
const IDLE_POLL_MS = 250

const errorText = (error: unknown) =>
  (error as { detail?: string }).detail ?? (error instanceof Error ? error.message : String(error))

export class DesignerSession {
  private conn: WarrenConnection | null = null
  private connecting: Promise<WarrenConnection> | null = null
  private connVhost = '/'
  private connectingVhost = '/'
  private admin: WarrenChannel | null = null
  private publisher: WarrenChannel | null = null
  private browser: WarrenChannel | null = null
  private serialTail: Promise<unknown> = Promise.resolve()
  private refreshing: Promise<boolean> | null = null
  private refreshAgain = false
  private pollPending = false
  private lastChange = 0
  private saveTimer: ReturnType<typeof setTimeout> | null = null
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
      useAppStore.getState().toast('error', `Simulation ${message}`),
    )
  }

  start(): void {
    this.client.onState((state) => {
      if (state.kind === 'ready') void this.serial(() => this.attach())
      else this.detach()
    })
    if (this.client.state.kind === 'ready') void this.serial(() => this.attach())
    this.schedulePoll()
    useAppStore.subscribe((s, prev) => {
      if (!this.loaded) return
      if (s.producers !== prev.producers || s.consumers !== prev.consumers || s.positions !== prev.positions)
        this.scheduleSave()
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
    this.dropConnection()
    this.simulation.forgetAll()
  }

  private dropConnection(): void {
    this.conn = null
    this.connecting = null
    this.admin = this.publisher = this.browser = null
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
    const { [name]: arriving = emptyDesignData(), ...rest } = s.otherDesigns
    const leaving = { producers: s.producers, consumers: s.consumers, positions: s.positions }
    await this.show(name, arriving, { ...rest, [s.vhost]: leaving })
  }

  /**
   * After the broker was replaced (a reset, a Warren file): every vhost's design, showing `designs.vhost`
   * when the broker has it, else '/'. For callers in the serial queue, after a refresh.
   */
  async replaceDesigns(designs: SavedDesigns): Promise<void> {
    const vhost = useAppStore.getState().vhosts.includes(designs.vhost) ? designs.vhost : '/'
    const { [vhost]: shown = emptyDesignData(), ...otherDesigns } = designs.vhosts
    await this.show(vhost, shown, otherDesigns)
  }

  private async show(vhost: string, shown: DesignData, otherDesigns: Record<string, DesignData>): Promise<void> {
    if (vhost !== useAppStore.getState().vhost) {
      const old = this.conn
      this.dropConnection()
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
      await loadDesign(this, this.options.example)
      this.loaded = true
    }
    await this.simulation.schedule()
  }

  /** The designer's connection, to the vhost on screen; one still opening for another vhost is not used. */
  async connection(): Promise<WarrenConnection> {
    const vhost = currentVhost()
    if (this.conn && !this.conn.closed && this.connVhost === vhost) return this.conn
    if (this.connecting && this.connectingVhost === vhost) return this.connecting
    const attempt: Promise<WarrenConnection> = connect(this.client, { vhost }).then(
      (c) => {
        if (this.connecting === attempt) {
          this.conn = c
          this.connVhost = vhost
          this.connecting = null
        }
        return c
      },
      (error) => {
        if (this.connecting === attempt) this.connecting = null
        throw error
      },
    )
    this.connecting = attempt
    this.connectingVhost = vhost
    return attempt
  }

  /** The admin channel; a channel error closes it, so the next call opens a fresh one. */
  async channel(): Promise<WarrenChannel> {
    if (!this.admin || this.admin.closed) {
      this.admin = await (await this.connection()).createChannel()
      this.admin.on('error', () => {})
    }
    return this.admin
  }

  private async browserChannel(): Promise<WarrenChannel> {
    if (!this.browser || this.browser.closed) {
      this.browser = await (await this.connection()).createChannel()
      this.browser.on('error', () => {})
    }
    return this.browser
  }

  /** Validates every declare first, so a refused edit leaves the broker as it was. */
  async runOps(ops: readonly Op[], moves: readonly Move[] = []): Promise<void> {
    if (ops.length === 0) return
    await probeDeclares(() => this.channel(), ops)
    await runOps(
      {
        channel: () => this.channel(),
        sendToQueue: (queue, body, properties) => this.sendToQueue(queue, body, properties),
      },
      ops,
      moves,
    )
  }

  private async sendToQueue(queue: string, body: Body, properties: MessageProperties): Promise<unknown> {
    const ch = await this.channel()
    return this.client.send({
      type: 'publish',
      connection: (await this.connection()).id,
      channel: ch.id,
      exchange: '',
      routingKey: queue,
      body,
      properties,
      mandatory: false,
    })
  }

  /**
   * Live counts come from polling snapshots: every other frame (30 Hz) while things change and for a
   * moment after, a few times a second when nothing does. A snapshot costs far less than the
   * thousands of events a second a busy broker emits, and nobody reads a counter faster than 30 Hz.
   */
  private schedulePoll(): void {
    if (this.pollPending) return
    this.pollPending = true
    const poll = () => {
      this.pollPending = false
      if (this.client.state.kind !== 'ready') return this.schedulePoll()
      this.refresh().then(
        (changed) => {
          if (changed) this.lastChange = performance.now()
          this.schedulePoll()
        },
        () => this.schedulePoll(),
      )
    }
    setTimeout(poll, performance.now() - this.lastChange < HOT_POLL_MS ? HOT_INTERVAL_MS : IDLE_POLL_MS)
  }

  /** Resolves (changed or not) after a snapshot taken after this call has been applied. */
  refresh(): Promise<boolean> {
    if (this.refreshing) {
      this.refreshAgain = true
      return this.refreshing
    }
    const loop = async () => {
      let changed = false
      do {
        this.refreshAgain = false
        const snap = await this.client.send<BrokerSnapshot>({ type: 'snapshot' })
        const patch = applySnapshot(useAppStore.getState(), snap)
        if (patch) useAppStore.setState(patch)
        changed ||= patch !== null
      } while (this.refreshAgain)
      return changed
    }
    this.refreshing = loop().finally(() => {
      this.refreshing = null
    })
    return this.refreshing
  }

  scheduleSave(): void {
    useAppStore.getState().setSaveState('pending')
    if (this.saveTimer) clearTimeout(this.saveTimer)
    this.saveTimer = setTimeout(() => void this.save(), 200)
  }

  async save(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer)
    this.saveTimer = null
    const store = useAppStore.getState()
    store.setSaveState('saving')
    try {
      await saveDesign(this.client, store, new Set(store.nodes.map((n) => n.id)))
      if (!this.saveTimer) useAppStore.getState().setSaveState('saved')
    } catch (error) {
      useAppStore.getState().setSaveState('failed')
      useAppStore.getState().toast('error', `The design could not be saved: ${errorText(error)}`)
    }
  }

  async publish(
    exchange: string,
    routingKey: string,
    body: Body,
    properties: MessageProperties,
    mandatory: boolean,
  ): Promise<PublishReply> {
    const conn = await this.connection()
    if (!this.publisher || this.publisher.closed) {
      this.publisher = await conn.createConfirmChannel()
      this.publisher.on('error', () => {})
    }
    try {
      return await this.client.send<PublishReply>({
        type: 'publish',
        connection: conn.id,
        channel: this.publisher.id,
        exchange,
        routingKey,
        body,
        properties,
        mandatory,
      })
    } catch (error) {
      if (error instanceof BrokerCommandError) this.publisher = null
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
    return this.client.send<PeekedMessage[]>({ type: 'peek', vhost: currentVhost(), queue, limit })
  }

  async get(queue: string): Promise<{ message: Message; channel: WarrenChannel } | null> {
    const channel = await this.browserChannel()
    const message = await channel.get(queue)
    return message ? { message, channel } : null
  }

  async purge(queue: string): Promise<number> {
    const { messageCount } = await (await this.channel()).purgeQueue(queue)
    return messageCount
  }
}

export { errorText }
