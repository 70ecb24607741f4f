// The JSON objects of RabbitMQ's management API, computed from the engine's state. One place computes each
// number (depths, consumer counts, rates): the designer's lists and warren.management read the same answers.

import type { Broker } from '../broker.ts'
import type { Channel } from '../channel.ts'
import type { Connection } from '../connection.ts'
import type { Exchange } from '../exchange.ts'
import type { Binding } from '../exchanges/router.ts'
import type { Consumer, Queue } from '../queue.ts'
import { matchPolicy, type PolicyDef } from '../policy.ts'
import type { VirtualHost } from '../vhost.ts'
import { queueCounts } from './queue-counts.ts'
import { StreamQueue } from '../stream/stream-queue.ts'
import { queueMessageCounts, type RateSampler, totalMessageCounts } from './rates.ts'
import { type JsonObject, type ManagementVersion, type ShapeName, shape, templatesOf } from './templates.ts'

export { NODE_NAME } from './node-name.ts'
import { NODE_NAME } from './node-name.ts'
import { queuePlacement, stoppedNodeShape } from './cluster-fields.ts'

/** What the management API reports differently per version, as recorded (tests/management/recorded). */
const VERSION_BEHAVIOURS: Record<
  ManagementVersion,
  { quorumDefaultDeliveryLimit: number | null; quorumReportsFirstConsumerTag: boolean }
> = {
  // 4.0 release notes: quorum queues get a default delivery limit of 20.
  '3.10': { quorumDefaultDeliveryLimit: null, quorumReportsFirstConsumerTag: false },
  // 4.0's quorum queues report their consumer in single_active_consumer_tag even without single active consumer.
  '4.0': { quorumDefaultDeliveryLimit: 20, quorumReportsFirstConsumerTag: true },
  '4.3': { quorumDefaultDeliveryLimit: 20, quorumReportsFirstConsumerTag: true },
}
const AMQP_PORT = 5672

export interface ShapeContext {
  broker: Broker
  version: ManagementVersion
  rates: RateSampler
  /** Virtual time in ms since the epoch. */
  now(): number
}

const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00')

type ConnectionRef = { readonly id: number }
export function connectionName(connection: ConnectionRef): string {
  return `127.0.0.1:${peerPort(connection)} -> 127.0.0.1:${AMQP_PORT}`
}
const peerPort = (connection: ConnectionRef) => 50000 + (connection.id % 15000)
const channelName = (channel: { id: number; connection: ConnectionRef }) =>
  `${connectionName(channel.connection)} (${channel.id})`

// ---- queues ----------------------------------------------------------------

function unackedBytes(broker: Broker, queue: Queue): { bytes: number; persistent: number; persistentBytes: number } {
  const out = { bytes: 0, persistent: 0, persistentBytes: 0 }
  if (queue.unacked === 0) return out
  for (const connection of broker.connections.values()) {
    for (const channel of connection.channels.values()) {
      for (const entry of channel.unackedEntriesOf(queue)) {
        out.bytes += entry.message.size
        if (entry.message.properties.deliveryMode === 2) {
          out.persistent++
          out.persistentBytes += entry.message.size
        }
      }
    }
  }
  return out
}

function effectivePolicyDefinition(...policies: (PolicyDef | null)[]): JsonObject {
  const out: JsonObject = {}
  for (const p of policies) if (p) Object.assign(out, p.definition)
  return out
}

/** 4.0 and later list the queue type among a queue's arguments, declared or not. */
function listedArguments(version: ManagementVersion, queue: Queue): JsonObject {
  const args = { ...queue.def.arguments } as JsonObject
  if (version !== '3.10' && args['x-queue-type'] === undefined) args['x-queue-type'] = queue.settings.type
  return args
}

export function queueShape(ctx: ShapeContext, vhost: VirtualHost, queue: Queue, withDetails: boolean): JsonObject {
  const { rates, version } = ctx
  const key = `queue/${vhost.name}/${queue.name}`
  let readyPersistent = 0
  let readyPersistentBytes = 0
  for (const entry of queue.ready.entries()) {
    if (entry.message.properties.deliveryMode === 2) {
      readyPersistent++
      readyPersistentBytes += entry.message.size
    }
  }
  const unacked = unackedBytes(ctx.broker, queue)
  const counts = queueCounts(queue)
  const ready = counts.ready
  const policy = matchPolicy(queue.name, 'queue', vhost.policies.values())
  const operatorPolicy = matchPolicy(queue.name, 'queue', vhost.operatorPolicies.values())
  const quorum = queue.isQuorum
  const stream = queue instanceof StreamQueue ? queue : null
  const consumers = counts.consumers
  const firstConsumer = queue.consumers[0]?.tag ?? null
  const placement = queuePlacement(queue, !withDetails)
  const singleActive =
    queue.settings.singleActiveConsumer || (quorum && VERSION_BEHAVIOURS[version].quorumReportsFirstConsumerTag)
      ? firstConsumer
      : null
  const values: Record<string, unknown> = {
    name: queue.name,
    vhost: vhost.name,
    type: queue.settings.type,
    durable: queue.def.durable,
    auto_delete: queue.def.autoDelete,
    exclusive: queue.def.exclusive,
    arguments: listedArguments(version, queue),
    node: placement.node,
    state: placement.state,
    // A stream is one replica on its node until the cluster places stream members.
    leader: placement.leader ?? (stream ? placement.node : undefined),
    members: placement.members ?? (stream ? [placement.node] : undefined),
    online: placement.online ?? (stream ? [placement.node] : undefined),
    segments: stream?.log.segmentCount,
    readers: stream ? { [placement.node]: consumers } : undefined,
    delivery_limit: quorum
      ? (queue.settings.deliveryLimit ?? VERSION_BEHAVIOURS[version].quorumDefaultDeliveryLimit)
      : undefined,
    policy: policy?.name ?? null,
    operator_policy: operatorPolicy?.name ?? null,
    effective_policy_definition: effectivePolicyDefinition(policy, operatorPolicy),
    consumers,
    consumer_capacity: consumers > 0 ? 1 : 0,
    consumer_utilisation: consumers > 0 ? 1 : 0,
    exclusive_consumer_tag: queue.exclusiveConsumer?.tag ?? null,
    single_active_consumer_tag: singleActive,
    consumer_details: withDetails ? queue.consumers.map((c) => consumerShape(ctx, vhost, c)) : [],
    idle_since: consumers === 0 ? iso(ctx.now()) : undefined,
    ...rates.counts(key, {
      messages: ready + counts.unacked,
      messages_ready: ready,
      messages_unacknowledged: counts.unacked,
    }),
    messages_ram: ready + counts.unacked,
    messages_ready_ram: ready,
    messages_unacknowledged_ram: counts.unacked,
    messages_persistent: readyPersistent + unacked.persistent,
    message_bytes: queue.ready.bytes + unacked.bytes,
    message_bytes_ready: queue.ready.bytes,
    message_bytes_unacknowledged: unacked.bytes,
    message_bytes_ram: queue.ready.bytes + unacked.bytes,
    message_bytes_persistent: readyPersistentBytes + unacked.persistentBytes,
    memory: 2048 + queue.ready.bytes + unacked.bytes + 200 * (ready + counts.unacked),
    message_stats: rates.counts(`${key}/stats`, queueMessageCounts(queue.counters)),
  }
  const kind = stream ? 'Stream' : quorum ? 'Quorum' : 'Classic'
  const name: ShapeName = withDetails ? `queue${kind}` : `queueList${kind}`
  const out = shape(version, name, values)
  // RabbitMQ lists a queue's message_stats once a message went through it (recorded: queues-stream, its partitions).
  if (stream && queue.counters.publish === 0) delete out.message_stats
  return out
}

// ---- exchanges and bindings ------------------------------------------------

export function exchangeShape(ctx: ShapeContext, vhost: VirtualHost, exchange: Exchange, single = true): JsonObject {
  const d = exchange.def
  const out = shape(ctx.version, single ? 'exchange' : 'exchangeListItem', {
    name: d.name,
    vhost: vhost.name,
    type: d.type,
    durable: d.durable,
    auto_delete: d.autoDelete,
    internal: d.internal,
    arguments: d.arguments,
    user_who_performed_action: d.name === '' || d.name.startsWith('amq.') ? 'rmq-internal' : 'guest',
  })
  // RabbitMQ lists an exchange's message_stats once something was published to it.
  if (exchange.publishIn === 0) delete out.message_stats
  else
    out.message_stats = ctx.rates.counts(`exchange/${vhost.name}/${d.name}`, {
      publish_in: exchange.publishIn,
      publish_out: exchange.publishOut,
    }) as JsonObject
  return out
}

/** RabbitMQ's properties_key: the routing key percent-encoded ("~" when empty), plus "~" and a hash of arguments. */
export function propertiesKey(routingKey: string, args: Record<string, unknown>): string {
  const key = routingKey === '' ? '~' : encodeURIComponent(routingKey)
  const names = Object.keys(args)
  if (names.length === 0) return key
  return `${routingKey === '' ? '' : key}~${argumentsHash(args)}`
}

function argumentsHash(args: Record<string, unknown>): string {
  const text = JSON.stringify(args, Object.keys(args).sort())
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0
  return h.toString(36)
}

export function bindingShape(ctx: ShapeContext, vhost: string, b: Binding): JsonObject {
  return shape(ctx.version, 'binding', {
    source: b.source,
    vhost,
    destination: b.destination,
    destination_type: b.destinationType,
    routing_key: b.routingKey,
    arguments: b.arguments,
    properties_key: propertiesKey(b.routingKey, b.arguments),
  })
}

/** Every binding of a vhost, the default exchange's implicit ones first, as RabbitMQ lists them. */
export function bindingsOfVhost(vhost: VirtualHost): Binding[] {
  const out: Binding[] = []
  for (const q of vhost.queues.values()) out.push(defaultBinding(q.name))
  for (const x of vhost.exchanges.values()) out.push(...x.outgoing)
  return out
}

export function defaultBinding(queue: string): Binding {
  return { source: '', destination: queue, destinationType: 'queue', routingKey: queue, arguments: {} } as Binding
}

// ---- consumers, channels, connections --------------------------------------

export function consumerShape(ctx: ShapeContext, vhost: VirtualHost, c: Consumer): JsonObject {
  const channel = c.channel
  const sac = c.queue.settings.singleActiveConsumer
  const active = !sac || c.queue.consumers[0] === c
  return shape(ctx.version, 'consumer', {
    consumer_tag: c.tag,
    queue: { name: c.queue.name, vhost: vhost.name },
    ack_required: !c.noAck,
    exclusive: c.exclusive,
    prefetch_count: c.prefetch,
    arguments: c.priority !== 0 ? { 'x-priority': c.priority } : {},
    active,
    activity_status: sac ? (active ? 'single_active' : 'waiting') : 'up',
    consumer_timeout: 1800000,
    channel_details: {
      connection_name: connectionName(channel.connection),
      name: channelName(channel),
      node: NODE_NAME,
      number: channel.id,
      peer_host: '127.0.0.1',
      peer_port: peerPort(channel.connection),
      user: ctx.broker.connections.get(channel.connection.id)?.user ?? 'guest',
    },
  })
}

export function channelShape(ctx: ShapeContext, channel: Channel): JsonObject {
  const connection = channel.connection
  return shape(ctx.version, 'channel', {
    name: channelName(channel),
    number: channel.id,
    node: NODE_NAME,
    vhost: connection.vhost.name,
    user: connection.user,
    user_who_performed_action: connection.user,
    confirm: channel.confirmMode,
    consumer_count: channel.consumers.size,
    prefetch_count: channel.consumerPrefetch,
    global_prefetch_count: channel.channelPrefetch,
    messages_unacknowledged: channel.unackedCount,
    state: 'running',
    idle_since: iso(ctx.now()),
    connection_details: {
      name: connectionName(connection),
      peer_host: '127.0.0.1',
      peer_port: peerPort(connection),
    },
    message_stats: {},
  })
}

export function connectionShape(ctx: ShapeContext, connection: Connection): JsonObject {
  return shape(ctx.version, 'connection', {
    name: connectionName(connection),
    node: NODE_NAME,
    vhost: connection.vhost.name,
    user: connection.user,
    user_who_performed_action: connection.user,
    channels: connection.channels.size,
    state: 'running',
    type: 'network',
    protocol: 'AMQP 0-9-1',
    host: '127.0.0.1',
    port: AMQP_PORT,
    peer_host: '127.0.0.1',
    peer_port: peerPort(connection),
    auth_mechanism: 'PLAIN',
    ssl: false,
    channel_max: 2047,
    frame_max: 131072,
    timeout: 60,
    connected_at: ctx.now(),
    client_properties: { product: 'Warren page client', capabilities: {} },
  })
}

// ---- vhosts, overview, nodes -----------------------------------------------

function queueTotals(ctx: ShapeContext, key: string, queues: Iterable<Queue>) {
  let ready = 0
  let unacked = 0
  for (const q of queues) {
    const counts = queueCounts(q)
    ready += counts.ready
    unacked += counts.unacked
  }
  return ctx.rates.counts(key, { messages: ready + unacked, messages_ready: ready, messages_unacknowledged: unacked })
}

export function vhostShape(ctx: ShapeContext, vhost: VirtualHost, single = true): JsonObject {
  const kept = ctx.broker.kept.vhosts.get(vhost.name)
  const description = kept?.description ?? (vhost.name === '/' ? 'Default virtual host' : '')
  const tags = kept?.tags ?? []
  const defaultQueueType = ctx.version === '3.10' ? 'undefined' : 'classic'
  const metadata: JsonObject = { description, tags }
  if (ctx.version !== '3.10') metadata.default_queue_type = defaultQueueType
  const out = shape(ctx.version, single ? 'vhost' : 'vhostListItem', {
    name: vhost.name,
    description,
    tags,
    metadata,
    default_queue_type: defaultQueueType,
    tracing: false,
    protected_from_deletion: false,
    cluster_state: { [NODE_NAME]: 'running' },
    ...queueTotals(ctx, `vhost/${vhost.name}`, vhost.queues.values()),
    message_stats: ctx.rates.counts(
      `vhost/${vhost.name}/stats`,
      totalMessageCounts([...vhost.queues.values()].map((q) => q.counters)),
    ),
  })
  // A vhost nothing has used yet (no queue, no connection) has no statistics rows: RabbitMQ lists it without them.
  const used = vhost.queues.size > 0 || [...ctx.broker.connections.values()].some((c) => c.vhost === vhost)
  if (!used) for (const key of VHOST_STATISTICS) delete out[key]
  return out
}

const VHOST_STATISTICS = [
  'message_stats',
  'messages',
  'messages_details',
  'messages_ready',
  'messages_ready_details',
  'messages_unacknowledged',
  'messages_unacknowledged_details',
  'recv_oct',
  'recv_oct_details',
  'send_oct',
  'send_oct_details',
]

function allQueues(broker: Broker): Queue[] {
  return [...broker.vhosts.values()].flatMap((v) => [...v.queues.values()])
}

export function overviewShape(ctx: ShapeContext): JsonObject {
  const { broker, version } = ctx
  const queues = allQueues(broker)
  let exchanges = 0
  let consumers = 0
  let channels = 0
  for (const v of broker.vhosts.values()) exchanges += v.exchanges.size
  for (const q of queues) consumers += queueCounts(q).consumers
  for (const c of broker.connections.values()) channels += c.channels.size
  const recorded = templatesOf(version).overview
  const recordedStats = (recorded.message_stats ?? {}) as JsonObject
  const totals = totalMessageCounts(queues.map((q) => q.counters))
  const stats: Record<string, number> = {}
  for (const name in recordedStats) if (!name.endsWith('_details')) stats[name] = totals[name] ?? 0
  return shape(version, 'overview', {
    node: NODE_NAME,
    cluster_name: NODE_NAME,
    object_totals: {
      connections: broker.connections.size,
      channels,
      exchanges,
      queues: queues.length,
      consumers,
    },
    queue_totals: queueTotals(ctx, 'overview', queues),
    message_stats: ctx.rates.counts('overview/stats', stats),
    listeners: [{ node: NODE_NAME, protocol: 'amqp', ip_address: '127.0.0.1', port: AMQP_PORT }],
  })
}

/** One node of the cluster (the first when none is named); a stopped node shows what RabbitMQ shows of it. */
export function nodeShape(ctx: ShapeContext, name = NODE_NAME): JsonObject {
  if (!ctx.broker.cluster.isRunning(name)) return stoppedNodeShape(name) as JsonObject
  const queues = allQueues(ctx.broker)
  let bytes = 0
  for (const q of queues) bytes += q.ready.bytes
  return shape(ctx.version, 'node', {
    name,
    type: 'disc',
    running: true,
    being_drained: false,
    mem_used: 60_000_000 + bytes + 200 * queues.length,
    mem_limit: 3_400_000_000,
    mem_alarm: false,
    disk_free: 50_000_000_000,
    disk_free_limit: 50_000_000,
    disk_free_alarm: false,
    fd_total: 1048576,
    proc_total: 1048576,
    processors: 2,
    uptime: ctx.broker.clock.now() - ctx.broker.startedAt,
    run_queue: 0,
    partitions: [],
  })
}

export function policyShape(vhost: string, p: PolicyDef): JsonObject {
  return {
    vhost,
    name: p.name,
    pattern: p.pattern,
    'apply-to': p.applyTo,
    definition: p.definition as JsonObject,
    priority: p.priority,
  }
}
