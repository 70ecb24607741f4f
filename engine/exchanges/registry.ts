// Exchange type name -> router. Unknown types are refused when declared, as RabbitMQ does.

import { commandInvalid } from '../errors.ts'
import type { ExchangeType } from '../model.ts'
import { DirectRouter } from './direct.ts'
import { FanoutRouter } from './fanout.ts'
import { HeadersRouter } from './headers.ts'
import type { Router } from './router.ts'
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

export function createRouter(type: ExchangeType): Router {
  return ROUTERS[type]()
}
