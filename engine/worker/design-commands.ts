// The worker's brokers beyond its first: a design of named brokers linked by shovels and federation. The first
// broker is the handler's own (named "local"); the others live here. Each keeps its durable entities and persistent
// messages in a durable log of its own (its own database), and its definitions (parameters, users) beside the
// design. Connection numbers of broker k start at k * CONNECTIONS_PER_BROKER, so one map in the handler holds the
// connections of every broker.

import type { Broker } from '../broker.ts'
import { exportDefinitions } from '../definitions/export.ts'
import { importDefinitions } from '../definitions/import.ts'
import { Design } from '../design/design.ts'
import type { BrokerEvent, EventBroker } from '../events.ts'
import { managementOf } from '../management/api.ts'
import { recoverInto } from '../persistence/recover.ts'
import type { IdbDurableLog } from '../persistence/store.ts'
import { type BrokerVersion, DEFAULT_VERSION, isBrokerVersion } from '../profile.ts'
import { FIRST_BROKER } from './command-kinds.ts'
import type { DesignCommand, DesignReplies } from './command-types.ts'

export const CONNECTIONS_PER_BROKER = 1_000_000
export { BROKERS_META_KEY } from './command-kinds.ts'
export type { DesignCommand, DesignReplies } from './command-types.ts'

/** One broker as kept beside the design. */
export interface SavedBroker {
  name: string
  version: BrokerVersion
  definitions: Record<string, unknown>
}

/** The durable log of the broker of that name; the same name always finds the same storage. */
export type BrokerLogOpener = (name: string) => IdbDurableLog

export class WorkerDesign {
  design: Design
  private nextOffset = 1
  private readonly logs = new Map<string, IdbDurableLog>()
  private emit: ((event: BrokerEvent) => void) | null = null

  constructor(
    first: Broker,
    private readonly seed: number,
    private readonly openLog: BrokerLogOpener | null = null,
  ) {
    this.design = new Design(first.clock)
    this.design.add(FIRST_BROKER, first)
  }

  /** After a reset: the handler's new first broker, and no other. */
  rebase(first: Broker): void {
    for (const name of [...this.design.brokers.keys()]) if (name !== FIRST_BROKER) this.remove(name)
    this.design = new Design(first.clock)
    this.design.add(FIRST_BROKER, first)
  }

  /** The broker a connect names (the first when none). */
  broker(name: string | undefined): Broker {
    const broker = this.design.broker(name ?? FIRST_BROKER)
    if (!broker) throw new Error(`no broker named "${name}" in the design`)
    return broker
  }

  private create(name: string, version: BrokerVersion): Broker {
    const log = this.logs.get(name) ?? this.openLog?.(name) ?? null
    if (log) this.logs.set(name, log)
    const broker = this.design.create(name, {
      version,
      seed: this.seed + this.nextOffset,
      firstConnectionId: this.nextOffset * CONNECTIONS_PER_BROKER,
      durable: log,
    })
    this.nextOffset++
    broker.emit = this.emitFor(name)
    return broker
  }

  /** The other brokers' events go to `emit` too, each naming its broker; null stops them. */
  setEmit(emit: ((event: BrokerEvent) => void) | null): void {
    this.emit = emit
    for (const [name, broker] of this.design.brokers) if (name !== FIRST_BROKER) broker.emit = this.emitFor(name)
  }

  private emitFor(name: string): ((event: BrokerEvent) => void) | null {
    const emit = this.emit
    if (!emit) return null
    return (event) => {
      const tagged: BrokerEvent & EventBroker = { ...event, broker: name }
      emit(tagged)
    }
  }

  /** A removed broker's storage is emptied, so a broker added later under its name starts empty. */
  private remove(name: string): void {
    this.design.remove(name)
    this.logs
      .get(name)
      ?.clear()
      .catch(() => {})
  }

  /** The durable logs of the other brokers, committed with the first broker's. */
  durableLogs(): IdbDurableLog[] {
    return [...this.logs.values()]
  }

  run(command: DesignCommand): DesignReplies[DesignCommand['type']] {
    const links = this.design.links
    switch (command.type) {
      case 'brokersList':
        return this.design.list()
      case 'brokerAdd': {
        const version = command.version ?? DEFAULT_VERSION
        if (!isBrokerVersion(version)) throw new RangeError(`unknown version ${String(version)}`)
        if (command.nodes !== undefined && command.nodes !== 1)
          throw new RangeError('a broker of several nodes comes with clusters; this design takes brokers of one node')
        this.create(command.name, version)
        return this.design.list()
      }
      case 'brokerRemove':
        if (command.name === FIRST_BROKER) throw new RangeError(`"${FIRST_BROKER}" is the design's own broker`)
        this.remove(command.name)
        return this.design.list()
      case 'brokerManagement': {
        const broker = this.broker(command.broker)
        return managementOf(broker, broker.profile.version).handle(command.request)
      }
      case 'linkState':
        this.checkPair(command.a, command.b)
        if (command.state === 'cut') links.cut(command.a, command.b)
        else if (command.state === 'pause') links.pause(command.a, command.b)
        else links.restore(command.a, command.b)
        return links.list()
      case 'linkLatency':
        this.checkPair(command.a, command.b)
        links.setLatency(command.a, command.b, command.ms)
        return links.list()
      case 'linksList':
        return links.list()
      default: {
        const unreachable: never = command
        throw new RangeError(`unknown design command ${JSON.stringify(unreachable)}`)
      }
    }
  }

  private checkPair(a: string, b: string): void {
    for (const name of [a, b])
      if (!this.design.broker(name)) throw new RangeError(`no broker named "${name}" in the design`)
  }

  /** The other brokers' definitions, for the meta record. */
  saved(): SavedBroker[] {
    const out: SavedBroker[] = []
    for (const [name, broker] of this.design.brokers)
      if (name !== FIRST_BROKER)
        out.push({ name, version: broker.profile.version, definitions: exportDefinitions(broker) })
    return out
  }

  /**
   * Brings the other brokers back from the meta record, each restarted from its own durable log first (durable
   * entities, persistent messages); then its definitions, so its shovels and federation start with them.
   * Returns what could not be recovered.
   */
  async restore(saved: unknown): Promise<string[]> {
    if (!Array.isArray(saved)) return []
    const skipped: string[] = []
    for (const entry of saved as SavedBroker[]) {
      if (!entry || typeof entry.name !== 'string' || this.design.broker(entry.name)) continue
      const version = isBrokerVersion(entry.version) ? entry.version : DEFAULT_VERSION
      const log = this.openLog?.(entry.name) ?? null
      if (log) {
        const state = await log.load()
        this.logs.set(entry.name, log)
        const broker = this.create(entry.name, version)
        for (const s of recoverInto(broker, state).skipped) skipped.push(`${entry.name}: ${s}`)
        importDefinitions(broker, withoutTopology(entry.definitions))
      } else importDefinitions(this.create(entry.name, version), entry.definitions)
    }
    return skipped
  }
}

/** What the log does not keep: its restart already brought the durable exchanges, queues and bindings back. */
function withoutTopology(definitions: Record<string, unknown>): Record<string, unknown> {
  const { queues: _queues, exchanges: _exchanges, bindings: _bindings, ...rest } = definitions ?? {}
  return rest
}
