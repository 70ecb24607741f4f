// Simulated producers and consumers inside the broker's process, on the broker's clock: producers publish
// at a rate, consumers take time to process and ack, fail, crash or go offline, as real clients would.
// Everything random comes from the seeded source, so the same seed and design replay the same run.

import type { Broker } from '../broker.ts'
import type { Channel } from '../channel.ts'
import type { Connection } from '../connection.ts'
import type { ConnectionSink } from '../connection-sink.ts'
import { AmqpError } from '../errors.ts'
import type { Delivery, MessageProperties } from '../model.ts'
import { MinHeap } from '../min-heap.ts'
import { seededRandom, type Random } from '../random.ts'
import type { TimerHandle } from '../clock.ts'
import type { ConsumerSpec, ConsumerState, ProducerSpec, RoutingKeyTemplate } from './specs.ts'

/** Producers publish in ticks no closer than this, several messages a tick at high rates. */
export const PRODUCER_TICK_MS = 10

interface ProducerRuntime {
  spec: ProducerSpec
  channel: Channel | null
  running: boolean
  timer: TimerHandle | null
  lastTick: number
  carry: number
  counter: number
  cycle: number
  published: number
  returned: number
  nacked: number
  error: string | null
}

interface InFlight {
  deliveryTag: number
  messageId: number
}

interface ConsumerRuntime {
  spec: ConsumerSpec
  state: ConsumerState
  channel: Channel | null
  consumerTag: string | null
  inFlight: MinHeap<InFlight>
  timer: TimerHandle | null
  timerAt: number
  failures: Map<number, number>
  slowdown: number
  received: number
  acked: number
  failed: number
  error: string | null
}

export interface ProducerStatus {
  id: string
  running: boolean
  published: number
  returned: number
  nacked: number
  error: string | null
}

export interface ConsumerStatus {
  id: string
  state: ConsumerState
  inFlight: number
  received: number
  acked: number
  failed: number
  slowdown: number
  error: string | null
}

export class Simulation {
  private readonly producers = new Map<string, ProducerRuntime>()
  private readonly consumers = new Map<string, ConsumerRuntime>()
  private readonly connections = new Map<string, Connection>()
  /** Who owns each simulation channel, per connection (one connection per vhost). */
  /** Connection id -> channel id -> the simulated client on that channel. */
  private readonly owners = new Map<number, Map<number, ConsumerRuntime | ProducerRuntime>>()

  private seed: number

  constructor(
    private readonly broker: Broker,
    private random: Random,
    seed = 1,
  ) {
    this.seed = seed
  }

  /** A new seed: from here on the run is the one that seed gives. */
  reseed(seed: number): void {
    this.seed = seed
    this.random = seededRandom(seed)
  }

  private get clock() {
    return this.broker.clock
  }

  private connection(vhost: string): Connection {
    let connection = this.connections.get(vhost)
    if (!connection || connection.closed) {
      const owners = new Map<number, ConsumerRuntime | ProducerRuntime>()
      connection = this.broker.connect(this.sink(owners), { vhost, user: 'guest' })
      this.owners.set(connection.id, owners)
      this.connections.set(vhost, connection)
    }
    return connection
  }

  private openChannel(vhost: string, owner: ConsumerRuntime | ProducerRuntime): Channel {
    const connection = this.connection(vhost)
    const channel = connection.openChannel()
    this.owners.get(connection.id)!.set(channel.id, owner)
    return channel
  }

  private forget(channel: Channel): void {
    this.owners.get(channel.connection.id)?.delete(channel.id)
  }

  private sink(owners: Map<number, ConsumerRuntime | ProducerRuntime>): ConnectionSink {
    const find = (channel: number) => owners.get(channel)
    return {
      delivery: (channel, delivery) => {
        const runtime = find(channel)
        if (runtime && 'inFlight' in runtime) this.received(runtime, delivery)
      },
      // Returns and confirms are counted from each publish's outcome, which carries both.
      returned: () => {},
      confirmed: () => {},
      cancelled: (channel) => {
        const runtime = find(channel)
        if (runtime && 'inFlight' in runtime) {
          runtime.state = 'stopped'
          runtime.error = 'The broker cancelled this consumer (its queue was deleted).'
          runtime.consumerTag = null
        }
      },
      channelClosed: (channel, error) => {
        const runtime = find(channel)
        if (!runtime) return
        if (error) runtime.error = error.message
        owners.delete(channel)
        runtime.channel = null
        if ('running' in runtime) this.halt(runtime)
      },
      connectionClosed: () => {},
    }
  }

  // ---- producers --------------------------------------------------------------

  /** Adds or replaces a producer; a running one keeps running with the new settings. */
  setProducer(spec: ProducerSpec): void {
    const existing = this.producers.get(spec.id)
    if (existing) {
      const wasRunning = existing.running
      this.halt(existing)
      existing.spec = spec
      if (existing.channel && existing.channel.confirmMode !== spec.confirms) this.closeProducerChannel(existing)
      if (wasRunning) this.startProducer(spec.id)
      return
    }
    this.producers.set(spec.id, {
      spec,
      channel: null,
      running: false,
      timer: null,
      lastTick: 0,
      carry: 0,
      counter: 0,
      cycle: 0,
      published: 0,
      returned: 0,
      nacked: 0,
      error: null,
    })
  }

  removeProducer(id: string): void {
    const p = this.producers.get(id)
    if (!p) return
    this.halt(p)
    this.closeProducerChannel(p)
    this.producers.delete(id)
  }

  startProducer(id: string): void {
    const p = this.mustProducer(id)
    p.error = null
    if (p.spec.burst && p.spec.burst > 0) {
      this.publishSome(p, p.spec.burst)
      return
    }
    if (p.running || p.spec.rate <= 0) return
    p.running = true
    p.lastTick = this.clock.now()
    p.carry = 0
    this.scheduleTick(p)
  }

  /** Publishes `count` messages at once from a producer, running or not: its counter, keys and channel carry on. */
  burstProducer(id: string, count: number): void {
    if (!Number.isInteger(count) || count < 1) throw new RangeError('a burst is a whole number of messages, at least 1')
    const p = this.mustProducer(id)
    p.error = null
    this.publishSome(p, count)
  }

  stopProducer(id: string): void {
    this.halt(this.mustProducer(id))
  }

  private halt(p: ProducerRuntime): void {
    p.running = false
    if (p.timer !== null) this.clock.clearTimer(p.timer)
    p.timer = null
  }

  private closeProducerChannel(p: ProducerRuntime): void {
    if (p.channel && !p.channel.closed) {
      this.forget(p.channel)
      p.channel.close()
    }
    p.channel = null
  }

  private scheduleTick(p: ProducerRuntime): void {
    const interval = Math.max(PRODUCER_TICK_MS, 1000 / p.spec.rate)
    p.timer = this.clock.setTimer(p.lastTick + interval, () => {
      p.timer = null
      if (!p.running) return
      const now = this.clock.now()
      const due = (p.spec.rate * (now - p.lastTick)) / 1000 + p.carry
      const count = Math.floor(due)
      p.carry = due - count
      p.lastTick = now
      this.publishSome(p, count)
      if (p.running) this.scheduleTick(p)
    })
  }

  private producerChannel(p: ProducerRuntime): Channel {
    if (!p.channel || p.channel.closed) {
      p.channel = this.openChannel(p.spec.vhost, p)
      if (p.spec.confirms) p.channel.confirmSelect()
    }
    return p.channel
  }

  private publishSome(p: ProducerRuntime, count: number): void {
    const spec = p.spec
    for (let i = 0; i < count; i++) {
      const n = ++p.counter
      const key = this.routingKey(p, spec.routingKey)
      const properties: MessageProperties = {}
      if (spec.headers && Object.keys(spec.headers).length > 0) properties.headers = spec.headers
      if (spec.persistent) properties.deliveryMode = 2
      if (spec.expiration !== undefined) properties.expiration = String(spec.expiration)
      if (spec.priority !== undefined) properties.priority = spec.priority
      const body = spec.body.replaceAll('{n}', String(n)).replaceAll('{key}', key)
      try {
        const outcome = this.producerChannel(p).publish(spec.exchange, key, body, properties, spec.mandatory)
        p.published++
        if (outcome.returned) p.returned++
        if (outcome.confirm === 'nack') p.nacked++
      } catch (error) {
        p.error = error instanceof AmqpError ? error.message : String(error)
        this.halt(p)
        return
      }
    }
  }

  private routingKey(p: ProducerRuntime, template: RoutingKeyTemplate): string {
    switch (template.kind) {
      case 'fixed':
        return template.key
      case 'cycle':
        return template.keys.length === 0 ? '' : template.keys[p.cycle++ % template.keys.length]
      case 'pattern':
        return template.pattern.replace(/\{([^{}]*)\}/g, (_m, choices: string) => {
          const options = choices.split('|')
          return options[Math.floor(this.random.next() * options.length)]
        })
    }
  }

  // ---- consumers --------------------------------------------------------------

  /** Adds or replaces a consumer and starts consuming; replacing closes the old channel first. */
  setConsumer(spec: ConsumerSpec): void {
    const existing = this.consumers.get(spec.id)
    if (existing) this.disconnect(existing)
    const runtime: ConsumerRuntime = existing ?? {
      spec,
      state: 'stopped',
      channel: null,
      consumerTag: null,
      inFlight: new MinHeap(),
      timer: null,
      timerAt: Infinity,
      failures: new Map(),
      slowdown: 1,
      received: 0,
      acked: 0,
      failed: 0,
      error: null,
    }
    runtime.spec = spec
    this.consumers.set(spec.id, runtime)
    this.subscribe(runtime)
  }

  removeConsumer(id: string): void {
    const c = this.consumers.get(id)
    if (!c) return
    this.disconnect(c)
    this.consumers.delete(id)
  }

  /** The consumer dies holding its unacked messages: its channel closes and they come back redelivered. */
  crashConsumer(id: string): void {
    const c = this.mustConsumer(id)
    this.disconnect(c)
    c.state = 'crashed'
  }

  /** Offline: stops receiving but finishes what it holds. Back online: subscribes again (after a crash too). */
  setConsumerOnline(id: string, online: boolean): void {
    const c = this.mustConsumer(id)
    if (online) {
      if (c.state !== 'consuming') this.subscribe(c)
      return
    }
    if (c.channel && c.consumerTag && !c.channel.closed) c.channel.cancel(c.consumerTag)
    c.consumerTag = null
    c.state = 'offline'
  }

  /** Processing takes `factor` times longer from now on (1 = normal). */
  setConsumerSlowdown(id: string, factor: number): void {
    if (!(factor > 0)) throw new RangeError('the slowdown factor must be above 0')
    this.mustConsumer(id).slowdown = factor
  }

  private subscribe(c: ConsumerRuntime): void {
    c.error = null
    try {
      if (!c.channel || c.channel.closed) {
        c.channel = this.openChannel(c.spec.vhost, c)
      }
      c.channel.qos(c.spec.prefetch, false)
      c.state = 'consuming'
      c.consumerTag = c.channel.consume(c.spec.queue, {
        noAck: c.spec.autoAck,
        consumerTag: `sim-${c.spec.id}-${c.received}`,
      })
    } catch (error) {
      c.state = 'stopped'
      c.error = error instanceof AmqpError ? error.message : String(error)
      c.consumerTag = null
    }
  }

  private disconnect(c: ConsumerRuntime): void {
    if (c.timer !== null) this.clock.clearTimer(c.timer)
    c.timer = null
    c.timerAt = Infinity
    c.inFlight.clear()
    if (c.channel && !c.channel.closed) {
      const channel = c.channel
      this.forget(channel)
      c.channel = null
      channel.close()
    }
    c.channel = null
    c.consumerTag = null
    c.state = 'stopped'
  }

  private received(c: ConsumerRuntime, delivery: Delivery): void {
    c.received++
    if (c.spec.autoAck) return
    const [low, high] =
      typeof c.spec.processingMs === 'number' ? [c.spec.processingMs, c.spec.processingMs] : c.spec.processingMs
    const ms = (low + (high - low) * this.random.next()) * c.slowdown
    c.inFlight.push(this.clock.now() + ms, { deliveryTag: delivery.deliveryTag, messageId: delivery.messageId })
    this.armConsumer(c)
  }

  private armConsumer(c: ConsumerRuntime): void {
    const next = c.inFlight.peekKey()
    if (next === undefined || next >= c.timerAt) return
    if (c.timer !== null) this.clock.clearTimer(c.timer)
    c.timerAt = next
    c.timer = this.clock.setTimer(next, () => {
      c.timer = null
      c.timerAt = Infinity
      this.finishDue(c)
      this.armConsumer(c)
    })
  }

  private finishDue(c: ConsumerRuntime): void {
    const now = this.clock.now()
    while ((c.inFlight.peekKey() ?? Infinity) <= now) {
      const done = c.inFlight.pop()!
      const channel = c.channel
      if (!channel || channel.closed) return
      const fail = this.shouldFail(c, done.messageId)
      try {
        if (!fail) {
          channel.ack(done.deliveryTag)
          c.acked++
          continue
        }
        c.failed++
        const action = c.spec.behaviour.kind === 'ack' ? 'requeue' : c.spec.behaviour.action
        if (action === 'requeue') channel.nack(done.deliveryTag, false, true)
        else if (action === 'dead-letter') channel.nack(done.deliveryTag, false, false)
        else channel.reject(done.deliveryTag, false)
      } catch (error) {
        c.error = error instanceof AmqpError ? error.message : String(error)
        return
      }
    }
  }

  private shouldFail(c: ConsumerRuntime, messageId: number): boolean {
    const b = c.spec.behaviour
    if (b.kind === 'ack') return false
    if (b.kind === 'fail-randomly') return this.random.next() < b.probability
    const seen = c.failures.get(messageId) ?? 0
    if (seen < b.failures) {
      c.failures.set(messageId, seen + 1)
      return true
    }
    c.failures.delete(messageId)
    return false
  }

  // ---- status -----------------------------------------------------------------

  status(): { seed: number; producers: ProducerStatus[]; consumers: ConsumerStatus[] } {
    return {
      seed: this.seed,
      producers: [...this.producers.values()].map((p) => ({
        id: p.spec.id,
        running: p.running,
        published: p.published,
        returned: p.returned,
        nacked: p.nacked,
        error: p.error,
      })),
      consumers: [...this.consumers.values()].map((c) => ({
        id: c.spec.id,
        state: c.state,
        inFlight: c.inFlight.size,
        received: c.received,
        acked: c.acked,
        failed: c.failed,
        slowdown: c.slowdown,
        error: c.error,
      })),
    }
  }

  /** Stops every producer and disconnects every consumer. */
  clear(): void {
    for (const id of [...this.producers.keys()]) this.removeProducer(id)
    for (const id of [...this.consumers.keys()]) this.removeConsumer(id)
  }

  private mustProducer(id: string): ProducerRuntime {
    const p = this.producers.get(id)
    if (!p) throw new RangeError(`no simulated producer "${id}"`)
    return p
  }

  private mustConsumer(id: string): ConsumerRuntime {
    const c = this.consumers.get(id)
    if (!c) throw new RangeError(`no simulated consumer "${id}"`)
    return c
  }
}
