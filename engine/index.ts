// Warren's broker engine: RabbitMQ semantics in plain TypeScript, for Node and Web Workers.

/** Creates a broker. @example const broker = createBroker({ clock: new ManualClock(), seed: 42 }) */
export { createBroker, Broker, type BrokerOptions } from './broker.ts'
export type { DurableLog } from './durable-log.ts'
/** A clock moved by hand, for tests and single-stepping. @example clock.advance(1000) */
export { ManualClock, type Clock, type TimerHandle } from './clock.ts'
/** A deterministic random source. @example seededRandom(42).next() */
export { seededRandom, type Random } from './random.ts'
/** AMQP errors with RabbitMQ's reply codes. @example err instanceof AmqpError && err.code === 404 */
export { AmqpError, ReplyCode, type BrokerErrorData, type ReplyText } from './errors.ts'
export type { Connection } from './connection.ts'
export type { ConnectionSink } from './connection-sink.ts'
export type { Channel, ConsumeOptions } from './channel.ts'
export type { BrokerEvent, BrokerEventType, EventSink, DropReason } from './events.ts'
export type * from './model.ts'
/** Which bindings a message would match, hop by hop. @example explainRoute(broker.vhosts.get('/')!, 'orders', 'order.paid') */
export { explainRoute, type RouteExplanation, type ExchangeHop, type BindingVerdict } from './explain.ts'
/** The behaviours of each RabbitMQ version. @example createBroker({ clock, version: '4.3' }).profile.lastDeathHeaders */
export { PROFILES, BROKER_VERSIONS, DEFAULT_VERSION, type BrokerVersion, type VersionProfile } from './profile.ts'
