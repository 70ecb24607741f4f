// Super streams: a partitioned stream as `rabbitmq-streams add_super_stream` declares it (recorded from 4.3.6:
// tests/management/recorded/4.3/definitions-super-stream.json): a durable direct exchange marked x-super-stream,
// one stream per partition, each bound by its routing key with x-stream-partition-order. Publishing routes by key.

import type { FieldTable } from '../model.ts'
import type { VirtualHost } from '../vhost.ts'

export interface SuperStreamSpec {
  name: string
  /** Partition count: partitions <name>-0 .. <name>-(n-1), bound with keys "0" .. "n-1". */
  partitions?: number
  /** Or one partition per binding key: <name>-<key>, bound with that key. */
  bindingKeys?: readonly string[]
  /** Stream arguments for every partition (x-max-length-bytes, x-max-age, ...). */
  arguments?: FieldTable
}

export interface SuperStreamPartition {
  queue: string
  routingKey: string
  order: number
}

export const SUPER_STREAM_ARGUMENT = 'x-super-stream'
export const PARTITION_ORDER_ARGUMENT = 'x-stream-partition-order'

/** The partitions a spec makes, in partition order. */
export function superStreamPartitions(spec: SuperStreamSpec): SuperStreamPartition[] {
  const keys = spec.bindingKeys ?? Array.from({ length: spec.partitions ?? 3 }, (_, i) => String(i))
  return keys.map((key, order) => ({ queue: `${spec.name}-${key}`, routingKey: key, order }))
}

/** Declares the exchange, the partition streams and their bindings; connection 0 declares on the broker's behalf. */
export function declareSuperStream(vhost: VirtualHost, spec: SuperStreamSpec): SuperStreamPartition[] {
  const partitions = superStreamPartitions(spec)
  vhost.declareExchange({
    exchange: spec.name,
    type: 'direct',
    durable: true,
    autoDelete: false,
    internal: false,
    arguments: { [SUPER_STREAM_ARGUMENT]: true },
  })
  for (const p of partitions) {
    vhost.declareQueue(
      {
        queue: p.queue,
        durable: true,
        arguments: { 'x-queue-type': 'stream', 'x-queue-leader-locator': 'balanced', ...spec.arguments },
      },
      0,
    )
    vhost.bind(
      {
        source: spec.name,
        destination: p.queue,
        destinationType: 'queue',
        routingKey: p.routingKey,
        arguments: { [PARTITION_ORDER_ARGUMENT]: p.order },
      },
      null,
    )
  }
  return partitions
}

/** The partitions of an existing super stream, by their binding order; empty when `exchange` is not one. */
export function partitionsOf(vhost: VirtualHost, exchange: string): SuperStreamPartition[] {
  const x = vhost.exchanges.get(exchange)
  if (!x || x.def.arguments[SUPER_STREAM_ARGUMENT] !== true) return []
  return x.outgoing
    .filter((b) => b.destinationType === 'queue' && typeof b.arguments[PARTITION_ORDER_ARGUMENT] === 'number')
    .map((b) => ({
      queue: b.destination,
      routingKey: b.routingKey,
      order: b.arguments[PARTITION_ORDER_ARGUMENT] as number,
    }))
    .sort((a, b) => a.order - b.order)
}
