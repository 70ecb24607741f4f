// Starts the broker worker and speaks its protocol: commands issued in the same tick go out in one
// message, replies and connection traffic come back in batches, events are handed to subscribers.

import {
  checkCommandLimits,
  PROTOCOL_VERSION,
  type Command,
  type FromWorker,
  type RecoverySummary,
  type ReplyOf,
  type StorageProblem,
  type ToWorker,
  type Traffic,
} from '../../engine/worker/protocol.ts'
import type { BrokerErrorData } from '../../engine/errors.ts'
import type { BrokerEvent, EventBroker } from '../../engine/events.ts'
import type { Body, MessageProperties } from '../../engine/model.ts'
import type { WorkerOptions } from '../../engine/worker/worker-options.ts'
import type { BrokerVersion } from '../../engine/profile.ts'
import { clientMessages } from './client-messages.ts'
import { decodeEvents } from './event-batch.ts'
import { t } from '../i18n/index.ts'

export class BrokerCommandError extends Error {
  readonly code: number
  readonly text: string
  constructor(readonly data: BrokerErrorData) {
    super(data.message)
    this.name = 'BrokerCommandError'
    this.code = data.code
    this.text = data.text
  }
}

export type ClientState =
  | { kind: 'starting' }
  | { kind: 'ready'; recovery: RecoverySummary; storage: 'indexeddb' | 'memory'; brokerVersion: BrokerVersion }
  | { kind: 'locked'; lost: boolean } // another tab runs this broker; `lost`: it took it from this tab
  | { kind: 'stopped'; message: string }

type TrafficListener = (traffic: Traffic) => void

interface Pending {
  resolve: (value: unknown) => void
  reject: (error: Error) => void
}

type PublishMany = Extract<Command, { type: 'publishMany' }> & {
  routingKeys: string[]
  properties: MessageProperties[]
}
type AckMany = Extract<Command, { type: 'ackMany' }>

/** One column for a batch: a single value when every row holds the same one (app/ may not import engine code). */
function compact<T>(values: T[]): T | T[] {
  const first = values[0]
  for (let i = 1; i < values.length; i++) if (values[i] !== first) return values
  return values.length > 0 ? first : values
}

export class BrokerClient {
  private worker!: Worker
  private nextId = 1
  private outbox: { id: number; command: Command }[] = []
  /** The last command in the outbox when more publishes or acks may join it. */
  private tail: PublishMany | AckMany | null = null
  private flushQueued = false
  private readonly pending = new Map<number, Pending>()
  private readonly trafficListeners = new Set<TrafficListener>()
  private readonly eventListeners = new Set<(events: BrokerEvent[]) => void>()
  private readonly allBrokersListeners = new Set<(events: BrokerEvent[]) => void>()
  private readonly stateListeners = new Set<(state: ClientState) => void>()
  private readonly problemListeners = new Set<(problem: StorageProblem | null) => void>()
  private eventsWanted = 0
  /** The worker said another tab holds the lock, so it can be asked to take it. */
  private workerLocked = false
  private takeOverAsked = false
  state: ClientState = { kind: 'starting' }
  /** The last storage problem reported, if any: the UI may subscribe after the worker reported it. */
  problem: StorageProblem | null = null
  private ready!: Promise<void>

  constructor(private options: WorkerOptions = {}) {
    this.spawn()
  }

  /** Resolves once the worker has recovered the broker (or says another tab holds it). */
  whenReady(): Promise<void> {
    return this.ready
  }

  private spawn(waitForLock = false): void {
    this.outbox = []
    this.tail = null
    this.worker = new Worker(new URL('../../engine/worker/main.ts', import.meta.url), {
      type: 'module',
      name: JSON.stringify(waitForLock ? { ...this.options, waitForLock } : this.options),
    })
    this.ready = new Promise<void>((resolve, reject) => {
      this.worker.onmessage = (event: MessageEvent<FromWorker>) => {
        const message = event.data
        if (message.type === 'ready' || message.type === 'locked') {
          if (message.version !== PROTOCOL_VERSION) {
            const text = t('client.protocolMismatch', { theirs: message.version, ours: PROTOCOL_VERSION })
            this.setState({ kind: 'stopped', message: text })
            this.worker.terminate()
            reject(new Error(text))
            return
          }
        }
        this.receive(message)
        if (message.type === 'ready' || message.type === 'locked') resolve()
      }
      this.worker.onerror = (event) => {
        const text = t('client.workerFailed', { error: event.message || t('client.unknownError') })
        this.setState({ kind: 'stopped', message: text })
        reject(new Error(text))
      }
    })
  }

  private receive(message: FromWorker): void {
    switch (message.type) {
      case 'ready':
        this.setState({
          kind: 'ready',
          recovery: message.recovery,
          storage: message.storage,
          brokerVersion: message.brokerVersion,
        })
        this.problem = null
        if (message.problem) this.reportProblem(message.problem)
        if (this.eventsWanted > 0) void this.send({ type: 'events', enabled: true })
        break
      case 'locked':
        this.workerLocked = true
        this.setState({ kind: 'locked', lost: this.state.kind === 'locked' && this.state.lost })
        if (this.takeOverAsked) this.askTakeOver()
        break
      case 'batch':
        for (const reply of message.replies) {
          const waiting = this.pending.get(reply.id)
          if (!waiting) continue
          this.pending.delete(reply.id)
          if (reply.ok) waiting.resolve(reply.result)
          else waiting.reject(new BrokerCommandError(reply.error))
        }
        for (const traffic of message.traffic) for (const l of this.trafficListeners) l(traffic)
        break
      case 'events': {
        const events = decodeEvents(message.events)
        for (const l of this.allBrokersListeners) l(events)
        if (this.eventListeners.size === 0) break
        const first = events.some((e) => brokerOfEvent(e) !== undefined)
          ? events.filter((e) => brokerOfEvent(e) === undefined)
          : events
        if (first.length > 0) for (const l of this.eventListeners) l(first)
        break
      }
      case 'storageProblem':
        this.reportProblem(message.problem)
        break
      case 'storageRecovered':
        this.reportProblem(null)
        break
      case 'stopped':
        if (message.reason === 'taken-over') {
          this.lose()
          break
        }
        this.setState({ kind: 'stopped', message: message.message })
        this.failPending(message.message)
        break
      default: {
        const unreachable: never = message
        throw new Error(`unknown worker message ${JSON.stringify(unreachable)}`)
      }
    }
  }

  private setState(state: ClientState): void {
    this.state = state
    for (const l of this.stateListeners) l(state)
  }

  /**
   * Sends a command; commands sent in the same tick share one postMessage. `onResult` runs as soon as
   * the reply is read, before the traffic that came with it (a promise resolves only after that traffic).
   */
  send<C extends Command>(command: C, onResult?: (result: ReplyOf<C>) => void): Promise<ReplyOf<C>> {
    const refusal = this.refusal(command)
    if (refusal) return Promise.reject(refusal)
    const id = this.nextId++
    const promise = new Promise<ReplyOf<C>>((resolve, reject) => {
      // The worker answers each command with the reply its type names in CommandReplies.
      const done = resolve as (v: unknown) => void
      this.pending.set(id, { resolve: onResult ? (v) => (onResult(v as ReplyOf<C>), done(v)) : done, reject })
    })
    this.enqueue(id, command)
    return promise
  }

  /** Sends a command that gets no reply: a failure closes its channel (channelClosed traffic), as in AMQP. */
  post(command: Command): void {
    const refusal = this.refusal(command)
    if (refusal) throw refusal
    this.enqueue(0, command)
  }

  /**
   * Why a command cannot go to the worker: the broker stopped here, another tab holds it (what this tab
   * would send was meant for a broker it has not seen), or the command passes an input limit.
   */
  private refusal(command: Command): Error | null {
    if (this.state.kind === 'stopped') return new Error(clientMessages.stopped(this.state.message))
    if (this.state.kind === 'locked') return new Error(clientMessages.locked)
    try {
      checkCommandLimits(command)
      return null
    } catch (error) {
      return error as Error
    }
  }

  /**
   * basic.publish without a reply. Consecutive publishes on one channel to one exchange travel as one
   * publishMany; on a confirm channel `seq` numbers them for the 'confirms' traffic that answers.
   */
  publish(
    connection: number,
    channel: number,
    seq: number,
    exchange: string,
    routingKey: string,
    body: Body,
    properties: MessageProperties,
    mandatory: boolean,
  ): void {
    const t = this.tail
    if (
      t &&
      t.type === 'publishMany' &&
      t.channel === channel &&
      t.connection === connection &&
      t.exchange === exchange &&
      t.mandatory === mandatory &&
      t.firstSeq + t.bodies.length === seq
    ) {
      t.routingKeys.push(routingKey)
      t.bodies.push(body)
      t.properties.push(properties)
      return
    }
    const command: PublishMany = {
      type: 'publishMany',
      connection,
      channel,
      firstSeq: seq,
      exchange,
      mandatory,
      routingKeys: [routingKey],
      bodies: [body],
      properties: [properties],
    }
    this.enqueue(0, command)
    this.tail = command
  }

  /** basic.ack of one delivery, without a reply; consecutive acks on a channel travel as one ackMany. */
  ack(connection: number, channel: number, deliveryTag: number): void {
    const t = this.tail
    if (t && t.type === 'ackMany' && t.channel === channel && t.connection === connection) {
      t.deliveryTags.push(deliveryTag)
      return
    }
    const command: AckMany = { type: 'ackMany', connection, channel, deliveryTags: [deliveryTag] }
    this.enqueue(0, command)
    this.tail = command
  }

  private enqueue(id: number, command: Command): void {
    this.outbox.push({ id, command })
    this.tail = null
    if (!this.flushQueued) {
      this.flushQueued = true
      queueMicrotask(() => this.flushOutbox())
    }
  }

  private flushOutbox(): void {
    this.flushQueued = false
    this.tail = null
    if (this.outbox.length === 0) return
    for (const { command } of this.outbox) {
      if (command.type !== 'publishMany') continue
      command.routingKeys = compact(command.routingKeys as string[])
      command.properties = compact(command.properties as MessageProperties[])
    }
    const batch = this.outbox
    this.outbox = []
    if (this.state.kind === 'locked') {
      // Publishes and acks skip refusal(): while another tab holds the broker they fail here, never to run later.
      for (const entry of batch) this.failUnsent(entry, clientMessages.locked, false)
      return
    }
    try {
      this.worker.postMessage({ type: 'commands', commands: batch } satisfies ToWorker)
    } catch {
      // One command the structured clone cannot copy fails the batch: send each alone, fail the ones that fail.
      for (const entry of batch) {
        try {
          this.worker.postMessage({ type: 'commands', commands: [entry] } satisfies ToWorker)
        } catch (error) {
          this.failUnsent(entry, clientMessages.unsendable((error as Error).message))
        }
      }
    }
  }

  /** A command that never reached the worker: its promise rejects, or (no reply expected) its channel closes. */
  private failUnsent({ id, command }: { id: number; command: Command }, message: string, tellWorker = true): void {
    const waiting = this.pending.get(id)
    if (waiting) {
      this.pending.delete(id)
      waiting.reject(new Error(message))
      return
    }
    if (!('channel' in command) || !('connection' in command)) return
    const { connection, channel } = command as { connection: number; channel: number }
    const error = { code: 541, text: 'INTERNAL_ERROR' as const, message, connectionLevel: false }
    for (const l of this.trafficListeners) l({ kind: 'channelClosed', connection, channel, error })
    if (!tellWorker) return
    this.worker.postMessage({
      type: 'commands',
      commands: [{ id: 0, command: { type: 'closeChannel', connection, channel } }],
    } satisfies ToWorker)
  }

  private failPending(reason: string): void {
    for (const waiting of this.pending.values()) waiting.reject(new Error(reason))
    this.pending.clear()
  }

  onTraffic(listener: TrafficListener): () => void {
    this.trafficListeners.add(listener)
    return () => this.trafficListeners.delete(listener)
  }

  /**
   * Subscribes to broker events; the worker builds them only while someone listens. The canvas, stats and lessons
   * take the design's first broker only; `allBrokers` adds the other brokers' events, each naming its broker.
   */
  onEvents(listener: (events: BrokerEvent[]) => void, allBrokers = false): () => void {
    const listeners = allBrokers ? this.allBrokersListeners : this.eventListeners
    listeners.add(listener)
    if (this.eventsWanted++ === 0 && this.state.kind === 'ready') void this.send({ type: 'events', enabled: true })
    return () => {
      if (!listeners.delete(listener)) return
      if (--this.eventsWanted === 0 && this.state.kind === 'ready') void this.send({ type: 'events', enabled: false })
    }
  }

  onState(listener: (state: ClientState) => void): () => void {
    this.stateListeners.add(listener)
    return () => this.stateListeners.delete(listener)
  }

  /** Called with every storage problem (null once it is over), and at once with the current one if any. */
  onStorageProblem(listener: (problem: StorageProblem | null) => void): () => void {
    this.problemListeners.add(listener)
    if (this.problem) listener(this.problem)
    return () => this.problemListeners.delete(listener)
  }

  private reportProblem(problem: StorageProblem | null): void {
    this.problem = problem
    for (const l of this.problemListeners) l(problem)
  }

  /** Asks the tab holding the broker to hand it over; this tab's worker then starts it. */
  takeOver(): Promise<void> {
    const ready = new Promise<void>((resolve) => {
      const off = this.onState((state) => {
        if (state.kind === 'ready' || state.kind === 'stopped') {
          off()
          resolve()
        }
      })
    })
    // A worker started after a loss may not have reported the lock yet: it is asked once it has.
    if (this.workerLocked) this.askTakeOver()
    else this.takeOverAsked = true
    return ready
  }

  private askTakeOver(): void {
    this.takeOverAsked = false
    this.workerLocked = false
    this.worker.postMessage({ type: 'takeOver' } satisfies ToWorker)
  }

  /**
   * Another tab took the broker: this tab's connections are gone, and a new worker waits beside the lock
   * so the broker can be taken back here.
   */
  private lose(): void {
    this.worker.onmessage = null
    this.worker.onerror = null
    this.worker.terminate()
    this.failPending(clientMessages.locked)
    this.closeAllConnections('CONNECTION_FORCED - another tab took over the broker')
    this.workerLocked = false
    this.setState({ kind: 'locked', lost: true })
    this.spawn()
  }

  private closeAllConnections(closeText: string): void {
    for (const l of this.trafficListeners)
      l({
        kind: 'connectionClosed',
        connection: -1,
        error: { code: 320, text: 'CONNECTION_FORCED', message: closeText, connectionLevel: true },
      })
  }

  /**
   * Restarts the broker as a RabbitMQ node restarts: pending writes are committed, the worker is
   * terminated, and a new one recovers from IndexedDB. Open connections are closed.
   */
  async restart(): Promise<void> {
    await this.send({ type: 'shutdown' })
    this.replaceWorker(t('actions.restarted'), 'CONNECTION_FORCED - broker restarted')
    await this.ready
  }

  /**
   * Switches the RabbitMQ version the broker behaves as: stored with the broker, then the broker restarts
   * as that version would (durable entities and persistent messages come back, connections close).
   */
  async switchVersion(version: BrokerVersion): Promise<void> {
    await this.send({ type: 'setBrokerVersion', version })
    this.options = { ...this.options, version }
    await this.restart()
  }

  /**
   * For crash tests only: kills the worker mid-flight, with no graceful shutdown (pending writes are
   * lost, as in a power cut), then starts a new one that recovers from what IndexedDB committed.
   */
  async crashForTests(): Promise<void> {
    this.replaceWorker(t('client.crashed'), 'CONNECTION_FORCED - broker crashed')
    await this.ready
  }

  private replaceWorker(reason: string, closeText: string): void {
    // Whatever the old worker posted and this page has not yet read belongs to a broker that is gone.
    this.worker.onmessage = null
    this.worker.onerror = null
    this.worker.terminate()
    this.failPending(reason)
    this.closeAllConnections(closeText)
    this.workerLocked = false
    this.setState({ kind: 'starting' })
    this.spawn(true)
  }

  terminate(): void {
    this.worker.terminate()
    this.failPending(t('client.stopped'))
  }
}

/** The design's broker an event happened on; undefined for the first broker, whose events name none. */
export function brokerOfEvent(event: BrokerEvent): string | undefined {
  return (event as BrokerEvent & EventBroker).broker
}
