// One exchange: its definition, its compiled router, and the bindings into and out of it.

import type { BindingDef, ExchangeDef } from './model.ts'
import { createRouter } from './exchanges/registry.ts'
import type { Binding, Destination, Router } from './exchanges/router.ts'

export class Exchange implements Destination {
  readonly kind = 'exchange' as const
  routeMark = 0
  readonly router: Router
  /** Bindings where this exchange is the source, in the order they were made. */
  readonly outgoing: Binding[] = []
  /** The same bindings by identity (destination, key, arguments), so binding twice is found in O(1). */
  readonly bindingIndex = new Map<string, Binding>()
  deleted = false
  /** Messages clients published to this exchange, and the queue copies they made (message_stats). */
  publishIn = 0
  publishOut = 0

  constructor(readonly def: ExchangeDef) {
    this.router = createRouter(def.type)
  }

  get name(): string {
    return this.def.name
  }

  /** alternate-exchange from a policy, used when the arguments name none. */
  policyAlternate: string | undefined = undefined

  get alternateExchange(): string | undefined {
    const ae = this.def.arguments['alternate-exchange']
    return typeof ae === 'string' ? ae : this.policyAlternate
  }
}

/** A binding's identity: unbind must name the same destination, routing key and arguments. */
export function bindingIdentity(b: BindingDef): string {
  return `${b.destinationType}\u0000${b.destination}\u0000${b.routingKey}\u0000${canonicalArguments(b.arguments)}`
}

function canonicalArguments(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, (v as Record<string, unknown>)[k]]),
        )
      : v,
  )
}

/** The exchanges every vhost starts with (all durable); the default exchange is the one named "". */
export const PREDECLARED_EXCHANGES: readonly ExchangeDef[] = [
  { name: '', type: 'direct', durable: true, autoDelete: false, internal: false, arguments: {} },
  { name: 'amq.direct', type: 'direct', durable: true, autoDelete: false, internal: false, arguments: {} },
  { name: 'amq.fanout', type: 'fanout', durable: true, autoDelete: false, internal: false, arguments: {} },
  { name: 'amq.topic', type: 'topic', durable: true, autoDelete: false, internal: false, arguments: {} },
  { name: 'amq.headers', type: 'headers', durable: true, autoDelete: false, internal: false, arguments: {} },
  { name: 'amq.match', type: 'headers', durable: true, autoDelete: false, internal: false, arguments: {} },
  { name: 'amq.rabbitmq.trace', type: 'topic', durable: true, autoDelete: false, internal: true, arguments: {} },
]
