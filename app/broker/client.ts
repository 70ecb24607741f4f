// Starts the broker worker and speaks its protocol: commands issued in the same tick go out in one
// message, replies and connection traffic come back in batches, events are handed to subscribers.

import {
  PROTOCOL_VERSION, type Command, type FromWorker, type RecoverySummary, type StorageProblem, type ToWorker, type Traffic,
} from '../../engine/worker/protocol.ts'
import type { BrokerErrorData } from '../../engine/errors.ts'
import type { BrokerEvent } from '../../engine/events.ts'
import type { WorkerOptions } from '../../engine/worker/worker-options.ts'

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
  | { kind: 'ready'; recovery: RecoverySummary; storage: 'indexeddb' | 'memory' }
  | { kind: 'locked' } // another tab runs this broker
  | { kind: 'stopped'; message: string }

type TrafficListener = (traffic: Traffic) => void

interface Pending {
  resolve: (value: unknown) => void
  reject: (error: Error) => void
}

export class BrokerClient {
  private worker!: Worker
  private nextId = 1
  private outbox: { id: number; command: Command }[] = []
  private flushQueued = false
  private readonly pending = new Map<number, Pending>()
  private readonly trafficListeners = new Set<TrafficListener>()
  private readonly eventListeners = new Set<(events: BrokerEvent[]) => void>()
  private readonly stateListeners = new Set<(state: ClientState) => void>()
  private readonly problemListeners = new Set<(problem: StorageProblem) => void>()
  private eventsWanted = 0
  state: ClientState = { kind: 'starting' }
  private ready!: Promise<void>

  constructor(private readonly options: WorkerOptions = {}) {
    this.spawn()
  }

  /** Resolves once the worker has recovered the broker (or says another tab holds it). */
  whenReady(): Promise<void> {
    return this.ready
  }

  private spawn(): void {
    this.worker = new Worker(new URL('../../engine/worker/main.ts', import.meta.url), {
      type: 'module',
      name: JSON.stringify(this.options),
    })
    this.ready = new Promise<void>((resolve, reject) => {
      this.worker.onmessage = (event: MessageEvent<FromWorker>) => {
        const message = event.data
        if (message.type === 'ready' || message.type === 'locked') {
          if (message.version !== PROTOCOL_VERSION) {
            const text = `The broker worker speaks protocol version ${message.version}, this page expects ${PROTOCOL_VERSION}. Reload the page to get matching versions.`
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
        const text = `The broker worker failed: ${event.message || 'unknown error'}`
        this.setState({ kind: 'stopped', message: text })
        reject(new Error(text))
      }
    })
  }

  private receive(message: FromWorker): void {
    switch (message.type) {
      case 'ready':
        this.setState({ kind: 'ready', recovery: message.recovery, storage: message.storage })
        if (message.problem) for (const l of this.problemListeners) l(message.problem)
        if (this.eventsWanted > 0) void this.send({ type: 'events', enabled: true })
        break
      case 'locked':
        this.setState({ kind: 'locked' })
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
      case 'events':
        for (const l of this.eventListeners) l(message.events)
        break
      case 'storageProblem':
        for (const l of this.problemListeners) l(message.problem)
        break
      case 'stopped':
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

  /** Sends a command; commands sent in the same tick share one postMessage. */
  send<T = unknown>(command: Command): Promise<T> {
    const id = this.nextId++
    const promise = new Promise<T>((resolve, reject) => this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject }))
    this.outbox.push({ id, command })
    if (!this.flushQueued) {
      this.flushQueued = true
      queueMicrotask(() => this.flushOutbox())
    }
    return promise
  }

  private flushOutbox(): void {
    this.flushQueued = false
    if (this.outbox.length === 0) return
    const message: ToWorker = { type: 'commands', commands: this.outbox }
    this.outbox = []
    this.worker.postMessage(message)
  }

  private failPending(reason: string): void {
    for (const waiting of this.pending.values()) waiting.reject(new Error(reason))
    this.pending.clear()
  }

  onTraffic(listener: TrafficListener): () => void {
    this.trafficListeners.add(listener)
    return () => this.trafficListeners.delete(listener)
  }

  /** Subscribes to broker events; the worker builds them only while someone listens. */
  onEvents(listener: (events: BrokerEvent[]) => void): () => void {
    this.eventListeners.add(listener)
    if (this.eventsWanted++ === 0 && this.state.kind === 'ready') void this.send({ type: 'events', enabled: true })
    return () => {
      if (!this.eventListeners.delete(listener)) return
      if (--this.eventsWanted === 0 && this.state.kind === 'ready') void this.send({ type: 'events', enabled: false })
    }
  }

  onState(listener: (state: ClientState) => void): () => void {
    this.stateListeners.add(listener)
    return () => this.stateListeners.delete(listener)
  }

  onStorageProblem(listener: (problem: StorageProblem) => void): () => void {
    this.problemListeners.add(listener)
    return () => this.problemListeners.delete(listener)
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
    this.worker.postMessage({ type: 'takeOver' } satisfies ToWorker)
    return ready
  }

  /**
   * Restarts the broker as a RabbitMQ node restarts: pending writes are committed, the worker is
   * terminated, and a new one recovers from IndexedDB. Open connections are closed.
   */
  async restart(): Promise<void> {
    await this.send({ type: 'shutdown' })
    this.worker.terminate()
    this.failPending('The broker restarted')
    for (const l of this.trafficListeners) l({ kind: 'connectionClosed', connection: -1, error: { code: 320, text: 'CONNECTION_FORCED', message: 'CONNECTION_FORCED - broker restarted', connectionLevel: true } })
    this.setState({ kind: 'starting' })
    this.spawn()
    await this.ready
  }

  terminate(): void {
    this.worker.terminate()
    this.failPending('The broker was stopped')
  }
}
