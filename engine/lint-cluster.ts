// Lint for a cluster of several nodes: what will not survive a node failure the way its owner expects.

import type { Broker } from './broker.ts'
import { ClassicHome } from './cluster/classic-home.ts'
import { QuorumReplicas } from './cluster/quorum-replicas.ts'

export type ClusterLintRule = 'quorum-without-majority-margin' | 'classic-persistent-single-node' | 'even-cluster-size'

/** A LintFinding of one of the rules here (lint.ts merges them). */
export interface ClusterLintFinding {
  severity: 'info' | 'warning'
  rule: ClusterLintRule
  vhost: string
  entity: { kind: 'queue' | 'file'; name: string }
  message: string
  params: Record<string, string | number>
}

export function lintCluster(broker: Broker): ClusterLintFinding[] {
  const size = broker.cluster.size
  if (size === 1) return []
  const out: ClusterLintFinding[] = []
  if (size % 2 === 0) {
    out.push({
      severity: 'info',
      rule: 'even-cluster-size',
      vhost: '/',
      entity: { kind: 'file', name: 'cluster' },
      message: `A cluster of ${size} nodes survives no more failures than one of ${size - 1}: an odd size gives each node its use.`,
      params: { size, smaller: size - 1 },
    })
  }
  for (const vhost of broker.vhosts.values()) {
    for (const queue of vhost.queues.values()) {
      const replicas = queue.replicas
      if (replicas instanceof QuorumReplicas && replicas.kind === 'quorum' && replicas.members.length < 3) {
        out.push({
          severity: 'warning',
          rule: 'quorum-without-majority-margin',
          vhost: vhost.name,
          entity: { kind: 'queue', name: queue.name },
          message: `Quorum queue "${queue.name}" has ${replicas.members.length} member(s): losing one node leaves no majority, so it stops confirming and delivering.`,
          params: { queue: queue.name, members: replicas.members.length },
        })
      }
      if (replicas instanceof ClassicHome && queue.def.durable && hasPersistent(queue.ready.entries())) {
        out.push({
          severity: 'info',
          rule: 'classic-persistent-single-node',
          vhost: vhost.name,
          entity: { kind: 'queue', name: queue.name },
          message: `Classic queue "${queue.name}" keeps persistent messages on ${replicas.node} alone: while that node is down they are out of reach. A quorum queue replicates them.`,
          params: { queue: queue.name, node: replicas.node },
        })
      }
    }
  }
  return out
}

function hasPersistent(entries: Iterable<{ message: { persistent: boolean } }>): boolean {
  for (const entry of entries) if (entry.message.persistent) return true
  return false
}
