// What a persistent message looks like on disk, and the check that a record read back is sound.

import type { Body, MessageProperties } from '../model.ts'

export interface StoredMessage {
  seq: number
  exchange: string
  routingKey: string
  routingKeys: string[] | null
  body: Body
  properties: MessageProperties
  expiresAt: number
  deliveryCount: number
}

export function isStoredMessage(value: unknown): value is StoredMessage {
  if (!value || typeof value !== 'object') return false
  const m = value as Record<string, unknown>
  return (
    typeof m.seq === 'number' &&
    typeof m.exchange === 'string' &&
    typeof m.routingKey === 'string' &&
    (typeof m.body === 'string' || m.body instanceof Uint8Array) &&
    typeof m.properties === 'object' && m.properties !== null &&
    typeof m.expiresAt === 'number'
  )
}
