// Client code for a drawn topology: a Node (amqplib) and a Python (pika) script that declare every
// exchange, queue and binding of a vhost, then publish one message and consume it.

import type { Broker } from '../broker.ts'
import { isExchangeType } from '../exchanges/registry.ts'
import type { FieldTable } from '../model.ts'
import { jsLiteral, pyLiteral } from './code-literals.ts'

interface Topology {
  exchanges: {
    name: string
    type: string
    durable: boolean
    autoDelete: boolean
    internal: boolean
    arguments: FieldTable
  }[]
  queues: { name: string; durable: boolean; autoDelete: boolean; arguments: FieldTable }[]
  bindings: {
    source: string
    destination: string
    destinationType: 'queue' | 'exchange'
    routingKey: string
    arguments: FieldTable
  }[]
}

function topologyOf(broker: Broker, vhostName: string): Topology {
  const v = broker.vhosts.get(vhostName)
  if (!v) throw new Error(`no vhost "${vhostName}"`)
  const exchanges = [...v.exchanges.values()]
    .filter((x) => x.name !== '' && !x.name.startsWith('amq.'))
    .map((x) => ({ ...x.def }))
  const queues = [...v.queues.values()].filter((q) => !q.def.exclusive).map((q) => ({ ...q.def }))
  const bindings = [...v.exchanges.values()].flatMap((x) =>
    x.outgoing.map((b) => ({
      source: b.source,
      destination: b.destination,
      destinationType: b.destinationType,
      routingKey: b.routingKey,
      arguments: b.arguments,
    })),
  )
  return { exchanges, queues, bindings }
}

/**
 * A sample publish that reaches a queue: a binding of a direct, fanout, topic or headers exchange (with the
 * headers the binding asks for), or else the first queue through the default exchange.
 */
function sample(t: Topology): { exchange: string; routingKey: string; headers: FieldTable; queue: string | null } {
  const typeOf = (name: string) => t.exchanges.find((x) => x.name === name)?.type
  const binding = t.bindings.find((b) => b.destinationType === 'queue' && isExchangeType(typeOf(b.source) ?? ''))
  if (binding) {
    const headers: FieldTable = {}
    if (typeOf(binding.source) === 'headers') {
      for (const [key, value] of Object.entries(binding.arguments))
        if (key !== 'x-match') headers[key] = value ?? 'present'
    }
    const routingKey = typeOf(binding.source) === 'topic' ? sampleKey(binding.routingKey) : binding.routingKey
    return { exchange: binding.source, routingKey, headers, queue: binding.destination }
  }
  const queue = t.queues[0]?.name ?? null
  return { exchange: '', routingKey: queue ?? '', headers: {}, queue }
}

function sampleKey(pattern: string): string {
  return pattern
    .split('.')
    .map((w) => (w === '*' ? 'any' : w === '#' ? 'event' : w))
    .join('.')
}

const js = jsLiteral
const py = pyLiteral

/** A stream consumer needs a prefetch and manual acks, and says where to start reading (x-stream-offset). */
const STREAM_PREFETCH = 100
const isStream = (t: Topology, queue: string | null) =>
  t.queues.find((q) => q.name === queue)?.arguments['x-queue-type'] === 'stream'

// The scripts name no entity in a comment: names reach the code only as literals.
export function amqplibScript(broker: Broker, vhost = '/'): string {
  const t = topologyOf(broker, vhost)
  const s = sample(t)
  const minimum = broker.profile.amqplibMinimum
  const install = minimum ? `npm install 'amqplib@>=${minimum}'` : 'npm install amqplib'
  const lines = [
    `// Declares the topology drawn in Warren, then publishes and consumes one message.`,
    ...(minimum
      ? [
          `// RabbitMQ ${broker.profile.rabbitmqVersion} refuses amqplib before ${minimum} (its frame_max is too small).`,
        ]
      : []),
    `// ${install} && node topology.mjs   (AMQP_URL=amqp://user:password@host:port/vhost overrides the broker)`,
    `import amqp from 'amqplib'`,
    ``,
    `const vhost = ${js(vhost)}`,
    `const connection = await amqp.connect(`,
    `  process.env.AMQP_URL ?? { hostname: 'localhost', port: 5672, username: 'guest', password: 'guest', vhost },`,
    `)`,
    `const channel = await connection.createConfirmChannel()`,
    ``,
    ...t.exchanges.map(
      (x) =>
        `await channel.assertExchange(${js(x.name)}, ${js(x.type)}, { durable: ${x.durable}, autoDelete: ${x.autoDelete}, internal: ${x.internal}, arguments: ${js(x.arguments)} })`,
    ),
    ...t.queues.map(
      (q) =>
        `await channel.assertQueue(${js(q.name)}, { durable: ${q.durable}, autoDelete: ${q.autoDelete}, arguments: ${js(q.arguments)} })`,
    ),
    ...t.bindings.map((b) =>
      b.destinationType === 'queue'
        ? `await channel.bindQueue(${js(b.destination)}, ${js(b.source)}, ${js(b.routingKey)}, ${js(b.arguments)})`
        : `await channel.bindExchange(${js(b.destination)}, ${js(b.source)}, ${js(b.routingKey)}, ${js(b.arguments)})`,
    ),
    ``,
  ]
  if (s.queue) {
    lines.push(
      `const queue = ${js(s.queue)}`,
      `channel.publish(${js(s.exchange)}, ${js(s.routingKey)}, Buffer.from('hello from Warren'), { persistent: true, headers: ${js(s.headers)} })`,
      `await channel.waitForConfirms()`,
      `const timeout = setTimeout(() => {`,
      `  console.error('no message arrived within 5 s in queue', queue, 'of vhost', vhost)`,
      `  process.exit(1)`,
      `}, 5000)`,
      ...(isStream(t, s.queue)
        ? [
            `// A stream keeps its messages: this consumer reads them from the first offset, within its prefetch.`,
            `await channel.prefetch(${STREAM_PREFETCH})`,
          ]
        : []),
      `await channel.consume(`,
      `  queue,`,
      `  async (message) => {`,
      `    if (!message) return`,
      isStream(t, s.queue)
        ? `    console.log('received', message.fields.routingKey, message.content.toString(), 'at offset', message.properties.headers['x-stream-offset'])`
        : `    console.log('received', message.fields.routingKey, message.content.toString())`,
      `    channel.ack(message)`,
      `    clearTimeout(timeout)`,
      `    await connection.close()`,
      `  },`,
      isStream(t, s.queue) ? `  { arguments: { 'x-stream-offset': 'first' } },` : `  {},`,
      `)`,
    )
  } else lines.push(`await connection.close()`)
  return lines.join('\n') + '\n'
}

export function pikaScript(broker: Broker, vhost = '/'): string {
  const t = topologyOf(broker, vhost)
  const s = sample(t)
  const lines = [
    `# Declares the topology drawn in Warren, then publishes and consumes one message.`,
    `# pip install pika && python3 topology.py`,
    `import pika`,
    ``,
    `connection = pika.BlockingConnection(pika.ConnectionParameters(host="localhost", virtual_host=${py(vhost)}))`,
    `channel = connection.channel()`,
    `channel.confirm_delivery()`,
    ``,
    ...t.exchanges.map(
      (x) =>
        `channel.exchange_declare(exchange=${py(x.name)}, exchange_type=${py(x.type)}, durable=${py(x.durable)}, auto_delete=${py(x.autoDelete)}, internal=${py(x.internal)}, arguments=${py(x.arguments)})`,
    ),
    ...t.queues.map(
      (q) =>
        `channel.queue_declare(queue=${py(q.name)}, durable=${py(q.durable)}, auto_delete=${py(q.autoDelete)}, arguments=${py(q.arguments)})`,
    ),
    ...t.bindings.map((b) =>
      b.destinationType === 'queue'
        ? `channel.queue_bind(queue=${py(b.destination)}, exchange=${py(b.source)}, routing_key=${py(b.routingKey)}, arguments=${py(b.arguments)})`
        : `channel.exchange_bind(destination=${py(b.destination)}, source=${py(b.source)}, routing_key=${py(b.routingKey)}, arguments=${py(b.arguments)})`,
    ),
    ``,
  ]
  if (s.queue) {
    lines.push(
      `queue = ${py(s.queue)}`,
      `channel.basic_publish(exchange=${py(s.exchange)}, routing_key=${py(s.routingKey)}, body=b"hello from Warren", properties=pika.BasicProperties(delivery_mode=2, headers=${py(s.headers)}))`,
    )
    if (isStream(t, s.queue))
      lines.push(
        `# A stream has no basic.get: a consumer with a prefetch reads it from the first offset.`,
        `channel.basic_qos(prefetch_count=${STREAM_PREFETCH})`,
        ``,
        ``,
        `def on_message(ch, method, properties, body):`,
        `    print("received", method.routing_key, body.decode(), "at offset", properties.headers["x-stream-offset"])`,
        `    ch.basic_ack(method.delivery_tag)`,
        `    ch.stop_consuming()`,
        ``,
        ``,
        `channel.basic_consume(queue=queue, on_message_callback=on_message, arguments={"x-stream-offset": "first"})`,
        `channel.start_consuming()`,
      )
    else
      lines.push(
        `method, properties, body = channel.basic_get(queue=queue)`,
        `if not method:`,
        `    raise SystemExit("no message arrived in queue " + repr(queue))`,
        `print("received", method.routing_key, body.decode())`,
        `channel.basic_ack(method.delivery_tag)`,
      )
  }
  lines.push(`connection.close()`)
  return lines.join('\n') + '\n'
}
