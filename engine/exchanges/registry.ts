// Exchange type name -> router. Unknown types are refused when declared, as RabbitMQ does; the types that
// ship with RabbitMQ beyond the four of AMQP route when the version's profile has them.

import { commandInvalid, preconditionFailed } from '../errors.ts'
import type { ExchangeType } from '../model.ts'
import type { VersionProfile } from '../profile.ts'
import { ConsistentHashRouter } from './consistent-hash.ts'
import { DirectRouter } from './direct.ts'
import { LocalRandomRouter } from './local-random.ts'
import { ModulusHashRouter } from './modulus-hash.ts'
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

const PLUGIN_ROUTERS: Record<string, () => Router> = {
  'x-consistent-hash': () => new ConsistentHashRouter(),
  'x-local-random': () => new LocalRandomRouter(),
  'x-modulus-hash': () => new ModulusHashRouter(),
  // The federation plugin's upstream exchange: every binding; the link drops what has made max-hops hops.
  'x-federation-upstream': () => new FanoutRouter(),
}

/**
 * rabbit_exchange:check_type: a type this version does not have is refused, as a connection error
 * (503 COMMAND_INVALID) in 3.x and a channel error (406 PRECONDITION_FAILED) from 4.0.
 */
export function checkExchangeType(type: string, profile: VersionProfile): string {
  if (isExchangeType(type) || profile.extraExchangeTypes.includes(type)) return type
  const text = `unknown exchange type '${type}'`
  throw profile.unknownExchangeTypeIsChannelError ? preconditionFailed(text) : commandInvalid(text)
}

export function createRouter(type: string): Router {
  if (isExchangeType(type)) return ROUTERS[type]()
  const plugin = PLUGIN_ROUTERS[type]
  return plugin ? plugin() : new UnsimulatedRouter(type)
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
