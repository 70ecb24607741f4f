// A design: one or more brokers by name (the first is the default), the links between them, and the shovels and
// federation links that move messages over those links. One clock and one seeded random for all, so a run replays.

import { Broker, type BrokerOptions } from '../broker.ts'
import type { Clock } from '../clock.ts'
import { Federation } from '../federation/federation.ts'
import { Shovels } from '../shovel/shovels.ts'
import type { LinkHost } from './link-host.ts'
import { Links } from './links.ts'
import { joinDesign, leaveDesign } from './registry.ts'
import { parseLinkUri } from './uri.ts'

export interface DesignBrokerInfo {
  name: string
  version: string
  nodes: number
}

/** A broker's name in a design: what URIs use as their host. */
export const BROKER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/

export class Design implements LinkHost {
  readonly brokers = new Map<string, Broker>()
  readonly links: Links
  readonly shovels: Shovels
  readonly federation: Federation

  constructor(readonly clock: Clock) {
    this.links = new Links(clock)
    this.shovels = new Shovels(this)
    this.federation = new Federation(this)
  }

  /** The default broker: the design's first. */
  get first(): Broker {
    const first = this.brokers.values().next().value
    if (!first) throw new Error('the design has no broker')
    return first
  }

  /** Creates a broker on the design's clock and adds it. */
  create(name: string, options: Omit<BrokerOptions, 'clock'> = {}): Broker {
    return this.add(name, new Broker({ ...options, clock: this.clock }))
  }

  add(name: string, broker: Broker): Broker {
    if (!BROKER_NAME.test(name)) throw new Error(`"${name}" is not a broker name (letters, digits, ".", "_", "-")`)
    if (this.brokers.has(name)) throw new Error(`a broker named "${name}" is already in the design`)
    this.brokers.set(name, broker)
    joinDesign(broker, { host: this, shovels: this.shovels, federation: this.federation, name })
    broker.configChanged = () => this.reconcile()
    this.reconcile()
    return broker
  }

  remove(name: string): void {
    const broker = this.brokers.get(name)
    if (!broker) throw new Error(`no broker named "${name}" in the design`)
    if (this.brokers.size === 1) throw new Error('a design keeps at least one broker')
    this.shovels.removeBroker(name)
    this.federation.removeBroker(name)
    this.links.removeBroker(name)
    broker.configChanged = null
    leaveDesign(broker)
    this.brokers.delete(name)
    this.reconcile()
  }

  broker(name: string): Broker | undefined {
    return this.brokers.get(name)
  }

  nameOf(broker: Broker): string {
    for (const [name, b] of this.brokers) if (b === broker) return name
    throw new Error('that broker is not in the design')
  }

  /** The node name a broker reports (federation names, x-shovelled, status): rabbit@<broker name>. */
  nodeName(name: string): string {
    return `rabbit@${name}`
  }

  /** The broker and vhost a URI of broker `from` points at, or a reason it points nowhere. */
  resolve(uri: string, from: string): { broker: string; vhost: string; shown: string } | { error: string } {
    const parsed = parseLinkUri(uri)
    if (!parsed) return { error: `invalid uri ${uri}` }
    const name = parsed.broker === null || parsed.broker === 'localhost' ? from : parsed.broker
    if (!this.brokers.has(name)) return { error: `no broker named "${name}" in the design` }
    return { broker: name, vhost: parsed.vhost, shown: parsed.shown }
  }

  /** A URI without its credentials, as status lists show it. */
  resolveShown(uri: string): string {
    return parseLinkUri(uri)?.shown ?? uri
  }

  /** Shovels and federation links follow the parameters and policies of every broker. */
  reconcile(): void {
    this.shovels.reconcile()
    this.federation.reconcile()
  }

  list(): DesignBrokerInfo[] {
    return [...this.brokers].map(([name, b]) => ({ name, version: b.profile.version, nodes: 1 }))
  }
}
