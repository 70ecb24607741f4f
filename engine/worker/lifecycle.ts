// The broker's lifecycle beside its traffic: the saved design, a graceful stop, a reset to nothing.
// Each storage step is a promise; the handler replies when it settles, so a confirm never runs ahead of the disk.

import type { Broker } from '../broker.ts'
import type { Connection } from '../connection.ts'
import type { IdbDurableLog } from '../persistence/store.ts'
import { BROKER_VERSION_KEY } from '../persistence/broker-version.ts'
import type { BrokerVersion } from '../profile.ts'
import { Simulation } from '../simulation/simulation.ts'

/** The designer's layout and simulation, kept beside the broker's durable state (or in memory without IndexedDB). */
export class DesignStore {
  /** Without IndexedDB the design lives only as long as the worker. */
  private memory: unknown = null

  constructor(private readonly durable: IdbDurableLog | null) {}

  async get(): Promise<unknown> {
    if (!this.durable) return this.memory
    return (await this.durable.getMeta('design')) ?? null
  }

  async put(design: unknown): Promise<null> {
    if (this.durable) await this.durable.putMeta('design', design)
    else this.memory = design
    return null
  }

  /** The version the broker starts as next time; without IndexedDB the page passes it to the next worker itself. */
  async putBrokerVersion(version: BrokerVersion): Promise<null> {
    await this.durable?.putMeta(BROKER_VERSION_KEY, version)
    return null
  }
}

/** A graceful stop commits every pending write first, as a node shutting down does; a failed write does not stop it. */
export async function commitBeforeStop(durable: IdbDurableLog | null): Promise<null> {
  await durable?.commit().catch(() => {})
  return null
}

export interface BrokerState {
  broker: Broker
  simulation: Simulation
}

/**
 * Closes every connection, stops the simulation and the broker, and starts an empty one that keeps the
 * old broker's event sink. The caller clears the durable log.
 */
export function emptyBroker(current: BrokerState, connections: Iterable<Connection>, fresh: () => Broker): BrokerState {
  for (const connection of [...connections]) connection.close(null)
  current.simulation.clear()
  current.broker.shutdown()
  const broker = fresh()
  broker.emit = current.broker.emit
  return { broker, simulation: new Simulation(broker, broker.random, broker.seed) }
}
