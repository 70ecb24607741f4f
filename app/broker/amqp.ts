// An amqplib-shaped client over the worker protocol: the API people already know, in the browser.
// Used by the UI and exposed as window.warren for the DevTools console.

import type { BrokerErrorData } from '../../engine/errors.ts'
import type { Body, Delivery, FieldTable, MessageProperties } from '../../engine/model.ts'
import type { Command, PublishReply, Traffic } from '../../engine/worker/protocol.ts'
import type { QueueDeclareOk } from '../../engine/vhost.ts'
import { BrokerCommandError, type BrokerClient } from './client.ts'

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
  fields: { deliveryTag: number; redelivered: boolean; exchange: string; routingKey: string; consumerTag?: string; messageCount?: number }
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

/** The error amqplib raises when the broker closes a channel: code and text from RabbitMQ. */
export class ChannelClosedError extends Error {
  constructor(readonly code: number, readonly text: string, readonly detail: string) {
    super(`Channel closed by server: ${code} (${text.replace(/_/g, '-')}) with message "${detail}"`)
    this.name = 'ChannelClosedError'
  }
}

type Listener = (...args: any[]) => void

class Emitter {
  private readonly listeners = new Map<string, Set<Listener>>()
  on(event: string, listener: Listener): this {
    let set = this.listeners.get(event)
    if (!set) this.listeners.set(event, (set = new Set()))
    set.add(listener)
    return this
  }
  off(event: string, listener: Listener): this {
    this.listeners.get(event)?.delete(listener)
    return this
  }
  once(event: string, listener: Listener): this {
    const wrapped: Listener = (...args) => {
      this.off(event, wrapped)
      listener(...args)
    }
    return this.on(event, wrapped)
  }
  protected emit(event: string, ...args: unknown[]): boolean {
    const set = this.listeners.get(event)
    if (!set || set.size === 0) return false
    for (const l of [...set]) l(...args)
    return true
  }
}

function toBody(content: string | Uint8Array): Body {
  if (typeof content === 'string') return content
  return content instanceof Uint8Array ? content : encoder.encode(String(content))
}

function toContent(body: Body): Content {
  const bytes = typeof body === 'string' ? encoder.encode(body) : body
  const content = new Content(bytes.length)
  content.set(bytes)
  return content
}

function toMessage(delivery: Delivery | (Delivery & { messageCount: number })): Message {
  const fields: Message['fields'] = {
    deliveryTag: delivery.deliveryTag,
    redelivered: delivery.redelivered,
    exchange: delivery.exchange,
    routingKey: delivery.routingKey,
  }
  if (delivery.consumerTag) fields.consumerTag = delivery.consumerTag
  if (delivery.messageCount !== undefined) fields.messageCount = delivery.messageCount
  return { content: toContent(delivery.body), fields, properties: { ...delivery.properties, headers: delivery.properties.headers ?? {} } }
}

/** amqplib's publish options as AMQP properties. */
export function publishProperties(options: PublishOptions = {}): MessageProperties {
  const headers: FieldTable = { ...(options.headers ?? {}) }
  const list = (v: string | string[]) => (Array.isArray(v) ? v : [v])
  if (options.CC !== undefined) headers.CC = list(options.CC)
  if (options.BCC !== undefined) headers.BCC = list(options.BCC)
  const props: MessageProperties = {}
  if (Object.keys(headers).length > 0) props.headers = headers
  const deliveryMode = options.deliveryMode ?? (options.persistent ? 2 : undefined)
  if (deliveryMode !== undefined) props.deliveryMode = deliveryMode === true ? 2 : deliveryMode === false ? 1 : deliveryMode
  if (options.expiration !== undefined) props.expiration = String(options.expiration)
  for (const key of ['priority', 'contentType', 'contentEncoding', 'correlationId', 'replyTo', 'messageId', 'timestamp', 'type', 'appId', 'userId'] as const) {
    if (options[key] !== undefined) (props as Record<string, unknown>)[key] = options[key]
  }
  return props
}

export class WarrenConnection extends Emitter {
  private readonly channels = new Map<number, WarrenChannel>()
  closed = false
  private readonly offTraffic: () => void

  constructor(readonly client: BrokerClient, readonly id: number) {
    super()
    this.offTraffic = client.onTraffic((t) => this.traffic(t))
  }

  createChannel(): Promise<WarrenChannel> {
    return this.open(false) as Promise<WarrenChannel>
  }

  createConfirmChannel(): Promise<ConfirmChannel> {
    return this.open(true) as Promise<ConfirmChannel>
  }

  private async open(confirm: boolean): Promise<WarrenChannel> {
    if (this.closed) throw new Error('Connection closed')
    const { channel } = await this.client.send<{ channel: number }>({ type: 'openChannel', connection: this.id, confirm })
    const ch = confirm ? new ConfirmChannel(this, channel) : new WarrenChannel(this, channel)
    this.channels.set(channel, ch)
    return ch
  }

  async close(): Promise<void> {
    if (this.closed) return
    await this.client.send({ type: 'closeConnection', connection: this.id })
    this.shutDown(null)
  }

  private traffic(t: Traffic): void {
    if (t.connection !== this.id && !(t.kind === 'connectionClosed' && t.connection === -1)) return
    if (t.kind === 'connectionClosed') return this.shutDown(t.error)
    const channel = this.channels.get(t.channel)
    if (!channel) return
    channel.traffic(t)
  }

  forget(channel: number): void {
    this.channels.delete(channel)
  }

  private shutDown(error: BrokerErrorData | null): void {
    if (this.closed) return
    this.closed = true
    this.offTraffic()
    for (const channel of [...this.channels.values()]) channel.closedByBroker(error)
    this.channels.clear()
    if (error) this.emit('error', new ChannelClosedError(error.code, error.text, error.message))
    this.emit('close', error)
  }
}

export class WarrenChannel extends Emitter {
  closed = false
  private readonly consumers = new Map<string, (message: Message | null) => void>()

  constructor(protected readonly connection: WarrenConnection, readonly id: number) {
    super()
  }

  /** Sends a channel command; a channel error rejects the call and closes the channel, as amqplib does. */
  protected async call<T>(command: Command): Promise<T> {
    if (this.closed) throw new Error('Channel closed')
    try {
      return await this.connection.client.send<T>(command)
    } catch (error) {
      if (error instanceof BrokerCommandError) {
        const closed = new ChannelClosedError(error.code, error.text, error.message)
        if (error.code !== 504) this.closedByBroker(error.data)
        throw closed
      }
      throw error
    }
  }

  protected ref() {
    return { connection: this.connection.id, channel: this.id }
  }

  assertExchange(exchange: string, type: string, options: { durable?: boolean; internal?: boolean; autoDelete?: boolean; alternateExchange?: string; arguments?: FieldTable } = {}) {
    const args: FieldTable = { ...(options.arguments ?? {}) }
    if (options.alternateExchange) args['alternate-exchange'] = options.alternateExchange
    return this.call<null>({
      type: 'exchangeDeclare', ...this.ref(),
      declare: { exchange, type, durable: options.durable ?? true, internal: !!options.internal, autoDelete: !!options.autoDelete, arguments: args },
    }).then(() => ({ exchange }))
  }

  checkExchange(exchange: string) {
    return this.call<null>({ type: 'exchangeDeclare', ...this.ref(), declare: { exchange, type: 'direct', passive: true } }).then(() => ({}))
  }

  deleteExchange(exchange: string, options: { ifUnused?: boolean } = {}) {
    return this.call<null>({ type: 'exchangeDelete', ...this.ref(), exchange, ifUnused: !!options.ifUnused }).then(() => ({}))
  }

  bindExchange(destination: string, source: string, pattern: string, args: FieldTable = {}) {
    return this.call<null>({ type: 'exchangeBind', ...this.ref(), destination, source, routingKey: pattern, arguments: args }).then(() => ({}))
  }

  unbindExchange(destination: string, source: string, pattern: string, args: FieldTable = {}) {
    return this.call<null>({ type: 'exchangeUnbind', ...this.ref(), destination, source, routingKey: pattern, arguments: args }).then(() => ({}))
  }

  assertQueue(queue = '', options: {
    exclusive?: boolean; durable?: boolean; autoDelete?: boolean; arguments?: FieldTable; messageTtl?: number; expires?: number;
    deadLetterExchange?: string; deadLetterRoutingKey?: string; maxLength?: number; maxPriority?: number
  } = {}): Promise<QueueDeclareOk> {
    const args: FieldTable = { ...(options.arguments ?? {}) }
    const map = { messageTtl: 'x-message-ttl', expires: 'x-expires', deadLetterExchange: 'x-dead-letter-exchange', deadLetterRoutingKey: 'x-dead-letter-routing-key', maxLength: 'x-max-length', maxPriority: 'x-max-priority' } as const
    for (const [option, key] of Object.entries(map)) {
      const value = options[option as keyof typeof map]
      if (value !== undefined) args[key] = value
    }
    return this.call<QueueDeclareOk>({
      type: 'queueDeclare', ...this.ref(),
      declare: { queue, exclusive: !!options.exclusive, durable: options.durable ?? true, autoDelete: !!options.autoDelete, arguments: args },
    })
  }

  checkQueue(queue: string): Promise<QueueDeclareOk> {
    return this.call<QueueDeclareOk>({ type: 'queueDeclare', ...this.ref(), declare: { queue, passive: true } })
  }

  deleteQueue(queue: string, options: { ifUnused?: boolean; ifEmpty?: boolean } = {}) {
    return this.call<{ messageCount: number }>({ type: 'queueDelete', ...this.ref(), queue, ifUnused: !!options.ifUnused, ifEmpty: !!options.ifEmpty })
  }

  purgeQueue(queue: string) {
    return this.call<{ messageCount: number }>({ type: 'queuePurge', ...this.ref(), queue })
  }

  bindQueue(queue: string, source: string, pattern: string, args: FieldTable = {}) {
    return this.call<null>({ type: 'queueBind', ...this.ref(), queue, exchange: source, routingKey: pattern, arguments: args }).then(() => ({}))
  }

  unbindQueue(queue: string, source: string, pattern: string, args: FieldTable = {}) {
    return this.call<null>({ type: 'queueUnbind', ...this.ref(), queue, exchange: source, routingKey: pattern, arguments: args }).then(() => ({}))
  }

  /** Returns true as amqplib does (there is no write buffer to fill); errors arrive as 'error' and 'close'. */
  publish(exchange: string, routingKey: string, content: string | Uint8Array, options: PublishOptions = {}): boolean {
    void this.publishCommand(exchange, routingKey, content, options).catch((error) => this.emit('error', error))
    return true
  }

  sendToQueue(queue: string, content: string | Uint8Array, options: PublishOptions = {}): boolean {
    return this.publish('', queue, content, options)
  }

  protected publishCommand(exchange: string, routingKey: string, content: string | Uint8Array, options: PublishOptions): Promise<PublishReply> {
    return this.call<PublishReply>({
      type: 'publish', ...this.ref(), exchange, routingKey, body: toBody(content), properties: publishProperties(options), mandatory: !!options.mandatory,
    })
  }

  async get(queue: string, options: { noAck?: boolean } = {}): Promise<Message | false> {
    const delivery = await this.call<(Delivery & { messageCount: number }) | null>({ type: 'get', ...this.ref(), queue, noAck: !!options.noAck })
    return delivery ? toMessage(delivery) : false
  }

  async consume(queue: string, onMessage: (message: Message | null) => void, options: { consumerTag?: string; noAck?: boolean; exclusive?: boolean; priority?: number; arguments?: FieldTable } = {}) {
    const args: FieldTable = { ...(options.arguments ?? {}) }
    if (options.priority !== undefined) args['x-priority'] = options.priority
    const pendingTag = options.consumerTag
    if (pendingTag) this.consumers.set(pendingTag, onMessage)
    try {
      const { consumerTag } = await this.call<{ consumerTag: string }>({
        type: 'consume', ...this.ref(), queue, consumerTag: options.consumerTag, noAck: !!options.noAck, exclusive: !!options.exclusive, arguments: args,
      })
      this.consumers.set(consumerTag, onMessage)
      return { consumerTag }
    } catch (error) {
      if (pendingTag) this.consumers.delete(pendingTag)
      throw error
    }
  }

  async cancel(consumerTag: string) {
    await this.call<null>({ type: 'cancel', ...this.ref(), consumerTag })
    this.consumers.delete(consumerTag)
    return { consumerTag }
  }

  prefetch(count: number, global = false) {
    return this.call<null>({ type: 'qos', ...this.ref(), prefetch: count, global }).then(() => ({}))
  }

  ack(message: Message, allUpTo = false): void {
    this.fireAndForget({ type: 'ack', ...this.ref(), deliveryTag: message.fields.deliveryTag, multiple: allUpTo })
  }

  ackAll(): void {
    this.fireAndForget({ type: 'ack', ...this.ref(), deliveryTag: 0, multiple: true })
  }

  nack(message: Message, allUpTo = false, requeue = true): void {
    this.fireAndForget({ type: 'nack', ...this.ref(), deliveryTag: message.fields.deliveryTag, multiple: allUpTo, requeue })
  }

  nackAll(requeue = true): void {
    this.fireAndForget({ type: 'nack', ...this.ref(), deliveryTag: 0, multiple: true, requeue })
  }

  reject(message: Message, requeue = true): void {
    this.fireAndForget({ type: 'reject', ...this.ref(), deliveryTag: message.fields.deliveryTag, requeue })
  }

  /** Acks have no reply in AMQP: a failure (e.g. an unknown delivery tag) closes the channel with 'error'. */
  private fireAndForget(command: Command): void {
    this.call(command).catch((error) => this.emit('error', error))
  }

  async close(): Promise<void> {
    if (this.closed) return
    await this.connection.client.send({ type: 'closeChannel', ...this.ref() })
    this.closedByBroker(null)
  }

  traffic(t: Traffic): void {
    switch (t.kind) {
      case 'delivery': {
        const handler = this.consumers.get(t.delivery.consumerTag ?? '')
        handler?.(toMessage(t.delivery))
        break
      }
      case 'return':
        this.emit('return', {
          content: toContent(t.body),
          fields: { replyCode: t.replyCode, replyText: t.replyText, exchange: t.exchange, routingKey: t.routingKey },
          properties: { ...t.properties, headers: t.properties.headers ?? {} },
        })
        break
      case 'cancel': {
        const handler = this.consumers.get(t.consumerTag)
        this.consumers.delete(t.consumerTag)
        handler?.(null)
        break
      }
      case 'channelClosed':
        this.closedByBroker(t.error)
        break
      case 'connectionClosed':
        break
    }
  }

  closedByBroker(error: BrokerErrorData | null): void {
    if (this.closed) return
    this.closed = true
    this.consumers.clear()
    this.connection.forget(this.id)
    this.onClosed()
    if (error) this.emit('error', new ChannelClosedError(error.code, error.text, error.message))
    this.emit('close')
  }

  protected onClosed(): void {}
}

export class ConfirmChannel extends WarrenChannel {
  private readonly unconfirmed = new Set<Promise<unknown>>()
  private nacked = false

  /** amqplib's confirm publish: `callback(err)` once the broker acks (err null) or nacks. */
  override publish(exchange: string, routingKey: string, content: string | Uint8Array, options: PublishOptions = {}, callback?: (error: Error | null) => void): boolean {
    const confirmed = this.publishCommand(exchange, routingKey, content, options).then(
      (reply) => {
        if (reply.confirm === 'nack') {
          this.nacked = true
          callback?.(new Error('message nacked'))
        } else callback?.(null)
      },
      (error) => {
        callback?.(error)
        if (!callback) this.emit('error', error)
      },
    )
    this.unconfirmed.add(confirmed)
    void confirmed.finally(() => this.unconfirmed.delete(confirmed))
    return true
  }

  override sendToQueue(queue: string, content: string | Uint8Array, options: PublishOptions = {}, callback?: (error: Error | null) => void): boolean {
    return this.publish('', queue, content, options, callback)
  }

  /** Resolves when every publish so far is confirmed; rejects if any was nacked. */
  async waitForConfirms(): Promise<void> {
    await Promise.all([...this.unconfirmed])
    if (this.nacked) {
      this.nacked = false
      throw new Error('message nacked')
    }
  }
}

/** Opens an amqplib-shaped connection to the broker in the worker. */
export async function connect(client: BrokerClient, options: { vhost?: string } = {}): Promise<WarrenConnection> {
  await client.whenReady()
  const { connection } = await client.send<{ connection: number }>({ type: 'connect', vhost: options.vhost })
  return new WarrenConnection(client, connection)
}
