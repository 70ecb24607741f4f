// The designer's one connection, to the vhost on screen, and its three channels: admin (declares), a confirm
// channel (the publish panel) and one for the queue browser. A channel error closes one; the next call opens afresh.

import { connect, type WarrenChannel, type WarrenConnection } from '../broker/amqp.ts'
import type { BrokerClient } from '../broker/client.ts'

type Role = 'admin' | 'publisher' | 'browser'

export class ChannelPool {
  private conn: WarrenConnection | null = null
  private connecting: Promise<WarrenConnection> | null = null
  private connVhost = '/'
  private connectingVhost = '/'
  private readonly channels: Record<Role, WarrenChannel | null> = { admin: null, publisher: null, browser: null }

  constructor(
    private readonly client: BrokerClient,
    private readonly vhost: () => string,
  ) {}

  /** The connection to the vhost on screen; one still opening for another vhost is not used. */
  async connection(): Promise<WarrenConnection> {
    const vhost = this.vhost()
    if (this.conn && !this.conn.closed && this.connVhost === vhost) return this.conn
    if (this.connecting && this.connectingVhost === vhost) return this.connecting
    const attempt: Promise<WarrenConnection> = connect(this.client, { vhost }).then(
      (c) => {
        if (this.connecting === attempt) {
          this.conn = c
          this.connVhost = vhost
          this.connecting = null
        }
        return c
      },
      (error) => {
        if (this.connecting === attempt) this.connecting = null
        throw error
      },
    )
    this.connecting = attempt
    this.connectingVhost = vhost
    return attempt
  }

  admin(): Promise<WarrenChannel> {
    return this.open('admin')
  }

  browser(): Promise<WarrenChannel> {
    return this.open('browser')
  }

  /** The publish panel's confirm channel. */
  publisher(): Promise<WarrenChannel> {
    return this.open('publisher')
  }

  /** After a refused publish: the broker closed the channel, so the next publish opens a new one. */
  forgetPublisher(): void {
    this.channels.publisher = null
  }

  /** Forgets the connection and its channels (the worker restarted, or the vhost changed); returns the old one. */
  drop(): WarrenConnection | null {
    const old = this.conn
    this.conn = null
    this.connecting = null
    this.channels.admin = this.channels.publisher = this.channels.browser = null
    return old
  }

  private async open(role: Role): Promise<WarrenChannel> {
    let channel = this.channels[role]
    if (!channel || channel.closed) {
      const conn = await this.connection()
      channel = role === 'publisher' ? await conn.createConfirmChannel() : await conn.createChannel()
      channel.on('error', () => {})
      this.channels[role] = channel
    }
    return channel
  }
}
