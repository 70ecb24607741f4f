// Plain data shared by the whole engine. Nothing here holds behaviour, so it can cross the worker boundary.

/** An AMQP field value as JSON carries it: integers and floats are told apart by Number.isInteger. */
export type FieldValue = string | number | boolean | null | FieldValue[] | FieldTable
export type FieldTable = { [key: string]: FieldValue }

/** The exchange types of AMQP 0-9-1; exchanges/registry.ts gives each its router and answers isExchangeType. */
export type ExchangeType = 'direct' | 'fanout' | 'topic' | 'headers'

export interface MessageProperties {
  contentType?: string
  contentEncoding?: string
  headers?: FieldTable
  deliveryMode?: number // 2 = persistent
  priority?: number
  correlationId?: string
  replyTo?: string
  expiration?: string // milliseconds, as a decimal string
  messageId?: string
  timestamp?: number
  type?: string
  userId?: string
  appId?: string
  clusterId?: string
}

/** Message bodies are UTF-8 strings or raw bytes. */
export type Body = string | Uint8Array

/** A message as routed: one object, shared by every queue it reaches. */
export interface Message {
  id: number // unique per broker, used by the UI to follow one message
  exchange: string
  routingKey: string // the routing key of basic.publish (or the dead-letter routing key)
  routingKeys: string[] | null // CC/BCC extra keys, or null when there are none
  body: Body
  size: number // body length in bytes
  properties: MessageProperties
  persistent: boolean
  deadLettered?: true // made by the broker's dead-lettering, so its x-death history is the broker's own
  redeliveredMark?: true // a dead letter shown as redelivered, and every later dead letter of it (profile.deadLetterRedelivered)
}

export interface ExchangeDef {
  name: string
  type: ExchangeType | string // a plugin type (x-consistent-hash, ...) is kept from imports but routes nothing
  durable: boolean
  autoDelete: boolean
  internal: boolean
  arguments: FieldTable
}

export interface QueueDef {
  name: string
  durable: boolean
  exclusive: boolean
  autoDelete: boolean
  arguments: FieldTable
}

export interface BindingDef {
  source: string
  destination: string
  destinationType: 'queue' | 'exchange'
  routingKey: string
  arguments: FieldTable
}

export type QueueType = 'classic' | 'quorum' | 'stream'
export type Overflow = 'drop-head' | 'reject-publish' | 'reject-publish-dlx'
export type DeadLetterReason = 'rejected' | 'expired' | 'maxlen' | 'delivery_limit'

/** Queue arguments after validation, with the names RabbitMQ gives them. */
export interface QueueSettings {
  type: QueueType
  messageTtl: number | undefined
  expires: number | undefined
  maxLength: number | undefined
  maxLengthBytes: number | undefined
  overflow: Overflow
  deadLetterExchange: string | undefined
  deadLetterRoutingKey: string | undefined
  maxPriority: number | undefined
  singleActiveConsumer: boolean
  deliveryLimit: number | undefined
}

/** What a delivered or fetched message looks like to a client. */
export interface Delivery {
  deliveryTag: number
  consumerTag: string | null // null for basic.get
  redelivered: boolean
  exchange: string
  routingKey: string
  messageCount?: number // basic.get only: messages left in the queue
  body: Body
  properties: MessageProperties
  queue: string
  messageId: number // Message.id, for the UI
}

// ---- wire shapes: what a client sends with a method and what the broker answers ----

export interface PublishOutcome {
  publishSeq: number // 0 when the channel is not in confirm mode
  messageId: number
  confirm: 'ack' | 'nack' | null // null outside confirm mode, or while a leaderless quorum queue holds it (sink.confirmed follows)
  returned: boolean
  queues: number // how many queues took the message
  stored: boolean // a persistent message went to a durable queue: confirm once it is on disk
}

export interface ExchangeDeclare {
  exchange: string
  type: string
  passive?: boolean
  durable?: boolean
  autoDelete?: boolean
  internal?: boolean
  arguments?: FieldTable
}

export interface QueueDeclare {
  queue: string
  passive?: boolean
  durable?: boolean
  exclusive?: boolean
  autoDelete?: boolean
  arguments?: FieldTable
}

export interface QueueDeclareOk {
  queue: string
  messageCount: number
  consumerCount: number
}

/** basic.get-ok: a delivery with the number of messages left in the queue. */
export interface GetResult extends Delivery {
  messageCount: number
}

/** A mandatory message that reached no queue, handed back to its publisher (basic.return). */
export interface ReturnedMessage {
  replyCode: number
  replyText: string
  exchange: string
  routingKey: string
  body: Body
  properties: MessageProperties
  messageId: number
}
