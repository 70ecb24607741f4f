// An AMQP connection: a user in a vhost, its channels, and the exclusive queues it owns.

import { AmqpError, type BrokerErrorData } from './errors.ts'
import type { Delivery, ReturnedMessage } from './model.ts'
import { Channel } from './channel.ts'
import type { Broker } from './broker.ts'
import type { VirtualHost } from './vhost.ts'

/** Where a connection's asynchronous traffic goes: the client on the other side. */
export interface ConnectionSink {
  delivery(channel: number, delivery: Delivery): void
  returned(channel: number, message: ReturnedMessage): void
  /** A publisher confirm that could not be given when publishing (it waited for a durable write). */
  confirmed(channel: number, publishSeq: number, ack: boolean): void
  /** The broker cancelled a consumer, e.g. because its queue was deleted. */
  cancelled(channel: number, consumerTag: string): void
  channelClosed(channel: number, error: BrokerErrorData | null): void
  connectionClosed(error: BrokerErrorData | null): void
}

export class Connection {
  closed = false
  private nextChannelId = 1
  readonly channels = new Map<number, Channel>()

  constructor(
    readonly id: number,
    readonly broker: Broker,
    readonly vhost: VirtualHost,
    readonly user: string,
    readonly sink: ConnectionSink,
  ) {}

  openChannel(id?: number): Channel {
    if (this.closed) throw new AmqpError('CHANNEL_ERROR', 'connection is closed')
    const channelId = id ?? this.nextChannelId++
    if (this.channels.has(channelId))
      throw new AmqpError('CHANNEL_ERROR', `second 'channel.open' seen for channel ${channelId}`)
    if (channelId >= this.nextChannelId) this.nextChannelId = channelId + 1
    const channel = new Channel(channelId, this)
    this.channels.set(channelId, channel)
    const emit = this.vhost.emit
    if (emit) emit({ type: 'channelOpened', at: this.vhost.now(), channel: channelId, connection: this.id })
    return channel
  }

  channel(id: number): Channel {
    const channel = this.channels.get(id)
    if (!channel) throw new AmqpError('CHANNEL_ERROR', `expected 'channel.open' for channel ${id}`)
    return channel
  }

  channelClosed(channel: Channel, error: AmqpError | null): void {
    this.channels.delete(channel.id)
    const emit = this.vhost.emit
    if (emit) {
      emit({
        type: 'channelClosed',
        at: this.vhost.now(),
        channel: channel.id,
        connection: this.id,
        replyCode: error?.code ?? 200,
        replyText: error?.message ?? 'OK',
      })
    }
    this.sink.channelClosed(channel.id, error ? error.toData() : null)
  }

  /** Closes every channel (requeueing their unacked messages), then deletes the exclusive queues. */
  close(error: AmqpError | null = null): void {
    if (this.closed) return
    this.closed = true
    for (const channel of [...this.channels.values()]) channel.close(error)
    this.vhost.connectionClosed(this.id)
    const emit = this.vhost.emit
    if (emit)
      emit({
        type: 'connectionClosed',
        at: this.vhost.now(),
        connection: this.id,
        replyCode: error?.code ?? 200,
        replyText: error?.message ?? 'OK',
      })
    this.broker.connectionClosed(this)
    this.sink.connectionClosed(error ? error.toData() : null)
  }
}
