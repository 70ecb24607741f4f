// The client side of a connection, as the broker sees it: where deliveries, returns and closes go.

import type { BrokerErrorData } from './errors.ts'
import type { Delivery, ReturnedMessage } from './model.ts'

/** Where a connection's asynchronous traffic goes: the client on the other side. */
export interface ConnectionSink {
  delivery(channel: number, delivery: Delivery): void
  returned(channel: number, message: ReturnedMessage): void
  /** A publisher confirm that could not be given when publishing (it waited for a durable write). */
  confirmed(channel: number, publishSeq: number, ack: boolean): void
  /** The broker cancelled a consumer, e.g. because its queue was deleted. */
  cancelled(channel: number, consumerTag: string): void
  channelClosed(channel: number, error: BrokerErrorData | null): void
  connectionClosed(error: BrokerErrorData | null): void
}
