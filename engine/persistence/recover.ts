// Rebuilds a broker from what was on disk, as a RabbitMQ node does at boot: vhosts, policies, durable exchanges,
// queues and bindings come back; persistent messages come back in order, those delivered but unacked as redelivered.

import type { Broker } from '../broker.ts'
import { byteLength } from '../byte-length.ts'
import type { RecoveryReport } from './recovery-report.ts'
import type { RecoveredState } from './store.ts'
import type { QueuedMessage } from '../queue-store.ts'

export function recoverInto(broker: Broker, state: RecoveredState): RecoveryReport {
  const durable = broker.durable
  const emit = broker.emit
  broker.durable = null
  broker.emit = null
  const skipped: string[] = [...state.corrupt]
  let messages = 0
  const recoveredQueues: { vhost: string; queue: string; entries: QueuedMessage[] }[] = []
  try {
    // Every stored vhost first, so one that holds nothing comes back too.
    for (const name of state.vhosts) broker.addVhost(name)
    // Policies next, so the exchanges and queues that follow take their effective settings at once.
    for (const p of state.policies) {
      const vhost = broker.addVhost(p.vhost)
      try {
        vhost.setPolicy(
          { name: p.name, pattern: p.pattern, applyTo: p.applyTo, priority: p.priority, definition: p.definition },
          p.operator === true,
        )
      } catch (error) {
        skipped.push(`${p.operator ? 'operator policy' : 'policy'} '${p.name}': ${(error as Error).message}`)
      }
    }
    for (const x of state.exchanges) {
      const vhost = broker.addVhost(x.vhost)
      try {
        vhost.restoreExchange({
          name: x.name,
          type: x.type,
          durable: x.durable,
          autoDelete: x.autoDelete,
          internal: x.internal,
          arguments: x.arguments,
        })
      } catch (error) {
        skipped.push(`exchange '${x.name}': ${(error as Error).message}`)
      }
    }
    for (const q of state.queues) {
      const vhost = broker.addVhost(q.vhost)
      try {
        vhost.declareQueue(
          { queue: q.name, durable: true, exclusive: false, autoDelete: q.autoDelete, arguments: q.arguments },
          0,
          q.placement,
        )
      } catch (error) {
        skipped.push(`queue '${q.name}': ${(error as Error).message}`)
      }
    }
    for (const b of state.bindings) {
      const vhost = broker.addVhost(b.vhost)
      try {
        vhost.bind(
          {
            source: b.source,
            destination: b.destination,
            destinationType: b.destinationType,
            routingKey: b.routingKey,
            arguments: b.arguments,
          },
          null,
        )
      } catch (error) {
        skipped.push(`binding ${b.source} -> ${b.destination}: ${(error as Error).message}`)
      }
    }
    for (const r of state.messages) {
      const queue = broker.vhosts.get(r.vhost)?.queues.get(r.queue)
      if (!queue) continue
      const entries: QueuedMessage[] = new Array(r.messages.length)
      for (let i = 0; i < r.messages.length; i++) {
        const m = r.messages[i]
        entries[i] = {
          message: {
            id: broker.nextMessageId(),
            exchange: m.exchange,
            routingKey: m.routingKey,
            routingKeys: m.routingKeys,
            body: m.body,
            size: byteLength(m.body),
            properties: m.properties,
            persistent: true,
          },
          seq: m.seq,
          expiresAt: m.expiresAt,
          redelivered: m.delivered,
          deliveryCount: m.deliveryCount,
        }
        if (m.appendedAt !== undefined) entries[i].appendedAt = m.appendedAt
      }
      messages += entries.length
      recoveredQueues.push({ vhost: r.vhost, queue: r.queue, entries })
    }
  } finally {
    broker.durable = durable
    broker.emit = emit
  }
  // A vhost known only from its entities (its own record unreadable) gets its record back.
  const stored = new Set(state.vhosts)
  for (const name of broker.vhosts.keys()) if (name !== '/' && !stored.has(name)) durable?.vhostSaved?.(name)
  // Restored with the durable log on, so messages that expired while the broker was down are removed for good.
  for (const r of recoveredQueues) broker.vhosts.get(r.vhost)?.queues.get(r.queue)?.restore(r.entries)
  return {
    exchanges: state.exchanges.length,
    queues: state.queues.length,
    bindings: state.bindings.length,
    messages,
    skipped,
  }
}
