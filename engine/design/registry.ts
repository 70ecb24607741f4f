// Which design a broker belongs to, and under which name: the management API of a broker in a design answers
// /api/shovels and /api/federation-links from it. A broker alone is in none.

import type { Broker } from '../broker.ts'
import type { Federation } from '../federation/federation.ts'
import type { Shovels } from '../shovel/shovels.ts'
import type { LinkHost } from './link-host.ts'

/** What the management API reads of a design. */
export interface DesignMember {
  host: LinkHost
  shovels: Shovels
  federation: Federation
  name: string
}

const membership = new WeakMap<Broker, DesignMember>()

export function joinDesign(broker: Broker, member: DesignMember): void {
  membership.set(broker, member)
}

export function leaveDesign(broker: Broker): void {
  membership.delete(broker)
}

export function designOf(broker: Broker): DesignMember | undefined {
  return membership.get(broker)
}
