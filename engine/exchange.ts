// One exchange: its definition, its compiled router, and the bindings into and out of it.

import type { ExchangeDef } from './model.ts'
import { createRouter } from './exchanges/registry.ts'
import type { Binding, Destination, Router } from './exchanges/router.ts'

export class Exchange implements Destination {
  readonly kind = 'exchange' as const
  routeMark = 0
  readonly router: Router
  /** Bindings where this exchange is the source. */
  readonly outgoing: Binding[] = []
  deleted = false

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
