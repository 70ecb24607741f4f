// The nodes of one broker: rabbit@n1 ... rabbit@n7, each running or stopped, and the partition groups they
// are split into. Queues placed on the nodes are told of every change, so they can fail over or recover.

import type { Clock } from '../clock.ts'
import type { BrokerEvent } from '../events.ts'
import { seededRandom, type Random } from '../random.ts'

export const MAX_CLUSTER_SIZE = 7

export interface ClusterNode {
  readonly name: string
  running: boolean
  /** Partition group: nodes reach each other only within the same group (0 when healed). */
  group: number
}

/** Something placed on the nodes that reacts when they stop, start, split or heal. */
export interface ClusterMember {
  membershipChanged(): void
  /** The node left the cluster (setSize shrank it). */
  nodeRemoved(node: string): void
}

/** What the cluster needs of its broker: closing the connections of a node that stops or leaves. */
export interface ClusterHost {
  closeConnectionsOn(node: string, why: 'shutdown' | 'removed'): void
  readonly emit: ((event: BrokerEvent) => void) | null
}

export const nodeName = (index: number) => `rabbit@n${index}`

export class Cluster {
  readonly nodes: ClusterNode[] = []
  readonly random: Random
  private readonly members = new Set<ClusterMember>()

  constructor(
    readonly clock: Clock,
    private readonly host: ClusterHost,
    seed: number,
    size = 1,
  ) {
    // Its own stream from the broker's seed, so a cluster's elections leave the broker's generated names alone.
    this.random = seededRandom((seed ^ 0x9e3779b9) >>> 0)
    this.resize(size)
  }

  get size(): number {
    return this.nodes.length
  }

  /** The node a connection goes to when none is named. */
  get first(): string {
    return this.nodes[0].name
  }

  node(name: string): ClusterNode {
    const node = this.nodes.find((n) => n.name === name)
    if (!node) throw new Error(`no node ${name} in this cluster (${this.nodes.map((n) => n.name).join(', ')})`)
    return node
  }

  isRunning(name: string): boolean {
    return this.nodes.find((n) => n.name === name)?.running ?? false
  }

  /** Both nodes run and no partition separates them. */
  reachable(from: string, to: string): boolean {
    const a = this.nodes.find((n) => n.name === from)
    const b = this.nodes.find((n) => n.name === to)
    return !!a && !!b && a.running && b.running && a.group === b.group
  }

  /** Running nodes in the order of their names. */
  runningNodes(): string[] {
    return this.nodes.filter((n) => n.running).map((n) => n.name)
  }

  join(member: ClusterMember): void {
    this.members.add(member)
  }

  leave(member: ClusterMember): void {
    this.members.delete(member)
  }

  /** Grows with running nodes or shrinks from the last node, as `rabbitmqctl forget_cluster_node` would. */
  setSize(size: number): void {
    if (!Number.isInteger(size) || size < 1 || size > MAX_CLUSTER_SIZE)
      throw new Error(`a cluster has 1 to ${MAX_CLUSTER_SIZE} nodes, not ${size}`)
    const removed = this.nodes.slice(size).map((n) => n.name)
    for (const name of removed) this.host.closeConnectionsOn(name, 'removed')
    this.resize(size)
    for (const name of removed) for (const member of [...this.members]) member.nodeRemoved(name)
    this.changed()
  }

  stop(name: string): void {
    const node = this.node(name)
    if (!node.running) return
    node.running = false
    this.nodeChanged(node)
    this.host.closeConnectionsOn(name, 'shutdown')
    this.changed()
  }

  start(name: string): void {
    const node = this.node(name)
    if (node.running) return
    node.running = true
    this.nodeChanged(node)
    this.changed()
  }

  /** Splits the nodes into groups that cannot reach one another; nodes left out form one more group. */
  partition(groups: string[][]): void {
    const seen = new Set<string>()
    for (const group of groups)
      for (const name of group) {
        this.node(name)
        if (seen.has(name)) throw new Error(`node ${name} is in two partition groups`)
        seen.add(name)
      }
    for (const node of this.nodes) node.group = groups.length
    groups.forEach((group, index) => {
      for (const name of group) this.node(name).group = index
    })
    for (const node of this.nodes) this.nodeChanged(node)
    this.changed()
  }

  heal(): void {
    for (const node of this.nodes) {
      if (node.group === 0) continue
      node.group = 0
      this.nodeChanged(node)
    }
    this.changed()
  }

  private resize(size: number): void {
    this.nodes.length = Math.min(this.nodes.length, size)
    for (let i = this.nodes.length + 1; i <= size; i++) this.nodes.push({ name: nodeName(i), running: true, group: 0 })
  }

  /** Node and leader changes reach the event log like every other state change. */
  emit(event: BrokerEvent): void {
    this.host.emit?.(event)
  }

  private changed(): void {
    for (const member of [...this.members]) member.membershipChanged()
  }

  private nodeChanged(node: ClusterNode): void {
    this.emit({ type: 'nodeChanged', at: this.clock.now(), node: node.name, running: node.running, group: node.group })
  }
}
