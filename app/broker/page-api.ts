// window.warren: the broker from the DevTools console, the same client the UI uses.

import type { BrokerSnapshot, ClockAction, ClockState } from '../../engine/worker/protocol.ts'
import type { BrokerClient } from './client.ts'
import { connect, type WarrenConnection } from './amqp.ts'

export interface PageApi {
  /** const conn = await warren.connect(); const ch = await conn.createChannel() */
  connect(options?: { vhost?: string }): Promise<WarrenConnection>
  /** Restarts the broker: durable queues and persistent messages survive, as on a RabbitMQ node restart. */
  restart(): Promise<void>
  /** Tests only: kills the broker without a graceful shutdown (as a power cut), then recovers from disk. */
  crashForTests(): Promise<void>
  /** Deletes every exchange, queue and message, in memory and on disk. */
  reset(): Promise<void>
  snapshot(): Promise<BrokerSnapshot>
  clock(action: ClockAction): Promise<ClockState>
  client: BrokerClient
}

declare global {
  interface Window {
    warren: PageApi
  }
}

export function createPageApi(client: BrokerClient): PageApi {
  return {
    connect: (options) => connect(client, options),
    restart: () => client.restart(),
    crashForTests: () => client.crashForTests(),
    reset: async () => {
      await client.send({ type: 'reset' })
    },
    snapshot: () => client.send({ type: 'snapshot' }),
    clock: (action) => client.send({ type: 'clock', action }),
    client,
  }
}
