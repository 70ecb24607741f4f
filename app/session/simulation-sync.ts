// Producer and consumer nodes run as the broker's simulation, inside the worker and on its clock. This keeps
// the worker's simulated clients in line with the design (one pass per burst of changes) and polls their
// status into the store. A new worker (restart, reset) has no simulation: forgetAll() and everything is sent again.
// The vhost on screen is reconciled against its entities; other vhosts' nodes keep running as they were sent.

import type { ConsumerSpec, ConsumerStatus, ProducerSpec, ProducerStatus } from '../../engine/simulation/specs.ts'
import type { SimulationStatus } from '../../engine/worker/tool-commands.ts'
import type { BrokerClient } from '../broker/client.ts'
import { consumerSpec, producerSpec, simId } from '../design/sim-specs.ts'
import type { DesignData } from '../design/types.ts'
import { useAppStore } from '../store/index.ts'
import { reuseRecord } from '../store/apply-events.ts'

/** Status polling: four times a second is as fast as anyone reads a counter on a node. */
const STATUS_POLL_MS = 250

export type ConsumerAction = 'crash' | 'offline' | 'online' | 'slowdown'

/** `queue` is the consumed queue's definition as JSON when known (the vhost on screen), else null. */
type Wanted =
  | { kind: 'producer'; name: string; spec: ProducerSpec; running: boolean }
  | { kind: 'consumer'; name: string; spec: ConsumerSpec; queue: string | null }

const errorText = (error: unknown) =>
  (error as { detail?: string }).detail ?? (error instanceof Error ? error.message : String(error))

export class SimulationSync {
  /** What the worker was last sent, by `${kind}:${id}`. */
  private readonly sent = new Map<string, { json: string; running: boolean; queue: string | null }>()
  private loop: Promise<void> | null = null
  private dirty = false
  private polling: ReturnType<typeof setInterval> | null = null
  private pollInFlight = false
  /** A new worker's simulation waits for resume(): the saved run must reach it before any node is set. */
  private held = false

  constructor(
    private readonly client: BrokerClient,
    private readonly report: (message: string) => void,
  ) {}

  /** Reconciles soon; calls in the same burst share one pass. Resolves after a pass that began after this call. */
  schedule(): Promise<void> {
    this.dirty = true
    this.loop ??= (async () => {
      await Promise.resolve() // let the rest of this burst of store changes land first
      try {
        while (this.dirty) {
          this.dirty = false
          await this.reconcile()
        }
      } finally {
        this.loop = null
      }
    })()
    return this.loop
  }

  /** The worker's simulation is gone (restart, reset): everything is sent again on the next pass. */
  forgetAll(): void {
    this.sent.clear()
    useAppStore.setState({ producerStatus: {}, consumerStatus: {} })
  }

  /** Sets no node until resume(): called when the worker is being replaced. */
  hold(): void {
    this.held = true
  }

  /** Gives the simulation the run saved from before (counts, consumers set offline), then sets the nodes. */
  async resume(restore: Extract<Parameters<BrokerClient['send']>[0], { type: 'simRestore' }>): Promise<void> {
    if (restore.producers.length > 0 || restore.consumers.length > 0) await this.send(restore, 'simulation')
    this.held = false
    await this.schedule()
  }

  /** Publishes a producer node's burst (its `burst` messages at once). */
  async burst(producerId: string): Promise<void> {
    await this.schedule()
    const { producers, vhost } = useAppStore.getState()
    const def = producers[producerId]
    const id = simId(vhost, producerId)
    if (!def || def.burst <= 0 || !this.sent.has(`producer:${id}`)) return
    await this.send({ type: 'simBurst', id, count: def.burst }, def.name)
    void this.pollStatus()
  }

  /** Crashes a consumer node, takes it offline or back, or slows it down (`factor` times its processing time). */
  async consumer(consumerId: string, action: ConsumerAction, factor?: number): Promise<void> {
    await this.schedule()
    const { consumers, vhost } = useAppStore.getState()
    const def = consumers[consumerId]
    const id = simId(vhost, consumerId)
    if (!def || !this.sent.has(`consumer:${id}`)) return
    await this.send({ type: 'simConsumer', id, action, factor }, def.name)
    void this.pollStatus()
  }

  private wanted(): Map<string, Wanted> {
    const s = useAppStore.getState()
    const wanted = new Map<string, Wanted>()
    for (const p of Object.values(s.producers)) {
      const exchange = p.exchange
      if (exchange === null || (exchange !== '' && !s.exchanges[exchange])) continue
      const spec = producerSpec({ ...p, exchange }, s.vhost)
      wanted.set(`producer:${spec.id}`, { kind: 'producer', name: p.name, spec, running: p.running })
    }
    for (const c of Object.values(s.consumers)) {
      const queue = c.queue === null ? undefined : s.queues[c.queue]
      if (!queue) continue
      const spec = consumerSpec({ ...c, queue: queue.name }, s.vhost)
      wanted.set(`consumer:${spec.id}`, { kind: 'consumer', name: c.name, spec, queue: JSON.stringify(queue) })
    }
    // A vhost gone from the broker (deleted, or lost with a reset) has nothing to run its nodes in.
    for (const [vhost, design] of Object.entries(s.otherDesigns))
      if (s.vhosts.includes(vhost)) addOffScreen(wanted, vhost, design)
    return wanted
  }

  private async reconcile(): Promise<void> {
    if (this.held || this.client.state.kind !== 'ready') return
    const wanted = this.wanted()
    for (const key of [...this.sent.keys()]) {
      if (wanted.has(key)) continue
      this.sent.delete(key)
      const [kind, id] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)]
      await this.send(kind === 'producer' ? { type: 'simRemoveProducer', id } : { type: 'simRemoveConsumer', id }, id)
    }
    for (const [key, w] of wanted) {
      const json = JSON.stringify(w.spec)
      const before = this.sent.get(key)
      const queue = w.kind === 'consumer' ? (w.queue ?? before?.queue ?? null) : null
      // A queue declared anew cancelled its consumers: subscribing again is what a client would do.
      if (!before || before.json !== json || before.queue !== queue) {
        await this.send(
          w.kind === 'producer' ? { type: 'simSetProducer', spec: w.spec } : { type: 'simSetConsumer', spec: w.spec },
          w.name,
        )
      }
      const wasRunning = before?.running ?? false
      this.sent.set(key, { json, running: w.kind === 'producer' ? w.running : false, queue })
      if (w.kind === 'producer' && w.running !== wasRunning) {
        await this.send({ type: 'simProducer', id: w.spec.id, action: w.running ? 'start' : 'stop' }, w.name)
      }
    }
  }

  private async send(command: Parameters<BrokerClient['send']>[0], name: string): Promise<void> {
    try {
      await this.client.send(command)
    } catch (error) {
      this.report(`'${name}': ${errorText(error)}`)
    }
  }

  /** Polls `simStatus` while the page is up; only nodes whose numbers moved get new objects. */
  startPolling(): void {
    this.polling ??= setInterval(() => void this.pollStatus(), STATUS_POLL_MS)
  }

  async pollStatus(): Promise<void> {
    if (this.pollInFlight || this.client.state.kind !== 'ready') return
    const s = useAppStore.getState()
    const empty = Object.keys(s.producerStatus).length === 0 && Object.keys(s.consumerStatus).length === 0
    if (this.sent.size === 0 && empty) return
    this.pollInFlight = true
    try {
      const status = await this.client.send({ type: 'simStatus' })
      applyStatus(status)
    } catch {
      // the worker is restarting; the next poll asks the new one
    } finally {
      this.pollInFlight = false
    }
  }
}

const sameProducer = (a: ProducerStatus, b: ProducerStatus) =>
  a.running === b.running &&
  a.published === b.published &&
  a.returned === b.returned &&
  a.nacked === b.nacked &&
  a.error === b.error
const sameConsumer = (a: ConsumerStatus, b: ConsumerStatus) =>
  a.state === b.state &&
  a.inFlight === b.inFlight &&
  a.received === b.received &&
  a.acked === b.acked &&
  a.failed === b.failed &&
  a.slowdown === b.slowdown &&
  a.error === b.error

/** Nodes of vhosts not on screen, as they were drawn: without their vhost's entities to check, they are sent as they are. */
function addOffScreen(wanted: Map<string, Wanted>, vhost: string, design: DesignData): void {
  for (const p of Object.values(design.producers)) {
    if (p.exchange === null) continue
    const spec = producerSpec({ ...p, exchange: p.exchange }, vhost)
    wanted.set(`producer:${spec.id}`, { kind: 'producer', name: p.name, spec, running: p.running })
  }
  for (const c of Object.values(design.consumers)) {
    if (c.queue === null) continue
    const spec = consumerSpec({ ...c, queue: c.queue }, vhost)
    wanted.set(`consumer:${spec.id}`, { kind: 'consumer', name: c.name, spec, queue: null })
  }
}

/** The status of the vhost on screen, keyed by node id. */
function applyStatus(status: SimulationStatus): void {
  const s = useAppStore.getState()
  /** Status entries of the vhost on screen, keyed by node id. */
  const byNode = <T extends { id: string }>(nodeIds: string[], list: readonly T[]): Record<string, T> => {
    const nodeIdOf = new Map(nodeIds.map((id) => [simId(s.vhost, id), id]))
    const out: Record<string, T> = {}
    for (const entry of list) {
      const id = nodeIdOf.get(entry.id)
      if (id !== undefined) out[id] = { ...entry, id }
    }
    return out
  }
  const producerStatus = reuseRecord(s.producerStatus, byNode(Object.keys(s.producers), status.producers), sameProducer)
  const consumerStatus = reuseRecord(s.consumerStatus, byNode(Object.keys(s.consumers), status.consumers), sameConsumer)
  if (producerStatus !== s.producerStatus || consumerStatus !== s.consumerStatus)
    useAppStore.setState({ producerStatus, consumerStatus })
}
