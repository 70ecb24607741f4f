// What the designer shows of a replicated queue (quorum queue or stream): its members with how far each is
// behind the leader, and who led when and why. RabbitMQ's management API has no such view; this is Warren's.

import type { Broker } from '../broker.ts'
import { QuorumReplicas, type LeaderChange } from '../cluster/quorum-replicas.ts'

export type ReplicaCommand = { type: 'clusterReplicas'; vhost?: string; queue?: string } // -> ReplicatedQueueInfo[]

export interface ReplicaMemberInfo {
  node: string
  online: boolean
  leader: boolean
  /** Messages behind the leader: taken while this member was down or cut off. */
  behind: number
}

export interface ReplicatedQueueInfo {
  vhost: string
  queue: string
  kind: 'quorum' | 'stream'
  leader: string
  active: boolean
  members: ReplicaMemberInfo[]
  history: LeaderChange[]
}

export type ReplicaReplies = { clusterReplicas: ReplicatedQueueInfo[] }

export function isReplicaCommand(command: { type: string }): command is ReplicaCommand {
  return command.type === 'clusterReplicas'
}

/** Every replicated queue, or the one named. */
export function listReplicas(broker: Broker, command: { vhost?: string; queue?: string }): ReplicatedQueueInfo[] {
  const out: ReplicatedQueueInfo[] = []
  for (const vhost of broker.vhosts.values()) {
    if (command.vhost !== undefined && vhost.name !== command.vhost) continue
    for (const queue of vhost.queues.values()) {
      const replicas = queue.replicas
      if (!(replicas instanceof QuorumReplicas) || (command.queue !== undefined && queue.name !== command.queue))
        continue
      const online = new Set(replicas.online())
      out.push({
        vhost: vhost.name,
        queue: queue.name,
        kind: replicas.kind,
        leader: replicas.leader,
        active: replicas.active,
        members: replicas.members.map((node) => ({
          node,
          online: online.has(node),
          leader: node === replicas.leader,
          behind: replicas.lag(node),
        })),
        history: replicas.history.map((h) => ({ ...h })),
      })
    }
  }
  return out
}
