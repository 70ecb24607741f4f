// An AMQP connection: a user in a vhost, its channels, and the exclusive queues it owns.

import { AmqpError } from './errors.ts'
import { Channel, type ChannelHost } from './channel.ts'
import type { ConnectionSink } from './connection-sink.ts'
import type { VirtualHost } from './vhost.ts'

/** What a connection needs of its broker. */
export interface ConnectionHost {
  generateName(prefix: string): string
  connectionClosed(connection: Connection): void
}

export class Connection implements ChannelHost {
  closed = false
  /** The cluster node the client connected to (rabbit@n1 on a single node). */
  node = 'rabbit@n1'
  private nextChannelId = 1
  readonly channels = new Map<number, Channel>()

  constructor(
    readonly id: number,
    private readonly host: ConnectionHost,
    readonly vhost: VirtualHost,
    readonly user: string,
    readonly sink: ConnectionSink,
  ) {}

  /** A server-generated name (amq.ctag-..., amq.gen-...), from the broker's seeded random. */
  generateName(prefix: string): string {
    return this.host.generateName(prefix)
  }

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
    this.host.connectionClosed(this)
    this.sink.connectionClosed(error ? error.toData() : null)
  }
}
