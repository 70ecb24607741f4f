// What an exchange link and a queue link share: connecting to the upstream over the design's link, the status
// /api/federation-links reports, and reconnecting reconnect-delay seconds after a failure or a cut.

import type { Broker } from '../broker.ts'
import type { Channel } from '../channel.ts'
import type { TimerHandle } from '../clock.ts'
import type { Connection } from '../connection.ts'
import type { ConnectionSink } from '../connection-sink.ts'
import type { LinkHost } from '../design/link-host.ts'
import { AmqpError } from '../errors.ts'
import type { BrokerEvent } from '../events.ts'
import type { UpstreamConfig } from './upstreams.ts'

export type LinkStatusName = 'starting' | 'running' | 'error'

export interface Upstream {
  broker: string
  vhost: string
  shown: string
  connection: Connection
  channel: Channel
}

export abstract class FederationLink {
  status: LinkStatusName = 'starting'
  error: string | null = null
  since: number
  protected upstream: Upstream | null = null
  protected downstream: { connection: Connection; channel: Channel } | null = null
  protected session = 0
  private retry: TimerHandle | null = null

  constructor(
    protected readonly design: LinkHost,
    /** The downstream broker: where the federated exchange or queue is. */
    readonly broker: string,
    readonly vhost: string,
    readonly name: string,
    readonly config: UpstreamConfig,
  ) {
    this.since = design.clock.now()
  }

  abstract readonly type: 'exchange' | 'queue'
  /** Declares what the link needs upstream and starts moving messages. */
  protected abstract open(session: number): void
  /** An event of either broker the link follows (bindings, consumers, ...). */
  abstract observe(broker: string, event: BrokerEvent): void

  start(): void {
    this.retry = null
    const session = ++this.session
    this.setStatus('starting', null)
    const target = this.design.resolve(this.config.uri, this.broker)
    if ('error' in target) return this.fail(target.error)
    if (!this.design.links.reachable(this.broker, target.broker)) return this.fail('the link is cut')
    try {
      const upBroker = this.brokerOf(target.broker)
      const connection = upBroker.connect(this.sink(session), { vhost: target.vhost })
      const channel = connection.openChannel()
      this.upstream = { broker: target.broker, vhost: target.vhost, shown: target.shown, connection, channel }
      const downConnection = this.brokerOf(this.broker).connect(this.sink(session), { vhost: this.vhost })
      const downChannel = downConnection.openChannel()
      if (this.config.ackMode === 'on-confirm') downChannel.confirmSelect()
      this.downstream = { connection: downConnection, channel: downChannel }
      this.open(session)
      if (session === this.session) this.setStatus('running', null)
    } catch (error) {
      this.fail(error instanceof Error ? error.message : String(error))
    }
  }

  protected brokerOf(name: string): Broker {
    const broker = this.design.broker(name)
    if (!broker) throw new Error(`no broker named "${name}" in the design`)
    return broker
  }

  protected sink(session: number): ConnectionSink {
    return {
      delivery: (_channel, delivery) => {
        if (session === this.session) this.delivered(session, delivery)
      },
      returned: () => {},
      confirmed: () => {},
      cancelled: () => {
        if (session === this.session) this.fail('the upstream queue was deleted')
      },
      channelClosed: (_channel, error) => {
        if (session === this.session && error) this.fail(error.text)
      },
      connectionClosed: (error) => {
        if (session === this.session && error) this.fail(error.text)
      },
    }
  }

  protected delivered(_session: number, _delivery: import('../model.ts').Delivery): void {}

  fail(reason: string): void {
    this.session++
    this.close()
    this.setStatus('error', reason)
    if (this.retry === null)
      this.retry = this.design.clock.setTimer(this.design.clock.now() + this.config.reconnectDelay * 1000, () =>
        this.start(),
      )
  }

  linkCut(a: string, b: string): void {
    if (this.status === 'error' || !this.upstream) return
    if ((a === this.broker && b === this.upstream.broker) || (b === this.broker && a === this.upstream.broker))
      this.fail('connection closed: the link is cut')
  }

  stop(): void {
    this.session++
    if (this.retry !== null) this.design.clock.clearTimer(this.retry)
    this.retry = null
    this.close()
  }

  private close(): void {
    const forced = new AmqpError('CONNECTION_FORCED', 'federation link stopped')
    this.upstream?.connection.close(forced)
    this.downstream?.connection.close(forced)
    this.upstream = null
    this.downstream = null
  }

  private setStatus(status: LinkStatusName, error: string | null): void {
    if (status !== this.status) this.since = this.design.clock.now()
    this.status = status
    this.error = error
  }

  get upstreamUri(): string {
    return this.upstream?.shown ?? this.design.resolveShown(this.config.uri)
  }
}
