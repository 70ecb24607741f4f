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

/** A connection is named within its node (FORMAT.md, "Connections" and "Clusters"). */
const connectionKey = (node: string, connection: string) => `${node}\u0000${connection}`
const nodeOfConnection = (key: string) => key.slice(0, key.indexOf('\u0000'))

class Session {
  readonly clock: ManualClock
  readonly broker: Broker
  private readonly connections = new Map<string, Connection>() // connectionKey(node, name) -> connection
  private readonly channels = new Map<string, Channel>() // connection key + channel name -> channel
  private readonly consumers = new Map<string, ConsumerRecord>()
  private readonly labels = new Map<string, { channel: Channel; tag: number }>()
  private readonly returns = new Map<Channel, number>()
  private readonly confirms = new Map<Channel, string[]>() // outcomes of async publishes not yet read

  private sinkFor(connection: () => Connection | undefined): ConnectionSink {
    const channelOf = (channelId: number) => connection()?.channels.get(channelId)
    return {
      delivery: (channelId, delivery) => {
        const channel = channelOf(channelId)
        const record = this.consumers.get(delivery.consumerTag!)
        if (record && record.channel === channel) record.received.push({ delivery })
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
        if (record && record.channel === channelOf(channelId)) record.received.push({ cancelled: true })
      },
      channelClosed: () => {},
      connectionClosed: () => {},
    }
  }

  /** On a fresh cluster of `nodes` nodes, or on one broker of a design (`shared`). */
  constructor(version: BrokerVersion, nodes: number, shared?: { clock: ManualClock; broker: Broker }) {
    this.clock = shared?.clock ?? new ManualClock()
    this.broker = shared?.broker ?? createBroker({ clock: this.clock, version, nodes })
  }

  private conn(name: string): Connection {
    let connection = this.connections.get(name)
    if (!connection || connection.closed) {
      let opened: Connection | undefined
      // The first node is the broker's default: a design's broker names its node otherwise (rabbit@l1).
      const node = nodeOfConnection(name)
      opened = this.broker.connect(
        this.sinkFor(() => opened),
        node === 'n1' ? {} : { node: engineNode(node) },
      )
      connection = opened
      this.connections.set(name, connection)
    }
    return connection
  }

  private channel(name: string, connectionName: string): Channel {
    const connection = this.conn(connectionName)
    const key = `${connectionName}\u0000${name}`
    let channel = this.channels.get(key)
    if (!channel || channel.closed || channel.connection !== connection) {
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
        type: replicas.kind,
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
    const connectionName = connectionKey(step.node ?? 'n1', step.connection ?? 'main')
    switch (step.op) {
      case 'exchange.declare':
        this.channel(channelName, connectionName).exchangeDeclare({
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
        this.channel(channelName, connectionName).exchangeDelete(step.exchange!, !!step.ifUnused)
        return null
      case 'exchange.bind':
        this.channel(channelName, connectionName).exchangeBind(
          step.destination!,
          step.source!,
          step.routingKey ?? '',
          step.arguments ?? {},
        )
        return null
      case 'exchange.unbind':
        this.channel(channelName, connectionName).exchangeUnbind(
          step.destination!,
          step.source!,
          step.routingKey ?? '',
          step.arguments ?? {},
        )
        return null
      case 'queue.declare': {
        const ok = this.channel(channelName, connectionName).queueDeclare({
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
        this.channel(channelName, connectionName).queueBind(
          step.queue!,
          step.exchange!,
          step.routingKey ?? '',
          step.arguments ?? {},
        )
        return null
      case 'queue.unbind':
        this.channel(channelName, connectionName).queueUnbind(
          step.queue!,
          step.exchange!,
          step.routingKey ?? '',
          step.arguments ?? {},
        )
        return null
      case 'queue.purge':
        return { messageCount: this.channel(channelName, connectionName).queuePurge(step.queue!) }
      case 'queue.delete':
        return {
          messageCount: this.channel(channelName, connectionName).queueDelete(step.queue!, {
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
        return this.publish(step, this.channel(channelName, connectionName))
      case 'basic.get': {
        const channel = this.channel(channelName, connectionName)
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
        const channel = this.channel(step.channel ?? name, connectionName)
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
        const channel = step.channel
          ? this.channels.get(`${connectionName}\u0000${step.channel}`)
          : this.consumers.get(step.consumer!)?.channel
        if (channel && !channel.closed) channel.close()
        return null
      }
      case 'connection.close': {
        const connection = this.connections.get(connectionName)
        if (connection && !connection.closed) connection.close()
        return null
      }
      case 'wait':
        this.clock.advance(step.ms ?? 0)
        return null
      case 'node.stop':
        this.broker.cluster.stop(engineNode(step.node!))
        return null
      case 'partition':
        this.broker.cluster.partition(step.groups!.map((group) => group.map(engineNode)))
        return null
      case 'heal':
        this.broker.cluster.heal()
        return null
      case 'node.start':
        this.broker.cluster.start(engineNode(step.node!))
        return null
      case 'confirms': {
        const channel = this.channels.get(`${connectionName}\u0000${channelName}`)
        if (!channel) throw new ScenarioError(`confirms: no channel ${channelName} on ${connectionName}`)
        return this.confirmsOf(channel).splice(0)
      }
      case 'queue.info':
        return this.queueInfo(step.queue!)
      case 'connection.status': {
        const connection = this.connections.get(connectionName)
        if (!connection) throw new ScenarioError(`connection.status: no connection ${connectionName}`)
        return connection.closed ? { open: false } : { open: true }
      }
      default:
        throw new ScenarioError(`unknown op ${step.op}`)
    }
  }

  private publish(step: Step, channel: Channel): unknown {
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

/** Runs `scenario` on a broker of `version` (the profile whose recordings it is compared with). */
export function runScenario(scenario: Scenario, version: BrokerVersion = LEGACY_VERSION): unknown[] {
  if (scenario.brokers) {
    const session = new DesignSession(
      scenario.brokers,
      version,
      (clock, broker) => new Session(version, 1, { clock, broker }),
    )
    return scenario.steps.map((step) => session.run(step))
  }
  const session = new Session(version, scenario.nodes ?? 1)
  return scenario.steps.map((step) => session.run(step))
}
