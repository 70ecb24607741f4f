// rabbitmq-queues grow and shrink: a node joins every quorum queue it is not a member of, or leaves every one
// it is (never as the last member). add_member / delete_member act on one queue (QuorumReplicas).

import type { Broker } from '../broker.ts'
import { QuorumReplicas } from './quorum-replicas.ts'

function quorumQueues(broker: Broker): QuorumReplicas[] {
  const out: QuorumReplicas[] = []
  for (const vhost of broker.vhosts.values())
    for (const queue of vhost.queues.values())
      if (queue.replicas instanceof QuorumReplicas && queue.replicas.kind === 'quorum') out.push(queue.replicas)
  return out
}

/** Returns how many queues the node joined. */
export function growOnto(broker: Broker, node: string): number {
  let grown = 0
  for (const replicas of quorumQueues(broker)) {
    if (replicas.members.includes(node)) continue
    replicas.addMember(node)
    grown++
  }
  return grown
}

/** Returns how many queues the node left. */
export function shrinkOff(broker: Broker, node: string): number {
  let shrunk = 0
  for (const replicas of quorumQueues(broker)) {
    if (!replicas.members.includes(node) || replicas.members.length === 1) continue
    replicas.deleteMember(node)
    shrunk++
  }
  return shrunk
}
