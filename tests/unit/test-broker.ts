// A small driver so unit tests read like scenarios: a ManualClock, a seeded broker, an event recorder,
// and one connection whose sink records deliveries, returns and broker cancels.
//
//   const b = new TestBroker().queue('work', { 'x-message-ttl': 1000, 'x-dead-letter-exchange': 'dlx' })
//   b.exchange('dlx', 'fanout').queue('dead').bind('dlx', 'dead', '')
//   b.publish('', 'work', 'hello'); b.clock.advance(1000)
//   expect(b.depth('dead')).toBe(1); expect(b.eventTypes()).toContain('deadLettered')

import { expect } from 'vitest'
import { AmqpError, createBroker, ManualClock } from '../../engine/index.ts'
import type {
  Body,
  Broker,
  BrokerErrorData,
  BrokerEvent,
  BrokerEventType,
  Channel,
  ConsumeOptions,
  Connection,
  ConnectionSink,
  Delivery,
  FieldTable,
  GetResult,
  MessageProperties,
  PublishOutcome,
  ReturnedMessage,
} from '../../engine/index.ts'
import type { Queue } from '../../engine/queue.ts'
import type { BrokerVersion } from '../../engine/profile.ts'

export interface TestBrokerOptions {
  seed?: number
  /** The RabbitMQ version to behave as (the engine's default, 3.10, when left out). */
  version?: BrokerVersion
  /** false: the broker gets no event sink at all (emit = null). */
  events?: boolean
}

export interface ConsumerHandle {
  readonly tag: string
  readonly channel: Channel
  /** Every delivery to this consumer, in order. */
  readonly deliveries: Delivery[]
  /** Set when the broker cancelled the consumer (basic.cancel from the server). */
  cancelledByBroker: boolean
  bodies(): string[]
  cancel(): void
}

type EventOf<T extends BrokerEventType> = Extract<BrokerEvent, { type: T }>

const decoder = new TextDecoder()

/** A body as text, whether it was published as a string or as bytes. */
export function text(body: Body): string {
  return typeof body === 'string' ? body : decoder.decode(body)
}

/** Runs `fn` and expects an AmqpError with reply code `code`; returns the error. */
export function expectError(fn: () => unknown, code: number): AmqpError {
  try {
    fn()
  } catch (error) {
    if (error instanceof AmqpError) {
      expect(error.code, error.message).toBe(code)
      return error
    }
    throw error
  }
  throw new Error(`expected AMQP error ${code}, but the call succeeded`)
}

export class TestBroker {
  readonly clock = new ManualClock()
  readonly events: BrokerEvent[] = []
  readonly broker: Broker
  /** Messages returned (basic.return) on any channel of any connection. */
  readonly returns: ReturnedMessage[] = []
  /** Every delivery on any channel, in order. */
  readonly deliveries: Delivery[] = []
  /** Connection-close errors seen by the sinks (null for a clean close). */
  readonly connectionCloses: (BrokerErrorData | null)[] = []
  connection: Connection
  private main: Channel
  private readonly consumers: ConsumerHandle[] = []
  private readonly channelOf = new WeakMap<Delivery, Channel>()

  constructor(options: TestBrokerOptions = {}) {
    const recording = options.events ?? true
    this.broker = createBroker({
      clock: this.clock,
      seed: options.seed ?? 42,
      version: options.version,
      emit: recording ? (event) => this.events.push(event) : null,
    })
    this.connection = this.connect()
    this.main = this.openChannel()
  }

  // ---- connections and channels ---------------------------------------------

  /** Opens another connection to vhost "/" whose sink records into this TestBroker. */
  connect(user = 'guest'): Connection {
    let connection: Connection | null = null
    const channelOf = (id: number) => connection?.channels.get(id)
    const sink: ConnectionSink = {
      delivery: (channelId, delivery) => {
        const channel = channelOf(channelId)
        if (channel) this.channelOf.set(delivery, channel)
        this.deliveries.push(delivery)
        const handle = this.consumers.find((c) => c.channel === channel && c.tag === delivery.consumerTag)
        handle?.deliveries.push(delivery)
      },
      returned: (_channelId, message) => this.returns.push(message),
      confirmed: () => {},
      cancelled: (channelId, consumerTag) => {
        const channel = channelOf(channelId)
        const handle = this.consumers.find((c) => c.channel === channel && c.tag === consumerTag)
        if (handle) handle.cancelledByBroker = true
      },
      channelClosed: () => {},
      connectionClosed: (error) => this.connectionCloses.push(error),
    }
    connection = this.broker.connect(sink, { user })
    return connection
  }

  /** A new channel on the test connection, in publisher-confirm mode. */
  openChannel(connection?: Connection): Channel {
    if (!connection && this.connection.closed) this.connection = this.connect()
    const channel = (connection ?? this.connection).openChannel()
    channel.confirmSelect()
    return channel
  }

  /** The main channel; a channel closed by an error is replaced by a fresh one, as a client would reopen it. */
  get channel(): Channel {
    if (this.main.closed) this.main = this.openChannel()
    return this.main
  }

  // ---- topology ---------------------------------------------------------------

  exchange(
    name: string,
    type = 'direct',
    options: { arguments?: FieldTable; durable?: boolean; autoDelete?: boolean; internal?: boolean } = {},
  ): this {
    this.channel.exchangeDeclare({ exchange: name, type, ...options })
    return this
  }

  queue(
    name: string,
    args: FieldTable = {},
    options: { durable?: boolean; exclusive?: boolean; autoDelete?: boolean } = {},
  ): this {
    this.channel.queueDeclare({ queue: name, arguments: args, ...options })
    return this
  }

  /** A quorum queue (always durable). */
  quorum(name: string, args: FieldTable = {}): this {
    return this.queue(name, { 'x-queue-type': 'quorum', ...args }, { durable: true })
  }

  bind(exchange: string, queue: string, bindingKey = '', args: FieldTable = {}): this {
    this.channel.queueBind(queue, exchange, bindingKey, args)
    return this
  }

  unbind(exchange: string, queue: string, bindingKey = '', args: FieldTable = {}): this {
    this.channel.queueUnbind(queue, exchange, bindingKey, args)
    return this
  }

  /** exchange.bind: messages routed by `source` with a matching key flow on to `destination`. */
  bindExchange(source: string, destination: string, bindingKey = '', args: FieldTable = {}): this {
    this.channel.exchangeBind(destination, source, bindingKey, args)
    return this
  }

  // ---- publishing and consuming ---------------------------------------------------

  publish(
    exchange: string,
    routingKey: string,
    body: Body = '',
    properties: MessageProperties = {},
    mandatory = false,
  ): PublishOutcome {
    return this.channel.publish(exchange, routingKey, body, properties, mandatory)
  }

  /** basic.get on the main channel. */
  get(queue: string, noAck = false): GetResult | null {
    const got = this.channel.get(queue, noAck)
    if (got) this.channelOf.set(got, this.main)
    return got
  }

  /** Fetches every ready message with basic.get (no ack) and returns the bodies in order. */
  drain(queue: string): string[] {
    const out: string[] = []
    for (let got = this.get(queue, true); got; got = this.get(queue, true)) out.push(text(got.body))
    return out
  }

  /** basic.consume on its own new channel (unless one is given), after basic.qos when `prefetch` is given. */
  consume(queue: string, options: ConsumeOptions & { prefetch?: number; channel?: Channel } = {}): ConsumerHandle {
    const { prefetch, channel: given, ...consumeOptions } = options
    const channel = given ?? this.openChannel()
    if (prefetch !== undefined) channel.qos(prefetch)
    const tag = consumeOptions.consumerTag ?? this.broker.generateName('amq.ctag-')
    const handle: ConsumerHandle = {
      tag,
      channel,
      deliveries: [],
      cancelledByBroker: false,
      bodies: () => handle.deliveries.map((d) => text(d.body)),
      cancel: () => channel.cancel(tag),
    }
    // Registered first: a consumer on a queue with ready messages is delivered to during consume.
    this.consumers.push(handle)
    try {
      channel.consume(queue, { ...consumeOptions, consumerTag: tag })
    } catch (error) {
      this.consumers.splice(this.consumers.indexOf(handle), 1)
      throw error
    }
    return handle
  }

  private channelFor(delivery: Delivery | number): [Channel, number] {
    if (typeof delivery === 'number') return [this.channel, delivery]
    return [this.channelOf.get(delivery) ?? this.channel, delivery.deliveryTag]
  }

  /** Acks a delivery (on the channel it came from) or a delivery tag on the main channel. */
  ack(delivery: Delivery | number, multiple = false): void {
    const [channel, tag] = this.channelFor(delivery)
    channel.ack(tag, multiple)
  }

  nack(delivery: Delivery | number, options: { multiple?: boolean; requeue?: boolean } = {}): void {
    const [channel, tag] = this.channelFor(delivery)
    channel.nack(tag, options.multiple ?? false, options.requeue ?? true)
  }

  reject(delivery: Delivery | number, requeue = true): void {
    const [channel, tag] = this.channelFor(delivery)
    channel.reject(tag, requeue)
  }

  // ---- observing ------------------------------------------------------------------

  private find(queue: string): Queue | undefined {
    return this.broker.vhosts.get('/')!.queues.get(queue)
  }

  private queueOrFail(queue: string): Queue {
    const found = this.find(queue)
    if (!found) throw new Error(`queue '${queue}' does not exist`)
    return found
  }

  exists(queue: string): boolean {
    return this.find(queue) !== undefined
  }

  exchangeExists(name: string): boolean {
    return this.broker.vhosts.get('/')!.exchanges.has(name)
  }

  /** Ready messages in the queue (what queue.declare reports as messageCount). */
  depth(queue: string): number {
    return this.queueOrFail(queue).messageCount
  }

  /** Messages delivered from the queue and not yet acked. */
  unacked(queue: string): number {
    return this.queueOrFail(queue).unacked
  }

  consumerCount(queue: string): number {
    return this.queueOrFail(queue).consumerCount
  }

  eventTypes(): BrokerEventType[] {
    return this.events.map((e) => e.type)
  }

  eventsOf<T extends BrokerEventType>(type: T): EventOf<T>[] {
    return this.events.filter((e): e is EventOf<T> => e.type === type)
  }

  /** The event types that mention message `messageId`, in order. */
  messageHistory(messageId: number): BrokerEventType[] {
    return this.events.filter((e) => 'messageId' in e && e.messageId === messageId).map((e) => e.type)
  }

  clearEvents(): void {
    this.events.length = 0
  }

  expectError(fn: () => unknown, code: number): AmqpError {
    return expectError(fn, code)
  }
}
