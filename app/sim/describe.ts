// One broker event in words: a short title and the facts, for the event log and a message's journey.
// The words are the catalogue's (events.titles.<type>, events.details.<type>); names, keys and reply texts
// are RabbitMQ's and pass through as they are.

import type { BrokerEvent, BrokerEventType, DropReason } from '../../engine/events.ts'
import { t } from '../i18n/index.ts'

export interface EventWords {
  title: string
  detail: string
}

/** An event type's name for filters and lists, in the current language. */
export const eventTitle = (type: BrokerEventType) => t(`events.titles.${type}`)

export const exchangeLabel = (name: string) => (name === '' ? t('events.defaultExchange') : `"${name}"`)
const quoted = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ')

const dropReason = (reason: DropReason) => t(`events.dropReasons.${reason}`)

const yes = (flag: boolean | undefined) => (flag ? 'yes' : 'no')

function details(e: BrokerEvent): string {
  const d = (values: Record<string, unknown>) => t(`events.details.${e.type}`, values)
  switch (e.type) {
    case 'exchangeDeclared':
      return d({
        exchange: exchangeLabel(e.name),
        type: e.exchangeType,
        durable: yes(e.durable),
        internal: yes(e.internal),
      })
    case 'exchangeDeleted':
      return d({ exchange: exchangeLabel(e.name), autoDelete: yes(e.autoDelete) })
    case 'queueDeclared':
      return d({ queue: e.name, durable: yes(e.durable) })
    case 'queueDeleted':
      return d({ queue: e.name, reason: e.reason, count: e.messages })
    case 'bound':
    case 'unbound':
      return d({
        exchange: exchangeLabel(e.binding.source),
        destinationType: e.binding.destinationType,
        destination: e.binding.destination,
        key: e.binding.routingKey,
      })
    case 'purged':
      return d({ queue: e.queue, count: e.count })
    case 'published':
      return d({
        exchange: exchangeLabel(e.exchange),
        key: e.routingKey,
        channel: e.channel,
        size: e.size,
        persistent: yes(e.persistent),
      })
    case 'routed':
      return d({ exchange: exchangeLabel(e.exchange), queues: quoted(e.queues) })
    case 'unroutable':
      return d({ exchange: exchangeLabel(e.exchange), key: e.routingKey })
    case 'returned':
      return d({ code: e.replyCode, text: e.replyText })
    case 'confirmed':
      return d({ ack: yes(e.ack), seq: e.publishSeq, channel: e.channel })
    case 'enqueued':
      return d({ queue: e.queue, ready: e.ready })
    case 'rejectedByQueue':
      return d({ queue: e.queue, overflow: e.overflow })
    case 'delivered':
      return d({ queue: e.queue, consumer: e.consumerTag || '__none', channel: e.channel, tag: e.deliveryTag })
    case 'acked':
      return d({ queue: e.queue, channel: e.channel, tag: e.deliveryTag })
    case 'nacked':
    case 'rejected':
      return d({ queue: e.queue, requeue: yes(e.requeue), tag: e.deliveryTag })
    case 'requeued':
      return d({ queue: e.queue, ready: e.ready })
    case 'expired':
      return d({ queue: e.queue })
    case 'deadLettered':
      return d({
        queue: e.queue,
        reason: e.reason,
        exchange: exchangeLabel(e.exchange),
        key: e.routingKey,
        id: e.newMessageId,
      })
    case 'dropped':
      return d({ queue: e.queue, why: dropReason(e.reason) })
    case 'consumerAdded':
      return d({ tag: e.consumerTag, queue: e.queue, noAck: yes(e.noAck), prefetch: e.prefetch })
    case 'consumerRemoved':
      return d({ tag: e.consumerTag, queue: e.queue, byBroker: yes(e.byBroker) })
    case 'channelOpened':
      return d({ channel: e.channel, connection: e.connection })
    case 'channelClosed':
      return d({ channel: e.channel, code: e.replyCode, text: e.replyText })
    case 'connectionClosed':
      return d({ connection: e.connection, code: e.replyCode, text: e.replyText })
    case 'segmentsRemoved':
      return d({ queue: e.queue, count: e.count, offset: e.firstOffset })
    case 'nodeChanged':
      return t(`events.details.nodeChanged.${e.running ? 'running' : 'stopped'}`, { node: e.node, group: e.group + 1 })
    case 'leaderChanged':
      return t(`events.details.leaderChanged.${e.active ? 'active' : 'minority'}`, { queue: e.queue, node: e.leader })
    default: {
      const unreachable: never = e
      return String((unreachable as { type: string }).type)
    }
  }
}

function title(e: BrokerEvent): string {
  if (e.type === 'confirmed') return t(e.ack ? 'events.confirmedAck' : 'events.confirmedNack')
  if (e.type === 'delivered' && e.redelivered) return t('events.redelivered')
  return eventTitle(e.type)
}

export function describeEvent(e: BrokerEvent): EventWords {
  return { title: title(e), detail: details(e) }
}
