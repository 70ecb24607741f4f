// A federated exchange's link to one upstream, as the federation plugin builds it: on the upstream broker an
// internal "x-federation-upstream" exchange bound to the upstream exchange with the downstream's binding keys,
// and a queue the link consumes; each message is republished to the downstream exchange with x-received-from.
// A message that has made max-hops hops, or that comes back to a broker it left, goes no further.

import type { BindingDef, Delivery, FieldTable } from '../model.ts'
import type { BrokerEvent } from '../events.ts'
import { FederationLink } from './link.ts'

interface Propagated {
  key: string
  args: FieldTable
}

const bindingId = (key: string, args: FieldTable) => `${key}\u0000${JSON.stringify(args)}`

export class ExchangeLink extends FederationLink {
  readonly type = 'exchange'
  private readonly propagated = new Map<string, Propagated>()

  get upstreamExchange(): string {
    return this.config.exchange ?? this.name
  }

  /** "federation: fx -> rabbit@l2": the upstream queue; the upstream exchange adds " B". */
  get queueName(): string {
    return `federation: ${this.upstreamExchange} -> ${this.design.nodeName(this.broker)}`
  }

  get exchangeName(): string {
    return `${this.queueName} B`
  }

  protected open(session: number): void {
    const up = this.upstream
    if (!up) return
    const vhost = this.brokerOf(up.broker).vhosts.get(up.vhost)
    if (!vhost) throw new Error(`vhost ${up.vhost} not found`)
    vhost.exchangeOrDie(this.upstreamExchange)
    vhost.restoreExchange({
      name: this.exchangeName,
      type: 'x-federation-upstream',
      durable: true,
      autoDelete: true,
      internal: true,
      arguments: {
        'x-downstream-name': this.design.nodeName(this.broker),
        'x-downstream-vhost': this.vhost,
        'x-internal-purpose': 'federation',
        'x-max-hops': this.config.maxHops,
      },
    })
    const args: FieldTable = { 'x-internal-purpose': 'federation', 'x-queue-type': 'classic' }
    if (this.config.expires !== undefined) args['x-expires'] = this.config.expires
    if (this.config.messageTtl !== undefined) args['x-message-ttl'] = this.config.messageTtl
    up.channel.queueDeclare({ queue: this.queueName, durable: true, arguments: args })
    up.channel.queueBind(this.queueName, this.exchangeName, '', {})
    this.propagated.clear()
    for (const binding of this.downstreamBindings()) this.bindUpstream(binding)
    if (session !== this.session) return
    up.channel.qos(this.config.prefetchCount)
    up.channel.consume(this.queueName, {
      noAck: this.config.ackMode === 'no-ack',
      ...(this.config.consumerTag ? { consumerTag: this.config.consumerTag } : {}),
    })
  }

  private downstreamBindings(): readonly BindingDef[] {
    return this.brokerOf(this.broker).vhosts.get(this.vhost)?.exchanges.get(this.name)?.outgoing ?? []
  }

  /** A downstream binding becomes an upstream one with x-bound-from, one per distinct key and arguments. */
  private bindUpstream(binding: BindingDef): void {
    const up = this.upstream
    if (!up || binding.source !== this.name) return
    const { 'x-bound-from': from, ...args } = binding.arguments ?? {}
    const earlier = Array.isArray(from) ? (from as FieldTable[]) : []
    const hops = (typeof earlier[0]?.hops === 'number' ? (earlier[0].hops as number) : 0) + 1
    if (hops > this.config.maxHops) return
    const id = bindingId(binding.routingKey, args)
    if (this.propagated.has(id)) return
    const boundFrom: FieldTable[] = [
      {
        'cluster-name': this.design.nodeName(this.broker),
        exchange: `${this.vhost}:${this.name} B`,
        hops,
        vhost: this.vhost,
      },
      ...earlier,
    ]
    this.propagated.set(id, { key: binding.routingKey, args })
    up.channel.exchangeBind(this.exchangeName, this.upstreamExchange, binding.routingKey, {
      ...args,
      'x-bound-from': boundFrom,
    })
  }

  private unbindUpstream(binding: BindingDef): void {
    const up = this.upstream
    if (!up || binding.source !== this.name) return
    const { 'x-bound-from': _from, ...args } = binding.arguments ?? {}
    const id = bindingId(binding.routingKey, args)
    if (!this.propagated.has(id)) return
    const stillBound = this.downstreamBindings().some((b) => {
      const { 'x-bound-from': _f, ...rest } = b.arguments ?? {}
      return bindingId(b.routingKey, rest) === id
    })
    if (stillBound) return
    const vhost = this.brokerOf(up.broker).vhosts.get(up.vhost)
    const upstreamBinding = vhost?.exchanges
      .get(this.upstreamExchange)
      ?.outgoing.find(
        (b) => b.destination === this.exchangeName && bindingId(b.routingKey, withoutBoundFrom(b.arguments)) === id,
      )
    this.propagated.delete(id)
    if (upstreamBinding)
      up.channel.exchangeUnbind(this.exchangeName, this.upstreamExchange, binding.routingKey, upstreamBinding.arguments)
  }

  observe(broker: string, event: BrokerEvent): void {
    if (broker !== this.broker || !this.upstream) return
    if (event.type === 'bound' && event.vhost === this.vhost) this.bindUpstream(event.binding)
    else if (event.type === 'unbound' && event.vhost === this.vhost) this.unbindUpstream(event.binding)
  }

  protected override delivered(session: number, delivery: Delivery): void {
    const up = this.upstream
    if (!up) return
    const tag = delivery.deliveryTag
    const headers = delivery.properties.headers ?? {}
    const received = Array.isArray(headers['x-received-from']) ? (headers['x-received-from'] as FieldTable[]) : []
    const downstreamNode = this.design.nodeName(this.broker)
    const looped = received.some((r) => r['cluster-name'] === downstreamNode)
    if (looped || received.length >= this.config.maxHops) {
      if (this.config.ackMode !== 'no-ack') up.channel.ack(tag)
      return
    }
    if (this.config.ackMode === 'on-publish')
      this.design.clock.setTimer(this.design.clock.now(), () => this.ack(session, tag))
    this.design.links.send(
      up.broker,
      this.broker,
      () => this.republish(session, delivery, received),
      () => {},
    )
  }

  private republish(session: number, delivery: Delivery, received: FieldTable[]): void {
    const up = this.upstream
    const down = this.downstream
    if (session !== this.session || !up || !down) return
    const entry: FieldTable = {
      uri: up.shown,
      exchange: this.upstreamExchange,
      redelivered: delivery.redelivered,
      'cluster-name': this.design.nodeName(up.broker),
      vhost: up.vhost,
    }
    const headers: FieldTable = { ...(delivery.properties.headers ?? {}), 'x-received-from': [entry, ...received] }
    const outcome = down.channel.publish(
      this.name,
      delivery.routingKey,
      delivery.body,
      { ...delivery.properties, headers },
      false,
    )
    if (this.config.ackMode === 'on-confirm' && outcome.confirm !== null) {
      const tag = delivery.deliveryTag
      this.design.links.send(
        this.broker,
        up.broker,
        () => this.ack(session, tag),
        () => {},
      )
    }
  }

  private ack(session: number, tag: number): void {
    const up = this.upstream
    if (session === this.session && up && !up.channel.closed) up.channel.ack(tag)
  }
}

function withoutBoundFrom(args: FieldTable | undefined): FieldTable {
  const { 'x-bound-from': _from, ...rest } = args ?? {}
  return rest
}
