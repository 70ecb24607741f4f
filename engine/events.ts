// Everything the UI can observe. Each state change emits exactly one event; `at` is the broker clock (ms).

import type { BindingDef, DeadLetterReason, ExchangeType, FieldTable } from './model.ts'

export type DropReason =
  | 'maxlen' // drop-head without a dead-letter exchange
  | 'expired' // TTL passed without a dead-letter exchange
  | 'rejected' // rejected or nacked without requeue and without a dead-letter exchange
  | 'delivery_limit' // quorum delivery limit reached without a dead-letter exchange
  | 'dead-letter-exchange-missing' // the queue's dead-letter exchange does not exist
  | 'dead-letter-cycle' // RabbitMQ's cycle rule: the message would loop without a rejection
  | 'queue-deleted' // requeued or rejected after its queue was deleted
  | 'queue-crashed' // the queue crashed and restarted empty (see classicSingleActiveCancelStalls)

export type QueueDeletedReason = 'deleted' | 'auto-delete' | 'expired' | 'exclusive-owner-gone'

export type BrokerEvent =
  | {
      type: 'exchangeDeclared'
      at: number
      vhost: string
      name: string
      exchangeType: ExchangeType | string
      durable: boolean
      autoDelete: boolean
      internal: boolean
      arguments: FieldTable
    }
  | { type: 'exchangeDeleted'; at: number; vhost: string; name: string; autoDelete: boolean }
  | {
      type: 'queueDeclared'
      at: number
      vhost: string
      name: string
      durable: boolean
      exclusive: boolean
      autoDelete: boolean
      arguments: FieldTable
    }
  | { type: 'queueDeleted'; at: number; vhost: string; name: string; reason: QueueDeletedReason; messages: number }
  | { type: 'bound'; at: number; vhost: string; binding: BindingDef }
  | { type: 'unbound'; at: number; vhost: string; binding: BindingDef }
  | { type: 'purged'; at: number; vhost: string; queue: string; count: number }
  | {
      type: 'published'
      at: number
      vhost: string
      messageId: number
      exchange: string
      routingKey: string
      channel: number
      size: number
      persistent: boolean
    }
  | { type: 'routed'; at: number; vhost: string; messageId: number; exchange: string; queues: string[] }
  | { type: 'unroutable'; at: number; vhost: string; messageId: number; exchange: string; routingKey: string }
  | {
      type: 'returned'
      at: number
      vhost: string
      messageId: number
      channel: number
      replyCode: number
      replyText: string
    }
  | { type: 'confirmed'; at: number; channel: number; publishSeq: number; messageId: number; ack: boolean }
  | { type: 'enqueued'; at: number; vhost: string; messageId: number; queue: string; ready: number }
  | { type: 'rejectedByQueue'; at: number; vhost: string; messageId: number; queue: string; overflow: string } // reject-publish overflow
  | {
      type: 'delivered'
      at: number
      vhost: string
      messageId: number
      queue: string
      channel: number
      consumerTag: string | null
      deliveryTag: number
      redelivered: boolean
      offset?: number // a stream delivery: the message's offset, which tells where its consumer has read to
    }
  | { type: 'acked'; at: number; vhost: string; messageId: number; queue: string; channel: number; deliveryTag: number }
  | {
      type: 'nacked'
      at: number
      vhost: string
      messageId: number
      queue: string
      channel: number
      deliveryTag: number
      requeue: boolean
    } // basic.nack
  | {
      type: 'rejected'
      at: number
      vhost: string
      messageId: number
      queue: string
      channel: number
      deliveryTag: number
      requeue: boolean
    } // basic.reject
  | { type: 'requeued'; at: number; vhost: string; messageId: number; queue: string; ready: number }
  | { type: 'expired'; at: number; vhost: string; messageId: number; queue: string }
  | {
      type: 'deadLettered'
      at: number
      vhost: string
      messageId: number
      newMessageId: number
      queue: string
      reason: DeadLetterReason
      exchange: string
      routingKey: string
    }
  | { type: 'dropped'; at: number; vhost: string; messageId: number; queue: string; reason: DropReason }
  | { type: 'segmentsRemoved'; at: number; vhost: string; queue: string; firstOffset: number; count: number } // stream retention
  | {
      type: 'consumerAdded'
      at: number
      vhost: string
      queue: string
      channel: number
      consumerTag: string
      noAck: boolean
      prefetch: number
    }
  | {
      type: 'consumerRemoved'
      at: number
      vhost: string
      queue: string
      channel: number
      consumerTag: string
      byBroker: boolean
    }
  | { type: 'channelOpened'; at: number; channel: number; connection: number }
  | { type: 'channelClosed'; at: number; channel: number; connection: number; replyCode: number; replyText: string }
  | { type: 'connectionClosed'; at: number; connection: number; replyCode: number; replyText: string }
  // A cluster node stopped, started, or was split off or healed back (group: its partition group, 0 when healed).
  | { type: 'nodeChanged'; at: number; node: string; running: boolean; group: number }
  // A quorum queue's leader: elected (active), or still named but without a majority (not active).
  | { type: 'leaderChanged'; at: number; vhost: string; queue: string; leader: string; active: boolean }

export type BrokerEventType = BrokerEvent['type']

/** Receives events; absent when nobody listens, so the engine then builds none. */
export type EventSink = (event: BrokerEvent) => void

/** The design's broker an event happened on, for events of a broker other than the first (which carry none). */
export type EventBroker = { broker?: string }
