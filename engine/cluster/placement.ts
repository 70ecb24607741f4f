// Where a new queue goes: a classic queue on one node, a quorum queue on x-quorum-initial-group-size members
// and a stream on x-initial-cluster-size members, led from one of them. x-queue-leader-locator (or the queue-leader-locator policy) picks the node:
// client-local (the declaring connection's node, the default) or balanced (the node leading fewest queues).

import type { Queue } from '../queue.ts'
import { ClassicHome, type ClassicHomeHost } from './classic-home.ts'
import type { Cluster } from './cluster.ts'
import { QuorumReplicas } from './quorum-replicas.ts'
import type { QueuePlacement, QueueReplicas } from './replicas.ts'
import { byNodeNumber } from './node-order.ts'

/** RabbitMQ's quorum_cluster_size: 3 members when the declaration names none (rabbitmqctl eval on 3.10, 4.0, 4.3). */
export const DEFAULT_QUORUM_GROUP_SIZE = 3

/** A stream declared without x-initial-cluster-size gets a member on every node of the cluster, stopped ones
 * included (recorded: cluster-stream-initial-cluster-size on 4.3 and 4.0). */
function defaultStreamSize(cluster: Cluster): number {
  return cluster.size
}

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
  const type = queue.settings.type
  if (type !== 'quorum' && type !== 'stream') {
    const classic = new ClassicHome(queue, cluster, vhost, home)
    cluster.join(classic)
    return classic
  }
  const requested = queue.def.arguments[type === 'quorum' ? 'x-quorum-initial-group-size' : 'x-initial-cluster-size']
  // Quorum members are drawn among the running nodes; a stream's among all of them.
  const candidates = type === 'quorum' ? running : cluster.nodes.map((n) => n.name)
  const fallback = type === 'quorum' ? DEFAULT_QUORUM_GROUP_SIZE : defaultStreamSize(cluster)
  const size = Math.min(typeof requested === 'number' ? requested : fallback, candidates.length)
  // The leader's node first, the other members drawn at random.
  const others = candidates.filter((n) => n !== home)
  for (let i = others.length - 1; i > 0; i--) {
    const j = Math.floor(cluster.random.next() * (i + 1))
    ;[others[i], others[j]] = [others[j], others[i]]
  }
  const members = [home, ...others.slice(0, size - 1)].sort(byNodeNumber)
  const quorum = new QuorumReplicas(queue, cluster, members, home)
  cluster.join(quorum)
  return quorum
}

/** A recovered queue back on the nodes it was saved on; null when none of them is in the cluster any more. */
export function restorePlacement(
  queue: Queue,
  cluster: Cluster,
  vhost: ClassicHomeHost,
  saved: QueuePlacement,
): QueueReplicas | null {
  const members = saved.members.filter((m) => cluster.nodes.some((n) => n.name === m)).sort(byNodeNumber)
  if (members.length === 0) return null
  const leader = members.includes(saved.leader) ? saved.leader : members[0]
  const replicas =
    queue.settings.type === 'quorum' || queue.settings.type === 'stream'
      ? new QuorumReplicas(queue, cluster, members, leader)
      : new ClassicHome(queue, cluster, vhost, leader)
  cluster.join(replicas)
  return replicas
}

function leastLoaded(nodes: string[], load: NodeLoad): string {
  let best = nodes[0]
  for (const node of nodes) if (load(node) < load(best)) best = node
  return best
}
