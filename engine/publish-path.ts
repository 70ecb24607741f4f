// The publish path of a virtual host: route through exchanges (alternate exchanges, exchange-to-exchange
// hops, CC/BCC), enqueue, mandatory returns and publisher confirms, and the re-publishing of dead letters.

import { accessRefused, describeExchange, notFound, preconditionFailed } from './errors.ts'
import type { DropReason, EventSink } from './events.ts'
import type { Exchange } from './exchange.ts'
import { RouteCollector } from './exchanges/router.ts'
import { parseExpiration } from './expiry.ts'
import { isDeadLetterCycle } from './dead-letter.ts'
import { byteLength } from './byte-length.ts'
import type { Body, DeadLetterReason, Message, MessageProperties, PublishOutcome, ReturnedMessage } from './model.ts'
import type { Queue } from './queue.ts'
import type { VersionProfile } from './profile.ts'
import type { QueuedMessage } from './queue-store.ts'
import type { HeldConfirm } from './cluster/replicas.ts'

/** What the publish path needs of its virtual host. */
export interface PublishHost {
  readonly name: string
  readonly profile: VersionProfile
  readonly exchanges: ReadonlyMap<string, Exchange>
  readonly queues: ReadonlyMap<string, Queue>
  readonly emit: EventSink | null
  now(): number
  nextMessageId(): number
  deadLetter(queue: Queue, entry: QueuedMessage, reason: DeadLetterReason): void
  dropped(queue: Queue, entry: QueuedMessage, reason: DropReason): void
}

/** What the publish path needs of the channel publishing: who it is, and where a returned message goes. */
export interface PublishingChannel {
  readonly id: number
  readonly closed?: boolean
  readonly connection: {
    readonly user: string
    /** The cluster node the publisher is connected to. */
    readonly node?: string
    readonly sink: {
      returned(channel: number, message: ReturnedMessage): void
      confirmed(channel: number, publishSeq: number, ack: boolean): void
    }
  }
}

export class PublishPath {
  private readonly collector = new RouteCollector()
  /** Persistent messages stored by durable queues during the current publish (counted by the host). */
  storedCount = 0

  constructor(private readonly host: PublishHost) {}

  /**
   * The queues a message reaches from exchange `x`: each exchange is visited once, an exchange whose
   * own bindings matched nothing hands the message to its alternate exchange, and every queue counts once.
   */
  route(x: Exchange, message: Message): Queue[] {
    return this.routeInto(x, message, [])
  }

  /** Route results are gathered in pooled arrays; a nested publish (from a delivery callback) takes the next one. */
  private readonly routeBuffers: Queue[][] = []
  private routeDepth = 0

  private routeInto(x: Exchange, message: Message, out: Queue[]): Queue[] {
    if (x.name === '') {
      const queue = this.host.queues.get(message.routingKey)
      if (queue) out.push(queue)
      if (message.routingKeys) {
        for (const key of message.routingKeys) {
          const extra = this.host.queues.get(key)
          if (extra && !out.includes(extra)) out.push(extra)
        }
      }
      return out
    }
    const collector = this.collector
    collector.begin()
    const epoch = collector.epoch
    x.routeMark = epoch
    const headers = message.properties.headers
    let pending: Exchange[] | null = null
    let current: Exchange | undefined = x
    while (current) {
      const start = collector.targets.length
      const matched = current.router.route(message.routingKey, message.routingKeys, headers, collector)
      for (let i = start; i < collector.targets.length; i++) {
        const target = collector.targets[i]
        if (target.kind === 'queue') out.push(target as Queue)
        else (pending ??= []).push(target as Exchange)
      }
      if (matched === 0) {
        const ae = current.alternateExchange
        const alternate = ae === undefined ? undefined : this.host.exchanges.get(ae)
        if (alternate && alternate.routeMark !== epoch) {
          alternate.routeMark = epoch
          ;(pending ??= []).push(alternate)
        }
      }
      current = pending?.pop()
    }
    return out
  }

  publish(
    channel: PublishingChannel,
    publishSeq: number,
    exchangeName: string,
    routingKey: string,
    body: Body,
    properties: MessageProperties,
    mandatory: boolean,
  ): PublishOutcome {
    const x = this.host.exchanges.get(exchangeName)
    if (!x) throw notFound(`no exchange '${exchangeName}' in vhost '${this.host.name}'`)
    if (x.def.internal)
      throw accessRefused(`cannot publish to internal ${describeExchange(exchangeName, this.host.name)}`)
    const messageTtl = parseExpiration(properties.expiration)
    if (properties.userId !== undefined && properties.userId !== channel.connection.user) {
      throw preconditionFailed(
        `user_id property set to '${properties.userId}' but authenticated user was '${channel.connection.user}'`,
      )
    }
    const message = this.createMessage(exchangeName, routingKey, body, properties)
    const maxSize = this.host.profile.maxMessageSize
    if (message.size > maxSize)
      throw preconditionFailed(`message size ${message.size} is larger than configured max size ${maxSize}`)
    const emit = this.host.emit
    if (emit)
      emit({
        type: 'published',
        at: this.host.now(),
        vhost: this.host.name,
        messageId: message.id,
        exchange: exchangeName,
        routingKey,
        channel: channel.id,
        size: message.size,
        persistent: message.persistent,
      })
    const depth = this.routeDepth++
    const queues = this.routeInto(x, message, this.routeBuffers[depth] ?? (this.routeBuffers[depth] = []))
    x.publishIn++
    x.publishOut += queues.length
    try {
      return this.deliverPublished(
        channel,
        publishSeq,
        exchangeName,
        routingKey,
        body,
        mandatory,
        message,
        messageTtl,
        queues,
      )
    } finally {
      // pop() is inlined where setting length is a runtime call, and most messages reach one or two queues.
      while (queues.length > 0) queues.pop()
      this.routeDepth--
    }
  }

  private deliverPublished(
    channel: PublishingChannel,
    publishSeq: number,
    exchangeName: string,
    routingKey: string,
    body: Body,
    mandatory: boolean,
    message: Message,
    messageTtl: number | undefined,
    queues: Queue[],
  ): PublishOutcome {
    const emit = this.host.emit
    let rejected = false
    let taken = 0
    let held: HeldConfirm | null = null
    this.storedCount = 0
    if (queues.length === 0) {
      if (emit)
        emit({
          type: 'unroutable',
          at: this.host.now(),
          vhost: this.host.name,
          messageId: message.id,
          exchange: exchangeName,
          routingKey,
        })
    } else {
      if (emit)
        emit({
          type: 'routed',
          at: this.host.now(),
          vhost: this.host.name,
          messageId: message.id,
          exchange: exchangeName,
          queues: queues.map((q) => q.name),
        })
      for (let i = 0; i < queues.length; i++) {
        const queue = queues[i]
        const replicas = queue.replicas
        if (replicas !== null) {
          // In a cluster: a queue out of reach nacks, a quorum queue without a leader holds the confirm.
          const admission = replicas.admit(channel.connection.node)
          if (admission === 'reject') {
            rejected = true
            continue
          }
          if (admission === 'hold') {
            if (publishSeq > 0) held ??= { channel, publishSeq, messageId: message.id, pending: 0, rejected: false }
            if (held) held.pending++
            replicas.hold(message, messageTtl, channel.connection.node, held)
            taken++
            continue
          }
        }
        if (this.enqueue(queue, message, messageTtl)) taken++
        else rejected = true
      }
    }
    const returned = mandatory && queues.length === 0
    if (returned) {
      if (emit)
        emit({
          type: 'returned',
          at: this.host.now(),
          vhost: this.host.name,
          messageId: message.id,
          channel: channel.id,
          replyCode: 312,
          replyText: 'NO_ROUTE',
        })
      channel.connection.sink.returned(channel.id, {
        replyCode: 312,
        replyText: 'NO_ROUTE',
        exchange: exchangeName,
        routingKey,
        body,
        properties: message.properties,
        messageId: message.id,
      })
    }
    const stored = this.storedCount > 0
    let confirm: 'ack' | 'nack' | null = null
    if (held) held.rejected = rejected
    else if (publishSeq > 0) {
      confirm = rejected ? 'nack' : 'ack'
      if (emit && !stored)
        emit({
          type: 'confirmed',
          at: this.host.now(),
          channel: channel.id,
          publishSeq,
          messageId: message.id,
          ack: !rejected,
        })
    }
    return { publishSeq, messageId: message.id, confirm, returned, queues: taken, stored }
  }

  /** Offers a message to one queue; false when the queue refused it (reject-publish overflow). */
  private enqueue(queue: Queue, message: Message, messageTtl: number | undefined, redelivered = false): boolean {
    if (queue.crashesOnPublish) return queue.crashOnPublish(message)
    if (queue.refusesPublish(message)) {
      if (this.host.emit)
        this.host.emit({
          type: 'rejectedByQueue',
          at: this.host.now(),
          vhost: this.host.name,
          messageId: message.id,
          queue: queue.name,
          overflow: queue.settings.overflow,
        })
      if (queue.settings.overflow === 'reject-publish-dlx') {
        this.host.deadLetter(
          queue,
          { message, seq: 0, expiresAt: Infinity, redelivered: false, deliveryCount: 0 },
          'maxlen',
        )
      }
      return false
    }
    queue.publish(message, messageTtl, redelivered)
    return true
  }

  private createMessage(exchange: string, routingKey: string, body: Body, properties: MessageProperties): Message {
    let props = properties
    let routingKeys: string[] | null = null
    const headers = properties.headers
    if (headers && (headers.CC !== undefined || headers.BCC !== undefined)) {
      // rabbit_basic:header_routes: CC and BCC must be arrays; their string members are extra routing keys.
      const keys = (name: 'CC' | 'BCC') => {
        const value = headers[name]
        if (value === undefined) return []
        if (!Array.isArray(value))
          throw preconditionFailed(`unacceptable type for header '${name}': expected an array of strings`)
        return value.filter((k): k is string => typeof k === 'string')
      }
      routingKeys = [...keys('CC'), ...keys('BCC')]
      if (headers.BCC !== undefined) {
        const { BCC: _bcc, ...rest } = headers
        props = { ...properties, headers: rest }
      }
    }
    return {
      id: this.host.nextMessageId(),
      exchange,
      routingKey,
      routingKeys,
      body,
      size: byteLength(body),
      properties: props,
      persistent: properties.deliveryMode === 2,
    }
  }

  /** Re-publishes a dead letter through its exchange; the broker drains these in a loop. `redelivered`: see profile.deadLetterRedelivered. */
  routeDeadLetter(message: Message, reason: DeadLetterReason, redelivered: boolean): void {
    const x = this.host.exchanges.get(message.exchange)
    if (!x) return
    const queues = this.route(x, message)
    if (queues.length === 0) {
      if (this.host.emit)
        this.host.emit({
          type: 'unroutable',
          at: this.host.now(),
          vhost: this.host.name,
          messageId: message.id,
          exchange: message.exchange,
          routingKey: message.routingKey,
        })
      return
    }
    if (this.host.emit)
      this.host.emit({
        type: 'routed',
        at: this.host.now(),
        vhost: this.host.name,
        messageId: message.id,
        exchange: message.exchange,
        queues: queues.map((q) => q.name),
      })
    for (const queue of queues) {
      if (isDeadLetterCycle(reason, message, queue.name)) {
        this.host.dropped(
          queue,
          { message, seq: 0, expiresAt: Infinity, redelivered: false, deliveryCount: 0 },
          'dead-letter-cycle',
        )
        continue
      }
      this.enqueue(queue, message, undefined, redelivered)
    }
  }
}
