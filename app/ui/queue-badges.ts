// The argument badges a queue shows, with the abbreviations RabbitMQ's management UI uses (the same in every
// language); their titles come from the catalogue.

import type { QueueDef } from '../../engine/model.ts'
import { formatBytes, formatMs } from './format.ts'
import { t } from '../i18n/index.ts'

export interface Badge {
  label: string
  title: string
  tone?: 'warn' | 'accent'
}

export function queueFlags(q: QueueDef): Badge[] {
  const out: Badge[] = []
  if (q.durable) out.push({ label: 'D', title: t('badges.durable') })
  if (q.exclusive) out.push({ label: 'Excl', title: t('badges.exclusive') })
  if (q.autoDelete) out.push({ label: 'AD', title: t('badges.autoDeleteQueue') })
  return out
}

export function queueBadges(q: QueueDef): Badge[] {
  const a = q.arguments
  const out: Badge[] = []
  const num = (k: string) => (typeof a[k] === 'number' ? (a[k] as number) : undefined)
  const ttl = num('x-message-ttl')
  if (ttl !== undefined) out.push({ label: `TTL ${formatMs(ttl)}`, title: t('badges.ttl', { ms: ttl }) })
  const expires = num('x-expires')
  if (expires !== undefined)
    out.push({ label: `Exp ${formatMs(expires)}`, title: t('badges.expires', { ms: expires }) })
  const maxLen = num('x-max-length')
  const maxBytes = num('x-max-length-bytes')
  const overflow = typeof a['x-overflow'] === 'string' ? a['x-overflow'] : 'drop-head'
  if (maxLen !== undefined || maxBytes !== undefined) {
    const limit = [maxLen !== undefined ? `${maxLen}` : '', maxBytes !== undefined ? formatBytes(maxBytes) : '']
      .filter(Boolean)
      .join(' / ')
    out.push({
      label: `Lim ${limit} · ${overflow}`,
      title: t('badges.maxLength', { bytes: maxBytes !== undefined ? 'yes' : 'no', limit, overflow }),
    })
  }
  if (typeof a['x-dead-letter-exchange'] === 'string') {
    const key = a['x-dead-letter-routing-key']
    out.push({
      label: `DLX ${a['x-dead-letter-exchange'] || t('common.defaultExchange')}`,
      title: typeof key === 'string' ? t('badges.deadLetterWithKey', { key }) : 'x-dead-letter-exchange',
      tone: 'warn',
    })
  }
  const prio = num('x-max-priority')
  if (prio !== undefined) out.push({ label: `Pri 0-${prio}`, title: t('badges.priority', { max: prio }) })
  const limit = num('x-delivery-limit')
  if (limit !== undefined)
    out.push({ label: t('badges.deliveryLimitLabel', { limit }), title: t('badges.deliveryLimit', { count: limit }) })
  if (a['x-single-active-consumer'] === true) out.push({ label: 'SAC', title: t('badges.singleActiveConsumer') })
  return out
}

export const queueType = (q: QueueDef) =>
  typeof q.arguments['x-queue-type'] === 'string' ? (q.arguments['x-queue-type'] as string) : 'classic'
