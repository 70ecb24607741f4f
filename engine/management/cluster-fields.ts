// The cluster's part of the management API's answers: where a queue lives (node, state; a quorum queue's leader,
// members and online members) and what a stopped node shows in /api/nodes. One node: rabbit@n1, running.

import { ClassicHome } from '../cluster/classic-home.ts'
import { QuorumReplicas } from '../cluster/quorum-replicas.ts'
import type { Queue } from '../queue.ts'
import { NODE_NAME } from './node-name.ts'

export interface QueuePlacementFields {
  node: string
  state: 'running' | 'stopped' | 'down' | 'minority'
  leader?: string
  members?: string[]
  online?: string[]
}

/**
 * As RabbitMQ answered on a 3-node cluster (tests/management/recorded-cluster). A classic queue on a stopped node
 * is `stopped` on its own page but `down` in the /api/queues list.
 */
export function queuePlacement(queue: Queue, inList = false): QueuePlacementFields {
  const replicas = queue.replicas
  if (replicas instanceof QuorumReplicas) {
    return {
      node: replicas.leader,
      state: replicas.active ? 'running' : 'minority',
      leader: replicas.leader,
      members: [...replicas.members],
      online: replicas.online(),
    }
  }
  if (replicas instanceof ClassicHome)
    return { node: replicas.node, state: replicas.running ? 'running' : inList ? 'down' : 'stopped' }
  if (queue.isQuorum)
    return { node: NODE_NAME, state: 'running', leader: NODE_NAME, members: [NODE_NAME], online: [NODE_NAME] }
  return { node: NODE_NAME, state: 'running' }
}

/** A stopped node in /api/nodes: RabbitMQ lists it with these fields only. */
export function stoppedNodeShape(name: string): Record<string, unknown> {
  return { name, running: false, type: 'disc', being_drained: false, cluster_links: [] }
}
