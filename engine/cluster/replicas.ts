// Where a queue lives in a cluster, as the queue and the publish path see it. Single-node brokers have none.

import type { Message } from '../model.ts'

/** A publisher confirm that waits for queues holding the message until they can take it (no quorum leader). */
export interface HeldConfirm {
  readonly channel: { readonly id: number; readonly closed?: boolean; readonly connection: HeldConfirmConnection }
  readonly publishSeq: number
  readonly messageId: number
  /** Queues still holding the message. */
  pending: number
  /** Some queue refused the message: the confirm, when it comes, is a nack. */
  rejected: boolean
}

interface HeldConfirmConnection {
  readonly sink: { confirmed(channel: number, publishSeq: number, ack: boolean): void }
}

/** Where a queue lives, kept with its record so a restart brings it back on the same nodes. */
export interface QueuePlacement {
  /** A classic queue's home node, or the node leading a replicated queue when it was saved. */
  leader: string
  /** The nodes holding a replica, sorted (a classic queue's home alone). */
  members: string[]
}

/** What a routed publish from a client on `node` meets at this queue. */
export type Admission = 'accept' | 'reject' | 'hold'

export interface QueueReplicas {
  readonly kind: 'classic' | 'quorum' | 'stream'
  /** The node hosting a classic queue or leading a quorum queue (null while it has no leader). */
  readonly leaderNode: string | null
  /** How a publish from a connection on `node` is taken: enqueued, nacked, or held until a leader can take it. */
  admit(node: string | undefined): Admission
  /** A consumer connected to `node` can be delivered to: its node reaches the leader (or the home node). */
  reaches(node: string | undefined): boolean
  /** Keeps a message until the queue can take it; `confirm` is told once it does. */
  hold(message: Message, messageTtl: number | undefined, node: string | undefined, confirm: HeldConfirm | null): void
  /** Throws RabbitMQ's error when a client on `node` cannot use the queue (declare, get, consume, purge, delete). */
  assertReachableFrom(node: string | undefined): void
  /** What to save for a restart. */
  placement(): QueuePlacement
  /** The queue is deleted: stop following the cluster. */
  dispose(): void
}
