// One broker event in words: a short title and the facts, for the event log and a message's journey.

import type { BrokerEvent, BrokerEventType, DropReason } from '../../engine/events.ts'

export interface EventWords {
  title: string
  detail: string
}

export const EVENT_TITLES: Record<BrokerEventType, string> = {
  exchangeDeclared: 'Exchange declared',
  exchangeDeleted: 'Exchange deleted',
  queueDeclared: 'Queue declared',
  queueDeleted: 'Queue deleted',
  bound: 'Bound',
  unbound: 'Unbound',
  purged: 'Purged',
  published: 'Published',
  routed: 'Routed',
  unroutable: 'Unroutable',
  returned: 'Returned',
  confirmed: 'Confirmed (or nacked) to the publisher',
  enqueued: 'Enqueued',
  rejectedByQueue: 'Refused by queue',
  delivered: 'Delivered',
  acked: 'Acked',
  nacked: 'Nacked',
  rejected: 'Rejected',
  requeued: 'Requeued',
  expired: 'Expired',
  deadLettered: 'Dead-lettered',
  dropped: 'Dropped',
  consumerAdded: 'Consumer added',
  consumerRemoved: 'Consumer removed',
  channelOpened: 'Channel opened',
  channelClosed: 'Channel closed',
  connectionClosed: 'Connection closed',
}

export const exchangeLabel = (name: string) => (name === '' ? '(default exchange)' : `"${name}"`)
const quoted = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ')

const DROP_REASONS: Record<DropReason, string> = {
  maxlen: 'the queue was full (x-max-length, drop-head) and it has no dead-letter exchange',
  expired: 'its TTL passed and the queue has no dead-letter exchange',
  rejected: 'it was rejected or nacked without requeue and the queue has no dead-letter exchange',
  delivery_limit: 'it reached the delivery limit and the queue has no dead-letter exchange',
  'dead-letter-exchange-missing': "the queue's dead-letter exchange does not exist",
  'dead-letter-cycle': 'dead-lettering would loop without a rejection on the way (RabbitMQ drops it)',
  'queue-deleted': 'its queue was deleted',
}

export function describeEvent(e: BrokerEvent): EventWords {
  switch (e.type) {
    case 'exchangeDeclared':
      return {
        title: 'Exchange declared',
        detail: `${exchangeLabel(e.name)} (${e.exchangeType}${e.durable ? ', durable' : ''}${e.internal ? ', internal' : ''})`,
      }
    case 'exchangeDeleted':
      return {
        title: 'Exchange deleted',
        detail: `${exchangeLabel(e.name)}${e.autoDelete ? ' (auto-delete: its last binding went)' : ''}`,
      }
    case 'queueDeclared':
      return { title: 'Queue declared', detail: `"${e.name}"${e.durable ? ' (durable)' : ''}` }
    case 'queueDeleted':
      return { title: 'Queue deleted', detail: `"${e.name}" (${e.reason}) with ${e.messages} message(s)` }
    case 'bound':
      return {
        title: 'Bound',
        detail: `${exchangeLabel(e.binding.source)} → ${e.binding.destinationType} "${e.binding.destination}" with key "${e.binding.routingKey}"`,
      }
    case 'unbound':
      return {
        title: 'Unbound',
        detail: `${exchangeLabel(e.binding.source)} → ${e.binding.destinationType} "${e.binding.destination}" with key "${e.binding.routingKey}"`,
      }
    case 'purged':
      return { title: 'Purged', detail: `"${e.queue}": ${e.count} message(s) deleted` }
    case 'published':
      return {
        title: 'Published',
        detail: `to ${exchangeLabel(e.exchange)} with routing key "${e.routingKey}" (channel ${e.channel}, ${e.size} B${e.persistent ? ', persistent' : ''})`,
      }
    case 'routed':
      return { title: 'Routed', detail: `${exchangeLabel(e.exchange)} → ${quoted(e.queues)}` }
    case 'unroutable':
      return { title: 'Unroutable', detail: `${exchangeLabel(e.exchange)} has no binding matching "${e.routingKey}"` }
    case 'returned':
      return { title: 'Returned', detail: `to the publisher: ${e.replyCode} ${e.replyText} (mandatory)` }
    case 'confirmed':
      return e.ack
        ? { title: 'Confirmed', detail: `basic.ack to the publisher (publish #${e.publishSeq}, channel ${e.channel})` }
        : {
            title: 'Nacked by the broker',
            detail: `basic.nack to the publisher (publish #${e.publishSeq}, channel ${e.channel})`,
          }
    case 'enqueued':
      return { title: 'Enqueued', detail: `in "${e.queue}" (${e.ready} ready)` }
    case 'rejectedByQueue':
      return { title: 'Refused by queue', detail: `"${e.queue}" is full (overflow ${e.overflow})` }
    case 'delivered':
      return {
        title: e.redelivered ? 'Redelivered' : 'Delivered',
        detail: `from "${e.queue}" to ${e.consumerTag ? `consumer "${e.consumerTag}"` : 'basic.get'} (channel ${e.channel}, delivery tag ${e.deliveryTag})`,
      }
    case 'acked':
      return { title: 'Acked', detail: `from "${e.queue}" (channel ${e.channel}, delivery tag ${e.deliveryTag})` }
    case 'nacked':
      return {
        title: 'Nacked',
        detail: `from "${e.queue}", ${e.requeue ? 'requeue' : 'no requeue'} (delivery tag ${e.deliveryTag})`,
      }
    case 'rejected':
      return {
        title: 'Rejected',
        detail: `from "${e.queue}", ${e.requeue ? 'requeue' : 'no requeue'} (delivery tag ${e.deliveryTag})`,
      }
    case 'requeued':
      return { title: 'Requeued', detail: `back into "${e.queue}" (${e.ready} ready)` }
    case 'expired':
      return { title: 'Expired', detail: `its TTL passed in "${e.queue}"` }
    case 'deadLettered':
      return {
        title: 'Dead-lettered',
        detail: `from "${e.queue}" (${e.reason}) to ${exchangeLabel(e.exchange)} with routing key "${e.routingKey}", as message #${e.newMessageId}`,
      }
    case 'dropped':
      return { title: 'Dropped', detail: `from "${e.queue}": ${DROP_REASONS[e.reason]}` }
    case 'consumerAdded':
      return {
        title: 'Consumer added',
        detail: `"${e.consumerTag}" on "${e.queue}" (${e.noAck ? 'auto-ack' : `manual ack, prefetch ${e.prefetch || 'unlimited'}`})`,
      }
    case 'consumerRemoved':
      return {
        title: 'Consumer removed',
        detail: `"${e.consumerTag}" from "${e.queue}"${e.byBroker ? ' by the broker' : ''}`,
      }
    case 'channelOpened':
      return { title: 'Channel opened', detail: `channel ${e.channel} on connection ${e.connection}` }
    case 'channelClosed':
      return { title: 'Channel closed', detail: `channel ${e.channel}: ${e.replyCode} ${e.replyText}` }
    case 'connectionClosed':
      return { title: 'Connection closed', detail: `connection ${e.connection}: ${e.replyCode} ${e.replyText}` }
    default: {
      const unreachable: never = e
      return { title: String((unreachable as { type: string }).type), detail: '' }
    }
  }
}
