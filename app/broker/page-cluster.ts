// warren.cluster: the nodes of the tab's broker, from the console or a test. Names are rabbit@n1 ... (n1 works too).

import type { ClusterNodeInfo } from '../../engine/worker/protocol.ts'
import type { BrokerClient } from './client.ts'

export interface PageCluster {
  /** await warren.cluster.nodes() -> [{ name: 'rabbit@n1', running: true, group: 0 }, ...] */
  nodes(): Promise<ClusterNodeInfo[]>
  /** 1 to 7 nodes; shrinking removes the last nodes, their classic queues and their quorum members. */
  setSize(size: number): Promise<ClusterNodeInfo[]>
  stop(node: string): Promise<ClusterNodeInfo[]>
  start(node: string): Promise<ClusterNodeInfo[]>
  /** await warren.cluster.partition([['n1'], ['n2', 'n3']]): nodes reach each other only within a group. */
  partition(groups: string[][]): Promise<ClusterNodeInfo[]>
  heal(): Promise<ClusterNodeInfo[]>
}

export function pageCluster(client: BrokerClient, held: <T>(call: () => Promise<T>) => Promise<T>): PageCluster {
  return {
    nodes: () => held(() => client.send({ type: 'clusterNodes' })),
    setSize: (size) => held(() => client.send({ type: 'clusterSetSize', size })),
    stop: (node) => held(() => client.send({ type: 'clusterStop', node })),
    start: (node) => held(() => client.send({ type: 'clusterStart', node })),
    partition: (groups) => held(() => client.send({ type: 'clusterPartition', groups })),
    heal: () => held(() => client.send({ type: 'clusterHeal' })),
  }
}
