// The broker: virtual hosts, connections, message ids, and the dead-letter pipeline, which drains
// a list of pending dead letters in a loop so a chain of dead-lettering never recurses.

import type { Clock } from './clock.ts'
import { Connection, type ConnectionHost } from './connection.ts'
import type { ConnectionSink } from './connection-sink.ts'
import type { DurableLog } from './durable-log.ts'
import { makeDeadLetter } from './dead-letter.ts'
import { AmqpError, notAllowed, notFound, preconditionFailed } from './errors.ts'
import type { BrokerEvent, EventSink } from './events.ts'
import type { DeadLetterReason, Message } from './model.ts'
import type { Queue } from './queue.ts'
import type { QueuedMessage } from './queue-store.ts'
import { seededRandom, type Random } from './random.ts'
import { RingBuffer } from './ring-buffer.ts'
import { VirtualHost, type VhostHost } from './vhost.ts'
import { emptyKept, type KeptDefinitions } from './definitions/format.ts'
import { LEGACY_VERSION, PROFILES, type BrokerVersion, type VersionProfile } from './profile.ts'
import { Cluster, type ClusterHost } from './cluster/cluster.ts'
import { placeQueue, restorePlacement, type LeaderLocator } from './cluster/placement.ts'
import type { QueuePlacement } from './cluster/replicas.ts'
import { matchPolicy } from './policy.ts'

export interface BrokerOptions {
  clock: Clock
  /** Seed for generated names and anything random; the same seed replays the same run. */
  seed?: number
  random?: Random
  emit?: EventSink | null
  durable?: DurableLog | null
  /**
   * The RabbitMQ version to behave as, fixed for the broker's life as a release is. Left out, the engine
   * behaves as 3.10 (what its tests were written against); the designer gives new brokers DEFAULT_VERSION.
   */
  version?: BrokerVersion
  /** The first connection's number (the brokers of a design in one worker number theirs apart). */
  firstConnectionId?: number
  /** Nodes in the cluster, 1 to 7 (rabbit@n1 ...); 1 when left out. */
  nodes?: number
}

interface PendingDeadLetter {
  vhost: VirtualHost
  message: Message
  reason: DeadLetterReason
  redelivered: boolean // the dead letter arrives with redelivered set (profile.deadLetterRedelivered)
}

const NAME_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

export class Broker implements VhostHost, ConnectionHost, ClusterHost {
  readonly clock: Clock
  readonly random: Random
  readonly seed: number
  /** When this broker (node) started, on its clock: the management API's uptime counts from here. */
  readonly startedAt: number
  readonly profile: VersionProfile
  durable: DurableLog | null
  readonly vhosts = new Map<string, VirtualHost>()
  readonly connections = new Map<number, Connection>()
  private nextConnectionId = 1
  private nextMessage = 1
  private readonly pendingDeadLetters = new RingBuffer<PendingDeadLetter>()
  private pumping = false
  /** Definitions sections Warren keeps and exports without simulating them (users, permissions, parameters). */
  readonly kept: KeptDefinitions = emptyKept()
  /** Told when parameters or policies change (management API, definitions import): shovels and federation follow. */
  configChanged: (() => void) | null = null
  private ownEmit: EventSink | null = null
  private combinedEmit: EventSink | null = null
  private readonly watchers: EventSink[] = []
  readonly cluster: Cluster

  constructor(options: BrokerOptions) {
    this.clock = options.clock
    this.seed = options.seed ?? 1
    this.startedAt = options.clock.now()
    this.profile = PROFILES[options.version ?? LEGACY_VERSION]
    this.random = options.random ?? seededRandom(this.seed)
    this.nextConnectionId = options.firstConnectionId ?? 1
    this.ownEmit = options.emit ?? null
    this.combinedEmit = this.ownEmit
    this.durable = options.durable ?? null
    this.cluster = new Cluster(this.clock, this, this.seed, options.nodes ?? 1)
    this.addVhost('/')
  }

  /** Where events go: the owner's sink, plus the watchers (shovels, federation) while there are any. */
  get emit(): EventSink | null {
    return this.combinedEmit
  }

  set emit(sink: EventSink | null) {
    this.ownEmit = sink
    this.combineEmit()
  }

  /** Sees every event of this broker until the returned function is called. */
  watch(watcher: EventSink): () => void {
    this.watchers.push(watcher)
    this.combineEmit()
    return () => {
      const at = this.watchers.indexOf(watcher)
      if (at >= 0) this.watchers.splice(at, 1)
      this.combineEmit()
    }
  }

  private combineEmit(): void {
    const own = this.ownEmit
    const watchers = this.watchers
    if (watchers.length === 0) this.combinedEmit = own
    else
      this.combinedEmit = (event) => {
        for (let i = 0; i < watchers.length; i++) watchers[i](event)
        if (own) own(event)
      }
  }

  addVhost(name: string): VirtualHost {
    let vhost = this.vhosts.get(name)
    if (!vhost) {
      vhost = new VirtualHost(name, this)
      this.vhosts.set(name, vhost)
      if (name !== '/') this.durable?.vhostSaved?.(name)
    }
    return vhost
  }

  /**
   * Deletes a vhost as `rabbitmqctl delete_vhost` does: its connections are closed with 320
   * CONNECTION_FORCED, then its queues (with their messages), exchanges, bindings and policies go, from
   * disk too, with the permissions and parameters kept for it. The default vhost stays: the designer lives there.
   */
  deleteVhost(name: string): void {
    const vhost = this.vhosts.get(name)
    if (!vhost) throw notFound(`vhost '${name}' does not exist`)
    if (name === '/') throw preconditionFailed("the default vhost '/' cannot be deleted")
    for (const connection of [...this.connections.values()]) {
      if (connection.vhost === vhost) connection.close(new AmqpError('CONNECTION_FORCED', `vhost '${name}' is deleted`))
    }
    for (const queue of [...vhost.queues.values()]) vhost.removeQueue(queue, 'deleted')
    for (const exchange of [...vhost.exchanges.keys()])
      if (exchange !== '' && !exchange.startsWith('amq.')) vhost.deleteExchange(exchange)
    for (const policy of [...vhost.policies.keys()]) vhost.clearPolicy(policy)
    for (const policy of [...vhost.operatorPolicies.keys()]) vhost.clearPolicy(policy, true)
    const elsewhere = (entry: Record<string, unknown>) => entry.vhost !== name
    this.kept.permissions = this.kept.permissions.filter(elsewhere)
    this.kept.topic_permissions = this.kept.topic_permissions.filter(elsewhere)
    this.kept.parameters = this.kept.parameters.filter(elsewhere)
    this.kept.vhosts.delete(name)
    this.vhosts.delete(name)
    this.durable?.vhostDeleted?.(name)
  }

  /** Opens a connection as `user` to `vhost`; a missing vhost is refused as RabbitMQ refuses it. */
  connect(sink: ConnectionSink, options: { vhost?: string; user?: string; node?: string } = {}): Connection {
    const vhostName = options.vhost ?? '/'
    const vhost = this.vhosts.get(vhostName)
    if (!vhost) throw notAllowed(`vhost ${vhostName} not found`)
    const node = options.node ?? this.cluster.first
    if (!this.cluster.node(node).running) throw new AmqpError('CONNECTION_FORCED', `node ${node} is down`)
    const connection = new Connection(this.nextConnectionId++, this, vhost, options.user ?? 'guest', sink)
    connection.node = node
    this.connections.set(connection.id, connection)
    return connection
  }

  connectionClosed(connection: Connection): void {
    this.connections.delete(connection.id)
  }

  // ---- cluster (see engine/cluster/) ---------------------------------------

  closeConnectionsOn(node: string, why: 'shutdown' | 'removed'): void {
    const error = new AmqpError('CONNECTION_FORCED', `broker forced connection closure with reason '${why}'`)
    for (const connection of [...this.connections.values()]) if (connection.node === node) connection.close(error)
  }

  placeQueue(vhost: VirtualHost, queue: Queue, connection: number, restored?: QueuePlacement): void {
    if (this.cluster.size === 1) return
    if (restored) {
      queue.replicas = restorePlacement(queue, this.cluster, vhost, restored)
      if (queue.replicas) return
    }
    const policy = matchPolicy(queue.name, 'queue', vhost.policies.values())
    const locator = (queue.def.arguments['x-queue-leader-locator'] ??
      policy?.definition['queue-leader-locator'] ??
      'client-local') as LeaderLocator
    const node = this.connections.get(connection)?.node ?? this.cluster.first
    queue.replicas = placeQueue(queue, this.cluster, vhost, node, locator, (n) => this.queuesOn(n))
  }

  assertQueueReachable(queue: Queue, connection: number): void {
    if (queue.replicas === null) return
    queue.replicas.assertReachableFrom(this.connections.get(connection)?.node)
  }

  /** Classic queues homed on a node and quorum queues it leads, for the balanced locator. */
  private queuesOn(node: string): number {
    let count = 0
    for (const vhost of this.vhosts.values()) {
      for (const queue of vhost.queues.values()) {
        if (queue.replicas?.leaderNode === node) count++
      }
    }
    return count
  }

  nextMessageId(): number {
    return this.nextMessage++
  }

  /** Every channel forgets the messages of `queue` it holds unacked (their acks go nowhere) and names them. */
  orphanUnacked(queue: Queue): QueuedMessage[] {
    const held: QueuedMessage[] = []
    for (const connection of this.connections.values())
      for (const channel of connection.channels.values()) held.push(...channel.orphanUnackedOf(queue))
    return held
  }

  /** Server-generated names, e.g. "amq.gen-" plus 22 characters, from the seeded random source. */
  generateName(prefix: string): string {
    let name = prefix
    for (let i = 0; i < 22; i++) name += NAME_ALPHABET[Math.floor(this.random.next() * 64)]
    return name
  }

  /**
   * A message leaves `queue` for `reason`: republished through the queue's dead-letter exchange, or dropped.
   * `byReject`: basic.reject (not basic.nack) dead-lettered it, which some versions show as redelivered.
   */
  deadLetter(vhost: VirtualHost, queue: Queue, entry: QueuedMessage, reason: DeadLetterReason, byReject = false): void {
    const { deadLetterExchange, deadLetterRoutingKey } = queue.settings
    if (deadLetterExchange === undefined) {
      vhost.dropped(queue, entry, reason)
      return
    }
    if (!vhost.exchanges.has(deadLetterExchange)) {
      vhost.dropped(queue, entry, 'dead-letter-exchange-missing')
      return
    }
    vhost.settled(queue, entry)
    const message = makeDeadLetter(
      entry.message,
      reason,
      queue.name,
      { exchange: deadLetterExchange, routingKey: deadLetterRoutingKey },
      this.nextMessageId(),
      Math.floor(this.clock.now() / 1000),
      this.profile,
    )
    if (this.emit) {
      this.emit({
        type: 'deadLettered',
        at: this.clock.now(),
        vhost: vhost.name,
        messageId: entry.message.id,
        newMessageId: message.id,
        queue: queue.name,
        reason,
        exchange: message.exchange,
        routingKey: message.routingKey,
      })
    }
    const marks = this.profile.deadLetterRedelivered
    const redelivered =
      entry.message.redeliveredMark === true ||
      (byReject ? marks.byReject : reason === 'delivery_limit' && marks.byDeliveryLimit)
    if (redelivered) message.redeliveredMark = true
    this.pendingDeadLetters.push({ vhost, message, reason, redelivered })
    if (!this.pumping) this.pumpDeadLetters()
  }

  private pumpDeadLetters(): void {
    this.pumping = true
    try {
      for (let next = this.pendingDeadLetters.shift(); next; next = this.pendingDeadLetters.shift()) {
        next.vhost.publishing.routeDeadLetter(next.message, next.reason, next.redelivered)
      }
    } finally {
      this.pumping = false
    }
  }

  /** Closes every connection, as a node shutting down does. */
  shutdown(): void {
    for (const connection of [...this.connections.values()]) connection.close(null)
  }
}

/**
 * Creates a broker with the pre-declared exchanges in vhost "/".
 * @example const broker = createBroker({ clock: new ManualClock() })
 */
export function createBroker(options: BrokerOptions): Broker {
  return new Broker(options)
}

export type { BrokerEvent }
