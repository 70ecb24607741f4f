// Two (or more) brokers in one design on a manual clock, with a client channel per broker and the management API,
// so shovel and federation tests read like the recorded scenarios.

import { ManualClock } from '../../engine/clock.ts'
import type { Broker } from '../../engine/broker.ts'
import type { Channel } from '../../engine/channel.ts'
import type { ConnectionSink } from '../../engine/connection-sink.ts'
import { Design } from '../../engine/design/design.ts'
import { ManagementApi } from '../../engine/management/api.ts'
import type { MessageProperties } from '../../engine/model.ts'

const idle: ConnectionSink = {
  delivery: () => {},
  returned: () => {},
  confirmed: () => {},
  cancelled: () => {},
  channelClosed: () => {},
  connectionClosed: () => {},
}

export class TestDesign {
  readonly clock = new ManualClock()
  readonly design = new Design(this.clock)
  private readonly channels = new Map<string, Channel>()

  constructor(...names: string[]) {
    for (const name of names.length ? names : ['a', 'b']) this.design.create(name, { version: '4.3' })
  }

  broker(name: string): Broker {
    const b = this.design.broker(name)
    if (!b) throw new Error(`no broker ${name}`)
    return b
  }

  channel(name: string): Channel {
    let ch = this.channels.get(name)
    if (!ch || ch.closed) {
      ch = this.broker(name).connect(idle).openChannel()
      this.channels.set(name, ch)
    }
    return ch
  }

  queue(broker: string, queue: string): this {
    this.channel(broker).queueDeclare({ queue, durable: true, arguments: {} })
    return this
  }

  publish(
    broker: string,
    exchange: string,
    routingKey: string,
    bodies: string[],
    properties: MessageProperties = {},
  ): this {
    for (const body of bodies) this.channel(broker).publish(exchange, routingKey, body, properties, false)
    return this
  }

  depth(broker: string, queue: string): number {
    return this.broker(broker).vhosts.get('/')?.queues.get(queue)?.messageCount ?? -1
  }

  consumers(broker: string, queue: string): number {
    return this.broker(broker).vhosts.get('/')?.queues.get(queue)?.consumerCount ?? -1
  }

  /** The bodies of every ready message, taken with basic.get no-ack. */
  drain(broker: string, queue: string): string[] {
    const out: string[] = []
    for (let got = this.channel(broker).get(queue, true); got; got = this.channel(broker).get(queue, true))
      out.push(String(got.body))
    return out
  }

  api(broker: string): ManagementApi {
    return new ManagementApi(this.broker(broker), '4.3')
  }

  parameter(broker: string, component: string, name: string, value: unknown): number {
    return this.api(broker).handle({ method: 'PUT', path: `/api/parameters/${component}/%2F/${name}`, body: { value } })
      .status
  }

  policy(broker: string, name: string, pattern: string, applyTo: string, definition: Record<string, unknown>): number {
    return this.api(broker).handle({
      method: 'PUT',
      path: `/api/policies/%2F/${name}`,
      body: { pattern, 'apply-to': applyTo, definition },
    }).status
  }

  get(broker: string, path: string): unknown {
    return this.api(broker).handle({ method: 'GET', path: `/api/${path}` }).body
  }

  /** Lets what is due now happen (hops over a link, scheduled acks), as the recorder's settle time does. */
  settle(ms = 0): this {
    this.clock.advance(ms)
    return this
  }
}

export const shovel = (src: string, dest: string, extra: Record<string, unknown> = {}) => ({
  'src-uri': `amqp://${src}`,
  'src-queue': 'src',
  'dest-uri': `amqp://${dest}`,
  'dest-queue': 'dst',
  'reconnect-delay': 1,
  ...extra,
})
