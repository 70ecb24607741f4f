// A vhost's design as an AsyncAPI 3.0 document with the AMQP bindings 0.3.0: one `is: queue` channel per queue,
// one `is: routingKey` channel per exchange and binding key, an operation per simulated producer and consumer.
// What the bindings cannot say (binding keys, header matches, exchange-to-exchange bindings, queue arguments,
// plugin exchange types) goes under x-warren-* extensions, so nothing of the design is lost.

import type { Broker } from '../broker.ts'
import type { ConsumerSpec, ProducerSpec } from '../simulation/specs.ts'

const BINDING_VERSION = '0.3.0'
/** The exchange types the AMQP binding 0.3.0 names; others are described by x-warren-exchange-type. */
const BINDING_EXCHANGE_TYPES = new Set(['topic', 'direct', 'fanout', 'headers'])

type Doc = Record<string, unknown>

/** AsyncAPI component keys allow [A-Za-z0-9_-] only: other characters become "_", and clashes get a number. */
function keyMaker() {
  const used = new Set<string>()
  return (raw: string) => {
    const base = raw.replace(/[^A-Za-z0-9_-]/g, '_') || '_'
    let key = base
    for (let n = 2; used.has(key); n++) key = `${base}-${n}`
    used.add(key)
    return key
  }
}

function routingKeysOf(p: ProducerSpec): string[] {
  const t = p.routingKey
  if (t.kind === 'fixed') return [t.key]
  if (t.kind === 'cycle') return t.keys
  return [t.pattern]
}

export function asyncApiDocument(
  broker: Broker,
  vhostName: string,
  producers: readonly ProducerSpec[],
  consumers: readonly ConsumerSpec[],
): Doc {
  const vhost = broker.vhosts.get(vhostName)
  if (!vhost) throw new Error(`no vhost "${vhostName}"`)
  const key = keyMaker()
  const channels: Doc = {}
  const operations: Doc = {}
  const queueChannel = new Map<string, string>()
  const routingChannel = new Map<string, string>()
  const message = { payload: { type: 'string' } }

  for (const q of vhost.queues.values()) {
    const id = key(`queue-${q.name}`)
    queueChannel.set(q.name, id)
    const channel: Doc = {
      address: q.name,
      messages: { message },
      bindings: {
        amqp: {
          is: 'queue',
          queue: {
            name: q.name,
            durable: q.def.durable,
            exclusive: q.def.exclusive,
            autoDelete: q.def.autoDelete,
            vhost: vhostName,
          },
          bindingVersion: BINDING_VERSION,
        },
      },
    }
    if (Object.keys(q.def.arguments).length > 0) channel['x-warren-arguments'] = q.def.arguments
    channels[id] = channel
  }

  const exchangeChannel = (exchange: string, routingKey: string): string => {
    const mapKey = `${exchange}\u0000${routingKey}`
    const existing = routingChannel.get(mapKey)
    if (existing) return existing
    const x = vhost.exchanges.get(exchange)
    const type = x?.def.type ?? 'direct'
    const id = key(`exchange-${exchange || 'default'}-${routingKey || 'all'}`)
    routingChannel.set(mapKey, id)
    const channel: Doc = {
      address: routingKey,
      messages: { message },
      bindings: {
        amqp: {
          is: 'routingKey',
          exchange: {
            name: exchange,
            type: exchange === '' ? 'default' : BINDING_EXCHANGE_TYPES.has(type) ? type : 'direct',
            durable: x?.def.durable ?? true,
            autoDelete: x?.def.autoDelete ?? false,
            vhost: vhostName,
          },
          bindingVersion: BINDING_VERSION,
        },
      },
    }
    if (!BINDING_EXCHANGE_TYPES.has(type) && exchange !== '') channel['x-warren-exchange-type'] = type
    if (x) {
      const bound = x.outgoing.filter((b) => b.routingKey === routingKey || x.def.type === 'headers')
      if (bound.length > 0)
        channel['x-warren-bindings'] = bound.map((b) => ({
          destination: b.destination,
          destinationType: b.destinationType,
          bindingKey: b.routingKey,
          ...(Object.keys(b.arguments).length > 0 ? { arguments: b.arguments } : {}),
        }))
    }
    channels[id] = channel
    return id
  }

  for (const x of vhost.exchanges.values()) {
    if (x.name === '' || x.name.startsWith('amq.')) continue
    const keys = new Set(x.outgoing.map((b) => b.routingKey))
    if (keys.size === 0) exchangeChannel(x.name, '')
    for (const k of keys) exchangeChannel(x.name, k)
  }

  for (const p of producers) {
    if (p.vhost !== vhostName) continue
    for (const routingKey of routingKeysOf(p)) {
      const channel = exchangeChannel(p.exchange, routingKey)
      operations[key(`publish-${p.id}-${routingKey}`)] = {
        action: 'send',
        channel: { $ref: `#/channels/${channel}` },
        bindings: {
          amqp: {
            deliveryMode: p.persistent ? 2 : 1,
            mandatory: p.mandatory,
            ...(p.priority !== undefined ? { priority: p.priority } : {}),
            ...(p.expiration !== undefined ? { expiration: p.expiration } : {}),
            bindingVersion: BINDING_VERSION,
          },
        },
        ...(p.routingKey.kind === 'pattern' ? { 'x-warren-routing-key-pattern': p.routingKey.pattern } : {}),
        'x-warren-rate': p.rate,
      }
    }
  }
  for (const c of consumers) {
    if (c.vhost !== vhostName) continue
    const channel = queueChannel.get(c.queue)
    if (!channel) continue
    operations[key(`consume-${c.id}`)] = {
      action: 'receive',
      channel: { $ref: `#/channels/${channel}` },
      bindings: { amqp: { ack: !c.autoAck, bindingVersion: BINDING_VERSION } },
      'x-warren-prefetch': c.prefetch,
    }
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: `RabbitMQ vhost ${vhostName}`,
      version: '1.0.0',
      description: 'Exported by Warren from a RabbitMQ topology design.',
    },
    servers: {
      rabbitmq: {
        host: 'localhost:5672',
        protocol: 'amqp',
        protocolVersion: '0.9.1',
        pathname: `/${encodeURIComponent(vhostName)}`,
      },
    },
    channels,
    operations,
  }
}
