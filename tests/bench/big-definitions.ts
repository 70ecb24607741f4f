// RabbitMQ definitions of a real-sized topology, made from counters (no randomness), for the layout bench
// and the e2e checks of large imports.

export interface BigShape {
  exchanges: number
  queues: number
  /** Bindings per queue: all but one from its home exchange (parallel, with distinct keys), one from the next. */
  bindingsPerQueue: number
}

export const LAYOUT_1K: BigShape = { exchanges: 40, queues: 1000, bindingsPerQueue: 3 }

export function bigDefinitions(shape: BigShape): Record<string, unknown> {
  const exchanges = Array.from({ length: shape.exchanges }, (_, x) => ({
    name: `svc${x}.events`,
    vhost: '/',
    type: 'topic',
    durable: true,
    auto_delete: false,
    internal: false,
    arguments: {},
  }))
  const queues = Array.from({ length: shape.queues }, (_, q) => ({
    name: `svc${q % shape.exchanges}.q${q}`,
    vhost: '/',
    durable: true,
    auto_delete: false,
    arguments: {},
  }))
  const bindings = queues.flatMap((queue, q) =>
    Array.from({ length: shape.bindingsPerQueue }, (_, k) => {
      const home = q % shape.exchanges
      const last = k === shape.bindingsPerQueue - 1 && shape.bindingsPerQueue > 1
      return {
        source: `svc${last ? (home + 1) % shape.exchanges : home}.events`,
        vhost: '/',
        destination: queue.name,
        destination_type: 'queue',
        routing_key: `q${q}.k${k}.#`,
        arguments: {},
      }
    }),
  )
  return { rabbit_version: '4.0.5', vhosts: [{ name: '/' }], exchanges, queues, bindings }
}
