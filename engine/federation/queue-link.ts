// A federated queue's link to one upstream queue: messages move downstream only while the downstream queue has
// consumers and no ready messages. The link consumes the upstream queue from the first demand on, one message at
// a time (prefetch 1), and acks upstream only when the downstream queue wants the next: RabbitMQ's credit, roughly.
// Each message is republished to the queue with x-received-from and its original exchange and routing key.

import type { BrokerEvent } from '../events.ts'
import type { Delivery, FieldTable } from '../model.ts'
import { FederationLink } from './link.ts'

const WATCHED: ReadonlySet<string> = new Set(['consumerAdded', 'delivered', 'acked', 'enqueued', 'requeued', 'purged'])

export class QueueLink extends FederationLink {
  readonly type = 'queue'
  private consuming = false
  /** The upstream delivery tag of the message downstream has, acked once downstream wants another. */
  private held: number | null = null
  private inFlight = false
  private pumpScheduled = false

  get upstreamQueue(): string {
    return this.config.queue ?? this.name
  }

  protected open(): void {
    const up = this.upstream
    if (!up) return
    const vhost = this.brokerOf(up.broker).vhosts.get(up.vhost)
    if (!vhost?.queues.has(this.upstreamQueue))
      throw new Error(`no queue '${this.upstreamQueue}' in vhost '${up.vhost}'`)
    this.consuming = false
    this.held = null
    this.inFlight = false
    this.schedulePump()
  }

  observe(broker: string, event: BrokerEvent): void {
    if (!this.upstream || !WATCHED.has(event.type)) return
    const queue = (event as { queue?: string }).queue
    if (broker === this.broker && (queue === this.name || event.type === 'consumerAdded')) this.schedulePump()
  }

  private schedulePump(): void {
    if (this.pumpScheduled) return
    this.pumpScheduled = true
    const session = this.session
    this.design.clock.setTimer(this.design.clock.now(), () => {
      this.pumpScheduled = false
      if (session === this.session) this.pump()
    })
  }

  private wantsMore(): boolean {
    const local = this.brokerOf(this.broker).vhosts.get(this.vhost)?.queues.get(this.name)
    return !!local && local.consumerCount > 0 && local.messageCount === 0
  }

  /** Downstream wants a message: start consuming upstream, or ack the one held so the next comes. */
  private pump(): void {
    const up = this.upstream
    if (!up || this.inFlight || !this.wantsMore()) return
    if (!this.consuming) {
      this.consuming = true
      up.channel.qos(1)
      up.channel.consume(this.upstreamQueue, this.config.consumerTag ? { consumerTag: this.config.consumerTag } : {})
      return
    }
    if (this.held !== null) {
      const tag = this.held
      this.held = null
      if (!up.channel.closed) up.channel.ack(tag)
    }
  }

  protected override delivered(session: number, delivery: Delivery): void {
    const up = this.upstream
    if (!up) return
    this.inFlight = true
    this.design.links.send(
      up.broker,
      this.broker,
      () => this.republish(session, delivery),
      () => {
        this.inFlight = false
      },
    )
  }

  private republish(session: number, delivery: Delivery): void {
    const up = this.upstream
    const down = this.downstream
    if (session !== this.session || !up || !down) return
    this.inFlight = false
    const headers: FieldTable = { ...(delivery.properties.headers ?? {}) }
    const received = Array.isArray(headers['x-received-from']) ? (headers['x-received-from'] as FieldTable[]) : []
    const same = (r: FieldTable) => r.uri === up.shown && r.queue === this.upstreamQueue
    const visits = received.find(same)?.['visit-count']
    headers['x-original-exchange'] = headers['x-original-exchange'] ?? delivery.exchange
    headers['x-original-routing-key'] = headers['x-original-routing-key'] ?? delivery.routingKey
    headers['x-received-from'] = [
      {
        uri: up.shown,
        queue: this.upstreamQueue,
        redelivered: delivery.redelivered,
        'visit-count': (typeof visits === 'number' ? visits : 0) + 1,
      },
      ...received.filter((r) => !same(r)),
    ]
    down.channel.publish('', this.name, delivery.body, { ...delivery.properties, headers }, false)
    this.held = delivery.deliveryTag
    this.schedulePump()
  }
}
