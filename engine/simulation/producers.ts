// Simulated producers: each publishes on a channel of its own at a rate (ticks on the broker's clock) or in
// bursts, with routing keys from a template and bodies numbered {n}. Returns and nacks are counted per producer.

import type { Channel } from '../channel.ts'
import type { Clock, TimerHandle } from '../clock.ts'
import { AmqpError } from '../errors.ts'
import type { MessageProperties } from '../model.ts'
import type { Random } from '../random.ts'
import type { ProducerRestore, ProducerSpec, ProducerStatus, RoutingKeyTemplate } from './specs.ts'

/** Producers publish in ticks no closer than this, several messages a tick at high rates. */
export const PRODUCER_TICK_MS = 10

export interface ProducerRuntime {
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

/** What producers need of the simulation around them. */
export interface ProducerHost {
  readonly clock: Clock
  readonly random: Random
  openChannel(vhost: string, owner: ProducerRuntime): Channel
  forget(channel: Channel): void
}

export class SimulatedProducers {
  private readonly producers = new Map<string, ProducerRuntime>()
  /** What producers not yet set had done before a restart, taken up when they are. */
  private readonly restored = new Map<string, ProducerRestore>()

  constructor(private readonly host: ProducerHost) {}

  /** Counts from before a restart: a producer already set takes them at once, the others when they are set. */
  restore(entries: readonly ProducerRestore[]): void {
    for (const entry of entries) {
      const p = this.producers.get(entry.id)
      if (p) Object.assign(p, { published: entry.published, returned: entry.returned, nacked: entry.nacked })
      else this.restored.set(entry.id, entry)
    }
  }

  /** Adds or replaces a producer; a running one keeps running with the new settings. */
  set(spec: ProducerSpec): void {
    const existing = this.producers.get(spec.id)
    if (existing) {
      const wasRunning = existing.running
      this.halt(existing)
      existing.spec = spec
      if (existing.channel && existing.channel.confirmMode !== spec.confirms) this.closeProducerChannel(existing)
      if (wasRunning) this.start(spec.id)
      return
    }
    const restored = this.restored.get(spec.id)
    this.restored.delete(spec.id)
    this.producers.set(spec.id, {
      spec,
      channel: null,
      running: false,
      timer: null,
      lastTick: 0,
      carry: 0,
      counter: restored?.published ?? 0,
      cycle: 0,
      published: restored?.published ?? 0,
      returned: restored?.returned ?? 0,
      nacked: restored?.nacked ?? 0,
      error: null,
    })
  }

  remove(id: string): void {
    this.restored.delete(id)
    const p = this.producers.get(id)
    if (!p) return
    this.halt(p)
    this.closeProducerChannel(p)
    this.producers.delete(id)
  }

  start(id: string): void {
    const p = this.mustProducer(id)
    p.error = null
    if (p.spec.burst && p.spec.burst > 0) {
      this.publishSome(p, p.spec.burst)
      return
    }
    if (p.running || p.spec.rate <= 0) return
    p.running = true
    p.lastTick = this.host.clock.now()
    p.carry = 0
    this.scheduleTick(p)
  }

  /** Publishes `count` messages at once from a producer, running or not: its counter, keys and channel carry on. */
  burst(id: string, count: number): void {
    if (!Number.isInteger(count) || count < 1) throw new RangeError('a burst is a whole number of messages, at least 1')
    const p = this.mustProducer(id)
    p.error = null
    this.publishSome(p, count)
  }

  stop(id: string): void {
    this.halt(this.mustProducer(id))
  }

  /** Stops a producer's ticks (its channel closed, or it was told to stop). */
  halt(p: ProducerRuntime): void {
    p.running = false
    if (p.timer !== null) this.host.clock.clearTimer(p.timer)
    p.timer = null
  }

  private closeProducerChannel(p: ProducerRuntime): void {
    if (p.channel && !p.channel.closed) {
      this.host.forget(p.channel)
      p.channel.close()
    }
    p.channel = null
  }

  private scheduleTick(p: ProducerRuntime): void {
    const interval = Math.max(PRODUCER_TICK_MS, 1000 / p.spec.rate)
    p.timer = this.host.clock.setTimer(p.lastTick + interval, () => {
      p.timer = null
      if (!p.running) return
      const now = this.host.clock.now()
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
      p.channel = this.host.openChannel(p.spec.vhost, p)
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
          return options[Math.floor(this.host.random.next() * options.length)]
        })
    }
  }

  status(): ProducerStatus[] {
    return [...this.producers.values()].map((p) => ({
      id: p.spec.id,
      running: p.running,
      published: p.published,
      returned: p.returned,
      nacked: p.nacked,
      error: p.error,
    }))
  }

  ids(): string[] {
    return [...this.producers.keys()]
  }

  private mustProducer(id: string): ProducerRuntime {
    const p = this.producers.get(id)
    if (!p) throw new RangeError(`no simulated producer "${id}"`)
    return p
  }
}
