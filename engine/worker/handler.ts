// Turns protocol commands into broker calls and gathers what goes back: replies, connection
// traffic and events, each sent in batches. Testable without a Worker: `post` and `schedule` are injected.

import { serverProperties } from '../server-properties.ts'
import { Simulation } from '../simulation/simulation.ts'
import {
  BROKERS_META_KEY,
  FIRST_BROKER,
  isCoreToolCommand,
  isDesignCommand,
  isToolCommand,
  needsExtras,
} from './command-kinds.ts'
import { runCoreToolCommand } from './core-tools.ts'
import type { BrokerLogOpener, WorkerDesign } from './design-commands.ts'
import { clusterNodeName, isClusterCommand, runClusterCommand } from './cluster-commands.ts'
import { isReplicaCommand, listReplicas } from './replica-commands.ts'
import { CLUSTER_SIZE_KEY } from '../persistence/cluster-size.ts'
import type { Broker } from '../broker.ts'
import type { Connection } from '../connection.ts'
import type { ConnectionSink } from '../connection-sink.ts'
import { AmqpError, type BrokerErrorData } from '../errors.ts'
import { InputLimitError } from './input-limits.ts'
import type { BrokerEvent } from '../events.ts'
import { describeWriteError } from '../persistence/storage-errors.ts'
import type { IdbDurableLog } from '../persistence/store.ts'
import { columnAt } from './columns.ts'
import { EventBatchEncoder } from './event-batch.ts'
import type { ClockAction, ClockState, Command, FromWorker, PublishReply, Reply, ToWorker } from './protocol.ts'
import { PendingConfirms, TrafficBatch } from './traffic-batch.ts'
import { commitBeforeStop, DesignStore, emptyBroker } from './lifecycle.ts'
import { peek, snapshot } from './queries.ts'

export interface ControllableClock {
  state(): ClockState
  pause(): void
  resume(): void
  step(): boolean
  setSpeed(factor: number): void
  /** Optional: hold the time still while one message of commands is handled. */
  freeze?(): void
  thaw?(): void
}

export interface HandlerOptions {
  broker: Broker
  clock: ControllableClock
  durable: IdbDurableLog | null
  post(message: FromWorker): void
  /** Runs `fire` after `ms` real milliseconds (event batches go out at most once per frame). */
  schedule(fire: () => void, ms: number): void
  /** A fresh, empty broker for `reset`, sharing the clock and the durable log. */
  freshBroker(): Broker
  /** The durable log of each other broker of the design; without it they keep only their definitions. */
  brokerLog?: BrokerLogOpener
  /** The worker's second chunk, already loaded (Node, tests); without it, the first command that needs it loads it. */
  extras?: WorkerExtras
}

export type WorkerExtras = typeof import('./extras.ts')
type Entry = { id: number; command: Command }

// The worker's first chunk is the broker, its persistence and the simulation; the rest loads on first use.
const loadExtras = (): Promise<WorkerExtras> => import('./extras.ts')

/** Events go out at most once per frame, or sooner when this many have gathered. */
export const EVENT_BATCH_MS = 16
export const EVENT_BATCH_MAX = 5000

export class Handler {
  private broker: Broker
  private readonly connections = new Map<number, Connection>()
  private replies: Reply[] = []
  private readonly traffic = new TrafficBatch()
  /** Confirms of stored publishes, released when the commit carrying them is done. */
  private awaitingCommit = new PendingConfirms()
  private failingWrites: string | null = null
  private events = new EventBatchEncoder()
  private eventsEnabled = false
  private eventFlushScheduled = false
  private stopped = false

  private simulation: Simulation
  private readonly design: DesignStore
  /** Set once extras.ts is loaded, with `brokers`. */
  private extras: WorkerExtras | null = null
  private loadingExtras = false
  /** Commands received while extras.ts loads, from the first that needs it on, run in order once it is there. */
  private waiting: Entry[] = []
  /**
   * The other brokers of the design, and the links, shovels and federation between them and this one. Created
   * with extras.ts: until then the design is this broker alone, and nothing that sets shovels or federation ran.
   */
  private brokers: WorkerDesign | null = null

  constructor(private readonly options: HandlerOptions) {
    this.broker = options.broker
    this.simulation = new Simulation(this.broker, this.broker.random, this.broker.seed)
    this.design = new DesignStore(options.durable)
    if (options.extras) this.useExtras(options.extras)
  }

  /** Brings back the other brokers of the design, saved by the previous worker (main.ts, before any command). */
  async restoreBrokers(saved: unknown): Promise<string[]> {
    if (!Array.isArray(saved) || saved.length === 0) return []
    if (!this.extras) this.useExtras(await loadExtras())
    return this.brokers?.restore(saved) ?? []
  }

  private useExtras(extras: WorkerExtras): void {
    this.extras = extras
    this.brokers = new extras.WorkerDesign(this.broker, this.broker.seed, this.options.brokerLog ?? null)
    if (this.eventsEnabled) this.brokers.setEmit((event) => this.event(event))
  }

  /** Runs `commands` in order; stops at the first that needs extras.ts while it is not loaded, and keeps the rest. */
  private runAll(commands: readonly Entry[]): void {
    const clock = this.options.clock
    clock.freeze?.()
    try {
      for (let i = 0; i < commands.length; i++) {
        const { id, command } = commands[i]
        if (this.extras === null && needsExtras(command)) {
          this.waiting = commands.slice(i)
          this.startLoadingExtras()
          return
        }
        this.run(id, command)
      }
    } finally {
      clock.thaw?.()
    }
  }

  private startLoadingExtras(): void {
    if (this.loadingExtras) return
    this.loadingExtras = true
    loadExtras().then(
      (extras) => {
        this.loadingExtras = false
        if (this.stopped) return
        if (!this.extras) this.useExtras(extras)
        const waiting = this.waiting
        this.waiting = []
        this.runAll(waiting)
        this.flush()
      },
      (error: unknown) => {
        // The chunk could not be fetched (offline before the service worker cached it): those commands fail, the
        // broker goes on, and the next one that needs it tries again.
        this.loadingExtras = false
        const waiting = this.waiting
        this.waiting = []
        const message = `this part of the broker could not be loaded (${error instanceof Error ? error.message : String(error)})`
        for (const { id } of waiting)
          if (id !== 0)
            this.replies.push({
              id,
              ok: false,
              error: { code: 541, text: 'INTERNAL_ERROR', message, connectionLevel: false },
            })
        this.flush()
      },
    )
  }

  /** Processes one message from the page, then sends what it produced. */
  receive(message: ToWorker): void {
    if (this.stopped) return
    if (message.type !== 'commands') return
    if (this.waiting.length > 0) {
      for (const entry of message.commands) this.waiting.push(entry)
      return
    }
    this.runAll(message.commands)
    this.flush()
  }

  /** Sends gathered replies and traffic now, and starts a durable commit when changes wait for one. */
  flush(): void {
    const durable = this.options.durable
    const waiting = this.awaitingCommit.empty ? null : this.awaitingCommit
    if (waiting) this.awaitingCommit = new PendingConfirms()
    const others = durable && this.brokers ? this.brokers.durableLogs() : []
    if (durable && (durable.hasPending || waiting || others.some((log) => log.hasPending))) {
      // With nothing left to write, the changes these confirms wait for went out with the commit in flight.
      // A confirm may wait on any broker's log, so every log commits before the confirms go.
      Promise.all([durable.commit(), ...others.map((log) => log.commit())]).then(
        () => {
          if (this.failingWrites !== null) {
            this.failingWrites = null
            this.options.post({ type: 'storageRecovered' })
          }
          if (waiting) this.releaseConfirms(waiting, true)
        },
        (error: unknown) => {
          // The reason goes first, so the page knows why before its publishes are nacked.
          this.writeFailed(error)
          if (waiting) this.releaseConfirms(waiting, false)
        },
      )
    } else if (waiting) {
      queueMicrotask(() => this.releaseConfirms(waiting, true))
    }
    if (this.replies.length === 0 && this.traffic.empty) return
    this.options.post({ type: 'batch', replies: this.replies, traffic: this.traffic.take() })
    this.replies = []
  }

  /** One problem per run of failed commits (every commit fails while the disk is full). */
  private writeFailed(error: unknown): void {
    const problem = describeWriteError(error, this.options.durable?.unsavedEntities() ?? [])
    if (this.failingWrites === problem.message) return
    this.failingWrites = problem.message
    this.options.post({ type: 'storageProblem', problem })
  }

  private releaseConfirms(waiting: PendingConfirms, committed: boolean): void {
    for (const t of waiting.release(committed)) this.traffic.push(t, t.connection, t.channel)
    for (const r of waiting.replies) {
      if (!committed && r.result.confirm === 'ack') r.result.confirm = 'nack'
      this.replies.push({ id: r.id, ok: true, result: r.result })
    }
    if (waiting.events && this.eventsEnabled) {
      const at = this.broker.clock.now()
      for (const e of waiting.events)
        this.event({
          type: 'confirmed',
          at,
          channel: e.channel,
          publishSeq: e.publishSeq,
          messageId: e.messageId,
          ack: committed && e.ack,
        })
    }
    this.flush()
  }

  private publishMany(command: Extract<Command, { type: 'publishMany' }>): void {
    const channel = this.channel(command)
    const { exchange, routingKeys, bodies, properties, mandatory, firstSeq } = command
    const events = this.eventsEnabled
    for (let i = 0; i < bodies.length; i++) {
      const outcome = channel.publish(exchange, columnAt(routingKeys, i), bodies[i], columnAt(properties, i), mandatory)
      if (outcome.confirm === null) continue
      if (outcome.stored) {
        this.awaitingCommit.add(command.connection, command.channel, firstSeq + i, outcome.confirm === 'ack')
        if (events)
          this.awaitingCommit.event(command.channel, outcome.publishSeq, outcome.messageId, outcome.confirm === 'ack')
      } else {
        this.traffic.confirm(command.connection, command.channel, firstSeq + i, outcome.confirm === 'ack')
      }
    }
  }

  private ackMany(command: Extract<Command, { type: 'ackMany' }>): void {
    const channel = this.channel(command)
    const tags = command.deliveryTags
    for (let i = 0; i < tags.length; i++) channel.ack(tags[i], false)
  }

  private run(id: number, command: Command): void {
    try {
      const result = this.execute(id, command)
      if (result !== DEFERRED && id !== 0) this.replies.push({ id, ok: true, result })
    } catch (error) {
      if (id !== 0) this.replies.push({ id, ok: false, error: toErrorData(error) })
    }
  }

  private connection(id: number): Connection {
    const connection = this.connections.get(id)
    if (!connection || connection.closed) throw new AmqpError('CHANNEL_ERROR', `connection ${id} is closed`)
    return connection
  }

  private execute(id: number, command: Command): unknown {
    if (isCoreToolCommand(command)) return runCoreToolCommand(this.broker, this.simulation, command)
    if (isToolCommand(command)) return this.loaded().runToolCommand(this.broker, this.simulation, command)
    if (isDesignCommand(command)) {
      // Before extras.ts the design is this broker alone, with no link.
      if (!this.brokers && command.type === 'brokersList')
        return [{ name: FIRST_BROKER, version: this.broker.profile.version, nodes: 1 }]
      if (!this.brokers && command.type === 'linksList') return []
      const result = this.designBrokers().run(command)
      if (command.type !== 'brokersList' && command.type !== 'linksList') this.saveBrokers()
      return result
    }
    if (isReplicaCommand(command)) return listReplicas(this.broker, command)
    if (isClusterCommand(command)) {
      const nodes = runClusterCommand(this.broker, command)
      if (command.type === 'clusterSetSize')
        this.options.durable?.putMeta(CLUSTER_SIZE_KEY, nodes.length).catch(() => {}) // the next start is one node
      return nodes
    }
    switch (command.type) {
      case 'connect': {
        const broker =
          this.brokers || (command.broker !== undefined && command.broker !== FIRST_BROKER)
            ? this.designBrokers().broker(command.broker)
            : this.broker
        const connection = broker.connect(
          this.sinkFor(() => connection.id),
          { vhost: command.vhost, node: command.node === undefined ? undefined : clusterNodeName(command.node) },
        )
        this.connections.set(connection.id, connection)
        return { connection: connection.id, serverProperties: serverProperties(broker.profile) }
      }
      case 'closeConnection':
        this.connections.get(command.connection)?.close(null)
        this.connections.delete(command.connection)
        return null
      case 'openChannel': {
        const channel = this.connection(command.connection).openChannel()
        if (command.confirm) channel.confirmSelect()
        return { channel: channel.id }
      }
      case 'closeChannel': {
        const connection = this.connections.get(command.connection)
        connection?.channels.get(command.channel)?.close(null)
        return null
      }
      case 'exchangeDeclare':
        this.channel(command).exchangeDeclare(command.declare)
        return null
      case 'exchangeDelete':
        this.channel(command).exchangeDelete(command.exchange, command.ifUnused)
        return null
      case 'exchangeBind':
        this.channel(command).exchangeBind(command.destination, command.source, command.routingKey, command.arguments)
        return null
      case 'exchangeUnbind':
        this.channel(command).exchangeUnbind(command.destination, command.source, command.routingKey, command.arguments)
        return null
      case 'queueDeclare':
        return this.channel(command).queueDeclare(command.declare)
      case 'queueBind':
        this.channel(command).queueBind(command.queue, command.exchange, command.routingKey, command.arguments)
        return null
      case 'queueUnbind':
        this.channel(command).queueUnbind(command.queue, command.exchange, command.routingKey, command.arguments)
        return null
      case 'queuePurge':
        return { messageCount: this.channel(command).queuePurge(command.queue) }
      case 'queueDelete':
        return {
          messageCount: this.channel(command).queueDelete(command.queue, {
            ifUnused: command.ifUnused,
            ifEmpty: command.ifEmpty,
          }),
        }
      case 'publish': {
        const outcome = this.channel(command).publish(
          command.exchange,
          command.routingKey,
          command.body,
          command.properties,
          command.mandatory,
        )
        const result: PublishReply = {
          confirm: outcome.confirm,
          returned: outcome.returned,
          messageId: outcome.messageId,
          publishSeq: outcome.publishSeq,
        }
        if (outcome.stored && outcome.confirm !== null) {
          if (id !== 0) this.awaitingCommit.replies.push({ id, result })
          if (this.eventsEnabled)
            this.awaitingCommit.event(command.channel, outcome.publishSeq, outcome.messageId, outcome.confirm === 'ack')
          return DEFERRED
        }
        return result
      }
      case 'publishMany':
        this.publishMany(command)
        return null
      case 'ackMany':
        this.ackMany(command)
        return null
      case 'get':
        return this.channel(command).get(command.queue, command.noAck)
      case 'consume':
        return {
          consumerTag: this.channel(command).consume(command.queue, {
            consumerTag: command.consumerTag,
            noAck: command.noAck,
            exclusive: command.exclusive,
            arguments: command.arguments,
          }),
        }
      case 'cancel':
        this.channel(command).cancel(command.consumerTag)
        return null
      case 'qos':
        this.channel(command).qos(command.prefetch, command.global)
        return null
      case 'ack':
        this.channel(command).ack(command.deliveryTag, command.multiple)
        return null
      case 'nack':
        this.channel(command).nack(command.deliveryTag, command.multiple, command.requeue)
        return null
      case 'reject':
        this.channel(command).reject(command.deliveryTag, command.requeue)
        return null
      case 'snapshot':
        return snapshot(this.broker)
      case 'peek':
        return peek(this.broker, command.vhost, command.queue, command.limit)
      case 'clock':
        return this.clockAction(command.action)
      case 'events':
        this.eventsEnabled = command.enabled
        this.broker.emit = command.enabled ? (event) => this.event(event) : null
        this.brokers?.setEmit(command.enabled ? (event) => this.event(event) : null)
        return null
      case 'designGet':
        return this.replyLater(id, this.design.get())
      case 'designPut':
        this.saveBrokers()
        return this.replyLater(id, this.design.put(command.design))
      case 'shutdown':
        this.stopped = true
        return this.replyLater(
          id,
          Promise.all([this.saveBrokers(), commitBeforeStop(this.options.durable)]).then(() => null),
        )
      case 'reset':
        return this.reset(id)
      case 'setBrokerVersion':
        return this.replyLater(id, this.design.putBrokerVersion(command.version))
      default: {
        const unreachable: never = command
        throw new AmqpError('COMMAND_INVALID', `unknown command ${JSON.stringify(unreachable)}`)
      }
    }
  }

  /** The other brokers' definitions go beside the design; a failed write shows as a storage problem. */
  private saveBrokers(): Promise<unknown> {
    const durable = this.options.durable
    if (!durable) return Promise.resolve(null)
    return durable
      .putMeta(BROKERS_META_KEY, this.brokers?.saved() ?? [])
      .catch((error: unknown) => this.writeFailed(error))
  }

  // runAll waits for extras.ts before a command that needs it: reaching these throws is a bug.
  private loaded(): WorkerExtras {
    if (!this.extras) throw new Error('extras.ts is not loaded')
    return this.extras
  }

  private designBrokers(): WorkerDesign {
    if (!this.brokers) throw new Error('extras.ts is not loaded')
    return this.brokers
  }

  private channel(ref: { connection: number; channel: number }) {
    return this.connection(ref.connection).channel(ref.channel)
  }

  private clockAction(action: ClockAction): ClockState {
    const clock = this.options.clock
    switch (action.kind) {
      case 'pause':
        clock.pause()
        break
      case 'resume':
        clock.resume()
        break
      case 'step':
        clock.step()
        break
      case 'speed':
        clock.setSpeed(action.factor)
        break
      case 'state':
        break
      default: {
        const unreachable: never = action
        throw new RangeError(`unknown clock action ${JSON.stringify(unreachable)}`)
      }
    }
    return clock.state()
  }

  private reset(id: number): typeof DEFERRED {
    const state = emptyBroker(
      { broker: this.broker, simulation: this.simulation },
      this.connections.values(),
      this.options.freshBroker,
    )
    this.connections.clear()
    this.broker = state.broker
    this.simulation = state.simulation
    this.brokers?.rebase(this.broker)
    this.saveBrokers()
    const durable = this.options.durable
    return this.replyLater(id, durable ? durable.clear().then(() => null) : Promise.resolve(null))
  }

  /** Replies once `work` settles; a storage failure answers 506 RESOURCE_ERROR in words the user understands. */
  private replyLater(id: number, work: Promise<unknown>): typeof DEFERRED {
    work
      .then(
        (result) => this.replies.push({ id, ok: true, result }),
        (error: unknown) =>
          this.replies.push({
            id,
            ok: false,
            error: {
              code: 506,
              text: 'RESOURCE_ERROR',
              message: describeWriteError(error).message,
              connectionLevel: false,
            },
          }),
      )
      .then(() => this.flush())
    return DEFERRED
  }

  private sinkFor(connectionId: () => number): ConnectionSink {
    return {
      delivery: (channel, delivery) => this.traffic.delivery(connectionId(), channel, delivery),
      returned: (channel, m) =>
        this.traffic.push(
          {
            kind: 'return',
            connection: connectionId(),
            channel,
            replyCode: m.replyCode,
            replyText: m.replyText,
            exchange: m.exchange,
            routingKey: m.routingKey,
            body: m.body,
            properties: m.properties,
          },
          connectionId(),
          channel,
        ),
      // Late confirms: a quorum queue held the publish until it had a leader with a majority.
      confirmed: (channel, publishSeq, ack) => this.traffic.confirm(connectionId(), channel, publishSeq, ack),
      cancelled: (channel, consumerTag) =>
        this.traffic.push(
          { kind: 'cancel', connection: connectionId(), channel, consumerTag },
          connectionId(),
          channel,
        ),
      channelClosed: (channel, error) =>
        this.traffic.push(
          { kind: 'channelClosed', connection: connectionId(), channel, error },
          connectionId(),
          channel,
        ),
      connectionClosed: (error) =>
        this.traffic.push({ kind: 'connectionClosed', connection: connectionId(), error }, connectionId(), null),
    }
  }

  private event(event: BrokerEvent): void {
    if (!this.eventsEnabled) return
    this.events.add(event)
    if (this.events.size >= EVENT_BATCH_MAX) this.flushEvents()
    else if (!this.eventFlushScheduled) {
      this.eventFlushScheduled = true
      this.options.schedule(() => {
        this.eventFlushScheduled = false
        this.flushEvents()
      }, EVENT_BATCH_MS)
    }
  }

  private flushEvents(): void {
    if (this.events.size === 0) return
    this.options.post({ type: 'events', events: this.events.take() })
  }

  /** The broker the handler currently drives (a reset replaces it). */
  get currentBroker(): Broker {
    return this.broker
  }
}

const DEFERRED = Symbol('deferred')

function toErrorData(error: unknown): BrokerErrorData {
  if (error instanceof AmqpError) return error.toData()
  if (error instanceof RangeError || error instanceof TypeError || error instanceof InputLimitError) {
    return { code: 406, text: 'PRECONDITION_FAILED', message: error.message, connectionLevel: false }
  }
  return {
    code: 541,
    text: 'INTERNAL_ERROR',
    message: error instanceof Error ? error.message : String(error),
    connectionLevel: false,
  }
}
