// Simulated consumers: each consumes on a channel of its own with a prefetch, takes a processing time per
// message (slowed down on demand), then acks, or fails as its behaviour says; it can crash or go offline.

import type { Channel } from '../channel.ts'
import type { Clock, TimerHandle } from '../clock.ts'
import { AmqpError } from '../errors.ts'
import type { Delivery } from '../model.ts'
import { MinHeap } from '../min-heap.ts'
import type { Random } from '../random.ts'
import type { ConsumerRestore, ConsumerSpec, ConsumerState, ConsumerStatus } from './specs.ts'

interface InFlight {
  deliveryTag: number
  messageId: number
}

export interface ConsumerRuntime {
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

/** What consumers need of the simulation around them. */
export interface ConsumerHost {
  readonly clock: Clock
  readonly random: Random
  openChannel(vhost: string, owner: ConsumerRuntime): Channel
  forget(channel: Channel): void
}

export class SimulatedConsumers {
  private readonly consumers = new Map<string, ConsumerRuntime>()
  /** What consumers not yet set had done before a restart, taken up when they are. */
  private readonly restored = new Map<string, ConsumerRestore>()

  constructor(private readonly host: ConsumerHost) {}

  /**
   * Counts and offline state from before a restart. Sent before the consumers are set, so one set offline
   * never subscribes (and takes no message); a consumer already set takes them at once.
   */
  restore(entries: readonly ConsumerRestore[]): void {
    for (const entry of entries) {
      const c = this.consumers.get(entry.id)
      if (!c) {
        this.restored.set(entry.id, entry)
        continue
      }
      c.received = entry.received
      c.acked = entry.acked
      c.failed = entry.failed
      if (entry.offline) this.setOnline(entry.id, false)
    }
  }

  /** Adds or replaces a consumer and starts consuming; replacing closes the old channel first. */
  set(spec: ConsumerSpec): void {
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
    const restored = this.restored.get(spec.id)
    if (restored) {
      this.restored.delete(spec.id)
      runtime.received = restored.received
      runtime.acked = restored.acked
      runtime.failed = restored.failed
      if (restored.offline) {
        runtime.state = 'offline'
        return
      }
    }
    this.subscribe(runtime)
  }

  remove(id: string): void {
    const c = this.consumers.get(id)
    this.restored.delete(id)
    if (!c) return
    this.disconnect(c)
    this.consumers.delete(id)
  }

  /** The consumer dies holding its unacked messages: its channel closes and they come back redelivered. */
  crash(id: string): void {
    const c = this.mustConsumer(id)
    this.disconnect(c)
    c.state = 'crashed'
  }

  /** Offline: stops receiving but finishes what it holds. Back online: subscribes again (after a crash too). */
  setOnline(id: string, online: boolean): void {
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
  setSlowdown(id: string, factor: number): void {
    if (!(factor > 0)) throw new RangeError('the slowdown factor must be above 0')
    this.mustConsumer(id).slowdown = factor
  }

  private subscribe(c: ConsumerRuntime): void {
    c.error = null
    try {
      if (!c.channel || c.channel.closed) {
        c.channel = this.host.openChannel(c.spec.vhost, c)
      }
      c.channel.qos(c.spec.prefetch, false)
      c.state = 'consuming'
      const offset = c.spec.streamOffset
      c.consumerTag = c.channel.consume(c.spec.queue, {
        noAck: c.spec.autoAck,
        consumerTag: `sim-${c.spec.id}-${c.received}`,
        arguments: offset === undefined ? {} : { 'x-stream-offset': offset },
      })
    } catch (error) {
      c.state = 'stopped'
      c.error = error instanceof AmqpError ? error.message : String(error)
      c.consumerTag = null
    }
  }

  private disconnect(c: ConsumerRuntime): void {
    if (c.timer !== null) this.host.clock.clearTimer(c.timer)
    c.timer = null
    c.timerAt = Infinity
    c.inFlight.clear()
    if (c.channel && !c.channel.closed) {
      const channel = c.channel
      this.host.forget(channel)
      c.channel = null
      channel.close()
    }
    c.channel = null
    c.consumerTag = null
    c.state = 'stopped'
  }

  /** A delivery reached the consumer: it acks (or fails) after its processing time. */
  received(c: ConsumerRuntime, delivery: Delivery): void {
    c.received++
    if (c.spec.autoAck) return
    const [low, high] =
      typeof c.spec.processingMs === 'number' ? [c.spec.processingMs, c.spec.processingMs] : c.spec.processingMs
    const ms = (low + (high - low) * this.host.random.next()) * c.slowdown
    c.inFlight.push(this.host.clock.now() + ms, { deliveryTag: delivery.deliveryTag, messageId: delivery.messageId })
    this.armConsumer(c)
  }

  private armConsumer(c: ConsumerRuntime): void {
    const next = c.inFlight.peekKey()
    if (next === undefined || next >= c.timerAt) return
    if (c.timer !== null) this.host.clock.clearTimer(c.timer)
    c.timerAt = next
    c.timer = this.host.clock.setTimer(next, () => {
      c.timer = null
      c.timerAt = Infinity
      this.finishDue(c)
      this.armConsumer(c)
    })
  }

  private finishDue(c: ConsumerRuntime): void {
    const now = this.host.clock.now()
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
        else if (action === 'reject-requeue') channel.reject(done.deliveryTag, true)
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
    if (b.kind === 'fail-randomly') return this.host.random.next() < b.probability
    const seen = c.failures.get(messageId) ?? 0
    if (seen < b.failures) {
      c.failures.set(messageId, seen + 1)
      return true
    }
    c.failures.delete(messageId)
    return false
  }

  status(): ConsumerStatus[] {
    return [...this.consumers.values()].map((c) => ({
      id: c.spec.id,
      state: c.state,
      inFlight: c.inFlight.size,
      received: c.received,
      acked: c.acked,
      failed: c.failed,
      slowdown: c.slowdown,
      error: c.error,
    }))
  }

  ids(): string[] {
    return [...this.consumers.keys()]
  }

  private mustConsumer(id: string): ConsumerRuntime {
    const c = this.consumers.get(id)
    if (!c) throw new RangeError(`no simulated consumer "${id}"`)
    return c
  }
}
