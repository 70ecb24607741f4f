// A classic queue's home node. While the home node is down, or cut off from the client's node, the queue and
// its messages are out of reach: declare, get and consume fail with 404 and publishes to it are nacked.
// When the node stops its transient messages are gone, and a non-durable queue with them.

import { notFound } from '../errors.ts'
import type { Queue } from '../queue.ts'
import type { Cluster, ClusterMember } from './cluster.ts'
import type { Admission, QueuePlacement, QueueReplicas } from './replicas.ts'

/** What a classic queue's home needs of its virtual host when its node stops or leaves. */
export interface ClassicHomeHost {
  readonly name: string
  removeQueue(queue: Queue, reason: 'deleted'): number
}

export class ClassicHome implements QueueReplicas, ClusterMember {
  readonly kind = 'classic' as const
  private wasRunning = true

  constructor(
    private readonly queue: Queue,
    private readonly cluster: Cluster,
    private readonly vhost: ClassicHomeHost,
    readonly node: string,
  ) {}

  get leaderNode(): string {
    return this.node
  }

  get running(): boolean {
    return this.cluster.isRunning(this.node)
  }

  admit(node: string | undefined): Admission {
    return this.cluster.reachable(node ?? this.node, this.node) ? 'accept' : 'reject'
  }

  hold(): void {}

  reaches(node: string | undefined): boolean {
    return node === undefined || this.cluster.reachable(node, this.node)
  }

  placement(): QueuePlacement {
    return { leader: this.node, members: [this.node] }
  }

  assertReachableFrom(node: string | undefined): void {
    if (this.cluster.reachable(node ?? this.node, this.node)) return
    const kind = this.queue.def.durable ? 'durable queue' : 'queue'
    throw notFound(
      `home node '${this.node}' of ${kind} '${this.queue.name}' in vhost '${this.vhost.name}' is down or inaccessible`,
    )
  }

  membershipChanged(): void {
    const running = this.running
    if (this.wasRunning && !running) this.nodeStopped()
    this.wasRunning = running
    // A healed partition brings consumers on the other side back into reach.
    if (running) this.queue.dispatch()
  }

  nodeRemoved(node: string): void {
    if (node === this.node) this.vhost.removeQueue(this.queue, 'deleted')
  }

  dispose(): void {
    this.cluster.leave(this)
  }

  /** The queue process dies with its node: consumers elsewhere are cancelled, what was not on disk is lost. */
  private nodeStopped(): void {
    if (!this.queue.def.durable) {
      this.vhost.removeQueue(this.queue, 'deleted')
      return
    }
    for (const consumer of [...this.queue.consumers]) consumer.channel.cancelByBroker(consumer)
    const ready = this.queue.ready
    for (const entry of ready.drain()) if (entry.message.persistent) ready.push(entry)
  }
}
