// The argument badges a queue shows, with the abbreviations RabbitMQ's management UI uses.

import type { QueueDef } from '../../engine/model.ts'
import { formatBytes, formatMs } from './format.ts'

export interface Badge {
  label: string
  title: string
  tone?: 'warn' | 'accent'
}

export function queueFlags(q: QueueDef): Badge[] {
  const out: Badge[] = []
  if (q.durable) out.push({ label: 'D', title: 'durable: survives a broker restart' })
  if (q.exclusive) out.push({ label: 'Excl', title: 'exclusive: owned by one connection, deleted when it closes' })
  if (q.autoDelete) out.push({ label: 'AD', title: 'auto-delete: deleted when its last consumer goes' })
  return out
}

export function queueBadges(q: QueueDef): Badge[] {
  const a = q.arguments
  const out: Badge[] = []
  const num = (k: string) => (typeof a[k] === 'number' ? (a[k] as number) : undefined)
  const ttl = num('x-message-ttl')
  if (ttl !== undefined)
    out.push({ label: `TTL ${formatMs(ttl)}`, title: `x-message-ttl: messages expire after ${ttl} ms` })
  const expires = num('x-expires')
  if (expires !== undefined)
    out.push({ label: `Exp ${formatMs(expires)}`, title: `x-expires: the queue is deleted after ${expires} ms unused` })
  const maxLen = num('x-max-length')
  const maxBytes = num('x-max-length-bytes')
  const overflow = typeof a['x-overflow'] === 'string' ? a['x-overflow'] : 'drop-head'
  if (maxLen !== undefined || maxBytes !== undefined) {
    const limit = [maxLen !== undefined ? `${maxLen}` : '', maxBytes !== undefined ? formatBytes(maxBytes) : '']
      .filter(Boolean)
      .join(' / ')
    out.push({
      label: `Lim ${limit} · ${overflow}`,
      title: `x-max-length${maxBytes !== undefined ? '/-bytes' : ''}: at most ${limit}; when full: ${overflow}`,
    })
  }
  if (typeof a['x-dead-letter-exchange'] === 'string') {
    const key = a['x-dead-letter-routing-key']
    out.push({
      label: `DLX ${a['x-dead-letter-exchange'] || '(default)'}`,
      title: `x-dead-letter-exchange${typeof key === 'string' ? ` with routing key '${key}'` : ''}`,
      tone: 'warn',
    })
  }
  const prio = num('x-max-priority')
  if (prio !== undefined) out.push({ label: `Pri 0-${prio}`, title: `x-max-priority: priorities 0 to ${prio}` })
  const limit = num('x-delivery-limit')
  if (limit !== undefined)
    out.push({ label: `Limit ${limit}`, title: `x-delivery-limit: dead-lettered after ${limit} redeliveries` })
  if (a['x-single-active-consumer'] === true)
    out.push({ label: 'SAC', title: 'x-single-active-consumer: one consumer at a time' })
  return out
}

export const queueType = (q: QueueDef) =>
  typeof q.arguments['x-queue-type'] === 'string' ? (q.arguments['x-queue-type'] as string) : 'classic'
