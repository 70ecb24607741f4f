// Read-only views of the broker for the page: the snapshot the designer draws, and a queue's messages peeked.

import { queueCounts } from '../management/queue-counts.ts'
import type { Broker } from '../broker.ts'
import { AmqpError } from '../errors.ts'
import type { BrokerSnapshot, ExchangeSummary, PeekedMessage, QueueSummary, StreamSummary } from './protocol.ts'
import { StreamQueue } from '../stream/stream-queue.ts'

export function snapshot(broker: Broker): BrokerSnapshot {
  const out: BrokerSnapshot = {
    vhosts: [...broker.vhosts.keys()],
    exchanges: [],
    queues: [],
    bindings: [],
    consumers: [],
  }
  for (const vhost of broker.vhosts.values()) {
    for (const x of vhost.exchanges.values()) {
      const summary: ExchangeSummary = { ...x.def, vhost: vhost.name }
      if (typeof x.def.arguments['alternate-exchange'] !== 'string' && x.policyAlternate !== undefined)
        summary.policyAlternateExchange = x.policyAlternate
      out.exchanges.push(summary)
      for (const b of x.outgoing) {
        out.bindings.push({
          vhost: vhost.name,
          source: b.source,
          destination: b.destination,
          destinationType: b.destinationType,
          routingKey: b.routingKey,
          arguments: b.arguments,
        })
      }
    }
    for (const q of vhost.queues.values()) {
      const counts = queueCounts(q)
      const summary: QueueSummary = {
        ...q.def,
        vhost: vhost.name,
        messages: counts.ready,
        unacked: counts.unacked,
        consumers: counts.consumers,
      }
      const { deadLetterExchange, deadLetterRoutingKey } = q.settings
      if (typeof q.def.arguments['x-dead-letter-exchange'] !== 'string' && deadLetterExchange !== undefined) {
        summary.policyDeadLetter =
          deadLetterRoutingKey === undefined
            ? { exchange: deadLetterExchange }
            : { exchange: deadLetterExchange, routingKey: deadLetterRoutingKey }
      }
      if (q instanceof StreamQueue) summary.stream = streamSummary(q)
      out.queues.push(summary)
      for (const c of q.consumers) {
        out.consumers.push({
          vhost: vhost.name,
          queue: q.name,
          consumerTag: c.tag,
          connection: c.channel.connection.id,
          channel: c.channel.id,
          noAck: c.noAck,
          prefetch: c.prefetch,
          unacked: c.unacked,
        })
      }
    }
  }
  return out
}

function streamSummary(q: StreamQueue): StreamSummary {
  return {
    first: q.log.first,
    tail: q.log.tail,
    segments: q.log.segments().map((s) => ({ first: s.first, end: s.end })),
    readers: q.consumers.map((c) => ({ consumerTag: c.tag, offset: q.offsetOf(c) ?? q.log.tail })),
  }
}

export function peek(broker: Broker, vhostName: string, queueName: string, limit: number): PeekedMessage[] {
  const vhost = broker.vhosts.get(vhostName)
  if (!vhost) throw new AmqpError('NOT_FOUND', `no vhost '${vhostName}'`)
  const queue = vhost.queueOrDie(queueName)
  const out: PeekedMessage[] = []
  for (const entry of queue.ready.entries()) {
    if (out.length >= limit) break
    const m = entry.message
    out.push({
      messageId: m.id,
      exchange: m.exchange,
      routingKey: m.routingKey,
      redelivered: entry.redelivered,
      body: m.body,
      properties: m.properties,
      state: 'ready',
    })
  }
  return out
}
