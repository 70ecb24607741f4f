// Where a new queue goes: a classic queue on one node, a quorum queue on x-quorum-initial-group-size members
// led from one of them. x-queue-leader-locator (or the queue-leader-locator policy) picks the node:
// client-local (the declaring connection's node, the default) or balanced (the node leading fewest queues).

import type { Queue } from '../queue.ts'
import { ClassicHome, type ClassicHomeHost } from './classic-home.ts'
import type { Cluster } from './cluster.ts'
import { QuorumReplicas } from './quorum-replicas.ts'
import type { QueueReplicas } from './replicas.ts'
import { byNodeNumber } from './node-order.ts'

/** RabbitMQ's quorum_cluster_size: 3 members when the declaration names none (rabbitmqctl eval on 3.10, 4.0, 4.3). */
export const DEFAULT_QUORUM_GROUP_SIZE = 3

export type LeaderLocator = 'client-local' | 'balanced'

/** How many queues each node leads or hosts, for the balanced locator. */
export type NodeLoad = (node: string) => number

export function placeQueue(
  queue: Queue,
  cluster: Cluster,
  vhost: ClassicHomeHost,
  declaringNode: string,
  locator: LeaderLocator,
  load: NodeLoad,
): QueueReplicas {
  const running = cluster.runningNodes()
  const home = locator === 'balanced' ? leastLoaded(running, load) : declaringNode
  if (queue.settings.type !== 'quorum') {
    const classic = new ClassicHome(queue, cluster, vhost, home)
    cluster.join(classic)
    return classic
  }
  const requested = queue.def.arguments['x-quorum-initial-group-size']
  const size = Math.min(typeof requested === 'number' ? requested : DEFAULT_QUORUM_GROUP_SIZE, running.length)
  // The leader's node first, the other members drawn at random among the running nodes.
  const others = running.filter((n) => n !== home)
  for (let i = others.length - 1; i > 0; i--) {
    const j = Math.floor(cluster.random.next() * (i + 1))
    ;[others[i], others[j]] = [others[j], others[i]]
  }
  const members = [home, ...others.slice(0, size - 1)].sort(byNodeNumber)
  const quorum = new QuorumReplicas(queue, cluster, members, home)
  cluster.join(quorum)
  return quorum
}

function leastLoaded(nodes: string[], load: NodeLoad): string {
  let best = nodes[0]
  for (const node of nodes) if (load(node) < load(best)) best = node
  return best
}
