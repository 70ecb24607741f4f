// The queue inspector's fields and the QueueDef they stand for. Only the shape is checked here;
// values (negative TTL, priority over 255...) go to the broker, which answers in RabbitMQ's words.

import type { FieldTable, QueueDef } from '../../engine/model.ts'
import { rowsFromTable, tableFromRows, type FieldRow } from './field-rows.ts'
import { t } from '../i18n/index.ts'

/** Each one's label is queue.args.<argument> in the catalogue. */
export const NUMBER_ARGS = [
  'x-message-ttl',
  'x-expires',
  'x-max-length',
  'x-max-length-bytes',
  'x-max-priority',
  'x-delivery-limit',
] as const

export type NumberArg = (typeof NUMBER_ARGS)[number]

const KNOWN = new Set<string>([
  ...NUMBER_ARGS,
  'x-queue-type',
  'x-overflow',
  'x-dead-letter-exchange',
  'x-dead-letter-routing-key',
  'x-single-active-consumer',
])

export interface QueueDraft {
  name: string
  type: 'classic' | 'quorum'
  durable: boolean
  exclusive: boolean
  autoDelete: boolean
  numbers: Record<NumberArg, string>
  overflow: '' | 'drop-head' | 'reject-publish' | 'reject-publish-dlx'
  deadLetterExchange: string
  useDeadLetter: boolean
  deadLetterRoutingKey: string
  singleActiveConsumer: boolean
  extra: FieldRow[]
}

export function draftFromQueue(q: QueueDef): QueueDraft {
  const a = q.arguments
  const numbers = {} as Record<NumberArg, string>
  for (const key of NUMBER_ARGS) numbers[key] = a[key] === undefined ? '' : String(a[key])
  return {
    name: q.name,
    type: a['x-queue-type'] === 'quorum' ? 'quorum' : 'classic',
    durable: q.durable,
    exclusive: q.exclusive,
    autoDelete: q.autoDelete,
    numbers,
    overflow: (typeof a['x-overflow'] === 'string' ? a['x-overflow'] : '') as QueueDraft['overflow'],
    useDeadLetter: typeof a['x-dead-letter-exchange'] === 'string',
    deadLetterExchange: typeof a['x-dead-letter-exchange'] === 'string' ? a['x-dead-letter-exchange'] : '',
    deadLetterRoutingKey: typeof a['x-dead-letter-routing-key'] === 'string' ? a['x-dead-letter-routing-key'] : '',
    singleActiveConsumer: a['x-single-active-consumer'] === true,
    extra: rowsFromTable(a, (k) => KNOWN.has(k)),
  }
}

export function queueFromDraft(d: QueueDraft, original: QueueDef): { def: QueueDef } | { error: string } {
  const name = d.name.trim()
  if (name === '') return { error: t('queue.needsName') }
  const extra = tableFromRows(d.extra, 'argument')
  if ('error' in extra) return extra
  const args: FieldTable = { ...extra.table }
  if (d.type === 'quorum' || original.arguments['x-queue-type'] !== undefined) args['x-queue-type'] = d.type
  for (const key of NUMBER_ARGS) {
    const text = d.numbers[key].trim()
    if (text === '') continue
    const n = Number(text)
    if (!Number.isFinite(n)) return { error: t('queue.notANumber', { label: t(`queue.args.${key}`), text }) }
    args[key] = n
  }
  if (d.overflow !== '') args['x-overflow'] = d.overflow
  if (d.useDeadLetter) {
    args['x-dead-letter-exchange'] = d.deadLetterExchange.trim()
    if (d.deadLetterRoutingKey !== '') args['x-dead-letter-routing-key'] = d.deadLetterRoutingKey
  } else if (d.deadLetterRoutingKey !== '') args['x-dead-letter-routing-key'] = d.deadLetterRoutingKey
  if (d.singleActiveConsumer) args['x-single-active-consumer'] = true
  return { def: { name, durable: d.durable, exclusive: d.exclusive, autoDelete: d.autoDelete, arguments: args } }
}
