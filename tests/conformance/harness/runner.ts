// Runs a recorded scenario against a fresh engine on a manual clock and returns each step's result
// in the shape of the recorder (FORMAT.md), so results compare one to one with the recordings.

import { type Broker, createBroker } from '../../../engine/broker.ts'
import type { Channel } from '../../../engine/channel.ts'
import { ManualClock } from '../../../engine/clock.ts'
import type { Connection } from '../../../engine/connection.ts'
import type { ConnectionSink } from '../../../engine/connection-sink.ts'
import { AmqpError } from '../../../engine/errors.ts'
import type { Delivery, MessageProperties } from '../../../engine/model.ts'
import { LEGACY_VERSION, type BrokerVersion } from '../../../engine/profile.ts'
import { DesignSession } from './design-session.ts'
import type { Scenario, Step } from './scenario.ts'

type Received = { delivery: Delivery } | { cancelled: true }

interface ConsumerRecord {
  channel: Channel
  received: Received[]
  read: number
}

const decoder = new TextDecoder()

class ScenarioError extends Error {}

class Session {
  readonly clock: ManualClock
  readonly broker: Broker
  private connection: Connection | null = null
  private readonly channels = new Map<string, Channel>()
  private readonly consumers = new Map<string, ConsumerRecord>()
  private readonly labels = new Map<string, { channel: Channel; tag: number }>()
  private readonly returns = new Map<number, number>() // channel id -> returns seen

  private readonly sink: ConnectionSink = {
    // Consumers are named by their consumer tag, so a delivery goes to the consumer its tag names,
    // not to the first consumer of its channel.
    delivery: (channelId, delivery) => {
      const record = delivery.consumerTag === null ? undefined : this.consumers.get(delivery.consumerTag)
      if (record && record.channel.id === channelId && record.channel.connection === this.connection)
        record.received.push({ delivery })
    },
    returned: (channelId) => this.returns.set(channelId, (this.returns.get(channelId) ?? 0) + 1),
    confirmed: () => {},
    cancelled: (channelId, consumerTag) => {
      const record = this.consumers.get(consumerTag)
      if (record && record.channel.id === channelId) record.received.push({ cancelled: true })
    },
    channelClosed: () => {},
    connectionClosed: () => {},
  }

  constructor(version: BrokerVersion, shared?: { clock: ManualClock; broker: Broker }) {
    this.clock = shared?.clock ?? new ManualClock()
    this.broker = shared?.broker ?? createBroker({ clock: this.clock, version })
  }

  private conn(): Connection {
    if (!this.connection || this.connection.closed) {
      this.connection = this.broker.connect(this.sink)
      this.channels.clear()
    }
    return this.connection
  }

  private channel(name: string): Channel {
    const connection = this.conn()
    let channel = this.channels.get(name)
    if (!channel || channel.closed) {
      channel = connection.openChannel()
      channel.confirmSelect()
      this.channels.set(name, channel)
    }
    return channel
  }

  run(step: Step): unknown {
    try {
      return this.step(step)
    } catch (error) {
      if (error instanceof AmqpError) return { error: { code: error.code, text: error.text } }
      throw error
    }
  }

  private step(step: Step): unknown {
    const channelName = step.channel ?? 'main'
    switch (step.op) {
      case 'exchange.declare':
        this.channel(channelName).exchangeDeclare({
          exchange: step.exchange!,
          type: step.type ?? 'direct',
          passive: step.passive,
          durable: step.durable,
          autoDelete: step.autoDelete,
          internal: step.internal,
          arguments: step.arguments ?? {},
        })
        return null
      case 'exchange.delete':
        this.channel(channelName).exchangeDelete(step.exchange!, !!step.ifUnused)
        return null
      case 'exchange.bind':
        this.channel(channelName).exchangeBind(
          step.destination!,
          step.source!,
          step.routingKey ?? '',
          step.arguments ?? {},
        )
        return null
      case 'exchange.unbind':
        this.channel(channelName).exchangeUnbind(
          step.destination!,
          step.source!,
          step.routingKey ?? '',
          step.arguments ?? {},
        )
        return null
      case 'queue.declare': {
        const ok = this.channel(channelName).queueDeclare({
          queue: step.queue!,
          passive: step.passive,
          durable: step.durable,
          exclusive: step.exclusive,
          autoDelete: step.autoDelete,
          arguments: step.arguments ?? {},
        })
        return { messageCount: ok.messageCount, consumerCount: ok.consumerCount }
      }
      case 'queue.bind':
        this.channel(channelName).queueBind(step.queue!, step.exchange!, step.routingKey ?? '', step.arguments ?? {})
        return null
      case 'queue.unbind':
        this.channel(channelName).queueUnbind(step.queue!, step.exchange!, step.routingKey ?? '', step.arguments ?? {})
        return null
      case 'queue.purge':
        return { messageCount: this.channel(channelName).queuePurge(step.queue!) }
      case 'queue.delete':
        return {
          messageCount: this.channel(channelName).queueDelete(step.queue!, {
            ifUnused: step.ifUnused,
            ifEmpty: step.ifEmpty,
          }),
        }
      case 'basic.publish':
        if (step.bodies) {
          const results: unknown[] = []
          for (const body of step.bodies) {
            const result = this.run({ ...step, bodies: undefined, body })
            results.push(result)
            if (result && typeof result === 'object' && 'error' in result) break
          }
          return results
        }
        return this.publish(step, channelName)
      case 'basic.get': {
        const channel = this.channel(channelName)
        const got = channel.get(step.queue!, !!step.noAck)
        if (!got) return null
        if (!step.noAck && typeof step.as === 'string') this.label(step.as, channel, got.deliveryTag)
        return messageResult(got, got.messageCount)
      }
      case 'basic.ack':
      case 'basic.nack':
      case 'basic.reject': {
        const label = this.labels.get(step.message!)
        if (!label) throw new ScenarioError(`unknown label ${step.message}`)
        if (label.channel.closed) throw new ScenarioError(`label ${step.message}: its channel is closed`)
        if (step.op === 'basic.ack') label.channel.ack(label.tag, !!step.multiple)
        else if (step.op === 'basic.nack') label.channel.nack(label.tag, !!step.multiple, step.requeue ?? true)
        else label.channel.reject(label.tag, step.requeue ?? true)
        return null
      }
      case 'basic.consume': {
        const name = step.consumer!
        if (this.consumers.has(name)) throw new ScenarioError(`consumer ${name} exists`)
        const channel = this.channel(step.channel ?? name)
        if (step.prefetch !== undefined) channel.qos(step.prefetch, !!step.prefetchGlobal)
        const record: ConsumerRecord = { channel, received: [], read: 0 }
        this.consumers.set(name, record)
        try {
          channel.consume(step.queue!, {
            consumerTag: name,
            noAck: !!step.noAck,
            exclusive: !!step.exclusive,
            arguments: step.arguments ?? {},
          })
        } catch (error) {
          this.consumers.delete(name)
          throw error
        }
        return null
      }
      case 'basic.cancel': {
        const record = this.consumers.get(step.consumer!)
        if (!record) throw new ScenarioError(`unknown consumer ${step.consumer}`)
        if (!record.channel.closed) record.channel.cancel(step.consumer!)
        return null
      }
      case 'deliveries': {
        const record = this.consumers.get(step.consumer!)
        if (!record) throw new ScenarioError(`unknown consumer ${step.consumer}`)
        const fresh = record.received.slice(record.read)
        record.read = record.received.length
        const labels = Array.isArray(step.as) ? step.as : []
        return fresh.map((item, i) => {
          if ('cancelled' in item) return { cancelled: true }
          if (labels[i]) this.label(labels[i], record.channel, item.delivery.deliveryTag)
          return messageResult(item.delivery, undefined)
        })
      }
      case 'channel.close': {
        const name = step.channel ?? step.consumer!
        const channel = this.channels.get(name) ?? this.consumers.get(name)?.channel
        if (channel && !channel.closed) channel.close()
        return null
      }
      case 'wait':
        this.clock.advance(step.ms ?? 0)
        return null
      default:
        throw new ScenarioError(`unknown op ${step.op}`)
    }
  }

  private publish(step: Step, channelName: string): unknown {
    const channel = this.channel(channelName)
    const returnsBefore = this.returns.get(channel.id) ?? 0
    const outcome = channel.publish(
      step.exchange ?? '',
      step.routingKey ?? '',
      step.bodyBytes !== undefined ? 'x'.repeat(step.bodyBytes) : (step.body ?? ''),
      step.properties ?? {},
      !!step.mandatory,
    )
    const returned = (this.returns.get(channel.id) ?? 0) > returnsBefore
    return { confirm: outcome.confirm, returned: returned ? { replyCode: 312, replyText: 'NO_ROUTE' } : null }
  }

  private label(as: string, channel: Channel, tag: number): void {
    if (this.labels.has(as)) throw new ScenarioError(`label ${as} reused`)
    this.labels.set(as, { channel, tag })
  }
}

function messageResult(delivery: Delivery, messageCount: number | undefined): unknown {
  const result: Record<string, unknown> = {
    body: typeof delivery.body === 'string' ? delivery.body : decoder.decode(delivery.body),
    exchange: delivery.exchange,
    routingKey: delivery.routingKey,
    redelivered: delivery.redelivered,
  }
  if (messageCount !== undefined) result.messageCount = messageCount
  result.properties = cleanProperties(delivery.properties)
  return result
}

function cleanProperties(properties: MessageProperties): MessageProperties {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(properties)) {
    if (value === undefined || value === null) continue
    if (key === 'headers' && Object.keys(value as object).length === 0) continue
    out[key] = value
  }
  return out as MessageProperties
}

/** Runs `scenario` on a broker of `version` (the profile whose recordings it is compared with). */
export function runScenario(scenario: Scenario, version: BrokerVersion = LEGACY_VERSION): unknown[] {
  if (scenario.brokers) {
    const session = new DesignSession(
      scenario.brokers,
      version,
      (clock, broker) => new Session(version, { clock, broker }),
    )
    return scenario.steps.map((step) => session.run(step))
  }
  const session = new Session(version)
  return scenario.steps.map((step) => session.run(step))
}
