// Asks the broker to validate a declaration before anything is deleted: the same declaration under a
// throwaway name, deleted at once. The error then names the real entity, in RabbitMQ's words.
// (A dry-run flag on queueDeclare/exchangeDeclare in the protocol would make this unnecessary.)

import type { WarrenChannel } from '../broker/amqp.ts'
import type { Op } from '../design/graph-to-commands.ts'
import { PROBE_PREFIX } from '../store/apply-events.ts'

let probes = 0

function reservedName(kind: 'exchange' | 'queue', name: string): string | null {
  if (kind === 'exchange' && name === '') return 'ACCESS_REFUSED - operation not permitted on the default exchange'
  if (name.startsWith('amq.')) return `ACCESS_REFUSED - ${kind} name '${name}' contains reserved prefix 'amq.*'`
  return null
}

export class ProbeError extends Error {}

/** Throws a ProbeError with the broker's wording when a declare in `ops` would be refused. */
export async function probeDeclares(channel: () => Promise<WarrenChannel>, ops: readonly Op[]): Promise<void> {
  for (const op of ops) {
    if (op.op !== 'declareQueue' && op.op !== 'declareExchange') continue
    const kind = op.op === 'declareQueue' ? 'queue' : 'exchange'
    const real = op.def.name
    const reserved = reservedName(kind, real)
    if (reserved) throw new ProbeError(reserved)
    const probe = `${PROBE_PREFIX}${++probes}`
    const ch = await channel()
    try {
      if (op.op === 'declareQueue') {
        const d = op.def
        await ch.assertQueue(probe, {
          durable: d.durable,
          exclusive: d.exclusive,
          autoDelete: d.autoDelete,
          arguments: d.arguments,
        })
        await ch.deleteQueue(probe)
      } else {
        const d = op.def
        await ch.assertExchange(probe, d.type, {
          durable: d.durable,
          autoDelete: d.autoDelete,
          internal: d.internal,
          arguments: d.arguments,
        })
        await ch.deleteExchange(probe)
      }
    } catch (error) {
      const detail = (error as { detail?: string }).detail ?? (error as Error).message
      throw new ProbeError(detail.split(`'${probe}'`).join(`'${real}'`))
    }
  }
}
