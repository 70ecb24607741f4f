// One dynamic shovel: consumes from its source, publishes each message to its destination over the link between
// the two brokers, and settles the source as its ack-mode says. A failure (a cut link, a missing vhost) closes
// both connections (the source requeues what it had not acked) and the shovel tries again after reconnect-delay.
// So on a cut: on-confirm loses nothing and may duplicate, on-publish and no-ack lose what was in flight.

import type { Broker } from '../broker.ts'
import type { Channel } from '../channel.ts'
import type { TimerHandle } from '../clock.ts'
import type { Connection } from '../connection.ts'
import type { ConnectionSink } from '../connection-sink.ts'
import type { LinkHost } from '../design/link-host.ts'
import { AmqpError } from '../errors.ts'
import type { Delivery, FieldTable, MessageProperties } from '../model.ts'
import type { ShovelConfig } from './parameters.ts'

export type ShovelState = 'starting' | 'running' | 'terminated'

/** What a cut did to the messages the shovel was moving, counted. */
export interface ShovelCounts {
  forwarded: number
  /** Taken from the source and never published: in flight on a cut with on-publish or no-ack. */
  lost: number
  /** Published, but its source ack was lost on a cut: the source delivers it again (on-confirm). */
  duplicated: number
}

/** One message taken from the source: whether the source has let it go, and whether it died on the way. */
interface Taken {
  settled: boolean
  dropped: boolean
}

interface End {
  broker: string
  vhost: string
  shown: string
}

const idleSink = (): ConnectionSink => ({
  delivery: () => {},
  returned: () => {},
  confirmed: () => {},
  cancelled: () => {},
  channelClosed: () => {},
  connectionClosed: () => {},
})

export class Shovel {
  state: ShovelState = 'starting'
  reason: string | null = null
  /** When the state last changed, on the design's clock. */
  since: number
  private src: { end: End; connection: Connection; channel: Channel } | null = null
  private dest: { end: End; connection: Connection; channel: Channel } | null = null
  private retry: TimerHandle | null = null
  private session = 0 // bumped by each (re)start, so traffic of an older session is ignored
  private remaining = Number.POSITIVE_INFINITY
  private toTake = Number.POSITIVE_INFINITY // src-delete-after: deliveries beyond it stay unacked, for the source to requeue
  private readonly waitingConfirm = new Map<number, number>() // dest publish seq -> source delivery tag

  constructor(
    private readonly design: LinkHost,
    /** The broker the parameter belongs to. */
    readonly home: string,
    readonly vhost: string,
    readonly name: string,
    readonly config: ShovelConfig,
    /** The shovel is done (src-delete-after): its parameter goes. */
    private readonly finished: (shovel: Shovel) => void,
    /** Carried over from the shovel this one replaces (a changed parameter), whose messages may still be on a wire. */
    readonly counts: ShovelCounts = { forwarded: 0, lost: 0, duplicated: 0 },
  ) {
    this.since = design.clock.now()
  }

  start(): void {
    this.retry = null
    const session = ++this.session
    this.setState('starting', null)
    const src = this.design.resolve(this.config.srcUri, this.home)
    const dest = this.design.resolve(this.config.destUri, this.home)
    if ('error' in src) return this.fail(src.error)
    if ('error' in dest) return this.fail(dest.error)
    for (const end of [src, dest])
      if (!this.design.links.reachable(this.home, end.broker)) return this.fail(`${end.shown}: the link is cut`)
    try {
      const srcBroker = this.brokerOf(src.broker)
      const destBroker = this.brokerOf(dest.broker)
      const destConnection = destBroker.connect(this.destSink(session), { vhost: dest.vhost })
      const destChannel = destConnection.openChannel()
      if (this.config.ackMode === 'on-confirm') destChannel.confirmSelect()
      this.dest = { end: dest, connection: destConnection, channel: destChannel }
      if (this.config.destQueue !== undefined)
        declareIfMissing(destChannel, destBroker, dest.vhost, this.config.destQueue, this.config.destQueueArgs)
      const srcConnection = srcBroker.connect(this.srcSink(session), { vhost: src.vhost })
      const srcChannel = srcConnection.openChannel()
      this.src = { end: src, connection: srcConnection, channel: srcChannel }
      let queue = this.config.srcQueue
      if (queue === undefined) {
        queue = srcChannel.queueDeclare({ queue: '', exclusive: true, arguments: {} }).queue
        srcChannel.queueBind(queue, this.config.srcExchange ?? '', this.config.srcExchangeKey, {})
      } else declareIfMissing(srcChannel, srcBroker, src.vhost, queue, this.config.srcQueueArgs)
      const ready = srcBroker.vhosts.get(src.vhost)?.queues.get(queue)?.messageCount ?? 0
      const after = this.config.srcDeleteAfter
      this.remaining = after === 'queue-length' ? ready : after === 'never' ? Number.POSITIVE_INFINITY : after
      this.toTake = this.remaining
      if (this.remaining <= 0) return this.finish()
      const prefetch = Math.min(this.config.srcPrefetchCount, this.remaining)
      if (prefetch > 0 && Number.isFinite(prefetch)) srcChannel.qos(prefetch)
      this.setState('running', null)
      srcChannel.consume(queue, { noAck: this.config.ackMode === 'no-ack' })
    } catch (error) {
      this.fail(error instanceof Error ? error.message : String(error))
    }
  }

  private brokerOf(name: string): Broker {
    const broker = this.design.broker(name)
    if (!broker) throw new Error(`no broker named "${name}" in the design`)
    return broker
  }

  private srcSink(session: number): ConnectionSink {
    return {
      ...idleSink(),
      delivery: (_channel, delivery) => {
        if (session === this.session) this.forward(session, delivery)
      },
      cancelled: () => {
        if (session === this.session) this.fail('the source queue was deleted')
      },
      connectionClosed: (error) => {
        if (session === this.session && error) this.fail(error.text)
      },
    }
  }

  private destSink(session: number): ConnectionSink {
    return {
      ...idleSink(),
      confirmed: (_channel, seq, ack) => {
        if (session === this.session) this.confirmed(session, seq, ack)
      },
      connectionClosed: (error) => {
        if (session === this.session && error) this.fail(error.text)
      },
    }
  }

  /** A source delivery: sent over the link; on-publish acks the source as it goes, no-ack had nothing to ack. */
  private forward(session: number, delivery: Delivery): void {
    const src = this.src
    const dest = this.dest
    if (!src || !dest || this.toTake <= 0) return
    this.toTake--
    const tag = delivery.deliveryTag
    const taken: Taken = { settled: this.config.ackMode === 'no-ack', dropped: false }
    this.design.links.send(
      src.end.broker,
      dest.end.broker,
      () => this.publish(session, delivery, taken),
      () => this.dropped(taken),
    )
    if (this.config.ackMode === 'on-publish')
      this.design.clock.setTimer(this.design.clock.now(), () => {
        if (this.ackSource(session, tag)) this.settled(taken)
      })
  }

  /** Never reached the destination: lost only once the source has let it go, else the source requeues it. */
  private dropped(taken: Taken): void {
    taken.dropped = true
    if (taken.settled) this.counts.lost++
  }

  private settled(taken: Taken): void {
    taken.settled = true
    if (taken.dropped) this.counts.lost++
  }

  private publish(session: number, delivery: Delivery, taken: Taken): void {
    const dest = this.dest
    if (session !== this.session || !dest || dest.channel.closed) return this.dropped(taken)
    const exchange = this.config.destExchange ?? ''
    const routingKey = this.config.destExchangeKey ?? this.config.destQueue ?? delivery.routingKey
    const outcome = dest.channel.publish(exchange, routingKey, delivery.body, this.properties(delivery), false)
    this.counts.forwarded++
    if (this.config.ackMode === 'on-confirm') {
      if (outcome.confirm === null) this.waitingConfirm.set(outcome.publishSeq, delivery.deliveryTag)
      else this.sendAck(session, delivery.deliveryTag, outcome.confirm === 'ack')
    }
    this.countDown(session)
  }

  private confirmed(session: number, seq: number, ack: boolean): void {
    const tag = this.waitingConfirm.get(seq)
    if (tag === undefined) return
    this.waitingConfirm.delete(seq)
    this.sendAck(session, tag, ack)
  }

  /** The confirm travels back over the link; lost on a cut, the source redelivers a message already published. */
  private sendAck(session: number, tag: number, ack: boolean): void {
    const src = this.src
    const dest = this.dest
    if (!src || !dest) return
    this.design.links.send(
      dest.end.broker,
      src.end.broker,
      () => (ack ? this.ackSource(session, tag) : this.nackSource(session, tag)),
      () => this.counts.duplicated++,
    )
  }

  /** Whether the ack went: a source connection already closed has requeued the message instead. */
  private ackSource(session: number, tag: number): boolean {
    const src = this.src
    if (session !== this.session || !src || src.channel.closed) return false
    src.channel.ack(tag)
    return true
  }

  private nackSource(session: number, tag: number): void {
    const src = this.src
    if (session !== this.session || !src || src.channel.closed) return
    src.channel.nack(tag, false, false)
  }

  private countDown(session: number): void {
    if (!Number.isFinite(this.remaining)) return
    this.remaining--
    if (this.remaining <= 0)
      this.design.clock.setTimer(this.design.clock.now(), () => session === this.session && this.finish())
  }

  private properties(delivery: Delivery): MessageProperties {
    const props: MessageProperties = { ...delivery.properties, ...this.config.destPublishProperties }
    if (!this.config.destAddForwardHeaders && !this.config.destAddTimestampHeader) return props
    const headers: FieldTable = { ...(props.headers ?? {}) }
    if (this.config.destAddForwardHeaders) {
      const src = this.src?.end
      const dest = this.dest?.end
      const entry: FieldTable = {
        'shovelled-by': this.design.nodeName(this.home),
        'shovel-type': 'dynamic',
        'shovel-name': this.name,
        'shovel-vhost': this.vhost,
        'src-uri': src?.shown ?? this.config.srcUri,
        'dest-uri': dest?.shown ?? this.config.destUri,
      }
      if (this.config.srcQueue !== undefined) entry['src-queue'] = this.config.srcQueue
      if (this.config.srcExchange !== undefined) entry['src-exchange'] = this.config.srcExchange
      if (this.config.srcExchange !== undefined) entry['src-exchange-key'] = this.config.srcExchangeKey
      if (this.config.destQueue !== undefined) entry['dest-queue'] = this.config.destQueue
      if (this.config.destExchange !== undefined) entry['dest-exchange'] = this.config.destExchange
      if (this.config.destExchangeKey !== undefined) entry['dest-exchange-key'] = this.config.destExchangeKey
      const before = Array.isArray(headers['x-shovelled']) ? (headers['x-shovelled'] as FieldTable[]) : []
      headers['x-shovelled'] = [entry, ...before]
    }
    if (this.config.destAddTimestampHeader)
      headers['x-shovelled-timestamp'] = Math.floor(this.design.clock.now() / 1000)
    props.headers = headers
    return props
  }

  /** Both connections go; the source requeues what the shovel had not acked. Then a new attempt later. */
  fail(reason: string): void {
    this.session++
    this.closeConnections()
    this.setState('terminated', reason)
    if (this.retry === null)
      this.retry = this.design.clock.setTimer(this.design.clock.now() + this.config.reconnectDelay * 1000, () =>
        this.start(),
      )
  }

  /** A link this shovel crosses was cut. */
  linkCut(a: string, b: string): void {
    if (this.state === 'terminated') return
    const ends = [this.home, this.src?.end.broker, this.dest?.end.broker]
    if (ends.includes(a) && ends.includes(b)) this.fail('connection closed: the link is cut')
  }

  private finish(): void {
    this.stop()
    this.finished(this)
  }

  stop(): void {
    this.session++
    if (this.retry !== null) this.design.clock.clearTimer(this.retry)
    this.retry = null
    this.closeConnections()
  }

  private closeConnections(): void {
    this.waitingConfirm.clear()
    const forced = new AmqpError('CONNECTION_FORCED', 'shovel stopped')
    this.src?.connection.close(forced)
    this.dest?.connection.close(forced)
    this.src = null
    this.dest = null
  }

  private setState(state: ShovelState, reason: string | null): void {
    if (this.state !== state) this.since = this.design.clock.now()
    this.state = state
    this.reason = reason
  }

  /** The source and destination as the status reports them. */
  get ends(): { src: string; dest: string } {
    return { src: this.src?.end.shown ?? this.config.srcUri, dest: this.dest?.end.shown ?? this.config.destUri }
  }
}

/** A shovel declares the queues it names when they do not exist (durable, with src-/dest-queue-args). */
function declareIfMissing(channel: Channel, broker: Broker, vhost: string, queue: string, args: FieldTable): void {
  if (queue === '' || broker.vhosts.get(vhost)?.queues.has(queue)) return
  channel.queueDeclare({ queue, durable: true, arguments: args })
}
