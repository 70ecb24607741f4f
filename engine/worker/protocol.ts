// The one protocol between the page and the broker worker. Only plain data crosses.
// Change a shape here and bump PROTOCOL_VERSION: the client refuses a worker of another version.

import type { BrokerErrorData } from '../errors.ts'
import type { DesignCommand, DesignReplies } from './design-commands.ts'
import type { ToolCommand, ToolReplies } from './tool-commands.ts'
import type { ClusterCommand, ClusterReplies } from './cluster-commands.ts'
import type { ReplicaCommand, ReplicaReplies } from './replica-commands.ts'
import type { BrokerEvent } from '../events.ts'
import type {
  BindingDef,
  Body,
  ExchangeDeclare,
  ExchangeDef,
  FieldTable,
  GetResult,
  MessageProperties,
  QueueDeclare,
  QueueDeclareOk,
  QueueDef,
} from '../model.ts'
import type { Column } from './columns.ts'
import type { BrokerVersion } from '../profile.ts'

export type { Column } from './columns.ts'
export type { ClusterNodeInfo } from './cluster-commands.ts'
export type { ReplicaMemberInfo, ReplicatedQueueInfo } from './replica-commands.ts'
// The limits of what may cross the protocol: the client checks them before it posts.
export {
  checkCommandLimits,
  checkDepth,
  checkPublishLimits,
  checkSize,
  InputLimitError,
  INPUT_LIMITS,
} from './input-limits.ts'

export const PROTOCOL_VERSION = 9

/** Addresses a channel of a connection opened through this protocol. */
export interface ChannelRef {
  connection: number
  channel: number
}

/** AMQP methods, broker controls, and the tool commands (simulation, definitions, lint, explain). */
export type Command =
  | ToolCommand
  | DesignCommand
  | ClusterCommand
  | ReplicaCommand
  // -> { connection, serverProperties }; broker: a design's broker by name; node: rabbit@n2 or n2
  | { type: 'connect'; vhost?: string; broker?: string; node?: string }
  | { type: 'closeConnection'; connection: number }
  | { type: 'openChannel'; connection: number; confirm: boolean } // -> { channel }
  | ({ type: 'closeChannel' } & ChannelRef)
  | ({ type: 'exchangeDeclare'; declare: ExchangeDeclare } & ChannelRef)
  | ({ type: 'exchangeDelete'; exchange: string; ifUnused: boolean } & ChannelRef)
  | ({
      type: 'exchangeBind' | 'exchangeUnbind'
      destination: string
      source: string
      routingKey: string
      arguments: FieldTable
    } & ChannelRef)
  | ({ type: 'queueDeclare'; declare: QueueDeclare } & ChannelRef) // -> QueueDeclareOk
  | ({
      type: 'queueBind' | 'queueUnbind'
      queue: string
      exchange: string
      routingKey: string
      arguments: FieldTable
    } & ChannelRef)
  | ({ type: 'queuePurge'; queue: string } & ChannelRef) // -> { messageCount }
  | ({ type: 'queueDelete'; queue: string; ifUnused: boolean; ifEmpty: boolean } & ChannelRef) // -> { messageCount }
  | ({
      type: 'publish'
      exchange: string
      routingKey: string
      body: Body
      properties: MessageProperties
      mandatory: boolean
    } & ChannelRef) // -> PublishReply, after the durable write when there is one
  | ({
      type: 'publishMany'
      firstSeq: number
      exchange: string
      mandatory: boolean
      routingKeys: Column<string>
      bodies: Body[]
      properties: Column<MessageProperties>
    } & ChannelRef) // the page API's publishes; on a confirm channel they are confirmed by 'confirms' traffic numbered firstSeq, firstSeq + 1, ...
  | ({ type: 'ackMany'; deliveryTags: number[] } & ChannelRef) // basic.ack of each tag in turn, multiple = false
  | ({ type: 'get'; queue: string; noAck: boolean } & ChannelRef) // -> Delivery with messageCount, or null
  | ({
      type: 'consume'
      queue: string
      consumerTag?: string
      noAck: boolean
      exclusive: boolean
      arguments: FieldTable
    } & ChannelRef) // -> { consumerTag }
  | ({ type: 'cancel'; consumerTag: string } & ChannelRef)
  | ({ type: 'qos'; prefetch: number; global: boolean } & ChannelRef)
  | ({ type: 'ack'; deliveryTag: number; multiple: boolean } & ChannelRef)
  | ({ type: 'nack'; deliveryTag: number; multiple: boolean; requeue: boolean } & ChannelRef)
  | ({ type: 'reject'; deliveryTag: number; requeue: boolean } & ChannelRef)
  | { type: 'snapshot' } // -> BrokerSnapshot
  | { type: 'peek'; vhost: string; queue: string; limit: number } // -> PeekedMessage[]
  | { type: 'clock'; action: ClockAction } // -> ClockState
  | { type: 'events'; enabled: boolean } // the UI asks for BrokerEvents (off by default: they cost)
  | { type: 'designGet' } // -> the saved design (layout, producers, consumers), or null
  | { type: 'designPut'; design: unknown } // saved beside the broker's durable state
  | { type: 'shutdown' } // graceful stop before a restart: commits what is pending, then replies
  | { type: 'reset' } // deletes every entity and message, in memory and on disk
  | { type: 'setBrokerVersion'; version: BrokerVersion } // stored for the next start: the page restarts the worker

/** The replies of the tool, cluster and design commands, which their own files define. */
type ToolAndClusterReplies = ToolReplies & ClusterReplies & ReplicaReplies & DesignReplies

/** What each command answers: `client.send(command)` resolves with `ReplyOf<typeof command>`. */
export type CommandReplies = EveryCommand<
  ToolAndClusterReplies & {
    connect: { connection: number; serverProperties: FieldTable }
    closeConnection: null
    openChannel: { channel: number }
    closeChannel: null
    exchangeDeclare: null
    exchangeDelete: null
    exchangeBind: null
    exchangeUnbind: null
    queueDeclare: QueueDeclareOk
    queueBind: null
    queueUnbind: null
    queuePurge: { messageCount: number }
    queueDelete: { messageCount: number }
    publish: PublishReply
    publishMany: null
    ackMany: null
    get: GetResult | null
    consume: { consumerTag: string }
    cancel: null
    qos: null
    ack: null
    nack: null
    reject: null
    snapshot: BrokerSnapshot
    peek: PeekedMessage[]
    clock: ClockState
    events: null
    designGet: unknown // the saved design as it was put, or null
    designPut: null
    shutdown: null
    reset: null
    setBrokerVersion: null
  }
>

/** Accepts a reply map only when it has one entry per command type and no other. */
type EveryCommand<M extends Record<Command['type'], unknown> & Record<Exclude<keyof M, Command['type']>, never>> = M

export type ReplyOf<C extends Command> = CommandReplies[C['type']]

export type ClockAction =
  | { kind: 'pause' }
  | { kind: 'resume' }
  | { kind: 'step' } // paused: advance to the next timer and fire it
  | { kind: 'speed'; factor: number } // 0.1 to 100
  | { kind: 'state' }

export interface ClockState {
  now: number
  paused: boolean
  speed: number
}

export interface PublishReply {
  confirm: 'ack' | 'nack' | null
  returned: boolean
  messageId: number
  publishSeq: number
}

export interface QueueSummary extends QueueDef {
  vhost: string
  messages: number // ready
  unacked: number
  consumers: number
  /** Dead-lettering a policy gives the queue (its arguments set none). */
  policyDeadLetter?: { exchange: string; routingKey?: string }
  /** A stream's log: its segments and where each consumer reads next. */
  stream?: StreamSummary
}

export interface StreamSummary {
  first: number // offset of the oldest message kept
  tail: number // the offset the next message gets
  segments: { first: number; end: number }[]
  readers: { consumerTag: string; offset: number }[]
}

export interface ExchangeSummary extends ExchangeDef {
  vhost: string
  /** The alternate exchange a policy gives the exchange (its arguments set none). */
  policyAlternateExchange?: string
}

export interface ConsumerSummary {
  vhost: string
  queue: string
  consumerTag: string
  connection: number
  channel: number
  noAck: boolean
  prefetch: number
  unacked: number
}

export interface BrokerSnapshot {
  vhosts: string[]
  exchanges: ExchangeSummary[]
  queues: QueueSummary[]
  bindings: (BindingDef & { vhost: string })[]
  consumers: ConsumerSummary[]
}

export interface PeekedMessage {
  messageId: number
  exchange: string
  routingKey: string
  redelivered: boolean
  body: Body
  properties: MessageProperties
  state: 'ready' | 'unacked'
}

/** Consecutive deliveries to one channel, column by column (see columns.ts). */
export interface DeliveryBatch {
  deliveryTags: number[]
  consumerTags: Column<string>
  redelivered: Column<boolean>
  exchanges: Column<string>
  routingKeys: Column<string>
  bodies: Body[]
  properties: Column<MessageProperties>
  queues: Column<string>
  messageIds: number[]
}

/** Asynchronous traffic for the page's connections; per channel in the order it happened. */
export type Traffic =
  | { kind: 'deliveries'; connection: number; channel: number; deliveries: DeliveryBatch }
  | { kind: 'confirms'; connection: number; channel: number; acks: number[]; nacks: number[] } // [first, last] pairs (inclusive) of publishMany numbers
  | {
      kind: 'return'
      connection: number
      channel: number
      replyCode: number
      replyText: string
      exchange: string
      routingKey: string
      body: Body
      properties: MessageProperties
    }
  | { kind: 'cancel'; connection: number; channel: number; consumerTag: string }
  | { kind: 'channelClosed'; connection: number; channel: number; error: BrokerErrorData | null }
  | { kind: 'connectionClosed'; connection: number; error: BrokerErrorData | null }

export type Reply = { id: number; ok: true; result?: unknown } | { id: number; ok: false; error: BrokerErrorData }

export interface RecoverySummary {
  exchanges: number
  queues: number
  bindings: number
  messages: number
  ms: number
}

/** A storage problem the user must hear about, in words they understand. */
export interface StorageProblem {
  kind: 'quota' | 'blocked' | 'upgrade-failed' | 'corrupt' | 'unavailable' | 'write-failed'
  message: string
}

/** Broker events column by column: event i is the next row of kinds[order[i]] (see event-batch.ts). */
export interface EventBatch {
  order: number[]
  kinds: { type: BrokerEvent['type']; fields: string[]; columns: unknown[][] }[]
}

export type ToWorker =
  | { type: 'commands'; commands: { id: number; command: Command }[] } // id 0: no reply; a failure shows as channelClosed or connectionClosed traffic
  | { type: 'takeOver' } // this tab asks the tab holding the broker to hand it over

export type FromWorker =
  | {
      type: 'ready'
      version: number
      recovery: RecoverySummary
      storage: 'indexeddb' | 'memory'
      brokerVersion: BrokerVersion // the RabbitMQ version this broker behaves as
      problem: StorageProblem | null
    }
  | { type: 'locked'; version: number } // another tab holds this broker; send takeOver to take it
  | { type: 'batch'; replies: Reply[]; traffic: Traffic[] }
  | { type: 'events'; events: EventBatch }
  | { type: 'storageProblem'; problem: StorageProblem }
  | { type: 'storageRecovered' } // a commit succeeded after failed ones: the problem reported is over
  | { type: 'stopped'; reason: 'taken-over' | 'fatal'; message: string }
