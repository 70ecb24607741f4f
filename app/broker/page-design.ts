// window.warren.brokers and window.warren.links: the brokers of the design and the links between them.

import type { DesignBrokerInfo } from '../../engine/design/design.ts'
import type { LinkStatus } from '../../engine/design/links.ts'
import type { BrokerVersion } from '../../engine/profile.ts'
import type { BrokerClient } from './client.ts'

export interface PageBrokers {
  /** await warren.brokers.list() -> [{ name: 'local', version: '4.3', nodes: 1 }, ...], the design's first broker first */
  list(): Promise<DesignBrokerInfo[]>
  /** await warren.brokers.add('dc-london', { version: '4.3', nodes: 1 }); then amqp://dc-london/%2F reaches it */
  add(name: string, options?: { version?: BrokerVersion; nodes?: number }): Promise<DesignBrokerInfo[]>
  remove(name: string): Promise<DesignBrokerInfo[]>
}

export interface PageLinks {
  /** await warren.links.cut('local', 'dc-london'): connections over it close, what is in flight is lost */
  cut(a: string, b: string): Promise<LinkStatus[]>
  /** Holds what crosses the link without closing anything, until restore. */
  pause(a: string, b: string): Promise<LinkStatus[]>
  restore(a: string, b: string): Promise<LinkStatus[]>
  setLatency(a: string, b: string, ms: number): Promise<LinkStatus[]>
  list(): Promise<LinkStatus[]>
}

export function pageBrokers(client: BrokerClient, held: <T>(call: () => Promise<T>) => Promise<T>): PageBrokers {
  return {
    list: () => held(() => client.send({ type: 'brokersList' })),
    add: (name, options = {}) =>
      held(() => client.send({ type: 'brokerAdd', name, version: options.version, nodes: options.nodes })),
    remove: (name) => held(() => client.send({ type: 'brokerRemove', name })),
  }
}

export function pageLinks(client: BrokerClient, held: <T>(call: () => Promise<T>) => Promise<T>): PageLinks {
  const state = (a: string, b: string, to: 'cut' | 'pause' | 'restore') =>
    held(() => client.send({ type: 'linkState', a, b, state: to }))
  return {
    cut: (a, b) => state(a, b, 'cut'),
    pause: (a, b) => state(a, b, 'pause'),
    restore: (a, b) => state(a, b, 'restore'),
    setLatency: (a, b, ms) => held(() => client.send({ type: 'linkLatency', a, b, ms })),
    list: () => held(() => client.send({ type: 'linksList' })),
  }
}
