// Federation links as GET /api/federation-links and rabbitmqctl federation_status report them.

import type { DesignMember } from '../design/registry.ts'
import type { JsonObject } from '../management/templates.ts'
import { statusTimestamp } from '../shovel/status.ts'
import { ExchangeLink } from './exchange-link.ts'
import { QueueLink } from './queue-link.ts'

export function federationStatuses(member: DesignMember, wallClock: (at: number) => number): JsonObject[] {
  const node = member.host.nodeName(member.name)
  return member.federation.of(member.name).map((link) => {
    const out: JsonObject = {
      node,
      vhost: link.vhost,
      upstream: link.config.name,
      type: link.type,
      status: link.status,
      uri: link.upstreamUri,
      timestamp: statusTimestamp(wallClock(link.since)),
    }
    if (link instanceof ExchangeLink) {
      out.exchange = link.name
      out.upstream_exchange = link.upstreamExchange
      out.id = link.queueName
    } else if (link instanceof QueueLink) {
      out.queue = link.name
      out.upstream_queue = link.upstreamQueue
    }
    if (link.error) out.error = link.error
    return out
  })
}
