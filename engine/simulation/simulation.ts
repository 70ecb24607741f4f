// Simulated producers and consumers inside the broker's process, on the broker's clock: producers publish
// at a rate, consumers take time to process and ack, fail, crash or go offline, as real clients would.
// Everything random comes from the seeded source, so the same seed and design replay the same run.
// This file holds what both share: one connection per vhost, and who owns each channel.

import type { Broker } from '../broker.ts'
import type { Channel } from '../channel.ts'
import type { Connection } from '../connection.ts'
import type { ConnectionSink } from '../connection-sink.ts'
import { seededRandom, type Random } from '../random.ts'
import { Reconnector } from './reconnect.ts'
import { SimulatedConsumers, type ConsumerHost, type ConsumerRuntime } from './consumers.ts'
import { SimulatedProducers, type ProducerHost, type ProducerRuntime } from './producers.ts'
import type {
  ConsumerRestore,
  ConsumerSpec,
  ConsumerStatus,
  ProducerRestore,
  ProducerSpec,
  ProducerStatus,
} from './specs.ts'

type Owner = ConsumerRuntime | ProducerRuntime

export class Simulation implements ProducerHost, ConsumerHost {
  private readonly connections = new Map<string, Connection>()
  /** Who owns each simulation channel: connection id -> channel id -> producer or consumer (one connection per vhost). */
  private readonly owners = new Map<number, Map<number, Owner>>()
  private readonly producers = new SimulatedProducers(this)
  private readonly consumers = new SimulatedConsumers(this)
  /** Clients whose node stopped come back on another node, after a backoff, as real clients do. */
  private readonly reconnector: Reconnector<Owner>
  private seed: number

  constructor(
    private readonly broker: Broker,
    private rng: Random,
    seed = 1,
  ) {
    this.seed = seed
    this.reconnector = new Reconnector<Owner>(broker, (owner) => this.resume(owner))
  }

  /** A new seed: from here on the run is the one that seed gives. */
  reseed(seed: number): void {
    this.seed = seed
    this.rng = seededRandom(seed)
  }

  get clock() {
    return this.broker.clock
  }

  get random(): Random {
    return this.rng
  }

  private connection(vhost: string): Connection {
    let connection = this.connections.get(vhost)
    if (!connection || connection.closed) {
      const owners = new Map<number, Owner>()
      connection = this.broker.connect(this.sink(owners), { vhost, user: 'guest', node: this.reconnector.node() })
      this.owners.set(connection.id, owners)
      this.connections.set(vhost, connection)
    }
    return connection
  }

  openChannel(vhost: string, owner: Owner): Channel {
    const connection = this.connection(vhost)
    const channel = connection.openChannel()
    this.owners.get(connection.id)!.set(channel.id, owner)
    return channel
  }

  forget(channel: Channel): void {
    this.owners.get(channel.connection.id)?.delete(channel.id)
  }

  private sink(owners: Map<number, Owner>): ConnectionSink {
    const find = (channel: number) => owners.get(channel)
    return {
      delivery: (channel, delivery) => {
        const runtime = find(channel)
        if (runtime && 'inFlight' in runtime) this.consumers.received(runtime, delivery)
      },
      // Returns and confirms are counted from each publish's outcome, which carries both.
      returned: () => {},
      confirmed: () => {},
      cancelled: (channel) => {
        const runtime = find(channel)
        if (runtime && 'inFlight' in runtime) {
          runtime.state = 'stopped'
          runtime.error = 'The broker cancelled this consumer (its queue was deleted).'
          runtime.consumerTag = null
        }
      },
      channelClosed: (channel, error) => {
        const runtime = find(channel)
        if (!runtime) return
        if (error?.code === 320 && this.isActive(runtime)) this.reconnector.lost(runtime)
        if (error) runtime.error = error.message
        owners.delete(channel)
        runtime.channel = null
        if ('running' in runtime) this.producers.halt(runtime)
      },
      connectionClosed: (error) => {
        if (error?.code === 320) this.reconnector.connectionLost()
      },
    }
  }

  private isActive(owner: Owner): boolean {
    return 'inFlight' in owner ? owner.state === 'consuming' : owner.running
  }

  /** A client whose connection was forced closed picks up again: a producer runs, a consumer subscribes. */
  private resume(owner: Owner): void {
    owner.error = null
    if ('inFlight' in owner) {
      owner.state = 'stopped'
      this.consumers.setOnline(owner.spec.id, true)
    } else this.producers.start(owner.spec.id)
  }

  // ---- producers --------------------------------------------------------------

  /** Adds or replaces a producer; a running one keeps running with the new settings. */
  setProducer(spec: ProducerSpec): void {
    this.producers.set(spec)
  }

  removeProducer(id: string): void {
    this.producers.remove(id)
  }

  startProducer(id: string): void {
    this.producers.start(id)
  }

  /** Publishes `count` messages at once from a producer, running or not: its counter, keys and channel carry on. */
  burstProducer(id: string, count: number): void {
    this.producers.burst(id, count)
  }

  stopProducer(id: string): void {
    this.producers.stop(id)
  }

  // ---- consumers --------------------------------------------------------------

  /** Adds or replaces a consumer and starts consuming; replacing closes the old channel first. */
  setConsumer(spec: ConsumerSpec): void {
    this.consumers.set(spec)
  }

  removeConsumer(id: string): void {
    this.consumers.remove(id)
  }

  /** The consumer dies holding its unacked messages: its channel closes and they come back redelivered. */
  crashConsumer(id: string): void {
    this.consumers.crash(id)
  }

  /** Offline: stops receiving but finishes what it holds. Back online: subscribes again (after a crash too). */
  setConsumerOnline(id: string, online: boolean): void {
    this.consumers.setOnline(id, online)
  }

  /** Processing takes `factor` times longer from now on (1 = normal). */
  setConsumerSlowdown(id: string, factor: number): void {
    this.consumers.setSlowdown(id, factor)
  }

  // ---- status -----------------------------------------------------------------

  /** Counts (and consumers set offline) from before the broker restarted, for the nodes set from now on. */
  restore(producers: readonly ProducerRestore[], consumers: readonly ConsumerRestore[]): void {
    this.producers.restore(producers)
    this.consumers.restore(consumers)
  }

  status(): { seed: number; producers: ProducerStatus[]; consumers: ConsumerStatus[] } {
    return { seed: this.seed, producers: this.producers.status(), consumers: this.consumers.status() }
  }

  /** Stops every producer and disconnects every consumer. */
  clear(): void {
    for (const id of this.producers.ids()) this.removeProducer(id)
    for (const id of this.consumers.ids()) this.removeConsumer(id)
  }
}
