// What the broker tells its persistence: the one interface between the engine and a store on disk.

import type { BindingDef, ExchangeDef, QueueDef } from './model.ts'
import type { PolicyDef } from './policy.ts'
import type { QueuePlacement } from './cluster/replicas.ts'
import type { QueuedMessage } from './queue-store.ts'

/** Receives every change that must survive a restart: durable entities and persistent messages in durable queues. */
export interface DurableLog {
  exchangeSaved(vhost: string, def: ExchangeDef): void
  exchangeDeleted(vhost: string, name: string): void
  /** `placement`: the nodes of a queue in a cluster (none on a single node). */
  queueSaved(vhost: string, def: QueueDef, placement?: QueuePlacement): void
  queueDeleted(vhost: string, name: string): void
  bindingSaved(vhost: string, def: BindingDef): void
  bindingDeleted(vhost: string, def: BindingDef): void
  messageStored(vhost: string, queue: string, entry: QueuedMessage): void
  /** Delivered and awaiting an ack: after a restart it comes back with redelivered set. */
  messageDelivered(vhost: string, queue: string, entry: QueuedMessage): void
  messageRemoved(vhost: string, queue: string, entry: QueuedMessage): void
  policySaved?(vhost: string, def: PolicyDef, operator?: boolean): void
  policyDeleted?(vhost: string, name: string, operator?: boolean): void
  /** A vhost other than '/' was created: it survives a restart even while empty. */
  vhostSaved?(name: string): void
  /** A vhost was deleted, with everything in it. */
  vhostDeleted?(name: string): void
}
