// The current document: the broker's user-declared topology plus the design data.

import { isPredeclaredExchange } from '../design/ids.ts'
import type { DesignDoc } from '../design/types.ts'
import type { BrokerSlice } from './broker-slice.ts'
import type { DesignSlice } from './design-slice.ts'

export function docOf(s: BrokerSlice & DesignSlice): DesignDoc {
  const exchanges: DesignDoc['exchanges'] = {}
  for (const [name, def] of Object.entries(s.exchanges)) if (!isPredeclaredExchange(name)) exchanges[name] = def
  return {
    exchanges,
    queues: s.queues,
    bindings: s.bindings,
    producers: s.producers,
    consumers: s.consumers,
    positions: s.positions,
  }
}
