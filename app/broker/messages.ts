// Messages as amqplib users know them (content bytes, fields, properties), built from what the worker
// sends, and amqplib's publish options turned into AMQP properties.

import type { Body, Delivery, FieldTable, MessageProperties } from '../../engine/model.ts'
import type { Column } from '../../engine/worker/protocol.ts'

const decoder = new TextDecoder()
const encoder = new TextEncoder()

/** Message bytes; toString() decodes UTF-8 as Buffer#toString does in Node. */
export class Content extends Uint8Array {
  override toString(): string {
    return decoder.decode(this)
  }
}

export interface Message {
  content: Content
  fields: {
    deliveryTag: number
    redelivered: boolean
    exchange: string
    routingKey: string
    consumerTag?: string
    messageCount?: number
  }
  properties: MessageProperties & { headers: FieldTable }
}

export interface PublishOptions {
  persistent?: boolean
  deliveryMode?: number | boolean
  mandatory?: boolean
  expiration?: string | number
  userId?: string
  CC?: string | string[]
  BCC?: string | string[]
  priority?: number
  contentType?: string
  contentEncoding?: string
  headers?: FieldTable
  correlationId?: string
  replyTo?: string
  messageId?: string
  timestamp?: number
  type?: string
  appId?: string
}

export function toBody(content: string | Uint8Array): Body {
  if (typeof content === 'string') return content
  return content instanceof Uint8Array ? content : encoder.encode(String(content))
}

export function toContent(body: Body): Content {
  if (typeof body !== 'string') return new Content(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength)
  const bytes = encoder.encode(body)
  return new Content(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength)
}

/**
 * The contents of a batch of deliveries. ASCII text bodies (the common case) are encoded in one call
 * and handed out as views of one buffer: one TextEncoder call per message costs more than the rest.
 */
export function toContents(bodies: Body[]): Content[] {
  const n = bodies.length
  const out: Content[] = new Array(n)
  let text = true
  let chars = 0
  for (let i = 0; i < n; i++) {
    const b = bodies[i]
    if (typeof b !== 'string') text = false
    else chars += b.length
  }
  if (text && n > 1) {
    const bytes = encoder.encode((bodies as string[]).join(''))
    if (bytes.length === chars) {
      let at = 0
      for (let i = 0; i < n; i++) {
        const length = (bodies[i] as string).length
        out[i] = new Content(bytes.buffer as ArrayBuffer, bytes.byteOffset + at, length)
        at += length
      }
      return out
    }
  }
  for (let i = 0; i < n; i++) out[i] = toContent(bodies[i])
  return out
}

export const at = <T>(column: Column<T>, i: number): T => (Array.isArray(column) ? (column as T[])[i] : (column as T))

/** amqplib's properties always have headers. */
export function toProperties(properties: MessageProperties): Message['properties'] {
  return properties.headers ? (properties as Message['properties']) : { ...properties, headers: {} }
}

/** Runs a user callback; one that throws is reported without stopping the rest of the batch. */
export function guarded<T>(callback: (value: T) => void, value: T): void {
  try {
    callback(value)
  } catch (error) {
    queueMicrotask(() => {
      throw error
    })
  }
}

const NO_PROPERTIES: MessageProperties = Object.freeze({})
const PERSISTENT: MessageProperties = Object.freeze({ deliveryMode: 2 })
const TRANSIENT: MessageProperties = Object.freeze({ deliveryMode: 1 })

export function toMessage(delivery: Delivery | (Delivery & { messageCount: number })): Message {
  const fields: Message['fields'] = {
    deliveryTag: delivery.deliveryTag,
    redelivered: delivery.redelivered,
    exchange: delivery.exchange,
    routingKey: delivery.routingKey,
  }
  if (delivery.consumerTag) fields.consumerTag = delivery.consumerTag
  if (delivery.messageCount !== undefined) fields.messageCount = delivery.messageCount
  return {
    content: toContent(delivery.body),
    fields,
    properties: { ...delivery.properties, headers: delivery.properties.headers ?? {} },
  }
}

/**
 * amqplib's publish options as AMQP properties. The usual options (none, or only `persistent`,
 * `deliveryMode`, `mandatory`) share one frozen object, so a burst of publishes sends it once.
 */
export function publishProperties(options: PublishOptions = {}): MessageProperties {
  let simple = true
  for (const key in options) {
    if (key !== 'persistent' && key !== 'deliveryMode' && key !== 'mandatory') {
      simple = false
      break
    }
  }
  if (simple) {
    const mode = options.deliveryMode ?? (options.persistent ? 2 : undefined)
    if (mode === undefined) return NO_PROPERTIES
    if (mode === 2 || mode === true) return PERSISTENT
    if (mode === 1 || mode === false) return TRANSIENT
  }
  return fullProperties(options)
}

function fullProperties(options: PublishOptions): MessageProperties {
  const headers: FieldTable = { ...(options.headers ?? {}) }
  const list = (v: string | string[]) => (Array.isArray(v) ? v : [v])
  if (options.CC !== undefined) headers.CC = list(options.CC)
  if (options.BCC !== undefined) headers.BCC = list(options.BCC)
  const props: MessageProperties = {}
  if (Object.keys(headers).length > 0) props.headers = headers
  const deliveryMode = options.deliveryMode ?? (options.persistent ? 2 : undefined)
  if (deliveryMode !== undefined)
    props.deliveryMode = deliveryMode === true ? 2 : deliveryMode === false ? 1 : deliveryMode
  if (options.expiration !== undefined) props.expiration = String(options.expiration)
  for (const key of [
    'priority',
    'contentType',
    'contentEncoding',
    'correlationId',
    'replyTo',
    'messageId',
    'timestamp',
    'type',
    'appId',
    'userId',
  ] as const) {
    if (options[key] !== undefined) (props as Record<string, unknown>)[key] = options[key]
  }
  return props
}
