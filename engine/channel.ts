// An AMQP channel: delivery tags, unacked messages, prefetch, consumers and publisher confirms.
// Every method that fails closes the channel (or the connection, for connection-level errors) and rethrows.

import {
  AmqpError,
  notAllowed,
  notFound,
  preconditionFailed,
  accessRefused,
  resourceLocked,
  describeQueue,
  type BrokerErrorData,
} from './errors.ts'
import type {
  Body,
  Delivery,
  ExchangeDeclare,
  FieldTable,
  GetResult,
  MessageProperties,
  PublishOutcome,
  QueueDeclare,
  QueueDeclareOk,
} from './model.ts'
import type { Consumer, ConsumerChannel, Queue } from './queue.ts'
import type { QueuedMessage } from './queue-store.ts'
import type { ConnectionSink } from './connection-sink.ts'
import type { VirtualHost } from './vhost.ts'
import { TagWindow } from './tag-window.ts'
import type { VersionProfile } from './profile.ts'

interface Unacked {
  readonly tag: number
  readonly queue: Queue
  readonly entry: QueuedMessage
  readonly consumer: Consumer | null // null for basic.get
  /** Its queue crashed and forgot it: settling it does nothing (see Queue.crashOnPublish). */
  orphaned?: boolean
}

export interface ConsumeOptions {
  consumerTag?: string
  noAck?: boolean
  exclusive?: boolean
  arguments?: FieldTable
}

/** What a channel needs of the connection it belongs to. */
export interface ChannelHost {
  readonly id: number
  readonly user: string
  readonly vhost: VirtualHost
  readonly sink: ConnectionSink
  generateName(prefix: string): string
  channelClosed(channel: Channel, error: AmqpError | null): void
  close(error: AmqpError | null): void
}

export class Channel implements ConsumerChannel {
  closed = false
  closeReason: BrokerErrorData | null = null
  private nextDeliveryTag = 1
  private readonly unacked = new TagWindow<Unacked>()
  private consumerUnacked = 0
  readonly consumers = new Map<string, Consumer>()
  private readonly parked: Consumer[] = []
  /** basic.qos global=false: the prefetch given to consumers created from now on. */
  consumerPrefetch = 0
  /** basic.qos global=true: a limit shared by all consumers of the channel. */
  channelPrefetch = 0
  confirmMode = false
  private publishSeq = 0
  /** queue "" in later methods of this channel means the queue declared last (a server-named one, usually). */
  private lastDeclaredQueue = ''

  constructor(
    readonly id: number,
    readonly connection: ChannelHost,
  ) {}

  private get vhost() {
    return this.connection.vhost
  }

  /** Runs a method; an AMQP error closes the channel or connection first, as the broker would. */
  guard<T>(method: () => T): T {
    this.assertOpen()
    try {
      return method()
    } catch (error) {
      if (error instanceof AmqpError) this.fail(error)
      throw error
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new AmqpError('CHANNEL_ERROR', `channel ${this.id} is closed`)
  }

  fail(error: AmqpError): void {
    if (error.connectionLevel) this.connection.close(error)
    else this.close(error)
  }

  // ---- topology ---------------------------------------------------------

  exchangeDeclare(declare: ExchangeDeclare): void {
    this.guard(() => this.vhost.declareExchange(declare))
  }

  exchangeDelete(exchange: string, ifUnused = false): void {
    this.guard(() => this.vhost.deleteExchange(exchange, ifUnused))
  }

  exchangeBind(destination: string, source: string, routingKey = '', args: FieldTable = {}): void {
    this.guard(() =>
      this.vhost.bind(
        { source, destination, destinationType: 'exchange', routingKey, arguments: args },
        this.connection.id,
      ),
    )
  }

  exchangeUnbind(destination: string, source: string, routingKey = '', args: FieldTable = {}): void {
    this.guard(() =>
      this.vhost.unbind(
        { source, destination, destinationType: 'exchange', routingKey, arguments: args },
        this.connection.id,
      ),
    )
  }

  queueDeclare(declare: QueueDeclare): QueueDeclareOk {
    return this.guard(() => {
      const ok = this.vhost.declareQueue(declare, this.connection.id)
      this.lastDeclaredQueue = ok.queue
      return ok
    })
  }

  /** rabbit_channel:expand_queue_name_shortcut */
  private expandQueueName(name: string): string {
    if (name !== '') return name
    if (this.lastDeclaredQueue === '') throw notFound('no previously declared queue')
    return this.lastDeclaredQueue
  }

  queueBind(queue: string, exchange: string, routingKey = '', args: FieldTable = {}): void {
    this.guard(() => {
      const key = queue === '' && routingKey === '' ? this.expandQueueName('') : routingKey
      this.vhost.bind(
        {
          source: exchange,
          destination: this.expandQueueName(queue),
          destinationType: 'queue',
          routingKey: key,
          arguments: args,
        },
        this.connection.id,
      )
    })
  }

  queueUnbind(queue: string, exchange: string, routingKey = '', args: FieldTable = {}): void {
    this.guard(() => {
      const key = queue === '' && routingKey === '' ? this.expandQueueName('') : routingKey
      this.vhost.unbind(
        {
          source: exchange,
          destination: this.expandQueueName(queue),
          destinationType: 'queue',
          routingKey: key,
          arguments: args,
        },
        this.connection.id,
      )
    })
  }

  /** Returns how many ready messages were purged. */
  queuePurge(queue: string): number {
    return this.guard(() => this.vhost.purgeQueue(this.expandQueueName(queue), this.connection.id))
  }

  /** Returns how many ready messages the queue held; deleting a missing queue returns 0. */
  queueDelete(queue: string, options: { ifUnused?: boolean; ifEmpty?: boolean } = {}): number {
    return this.guard(() =>
      this.vhost.deleteQueue(this.expandQueueName(queue), this.connection.id, !!options.ifUnused, !!options.ifEmpty),
    )
  }

  // ---- publishing -------------------------------------------------------

  confirmSelect(): void {
    this.assertOpen()
    this.confirmMode = true
  }

  publish(
    exchange: string,
    routingKey: string,
    body: Body,
    properties: MessageProperties,
    mandatory: boolean,
  ): PublishOutcome {
    this.assertOpen()
    try {
      const seq = this.confirmMode ? ++this.publishSeq : 0
      return this.vhost.publishing.publish(this, seq, exchange, routingKey, body, properties, mandatory)
    } catch (error) {
      if (error instanceof AmqpError) this.fail(error)
      throw error
    }
  }

  // ---- consuming --------------------------------------------------------

  qos(prefetchCount: number, global = false): void {
    this.guard(() => {
      if (!Number.isInteger(prefetchCount) || prefetchCount < 0 || prefetchCount > 65535) {
        throw new AmqpError('SYNTAX_ERROR', `prefetch_count ${prefetchCount} is not a short unsigned integer`)
      }
      if (global) this.channelPrefetch = prefetchCount
      else this.consumerPrefetch = prefetchCount
      for (const consumer of [...this.parked]) this.unparkIfAble(consumer)
    })
  }

  consume(queueName: string, options: ConsumeOptions = {}): string {
    return this.guard(() => {
      const queue = this.vhost.queueForUse(this.expandQueueName(queueName), this.connection.id)
      const tag = options.consumerTag || this.connection.generateName('amq.ctag-')
      if (this.consumers.has(tag)) throw notAllowed(`attempt to reuse consumer tag '${tag}'`)
      queue.checkConsumer(!!options.noAck, this.consumerPrefetch, options.arguments ?? {})
      if (queue.refusesConsumer(!!options.exclusive)) {
        throw accessRefused(`queue '${queue.name}' in vhost '${this.vhost.name}' in exclusive use`)
      }
      const priority = options.arguments?.['x-priority']
      if (priority !== undefined && !Number.isInteger(priority)) {
        throw preconditionFailed(`invalid arg 'x-priority' for consumer: {unacceptable_type,${typeof priority}}`)
      }
      const consumer: Consumer = {
        tag,
        channel: this,
        queue,
        noAck: !!options.noAck,
        exclusive: !!options.exclusive,
        priority: (priority as number | undefined) ?? 0,
        prefetch: this.consumerPrefetch,
        arguments: options.arguments ?? {},
        unacked: 0,
        blocked: false,
        cancelled: false,
      }
      this.consumers.set(tag, consumer)
      const emit = this.vhost.emit
      if (emit) {
        emit({
          type: 'consumerAdded',
          at: this.vhost.now(),
          vhost: this.vhost.name,
          queue: queue.name,
          channel: this.id,
          consumerTag: tag,
          noAck: consumer.noAck,
          prefetch: consumer.prefetch,
        })
      }
      queue.addConsumer(consumer)
      return tag
    })
  }

  /** basic.cancel: the consumer stops; its unacked messages stay unacked on this channel. */
  cancel(consumerTag: string): void {
    this.guard(() => this.removeConsumer(consumerTag, false))
  }

  /** The broker cancels a consumer (its queue was deleted) and tells the client. */
  cancelByBroker(consumer: Consumer): void {
    if (!this.consumers.has(consumer.tag)) return
    this.removeConsumer(consumer.tag, true)
    this.connection.sink.cancelled(this.id, consumer.tag)
  }

  private removeConsumer(consumerTag: string, byBroker: boolean): void {
    const consumer = this.consumers.get(consumerTag)
    if (!consumer) return
    this.consumers.delete(consumerTag)
    const parkedAt = this.parked.indexOf(consumer)
    if (parkedAt >= 0) this.parked.splice(parkedAt, 1)
    const emit = this.vhost.emit
    if (emit) {
      emit({
        type: 'consumerRemoved',
        at: this.vhost.now(),
        vhost: this.vhost.name,
        queue: consumer.queue.name,
        channel: this.id,
        consumerTag,
        byBroker,
      })
    }
    consumer.queue.removeConsumer(consumer)
  }

  canDeliver(consumer: Consumer): boolean {
    if (this.closed || consumer.cancelled) return false
    if (consumer.noAck) return true
    if (consumer.prefetch > 0 && consumer.unacked >= consumer.prefetch) return false
    return this.channelPrefetch === 0 || this.consumerUnacked < this.channelPrefetch
  }

  parkBlocked(consumer: Consumer): void {
    this.parked.push(consumer)
  }

  private unparkIfAble(consumer: Consumer): void {
    if (!this.canDeliver(consumer)) return
    const index = this.parked.indexOf(consumer)
    if (index >= 0) this.parked.splice(index, 1)
    consumer.queue.unblock(consumer)
  }

  /** Called by a queue: hands one message to a consumer. */
  deliver(queue: Queue, entry: QueuedMessage, consumer: Consumer): void {
    const tag = this.nextDeliveryTag++
    const counters = queue.counters
    if (consumer.noAck) counters.deliverNoAck++
    else counters.deliver++
    if (entry.redelivered) counters.redeliver++
    if (!consumer.noAck) {
      this.unacked.set(tag, { tag, queue, entry, consumer })
      consumer.unacked++
      queue.unacked++
      this.consumerUnacked++
    }
    const vhost = this.vhost
    if (vhost.emit) {
      vhost.emit({
        type: 'delivered',
        at: vhost.now(),
        vhost: vhost.name,
        messageId: entry.message.id,
        queue: queue.name,
        channel: this.id,
        consumerTag: consumer.tag,
        deliveryTag: tag,
        redelivered: entry.redelivered,
        offset: queue.isStream ? entry.seq : undefined,
      })
    }
    if (consumer.noAck) vhost.settled(queue, entry)
    else vhost.delivered(queue, entry)
    this.connection.sink.delivery(this.id, toDelivery(queue, entry, tag, consumer.tag, this.connection))
  }

  /** basic.get: the head message or null. With noAck the message is settled at once. */
  get(queueName: string, noAck = false): GetResult | null {
    return this.guard(() => {
      const queue = this.vhost.queueForUse(this.expandQueueName(queueName), this.connection.id)
      // Recorded on 3.10.8, 4.0.5 and 4.3.6 (quorum-single-active-basic-get), with or without consumers.
      if (queue.isQuorum && queue.settings.singleActiveConsumer) {
        throw resourceLocked(
          `cannot obtain access to locked ${describeQueue(queue.name, this.vhost.name)}: basic.get is not supported by quorum queues with single active consumer`,
        )
      }
      const entry = queue.fetch()
      const counters = queue.counters
      if (!entry) {
        counters.getEmpty++
        return null
      }
      if (noAck) counters.getNoAck++
      else counters.get++
      if (entry.redelivered) counters.redeliver++
      const tag = this.nextDeliveryTag++
      if (!noAck) {
        const fetched: Unacked = { tag, queue, entry, consumer: null }
        this.unacked.set(tag, fetched)
        queue.unacked++
        queue.hold(fetched)
      }
      const vhost = this.vhost
      if (vhost.emit) {
        vhost.emit({
          type: 'delivered',
          at: vhost.now(),
          vhost: vhost.name,
          messageId: entry.message.id,
          queue: queue.name,
          channel: this.id,
          consumerTag: null,
          deliveryTag: tag,
          redelivered: entry.redelivered,
        })
      }
      if (noAck) vhost.settled(queue, entry)
      else vhost.delivered(queue, entry)
      const result = toDelivery(queue, entry, tag, null, this.connection) as GetResult
      result.messageCount = queue.messageCount
      return result
    })
  }

  // ---- acknowledgements -------------------------------------------------

  /** rabbit_channel:collect_acks: the tag itself must be outstanding; `multiple` takes every older one too. */
  private collect(deliveryTag: number, multiple: boolean): Unacked[] {
    if (multiple && deliveryTag === 0) return [...this.unacked.values()]
    if (!this.unacked.has(deliveryTag)) throw preconditionFailed(`unknown delivery tag ${deliveryTag}`)
    if (!multiple) return [this.unacked.get(deliveryTag)!]
    const out: Unacked[] = []
    for (const u of this.unacked.values()) {
      if (u.tag > deliveryTag) break
      out.push(u)
    }
    return out
  }

  private release(u: Unacked): void {
    this.unacked.delete(u.tag)
    if (u.orphaned) return
    this.letGo(u)
    if (u.consumer) this.consumerUnacked--
  }

  /** The queue no longer counts `u` as held by its consumer or by its basic.get. */
  private letGo(u: Unacked): void {
    u.queue.unacked--
    const consumer = u.consumer
    if (!consumer) u.queue.letGo(u)
    else {
      consumer.unacked--
      if (consumer.cancelled) u.queue.letGo(consumer)
    }
  }

  ack(deliveryTag: number, multiple = false): void {
    this.assertOpen()
    if (!multiple) {
      // The common case, without building a list.
      const u = this.unacked.get(deliveryTag)
      if (u === undefined) {
        const error = preconditionFailed(`unknown delivery tag ${deliveryTag}`)
        this.fail(error)
        throw error
      }
      this.settleAck(u)
    } else {
      let settled: Unacked[]
      try {
        settled = this.collect(deliveryTag, multiple)
      } catch (error) {
        if (error instanceof AmqpError) this.fail(error)
        throw error
      }
      for (let i = 0; i < settled.length; i++) this.settleAck(settled[i])
    }
    if (this.parked.length > 0) this.afterSettle()
  }

  private settleAck(u: Unacked): void {
    const vhost = this.vhost
    this.release(u)
    if (u.orphaned) return
    u.queue.counters.ack++
    if (vhost.emit)
      vhost.emit({
        type: 'acked',
        at: vhost.now(),
        vhost: vhost.name,
        messageId: u.entry.message.id,
        queue: u.queue.name,
        channel: this.id,
        deliveryTag: u.tag,
      })
    vhost.settled(u.queue, u.entry)
  }

  nack(deliveryTag: number, multiple = false, requeue = true): void {
    this.guard(() => this.negative(this.collect(deliveryTag, multiple), requeue, 'nack'))
  }

  reject(deliveryTag: number, requeue = true): void {
    this.guard(() => this.negative(this.collect(deliveryTag, false), requeue, 'reject'))
  }

  private negative(settled: Unacked[], requeue: boolean, method: 'nack' | 'reject'): void {
    const vhost = this.vhost
    const profile = this.vhost.profile
    const counts = profile.quorumReturnCounting[method]
    const toFront = profile.quorumReturnsToFront
    if (profile.streamNegativeAckRefused && settled.some((u) => u.queue.isStream))
      throw new AmqpError('NOT_IMPLEMENTED', `basic.${method} not supported by stream queues`)
    const touched = new Set<Queue>()
    for (const u of settled) {
      this.release(u)
      if (u.orphaned) continue
      if (vhost.emit) {
        vhost.emit({
          type: method === 'nack' ? 'nacked' : 'rejected',
          at: vhost.now(),
          vhost: vhost.name,
          messageId: u.entry.message.id,
          queue: u.queue.name,
          channel: this.id,
          deliveryTag: u.tag,
          requeue,
        })
      }
      if (requeue) {
        u.queue.requeue(u.entry, counts, toFront)
        touched.add(u.queue)
      } else if (!u.queue.isStream) {
        vhost.deadLetter(u.queue, u.entry, 'rejected', method === 'reject')
      }
    }
    for (const queue of touched) queue.afterRequeue()
    this.afterSettle()
  }

  private afterSettle(): void {
    if (this.parked.length === 0) return
    for (const consumer of [...this.parked]) this.unparkIfAble(consumer)
  }

  // ---- closing ----------------------------------------------------------

  /**
   * Closes the channel: unacked messages go back to their queues as redelivered and the consumers are
   * cancelled, then the queues deliver again (rabbit_amqqueue_process:handle_ch_down), so a single active
   * consumer taking over gets the requeued messages in their original places.
   */
  close(error: AmqpError | null = null): void {
    if (this.closed) return
    this.closed = true
    this.closeReason = error ? error.toData() : null
    const touched = new Set<Queue>()
    const profile = this.vhost.profile
    for (const u of this.unacked.values()) {
      if (u.orphaned) continue
      this.letGo(u)
      u.queue.requeue(u.entry, profile.quorumReturnCounting.channelClose)
      touched.add(u.queue)
    }
    this.unacked.clear()
    this.consumerUnacked = 0
    for (const tag of [...this.consumers.keys()]) this.removeConsumer(tag, false)
    for (const queue of touched) {
      queue.channelGone(this)
      queue.afterRequeue()
    }
    this.connection.channelClosed(this, error)
  }

  /** The messages of `queue` this channel holds unacked (for the management API's byte counts). */
  *unackedEntriesOf(queue: Queue): Iterable<QueuedMessage> {
    for (const u of this.unacked.values()) if (u.queue === queue && !u.orphaned) yield u.entry
  }

  /** `queue` crashed: this channel keeps the delivery tags (acking them is no error) but no longer holds the messages. */
  orphanUnackedOf(queue: Queue): QueuedMessage[] {
    const held: QueuedMessage[] = []
    for (const u of this.unacked.values()) {
      if (u.queue !== queue || u.orphaned) continue
      this.letGo(u)
      if (u.consumer) this.consumerUnacked--
      u.orphaned = true
      held.push(u.entry)
    }
    return held
  }

  get unackedCount(): number {
    return this.unacked.size
  }
}

/** `host` gives the version profile, read only for quorum queues (the only ones whose deliveries it changes). */
function toDelivery(
  queue: Queue,
  entry: QueuedMessage,
  deliveryTag: number,
  consumerTag: string | null,
  host: ChannelHost,
): Delivery {
  const message = entry.message
  let properties = message.properties
  if (queue.isQuorum) properties = withQuorumCounts(properties, entry, consumerTag === null, host.vhost.profile)
  return {
    deliveryTag,
    consumerTag,
    redelivered: entry.redelivered,
    exchange: message.exchange,
    routingKey: message.routingKey,
    body: message.body,
    properties,
    queue: queue.name,
    messageId: message.id,
  }
}

/** The counting headers a quorum queue adds: x-delivery-count once returned (and at 0 on 3.10's basic.get), x-acquired-count. */
function withQuorumCounts(
  properties: MessageProperties,
  entry: QueuedMessage,
  fetched: boolean,
  profile: VersionProfile,
): MessageProperties {
  const showDeliveryCount = entry.deliveryCount > 0 || (fetched && profile.quorumGetShowsZeroDeliveryCount)
  const acquired = profile.quorumAcquiredCountHeader ? (entry.acquiredCount ?? 0) : 0
  if (!showDeliveryCount && acquired === 0) return properties
  const headers: FieldTable = { ...(properties.headers ?? {}) }
  if (showDeliveryCount) headers['x-delivery-count'] = entry.deliveryCount
  if (acquired > 0) headers['x-acquired-count'] = acquired
  return { ...properties, headers }
}
