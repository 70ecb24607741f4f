// The management plugin acts through a channel of its own: each change is an AMQP method on a short-lived
// connection, so it meets the same checks and errors as a client's.

import type { Broker } from '../broker.ts'
import type { Channel } from '../channel.ts'
import type { ConnectionSink } from '../connection-sink.ts'

export type ManagementChannel = Channel

const IGNORED: ConnectionSink = {
  delivery() {},
  returned() {},
  confirmed() {},
  cancelled() {},
  channelClosed() {},
  connectionClosed() {},
}

export function withChannel<T>(broker: Broker, vhost: string, run: (channel: Channel) => T): T {
  const connection = broker.connect(IGNORED, { vhost, user: 'guest' })
  try {
    return run(connection.openChannel())
  } finally {
    if (!connection.closed) connection.close(null)
  }
}
