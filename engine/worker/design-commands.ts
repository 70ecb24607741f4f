// The worker's brokers beyond its first: a design of named brokers linked by shovels and federation. The first
// broker is the handler's own (named "local"); the others live here, with their definitions kept beside the design
// (their messages are not: only the first broker has durable storage). Connection numbers of broker k start at
// k * CONNECTIONS_PER_BROKER, so one map in the handler holds the connections of every broker.

import type { Broker } from '../broker.ts'
import { exportDefinitions } from '../definitions/export.ts'
import { importDefinitions } from '../definitions/import.ts'
import { Design } from '../design/design.ts'
import { managementOf } from '../management/api.ts'
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

export class WorkerDesign {
  design: Design
  private nextOffset = 1

  constructor(
    first: Broker,
    private readonly seed: number,
  ) {
    this.design = new Design(first.clock)
    this.design.add(FIRST_BROKER, first)
  }

  /** After a reset: the handler's new first broker, and no other. */
  rebase(first: Broker): void {
    for (const name of [...this.design.brokers.keys()]) if (name !== FIRST_BROKER) this.design.remove(name)
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
    const broker = this.design.create(name, {
      version,
      seed: this.seed + this.nextOffset,
      firstConnectionId: this.nextOffset * CONNECTIONS_PER_BROKER,
    })
    this.nextOffset++
    return broker
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
        this.design.remove(command.name)
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

  /** Brings the other brokers back from the meta record; their shovels and federation start with them. */
  restore(saved: unknown): void {
    if (!Array.isArray(saved)) return
    for (const entry of saved as SavedBroker[]) {
      if (!entry || typeof entry.name !== 'string' || this.design.broker(entry.name)) continue
      const version = isBrokerVersion(entry.version) ? entry.version : DEFAULT_VERSION
      importDefinitions(this.create(entry.name, version), entry.definitions)
    }
  }
}
