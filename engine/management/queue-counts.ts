// A queue's depth and consumers, counted in one place: the designer's snapshot and the management API's
// messages / messages_ready / messages_unacknowledged / consumers all read these.

import type { Queue } from '../queue.ts'

export interface QueueCounts {
  ready: number
  unacked: number
  consumers: number
}

export function queueCounts(queue: Queue): QueueCounts {
  return { ready: queue.messageCount, unacked: queue.unacked, consumers: queue.consumerCount }
}
