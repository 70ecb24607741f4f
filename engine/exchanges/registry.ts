// Exchange type name -> router. Unknown types are refused when declared, as RabbitMQ does.

import { commandInvalid } from '../errors.ts'
import type { ExchangeType } from '../model.ts'
import { DirectRouter } from './direct.ts'
import { FanoutRouter } from './fanout.ts'
import { HeadersRouter } from './headers.ts'
import type { Binding, BindingTest, Router } from './router.ts'
import { TopicRouter } from './topic.ts'

const ROUTERS: Record<ExchangeType, () => Router> = {
  direct: () => new DirectRouter(),
  fanout: () => new FanoutRouter(),
  topic: () => new TopicRouter(),
  headers: () => new HeadersRouter(),
}

export function isExchangeType(type: string): type is ExchangeType {
  return Object.prototype.hasOwnProperty.call(ROUTERS, type)
}

/** rabbit_exchange:check_type: an unknown type is a connection error (503 COMMAND_INVALID). */
export function checkExchangeType(type: string): ExchangeType {
  if (!isExchangeType(type)) throw commandInvalid(`unknown exchange type '${type}'`)
  return type
}

export function createRouter(type: string): Router {
  return isExchangeType(type) ? ROUTERS[type]() : new UnsimulatedRouter(type)
}

/** A plugin exchange type kept from an import: its bindings are kept, it routes nothing. */
class UnsimulatedRouter implements Router {
  private readonly bindings: Binding[] = []
  constructor(private readonly type: string) {}
  add(binding: Binding): void {
    this.bindings.push(binding)
  }
  remove(binding: Binding): void {
    const at = this.bindings.indexOf(binding)
    if (at >= 0) this.bindings.splice(at, 1)
  }
  route(): number {
    return 0
  }
  explain(): BindingTest[] {
    return this.bindings.map((binding) => ({
      binding,
      matched: false,
      reason: `"${this.type}" exchanges come from a plugin Warren does not simulate`,
      why: { code: 'plugin' as const, type: this.type },
    }))
  }
}
