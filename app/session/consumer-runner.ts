// Consumer nodes are real consumers: each opens a channel with its prefetch, consumes its queue and,
// in manual-ack mode, acks each message after its processing time, so counts move as on a real broker.

import type { Message, WarrenChannel, WarrenConnection } from '../broker/amqp.ts'
import type { ConsumerDef } from '../design/types.ts'
import type { QueueDef } from '../../engine/model.ts'

export const consumerTag = (id: string) => `designer-${id}`

interface Running {
  def: ConsumerDef
  queueDef: QueueDef
  channel: WarrenChannel
  timers: Set<ReturnType<typeof setTimeout>>
}

export interface RunnerHost {
  connection(): Promise<WarrenConnection>
  consumers(): Record<string, ConsumerDef>
  queues(): Record<string, QueueDef>
  reportError(consumer: ConsumerDef, message: string): void
}

export class ConsumerRunner {
  private readonly running = new Map<string, Running>()
  /** Consumers that failed to start, with what they were started on: not retried until that changes. */
  private readonly failed = new Map<string, { def: ConsumerDef; queueDef: QueueDef }>()
  private busy = false
  private again = false

  constructor(private readonly host: RunnerHost) {}

  /** Brings running consumers in line with the design; calls made while busy coalesce into one more pass. */
  schedule(): void {
    if (this.busy) {
      this.again = true
      return
    }
    this.busy = true
    void this.reconcile().finally(() => {
      this.busy = false
      if (this.again) {
        this.again = false
        this.schedule()
      }
    })
  }

  private async reconcile(): Promise<void> {
    const wanted = this.host.consumers()
    const queues = this.host.queues()
    for (const [id, r] of [...this.running]) {
      const def = wanted[id]
      if (!def || def !== r.def || r.channel.closed || def.queue === null || queues[def.queue] !== r.queueDef) await this.stop(id)
    }
    for (const def of Object.values(wanted)) {
      if (this.running.has(def.id) || def.queue === null) continue
      const queueDef = queues[def.queue]
      if (!queueDef) continue
      const failed = this.failed.get(def.id)
      if (failed && failed.def === def && failed.queueDef === queueDef) continue
      await this.start(def, queueDef)
    }
  }

  private async start(def: ConsumerDef, queueDef: QueueDef): Promise<void> {
    let channel: WarrenChannel | null = null
    try {
      channel = await (await this.host.connection()).createChannel()
      const running: Running = { def, queueDef, channel, timers: new Set() }
      const ch = channel
      ch.on('error', () => {})
      ch.on('close', () => this.schedule())
      if (def.prefetch > 0) await ch.prefetch(def.prefetch)
      this.running.set(def.id, running)
      await ch.consume(queueDef.name, (message) => this.received(running, message), { noAck: def.ackMode === 'auto', consumerTag: consumerTag(def.id) })
      this.failed.delete(def.id)
    } catch (error) {
      this.running.delete(def.id)
      this.failed.set(def.id, { def, queueDef })
      if (channel && !channel.closed) void channel.close().catch(() => {})
      this.host.reportError(def, (error as { detail?: string }).detail ?? (error as Error).message)
    }
  }

  private received(r: Running, message: Message | null): void {
    if (message === null) {
      // Cancelled by the broker (its queue was deleted): let the next pass decide.
      void this.stop(r.def.id).then(() => this.schedule())
      return
    }
    if (r.def.ackMode === 'auto') return
    const timer = setTimeout(() => {
      r.timers.delete(timer)
      if (!r.channel.closed) r.channel.ack(message)
    }, r.def.processingMs)
    r.timers.add(timer)
  }

  private async stop(id: string): Promise<void> {
    const r = this.running.get(id)
    if (!r) return
    this.running.delete(id)
    for (const t of r.timers) clearTimeout(t)
    // Closing the channel requeues what it still holds, as a consumer going away does.
    if (!r.channel.closed) await r.channel.close().catch(() => {})
  }

  /** After a restart or reset the old channels are gone; forget them and start again. */
  forgetAll(): void {
    for (const r of this.running.values()) for (const t of r.timers) clearTimeout(t)
    this.running.clear()
    this.failed.clear()
  }
}
