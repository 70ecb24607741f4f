// An amqplib-shaped client over the worker protocol: the API people already know, in the browser.
// Used by the UI and exposed as window.warren for the DevTools console.

import type { BrokerErrorData } from '../../engine/errors.ts'
import type { FieldTable, MessageProperties, QueueDeclareOk } from '../../engine/model.ts'
import {
  checkPublishLimits,
  type Command,
  type DeliveryBatch,
  type ReplyOf,
  type Traffic,
} from '../../engine/worker/protocol.ts'
import { BrokerCommandError, type BrokerClient } from './client.ts'
import {
  at,
  guarded,
  publishProperties,
  toBody,
  toContent,
  toContents,
  toMessage,
  toProperties,
  type Message,
  type PublishOptions,
} from './messages.ts'

export { Content, publishProperties, type Message, type PublishOptions } from './messages.ts'

/** The error amqplib raises when the broker closes a channel: code and text from RabbitMQ. */
export class ChannelClosedError extends Error {
  constructor(
    readonly code: number,
    readonly text: string,
    readonly detail: string,
  ) {
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

export class WarrenConnection extends Emitter {
  private readonly channels = new Map<number, WarrenChannel>()
  closed = false
  private readonly offTraffic: () => void

  constructor(
    readonly client: BrokerClient,
    readonly id: number,
    /** connection.start's server-properties, as amqplib keeps them: product, version, capabilities. */
    readonly serverProperties: FieldTable = {},
  ) {
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
    const { channel } = await this.client.send({
      type: 'openChannel',
      connection: this.id,
      confirm,
    })
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

  constructor(
    protected readonly connection: WarrenConnection,
    readonly id: number,
  ) {
    super()
  }

  /** Sends a channel command; a channel error rejects the call and closes the channel, as amqplib does. */
  protected async call<C extends Command>(command: C, onResult?: (result: ReplyOf<C>) => void): Promise<ReplyOf<C>> {
    if (this.closed) throw new Error('Channel closed')
    try {
      return await this.connection.client.send(command, onResult)
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

  assertExchange(
    exchange: string,
    type: string,
    options: {
      durable?: boolean
      internal?: boolean
      autoDelete?: boolean
      alternateExchange?: string
      arguments?: FieldTable
    } = {},
  ) {
    const args: FieldTable = { ...(options.arguments ?? {}) }
    if (options.alternateExchange) args['alternate-exchange'] = options.alternateExchange
    return this.call({
      type: 'exchangeDeclare',
      ...this.ref(),
      declare: {
        exchange,
        type,
        durable: options.durable ?? true,
        internal: !!options.internal,
        autoDelete: !!options.autoDelete,
        arguments: args,
      },
    }).then(() => ({ exchange }))
  }

  checkExchange(exchange: string) {
    return this.call({
      type: 'exchangeDeclare',
      ...this.ref(),
      declare: { exchange, type: 'direct', passive: true },
    }).then(() => ({}))
  }

  deleteExchange(exchange: string, options: { ifUnused?: boolean } = {}) {
    return this.call({ type: 'exchangeDelete', ...this.ref(), exchange, ifUnused: !!options.ifUnused }).then(() => ({}))
  }

  bindExchange(destination: string, source: string, pattern: string, args: FieldTable = {}) {
    return this.call({
      type: 'exchangeBind',
      ...this.ref(),
      destination,
      source,
      routingKey: pattern,
      arguments: args,
    }).then(() => ({}))
  }

  unbindExchange(destination: string, source: string, pattern: string, args: FieldTable = {}) {
    return this.call({
      type: 'exchangeUnbind',
      ...this.ref(),
      destination,
      source,
      routingKey: pattern,
      arguments: args,
    }).then(() => ({}))
  }

  assertQueue(
    queue = '',
    options: {
      exclusive?: boolean
      durable?: boolean
      autoDelete?: boolean
      arguments?: FieldTable
      messageTtl?: number
      expires?: number
      deadLetterExchange?: string
      deadLetterRoutingKey?: string
      maxLength?: number
      maxPriority?: number
    } = {},
  ): Promise<QueueDeclareOk> {
    const args: FieldTable = { ...(options.arguments ?? {}) }
    const map = {
      messageTtl: 'x-message-ttl',
      expires: 'x-expires',
      deadLetterExchange: 'x-dead-letter-exchange',
      deadLetterRoutingKey: 'x-dead-letter-routing-key',
      maxLength: 'x-max-length',
      maxPriority: 'x-max-priority',
    } as const
    for (const [option, key] of Object.entries(map)) {
      const value = options[option as keyof typeof map]
      if (value !== undefined) args[key] = value
    }
    return this.call({
      type: 'queueDeclare',
      ...this.ref(),
      declare: {
        queue,
        exclusive: !!options.exclusive,
        durable: options.durable ?? true,
        autoDelete: !!options.autoDelete,
        arguments: args,
      },
    })
  }

  checkQueue(queue: string): Promise<QueueDeclareOk> {
    return this.call({ type: 'queueDeclare', ...this.ref(), declare: { queue, passive: true } })
  }

  deleteQueue(queue: string, options: { ifUnused?: boolean; ifEmpty?: boolean } = {}) {
    return this.call({
      type: 'queueDelete',
      ...this.ref(),
      queue,
      ifUnused: !!options.ifUnused,
      ifEmpty: !!options.ifEmpty,
    })
  }

  purgeQueue(queue: string) {
    return this.call({ type: 'queuePurge', ...this.ref(), queue })
  }

  bindQueue(queue: string, source: string, pattern: string, args: FieldTable = {}) {
    return this.call({
      type: 'queueBind',
      ...this.ref(),
      queue,
      exchange: source,
      routingKey: pattern,
      arguments: args,
    }).then(() => ({}))
  }

  unbindQueue(queue: string, source: string, pattern: string, args: FieldTable = {}) {
    return this.call({
      type: 'queueUnbind',
      ...this.ref(),
      queue,
      exchange: source,
      routingKey: pattern,
      arguments: args,
    }).then(() => ({}))
  }

  /**
   * Returns true as amqplib does (there is no write buffer to fill); errors arrive as 'error' and 'close'.
   * Throws on a closed channel, as amqplib does.
   */
  publish(exchange: string, routingKey: string, content: string | Uint8Array, options: PublishOptions = {}): boolean {
    this.send(exchange, routingKey, content, options)
    return true
  }

  sendToQueue(queue: string, content: string | Uint8Array, options: PublishOptions = {}): boolean {
    return this.publish('', queue, content, options)
  }

  /** Publishes sent so far on this channel; a confirm channel's confirms are numbered by it. */
  protected published = 0

  protected send(exchange: string, routingKey: string, content: string | Uint8Array, options: PublishOptions): number {
    if (this.closed) throw new Error('Channel closed')
    // Thrown here, as amqplib throws when it cannot encode a publish: nothing is sent.
    checkPublishLimits(exchange, routingKey, options.headers)
    const seq = ++this.published
    this.connection.client.publish(
      this.connection.id,
      this.id,
      seq,
      exchange,
      routingKey,
      toBody(content),
      publishProperties(options),
      !!options.mandatory,
    )
    return seq
  }

  async get(queue: string, options: { noAck?: boolean } = {}): Promise<Message | false> {
    const delivery = await this.call({
      type: 'get',
      ...this.ref(),
      queue,
      noAck: !!options.noAck,
    })
    return delivery ? toMessage(delivery) : false
  }

  async consume(
    queue: string,
    onMessage: (message: Message | null) => void,
    options: {
      consumerTag?: string
      noAck?: boolean
      exclusive?: boolean
      priority?: number
      arguments?: FieldTable
    } = {},
  ) {
    const args: FieldTable = { ...(options.arguments ?? {}) }
    if (options.priority !== undefined) args['x-priority'] = options.priority
    const pendingTag = options.consumerTag
    if (pendingTag) this.consumers.set(pendingTag, onMessage)
    try {
      // Registered as the reply is read: deliveries can come in the same batch, right behind it.
      const { consumerTag } = await this.call(
        {
          type: 'consume',
          ...this.ref(),
          queue,
          consumerTag: options.consumerTag,
          noAck: !!options.noAck,
          exclusive: !!options.exclusive,
          arguments: args,
        },
        (ok) => this.consumers.set(ok.consumerTag, onMessage),
      )
      return { consumerTag }
    } catch (error) {
      if (pendingTag) this.consumers.delete(pendingTag)
      throw error
    }
  }

  async cancel(consumerTag: string) {
    await this.call({ type: 'cancel', ...this.ref(), consumerTag })
    this.consumers.delete(consumerTag)
    return { consumerTag }
  }

  prefetch(count: number, global = false) {
    return this.call({ type: 'qos', ...this.ref(), prefetch: count, global }).then(() => ({}))
  }

  ack(message: Message, allUpTo = false): void {
    if (allUpTo)
      return this.fireAndForget({ type: 'ack', ...this.ref(), deliveryTag: message.fields.deliveryTag, multiple: true })
    if (this.closed) return void this.emit('error', new Error('Channel closed'))
    this.connection.client.ack(this.connection.id, this.id, message.fields.deliveryTag)
  }

  ackAll(): void {
    this.fireAndForget({ type: 'ack', ...this.ref(), deliveryTag: 0, multiple: true })
  }

  nack(message: Message, allUpTo = false, requeue = true): void {
    this.fireAndForget({
      type: 'nack',
      ...this.ref(),
      deliveryTag: message.fields.deliveryTag,
      multiple: allUpTo,
      requeue,
    })
  }

  nackAll(requeue = true): void {
    this.fireAndForget({ type: 'nack', ...this.ref(), deliveryTag: 0, multiple: true, requeue })
  }

  reject(message: Message, requeue = true): void {
    this.fireAndForget({ type: 'reject', ...this.ref(), deliveryTag: message.fields.deliveryTag, requeue })
  }

  /** Acks have no reply in AMQP: a failure (e.g. an unknown delivery tag) closes the channel with 'error'. */
  private fireAndForget(command: Command): void {
    if (this.closed) return void this.emit('error', new Error('Channel closed'))
    this.connection.client.post(command)
  }

  async close(): Promise<void> {
    if (this.closed) return
    await this.connection.client.send({ type: 'closeChannel', ...this.ref() })
    this.closedByBroker(null)
  }

  traffic(t: Traffic): void {
    switch (t.kind) {
      case 'deliveries':
        this.deliver(t.deliveries)
        break
      case 'confirms':
        this.confirmed(t.acks, t.nacks)
        break
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

  private deliver(batch: DeliveryBatch): void {
    const contents = toContents(batch.bodies)
    let lastProperties: MessageProperties | null = null
    let properties: Message['properties'] = { headers: {} }
    for (let i = 0; i < contents.length; i++) {
      const consumerTag = at(batch.consumerTags, i)
      const handler = this.consumers.get(consumerTag)
      if (!handler) continue // cancelled, or the channel closed while this batch was handled
      const p = at(batch.properties, i)
      if (p !== lastProperties) {
        lastProperties = p
        properties = toProperties(p)
      }
      guarded(handler, {
        content: contents[i],
        fields: {
          deliveryTag: batch.deliveryTags[i],
          redelivered: at(batch.redelivered, i),
          exchange: at(batch.exchanges, i),
          routingKey: at(batch.routingKeys, i),
          consumerTag,
        },
        properties,
      })
    }
  }

  /** Publisher confirms, as [first, last] ranges of this channel's publish numbers. */
  protected confirmed(_acks: number[], _nacks: number[]): void {}

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

type ConfirmCallback = (error: Error | null) => void

export class ConfirmChannel extends WarrenChannel {
  /** The lowest publish number not yet confirmed; confirms mostly arrive in order. */
  private low = 1
  private readonly confirmedAhead = new Set<number>()
  private readonly callbacks = new Map<number, ConfirmCallback>()
  private waiters: { upTo: number; nacked: boolean; resolve: () => void; reject: (error: Error) => void }[] = []

  /** amqplib's confirm publish: `callback(err)` once the broker acks (err null) or nacks. */
  override publish(
    exchange: string,
    routingKey: string,
    content: string | Uint8Array,
    options: PublishOptions = {},
    callback?: ConfirmCallback,
  ): boolean {
    const seq = this.send(exchange, routingKey, content, options)
    if (callback) this.callbacks.set(seq, callback)
    return true
  }

  override sendToQueue(
    queue: string,
    content: string | Uint8Array,
    options: PublishOptions = {},
    callback?: ConfirmCallback,
  ): boolean {
    return this.publish('', queue, content, options, callback)
  }

  /** Resolves when every publish so far is confirmed; rejects if one of those still unconfirmed now is nacked. */
  waitForConfirms(): Promise<void> {
    if (this.published < this.low) return Promise.resolve()
    if (this.closed) return Promise.reject(new Error('Channel closed'))
    return new Promise<void>((resolve, reject) =>
      this.waiters.push({ upTo: this.published, nacked: false, resolve, reject }),
    )
  }

  protected override confirmed(acks: number[], nacks: number[]): void {
    for (let i = 0; i < acks.length; i += 2) this.settle(acks[i], acks[i + 1], null)
    if (nacks.length > 0) {
      const error = new Error('message nacked')
      for (let i = 0; i < nacks.length; i += 2) {
        for (const w of this.waiters) if (nacks[i] <= w.upTo) w.nacked = true
        this.settle(nacks[i], nacks[i + 1], error)
      }
    }
    if (this.waiters.length === 0 || this.waiters[0].upTo >= this.low) return
    const waiters = this.waiters
    this.waiters = []
    for (const w of waiters) {
      if (w.upTo >= this.low) this.waiters.push(w)
      else if (w.nacked) w.reject(new Error('message nacked'))
      else w.resolve()
    }
  }

  private settle(first: number, last: number, error: Error | null): void {
    if (this.callbacks.size > 0) {
      for (let seq = first; seq <= last; seq++) {
        const callback = this.callbacks.get(seq)
        if (callback) {
          this.callbacks.delete(seq)
          guarded(callback, error)
        }
      }
    }
    if (first === this.low) {
      this.low = last + 1
      while (this.confirmedAhead.delete(this.low)) this.low++
    } else {
      for (let seq = first; seq <= last; seq++) this.confirmedAhead.add(seq)
    }
  }

  /** amqplib fails every outstanding confirm when the channel closes. */
  protected override onClosed(): void {
    const error = new Error('channel closed before the publish was confirmed')
    const callbacks = [...this.callbacks.values()]
    this.callbacks.clear()
    const waiters = this.waiters
    this.waiters = []
    this.low = this.published + 1
    for (const callback of callbacks) guarded(callback, error)
    for (const w of waiters) w.reject(error)
  }
}

/** Opens an amqplib-shaped connection to the broker in the worker. */
export async function connect(
  client: BrokerClient,
  options: { vhost?: string; broker?: string; node?: string } = {},
): Promise<WarrenConnection> {
  await client.whenReady()
  const { connection, serverProperties } = await client.send({
    type: 'connect',
    vhost: options.vhost,
    broker: options.broker,
    node: options.node,
  })
  return new WarrenConnection(client, connection, serverProperties)
}
