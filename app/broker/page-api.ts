// window.warren: the broker from the DevTools console, the same client the UI uses.

import type { BrokerSnapshot, ClockAction, ClockState } from '../../engine/worker/protocol.ts'
import type { BrokerClient } from './client.ts'
import { connect, type WarrenConnection } from './amqp.ts'
import {
  designBrokerManagement,
  type ManagementApi,
  type RemoteOptions,
  remoteManagement,
  tabManagement,
} from './management.ts'
import { type PageBrokers, type PageLinks, pageBrokers, pageLinks } from './page-design.ts'

/** RabbitMQ's management HTTP API: the tab's broker, and `connect()` for a real RabbitMQ (CORS must allow this page). */
export interface PageManagement extends ManagementApi {
  /** const live = await warren.management.connect({ url: 'http://localhost:15672', username, password }) */
  connect(options: RemoteOptions): Promise<ManagementApi>
  /** warren.management.broker('dc-london').get('/api/shovels') : another broker of the design */
  broker(name: string): ManagementApi
}
import { clientMessages } from './client-messages.ts'
import { type PageCluster, pageCluster } from './page-cluster.ts'

export interface PageApi {
  /**
   * const conn = await warren.connect(); const ch = await conn.createChannel(); { broker: 'dc-london' } for another
   * broker of the design, { node: 'rabbit@n2' } for a given node of the cluster (rabbit@n1 by default).
   */
  connect(options?: { vhost?: string; broker?: string; node?: string }): Promise<WarrenConnection>
  /** The brokers of the design: list, add, remove. */
  brokers: PageBrokers
  /** The links between the design's brokers: cut, pause, restore, latency. */
  links: PageLinks
  /** Restarts the broker: durable queues and persistent messages survive, as on a RabbitMQ node restart. */
  restart(): Promise<void>
  /** Tests only: kills the broker without a graceful shutdown (as a power cut), then recovers from disk. */
  crashForTests(): Promise<void>
  /** Deletes every exchange, queue and message, in memory and on disk. */
  reset(): Promise<void>
  snapshot(): Promise<BrokerSnapshot>
  clock(action: ClockAction): Promise<ClockState>
  /** await warren.management.get('/api/queues/%2F') -> { status, body } as RabbitMQ's management API answers */
  management: PageManagement
  /** The broker's nodes: await warren.cluster.setSize(3); await warren.cluster.stop('rabbit@n1') */
  cluster: PageCluster
  client: BrokerClient
}

declare global {
  interface Window {
    warren: PageApi
  }
}

export function createPageApi(client: BrokerClient): PageApi {
  // In a tab that does not hold the broker (or lost it), every call rejects at once instead of waiting for ever.
  const held = async <T>(call: () => Promise<T>): Promise<T> => {
    await client.whenReady()
    if (client.state.kind === 'locked') throw new Error(clientMessages.locked)
    if (client.state.kind === 'stopped') throw new Error(clientMessages.stopped(client.state.message))
    return call()
  }
  return {
    connect: (options) => held(() => connect(client, options)),
    restart: () => held(() => client.restart()),
    crashForTests: () => held(() => client.crashForTests()),
    reset: () =>
      held(async () => {
        await client.send({ type: 'reset' })
      }),
    snapshot: () => held(() => client.send({ type: 'snapshot' })),
    clock: (action) => held(() => client.send({ type: 'clock', action })),
    management: {
      ...tabManagement(client),
      connect: (options) => remoteManagement(options),
      broker: (name) => designBrokerManagement(client, name),
    },
    brokers: pageBrokers(client, held),
    links: pageLinks(client, held),
    cluster: pageCluster(client, held),
    client,
  }
}
