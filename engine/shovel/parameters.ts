// A dynamic shovel's parameter value (component "shovel"), read as rabbit_shovel_parameters reads it:
// the same keys, the same defaults (ack-mode on-confirm, src-prefetch-count 1000, reconnect-delay 5 s).

import type { FieldTable, MessageProperties } from '../model.ts'

export type ShovelAckMode = 'on-confirm' | 'on-publish' | 'no-ack'
export type ShovelDeleteAfter = 'never' | 'queue-length' | number

export interface ShovelConfig {
  srcUri: string
  srcQueue?: string
  srcExchange?: string
  srcExchangeKey: string
  srcQueueArgs: FieldTable
  srcPrefetchCount: number
  srcDeleteAfter: ShovelDeleteAfter
  destUri: string
  destQueue?: string
  destExchange?: string
  destExchangeKey?: string
  destQueueArgs: FieldTable
  destAddForwardHeaders: boolean
  destAddTimestampHeader: boolean
  destPublishProperties: MessageProperties
  ackMode: ShovelAckMode
  /** Seconds between a failure and the next attempt. */
  reconnectDelay: number
}

const ACK_MODES: readonly string[] = ['on-confirm', 'on-publish', 'no-ack']

/** dest-publish-properties names (the AMQP ones, in snake case) to the engine's. */
const PROPERTY_NAMES: Record<string, keyof MessageProperties> = {
  content_type: 'contentType',
  content_encoding: 'contentEncoding',
  headers: 'headers',
  delivery_mode: 'deliveryMode',
  priority: 'priority',
  correlation_id: 'correlationId',
  reply_to: 'replyTo',
  expiration: 'expiration',
  message_id: 'messageId',
  timestamp: 'timestamp',
  type: 'type',
  user_id: 'userId',
  app_id: 'appId',
}

const firstUri = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined

/** The shovel the value defines, or the reason RabbitMQ would refuse it. */
export function parseShovel(value: unknown): ShovelConfig | { error: string } {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { error: 'a shovel value is a JSON object' }
  const v = value as Record<string, unknown>
  for (const side of ['src', 'dest'])
    if (v[`${side}-protocol`] !== undefined && v[`${side}-protocol`] !== 'amqp091')
      return { error: `${side}-protocol ${String(v[`${side}-protocol`])} is not simulated (amqp091 is)` }
  const srcUri = firstUri(v['src-uri'])
  const destUri = firstUri(v['dest-uri'])
  if (!srcUri) return { error: 'Key "src-uri" not found in shovel' }
  if (!destUri) return { error: 'Key "dest-uri" not found in shovel' }
  const str = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : undefined)
  const srcQueue = str('src-queue')
  const srcExchange = str('src-exchange')
  if ((srcQueue === undefined) === (srcExchange === undefined))
    return { error: 'Must specify "src-exchange" or "src-queue", but not both' }
  const destQueue = str('dest-queue')
  const destExchange = str('dest-exchange')
  if (destQueue !== undefined && destExchange !== undefined)
    return { error: 'Cannot specify both "dest-exchange" and "dest-queue"' }
  const ackMode = v['ack-mode'] ?? 'on-confirm'
  if (typeof ackMode !== 'string' || !ACK_MODES.includes(ackMode))
    return { error: `ack-mode ${String(ackMode)} is not one of ${ACK_MODES.join(', ')}` }
  const deleteAfter = v['src-delete-after'] ?? v['delete-after'] ?? 'never'
  if (
    !(
      deleteAfter === 'never' ||
      deleteAfter === 'queue-length' ||
      (Number.isInteger(deleteAfter) && (deleteAfter as number) >= 0)
    )
  )
    return { error: `src-delete-after ${String(deleteAfter)} is not never, queue-length or a number` }
  const publishProperties: Record<string, unknown> = {}
  const given = v['dest-publish-properties']
  if (given && typeof given === 'object' && !Array.isArray(given))
    for (const [k, value] of Object.entries(given)) if (PROPERTY_NAMES[k]) publishProperties[PROPERTY_NAMES[k]] = value
  const table = (k: string) => (v[k] && typeof v[k] === 'object' && !Array.isArray(v[k]) ? (v[k] as FieldTable) : {})
  const num = (k: string, fallback: number) =>
    typeof v[k] === 'number' && (v[k] as number) >= 0 ? (v[k] as number) : fallback
  return {
    srcUri,
    srcQueue,
    srcExchange,
    srcExchangeKey: str('src-exchange-key') ?? '#',
    srcQueueArgs: table('src-queue-args'),
    srcPrefetchCount: num('src-prefetch-count', num('prefetch-count', 1000)),
    srcDeleteAfter: deleteAfter as ShovelDeleteAfter,
    destUri,
    destQueue,
    destExchange,
    destExchangeKey: str('dest-exchange-key'),
    destQueueArgs: table('dest-queue-args'),
    destAddForwardHeaders: v['dest-add-forward-headers'] === true || v['add-forward-headers'] === true,
    destAddTimestampHeader: v['dest-add-timestamp-header'] === true,
    destPublishProperties: publishProperties as MessageProperties,
    ackMode: ackMode as ShovelAckMode,
    reconnectDelay: num('reconnect-delay', 5),
  }
}
