// Every federation link of a design, following the upstreams and policies of each broker: an exchange or queue
// whose policy names upstreams gets one link per upstream. While any broker has upstreams, the brokers' events
// are watched, so new exchanges and queues get their links and bindings and consumers reach the links.

import type { LinkHost } from '../design/link-host.ts'
import type { BrokerEvent } from '../events.ts'
import { ExchangeLink } from './exchange-link.ts'
import type { FederationLink } from './link.ts'
import { QueueLink } from './queue-link.ts'
import { isFederationInternal, upstreamsFor } from './upstreams.ts'

const RECONCILE_ON: ReadonlySet<string> = new Set([
  'exchangeDeclared',
  'exchangeDeleted',
  'queueDeclared',
  'queueDeleted',
])

export class Federation {
  private readonly links = new Map<string, { link: FederationLink; value: string }>()
  private readonly unwatch = new Map<string, () => void>()
  private reconcileScheduled = false

  constructor(private readonly design: LinkHost) {
    design.links.listen((a, b, state) => {
      if (state !== 'cut') return
      for (const { link } of this.links.values()) link.linkCut(a, b)
    })
  }

  reconcile(): void {
    const wanted = new Map<string, { make: () => FederationLink; value: string }>()
    const watching = new Set<string>()
    for (const [name, broker] of this.design.brokers) {
      if (broker.kept.parameters.some((p) => p.component === 'federation-upstream')) watching.add(name)
      for (const vhost of broker.vhosts.values()) {
        if (vhost.policies.size === 0) continue
        for (const exchange of vhost.exchanges.values()) {
          const def = exchange.def
          if (def.name === '' || def.name.startsWith('amq.') || isFederationInternal(def.name, def.arguments)) continue
          for (const up of upstreamsFor(broker, vhost, 'exchange', def.name))
            wanted.set(`${name}\u0000${vhost.name}\u0000exchange\u0000${def.name}\u0000${up.name}`, {
              value: JSON.stringify(up),
              make: () => new ExchangeLink(this.design, name, vhost.name, def.name, up),
            })
        }
        for (const queue of vhost.queues.values()) {
          if (isFederationInternal(queue.name, queue.def.arguments)) continue
          for (const up of upstreamsFor(broker, vhost, 'queue', queue.name))
            wanted.set(`${name}\u0000${vhost.name}\u0000queue\u0000${queue.name}\u0000${up.name}`, {
              value: JSON.stringify(up),
              make: () => new QueueLink(this.design, name, vhost.name, queue.name, up),
            })
        }
      }
    }
    for (const [key, current] of this.links)
      if (wanted.get(key)?.value !== current.value) {
        current.link.stop()
        this.links.delete(key)
      }
    const started: FederationLink[] = []
    for (const [key, w] of wanted)
      if (!this.links.has(key)) {
        const link = w.make()
        this.links.set(key, { link, value: w.value })
        started.push(link)
      }
    this.watchBrokers(watching.size > 0 || this.links.size > 0)
    for (const link of started) link.start()
  }

  /** Watches every broker while federation is in use (upstream brokers too: queue links follow their queues). */
  private watchBrokers(on: boolean): void {
    for (const [name, broker] of this.design.brokers) {
      if (on && !this.unwatch.has(name))
        this.unwatch.set(
          name,
          broker.watch((event) => this.observe(name, event)),
        )
      if (!on) this.unwatch.get(name)?.()
      if (!on) this.unwatch.delete(name)
    }
    for (const name of [...this.unwatch.keys()])
      if (!this.design.brokers.has(name)) {
        this.unwatch.get(name)?.()
        this.unwatch.delete(name)
      }
  }

  private observe(broker: string, event: BrokerEvent): void {
    if (RECONCILE_ON.has(event.type)) {
      const name = (event as { name?: string }).name ?? ''
      if (!name.startsWith('federation: ')) this.scheduleReconcile()
    }
    for (const { link } of this.links.values()) link.observe(broker, event)
  }

  /** Later, not inside the declare that caused it: a link declares and binds on brokers of its own. */
  private scheduleReconcile(): void {
    if (this.reconcileScheduled) return
    this.reconcileScheduled = true
    this.design.clock.setTimer(this.design.clock.now(), () => {
      this.reconcileScheduled = false
      this.reconcile()
    })
  }

  /** The links of one downstream broker. */
  of(broker: string): FederationLink[] {
    return [...this.links.values()].map((l) => l.link).filter((l) => l.broker === broker)
  }

  removeBroker(name: string): void {
    for (const [key, { link }] of this.links)
      if (link.broker === name) {
        link.stop()
        this.links.delete(key)
      }
  }
}
