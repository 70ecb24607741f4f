// A queue's depth and consumers, counted in one place: the designer's snapshot and the management API's
// messages / messages_ready / messages_unacknowledged / consumers all read these.

import type { Queue } from '../queue.ts'
import { StreamQueue } from '../stream/stream-queue.ts'

export interface QueueCounts {
  ready: number
  unacked: number
  consumers: number
}

/** A stream counts what its log holds as ready and nothing as unacked, as RabbitMQ's management API shows it. */
export function queueCounts(queue: Queue): QueueCounts {
  if (queue instanceof StreamQueue) return { ready: queue.storedCount, unacked: 0, consumers: queue.consumerCount }
  return { ready: queue.messageCount, unacked: queue.unacked, consumers: queue.consumerCount }
}
