// Runs a recorded scenario against a fresh engine on a manual clock and returns each step's result
// in the shape of the recorder (FORMAT.md), so results compare one to one with the recordings.

import { createBroker } from '../../../engine/broker.ts'
import type { Channel } from '../../../engine/channel.ts'
import { ManualClock } from '../../../engine/clock.ts'
import type { Connection } from '../../../engine/connection.ts'
import type { ConnectionSink } from '../../../engine/connection-sink.ts'
import { AmqpError } from '../../../engine/errors.ts'
import type { Delivery, MessageProperties } from '../../../engine/model.ts'
import { LEGACY_VERSION, type BrokerVersion } from '../../../engine/profile.ts'
import { ClassicHome } from '../../../engine/cluster/classic-home.ts'
import { QuorumReplicas } from '../../../engine/cluster/quorum-replicas.ts'
import type { Scenario, Step } from './scenario.ts'

type Received = { delivery: Delivery } | { cancelled: true }

interface ConsumerRecord {
  channel: Channel
  received: Received[]
  read: number
}

const decoder = new TextDecoder()

class ScenarioError extends Error {}

/** A scenario's node n2 is the engine's rabbit@n2. */
const engineNode = (node: string) => `rabbit@${node}`
const scenarioNode = (node: string) => node.replace(/^rabbit@/, '')

class Session {
  readonly clock = new ManualClock()
  readonly broker: ReturnType<typeof createBroker>
  /** One connection per node the scenario uses (FORMAT.md, "Clusters"). */
  private readonly connections = new Map<string, Connection>()
  private readonly channels = new Map<string, Channel>() // "node/channel"
  private readonly consumers = new Map<string, ConsumerRecord>()
  private readonly labels = new Map<string, { channel: Channel; tag: number }>()
  private readonly returns = new Map<Channel, number>()
  private readonly confirms = new Map<Channel, string[]>() // outcomes of async publishes not yet read

  /** Consumers are named by their consumer tag, so a delivery goes to the consumer its tag names. */
  private sinkFor(node: string): ConnectionSink {
    const channelOf = (id: number) => this.connections.get(node)?.channels.get(id)
    return {
      delivery: (channelId, delivery) => {
        const record = delivery.consumerTag === null ? undefined : this.consumers.get(delivery.consumerTag)
        if (record && record.channel === channelOf(channelId)) record.received.push({ delivery })
      },
      returned: (channelId) => {
        const channel = channelOf(channelId)
        if (channel) this.returns.set(channel, (this.returns.get(channel) ?? 0) + 1)
      },
      confirmed: (channelId, _seq, ack) => {
        const channel = channelOf(channelId)
        if (channel) this.confirmsOf(channel).push(ack ? 'ack' : 'nack')
      },
      cancelled: (channelId, consumerTag) => {
        const record = this.consumers.get(consumerTag)
        if (record && record.channel.id === channelId && record.channel.connection === this.connections.get(node))
          record.received.push({ cancelled: true })
      },
      channelClosed: () => {},
      connectionClosed: () => {},
    }
  }

  constructor(version: BrokerVersion, nodes: number) {
    this.broker = createBroker({ clock: this.clock, version, nodes })
  }

  private conn(node: string): Connection {
    let connection = this.connections.get(node)
    if (!connection || connection.closed) {
      connection = this.broker.connect(this.sinkFor(node), { node: engineNode(node) })
      this.connections.set(node, connection)
    }
    return connection
  }

  private channel(name: string, node = 'n1'): Channel {
    const connection = this.conn(node)
    const key = `${node}/${name}`
    let channel = this.channels.get(key)
    if (!channel || channel.closed) {
      channel = connection.openChannel()
      channel.confirmSelect()
      this.channels.set(key, channel)
    }
    return channel
  }

  private confirmsOf(channel: Channel): string[] {
    let list = this.confirms.get(channel)
    if (!list) this.confirms.set(channel, (list = []))
    return list
  }

  /** The management API's view of a queue's placement, with the scenario's node names. */
  private queueInfo(name: string): unknown {
    const queue = this.broker.vhosts.get('/')!.queues.get(name)
    if (!queue) return { error: { code: 404, text: 'NOT_FOUND' } }
    const replicas = queue.replicas
    if (replicas instanceof QuorumReplicas) {
      return {
        type: 'quorum',
        leader: scenarioNode(replicas.leader),
        members: replicas.members.map(scenarioNode).sort(),
        online: replicas.online().map(scenarioNode).sort(),
        state: replicas.active ? 'running' : 'minority',
      }
    }
    if (replicas instanceof ClassicHome)
      return { type: 'classic', node: scenarioNode(replicas.node), state: replicas.running ? 'running' : 'stopped' }
    return { type: queue.settings.type, node: 'n1', state: 'running' }
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
    const node = step.node ?? 'n1'
    switch (step.op) {
      case 'exchange.declare':
        this.channel(channelName, node).exchangeDeclare({
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
        this.channel(channelName, node).exchangeDelete(step.exchange!, !!step.ifUnused)
        return null
      case 'exchange.bind':
        this.channel(channelName, node).exchangeBind(
          step.destination!,
          step.source!,
          step.routingKey ?? '',
          step.arguments ?? {},
        )
        return null
      case 'exchange.unbind':
        this.channel(channelName, node).exchangeUnbind(
          step.destination!,
          step.source!,
          step.routingKey ?? '',
          step.arguments ?? {},
        )
        return null
      case 'queue.declare': {
        const ok = this.channel(channelName, node).queueDeclare({
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
        this.channel(channelName, node).queueBind(
          step.queue!,
          step.exchange!,
          step.routingKey ?? '',
          step.arguments ?? {},
        )
        return null
      case 'queue.unbind':
        this.channel(channelName, node).queueUnbind(
          step.queue!,
          step.exchange!,
          step.routingKey ?? '',
          step.arguments ?? {},
        )
        return null
      case 'queue.purge':
        return { messageCount: this.channel(channelName, node).queuePurge(step.queue!) }
      case 'queue.delete':
        return {
          messageCount: this.channel(channelName, node).queueDelete(step.queue!, {
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
        const channel = this.channel(channelName, node)
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
        const channel = this.channel(step.channel ?? name, node)
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
        const channel = this.channels.get(`${node}/${name}`) ?? this.consumers.get(name)?.channel
        if (channel && !channel.closed) channel.close()
        return null
      }
      case 'wait':
        this.clock.advance(step.ms ?? 0)
        return null
      case 'node.stop':
        this.broker.cluster.stop(engineNode(step.node!))
        return null
      case 'node.start':
        this.broker.cluster.start(engineNode(step.node!))
        return null
      case 'confirms': {
        const channel = this.channels.get(`${node}/${channelName}`)
        if (!channel) throw new ScenarioError(`confirms: no channel ${channelName} on ${node}`)
        return this.confirmsOf(channel).splice(0)
      }
      case 'queue.info':
        return this.queueInfo(step.queue!)
      case 'connection.status': {
        const connection = this.connections.get(node)
        if (!connection) throw new ScenarioError(`connection.status: no connection to ${node}`)
        return connection.closed ? { open: false } : { open: true }
      }
      default:
        throw new ScenarioError(`unknown op ${step.op}`)
    }
  }

  private publish(step: Step, channelName: string): unknown {
    const channel = this.channel(channelName, step.node)
    const returnsBefore = this.returns.get(channel) ?? 0
    const outcome = channel.publish(
      step.exchange ?? '',
      step.routingKey ?? '',
      step.bodyBytes !== undefined ? 'x'.repeat(step.bodyBytes) : (step.body ?? ''),
      step.properties ?? {},
      !!step.mandatory,
    )
    if (step.async) {
      if (outcome.confirm !== null) this.confirmsOf(channel).push(outcome.confirm)
      return null
    }
    const returned = (this.returns.get(channel) ?? 0) > returnsBefore
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

/** Runs every step of a scenario on a fresh broker; each result has the recorder's shape. */
/** Runs `scenario` on a broker of `version` (the profile whose recordings it is compared with). */
export function runScenario(scenario: Scenario, version: BrokerVersion = LEGACY_VERSION): unknown[] {
  const session = new Session(version, scenario.nodes ?? 1)
  return scenario.steps.map((step) => session.run(step))
}
