// A cluster for unit tests: a broker of N nodes on a ManualClock, one connection per node whose sink records
// deliveries, late confirms, broker cancels and the connection's close.

import { createBroker, ManualClock } from '../../engine/index.ts'
import type { Broker, BrokerErrorData, Channel, Connection, ConnectionSink, Delivery } from '../../engine/index.ts'
import type { Queue } from '../../engine/queue.ts'
import type { BrokerVersion } from '../../engine/profile.ts'
import { QuorumReplicas } from '../../engine/cluster/quorum-replicas.ts'
import { ClassicHome } from '../../engine/cluster/classic-home.ts'

export interface NodeClient {
  readonly node: string
  readonly connection: Connection
  readonly channel: Channel
  readonly deliveries: Delivery[]
  /** Confirms that came after the publish returned (held by a quorum queue), in order. */
  readonly lateConfirms: boolean[]
  readonly cancelled: string[]
  closedWith: BrokerErrorData | null | undefined
}

export class TestCluster {
  readonly clock = new ManualClock()
  readonly broker: Broker

  constructor(nodes: number, seed = 1, version: BrokerVersion = '4.3') {
    this.broker = createBroker({ clock: this.clock, nodes, seed, version })
  }

  /** A connection to rabbit@nK with one channel in confirm mode. */
  client(node: string): NodeClient {
    const client = { node, deliveries: [], lateConfirms: [], cancelled: [], closedWith: undefined } as unknown as {
      -readonly [K in keyof NodeClient]: NodeClient[K]
    }
    const sink: ConnectionSink = {
      delivery: (_channel, delivery) => client.deliveries.push(delivery),
      returned: () => {},
      confirmed: (_channel, _seq, ack) => client.lateConfirms.push(ack),
      cancelled: (_channel, tag) => client.cancelled.push(tag),
      channelClosed: () => {},
      connectionClosed: (error) => {
        client.closedWith = error
      },
    }
    client.connection = this.broker.connect(sink, { node })
    client.channel = client.connection.openChannel()
    client.channel.confirmSelect()
    return client
  }

  queue(name: string): Queue {
    const queue = this.broker.vhosts.get('/')!.queues.get(name)
    if (!queue) throw new Error(`no queue ${name}`)
    return queue
  }

  /** A quorum queue's or a stream's members and leader. */
  quorum(name: string): QuorumReplicas {
    const replicas = this.queue(name).replicas
    if (!(replicas instanceof QuorumReplicas)) throw new Error(`${name} is not a replicated quorum queue or stream`)
    return replicas
  }

  classic(name: string): ClassicHome {
    const replicas = this.queue(name).replicas
    if (!(replicas instanceof ClassicHome)) throw new Error(`${name} has no classic home`)
    return replicas
  }
}

export const persistent = { deliveryMode: 2 } as const
export const quorumArgs = { 'x-queue-type': 'quorum' } as const
export const streamArgs = { 'x-queue-type': 'stream' } as const
