// The cluster controls of the page and the canvas: list the nodes, resize the cluster, stop and start a node,
// partition the nodes into groups and heal. Nodes are named rabbit@n1 ... (n1 alone is accepted too).

import type { Broker } from '../broker.ts'
import { growOnto, shrinkOff } from '../cluster/membership.ts'
import { QuorumReplicas } from '../cluster/quorum-replicas.ts'

export type ClusterCommand =
  | { type: 'clusterNodes' } // -> ClusterNodeInfo[]
  | { type: 'clusterSetSize'; size: number } // -> ClusterNodeInfo[]
  | { type: 'clusterStop'; node: string } // -> ClusterNodeInfo[]
  | { type: 'clusterStart'; node: string } // -> ClusterNodeInfo[]
  | { type: 'clusterPartition'; groups: string[][] } // -> ClusterNodeInfo[]
  | { type: 'clusterHeal' } // -> ClusterNodeInfo[]
  /** rabbitmq-queues add_member / delete_member of one quorum queue. */
  | { type: 'clusterQueueMember'; action: 'add' | 'delete'; vhost: string; queue: string; node: string }
  /** rabbitmq-queues grow / shrink: the node joins or leaves every quorum queue. */
  | { type: 'clusterGrow' | 'clusterShrink'; node: string }

export interface ClusterNodeInfo {
  name: string
  running: boolean
  /** Partition group: nodes reach each other only within one group (0 for all when healed). */
  group: number
}

export type ClusterReplies = { [K in ClusterCommand['type']]: ClusterNodeInfo[] }

const CLUSTER_COMMAND_TYPES = {
  clusterNodes: true,
  clusterSetSize: true,
  clusterStop: true,
  clusterStart: true,
  clusterPartition: true,
  clusterHeal: true,
  clusterQueueMember: true,
  clusterGrow: true,
  clusterShrink: true,
} as const satisfies Record<ClusterCommand['type'], true>

export function isClusterCommand(command: { type: string }): command is ClusterCommand {
  return Object.hasOwn(CLUSTER_COMMAND_TYPES, command.type)
}

/** `n2` or `rabbit@n2`: the engine's name. */
export function clusterNodeName(node: string): string {
  return node.includes('@') ? node : `rabbit@${node}`
}

export function runClusterCommand(broker: Broker, command: ClusterCommand): ClusterNodeInfo[] {
  const cluster = broker.cluster
  switch (command.type) {
    case 'clusterNodes':
      break
    case 'clusterSetSize':
      cluster.setSize(command.size)
      break
    case 'clusterStop':
      cluster.stop(clusterNodeName(command.node))
      break
    case 'clusterStart':
      cluster.start(clusterNodeName(command.node))
      break
    case 'clusterPartition':
      cluster.partition(command.groups.map((group) => group.map(clusterNodeName)))
      break
    case 'clusterHeal':
      cluster.heal()
      break
    case 'clusterQueueMember': {
      const replicas = broker.vhosts.get(command.vhost)?.queues.get(command.queue)?.replicas
      if (!(replicas instanceof QuorumReplicas))
        throw new Error(`${command.queue} in vhost ${command.vhost} is not a quorum queue of this cluster`)
      if (command.action === 'add') replicas.addMember(clusterNodeName(command.node))
      else replicas.deleteMember(clusterNodeName(command.node))
      break
    }
    case 'clusterGrow':
      growOnto(broker, clusterNodeName(command.node))
      break
    case 'clusterShrink':
      shrinkOff(broker, clusterNodeName(command.node))
      break
    default: {
      const unreachable: never = command
      throw new Error(`unknown cluster command ${(unreachable as { type: string }).type}`)
    }
  }
  return cluster.nodes.map((n) => ({ name: n.name, running: n.running, group: n.group }))
}
