// The course's "going further" on streams: a log that keeps what was consumed and can be replayed, the same traffic
// into a queue and a stream, and a super stream's partitions.

import {
  caseQuestion,
  consumer,
  consumersDo,
  fixed,
  producer,
  routeQuestion,
  start,
  type Lesson,
} from './lesson-kit.ts'

const streamsReplay: Lesson = {
  id: 'streams-replay',
  section: 'going-further',
  quiet: true,
  simulated: false,
  exchanges: [{ name: 'orders', type: 'fanout', durable: true }],
  queues: [
    { name: 'orders.queue', durable: true },
    { name: 'orders.log', durable: true, arguments: { 'x-queue-type': 'stream', 'x-max-age': '1D' } },
  ],
  bindings: [
    { source: 'orders', destination: 'orders.queue' },
    { source: 'orders', destination: 'orders.log' },
  ],
  producers: [
    producer({ id: 'shop', exchange: 'orders', burst: 10, body: 'order #{n}', confirms: true, persistent: true }),
  ],
  consumers: [
    consumer({ id: 'worker', queue: 'orders.queue', prefetch: 10, processingMs: 100 }),
    consumer({ id: 'auditor', queue: 'orders.log', prefetch: 50, processingMs: 20, streamOffset: 'first' }),
  ],
  autostart: [],
  actions: [
    { id: 'send', steps: [start('shop')] },
    { id: 'replay', steps: consumersDo('offline', 'auditor').concat(consumersDo('online', 'auditor')) },
    { id: 'restart', steps: [{ kind: 'restart' }] },
  ],
  challenges: [
    {
      id: 'replay-after-restart',
      conditions: [
        { kind: 'acked', queue: 'orders.queue', min: 10 },
        { kind: 'restarted' },
        { kind: 'received', consumer: 'auditor', min: 10 },
      ],
    },
  ],
  questions: [
    caseQuestion(
      'queue-forgets',
      { kind: 'settle', settle: 'ack', requeue: false, deadLetterExchange: false },
      { removed: 'removed', kept: 'requeued' },
    ),
  ],
}

const queueOrStream: Lesson = {
  id: 'queue-or-stream',
  section: 'going-further',
  quiet: true,
  simulated: false,
  exchanges: [{ name: 'jobs', type: 'fanout', durable: true }],
  queues: [
    { name: 'tasks', durable: true },
    { name: 'events', durable: true, arguments: { 'x-queue-type': 'stream', 'x-max-length-bytes': 10_000_000 } },
  ],
  bindings: [
    { source: 'jobs', destination: 'tasks' },
    { source: 'jobs', destination: 'events' },
  ],
  producers: [producer({ id: 'burst', exchange: 'jobs', burst: 10, body: 'job #{n}' })],
  consumers: [
    consumer({ id: 'worker-1', queue: 'tasks', prefetch: 1, processingMs: 300 }),
    consumer({ id: 'worker-2', queue: 'tasks', prefetch: 1, processingMs: 300 }),
    consumer({ id: 'reader-1', queue: 'events', prefetch: 10, processingMs: 50, streamOffset: 'next' }),
    consumer({ id: 'reader-2', queue: 'events', prefetch: 10, processingMs: 50, streamOffset: 'next' }),
  ],
  autostart: [],
  actions: [{ id: 'burst', steps: [start('burst')] }],
  challenges: [
    {
      id: 'shared-vs-each',
      conditions: [
        { kind: 'acked', queue: 'tasks', min: 10 },
        { kind: 'received', consumer: 'reader-1', min: 10 },
        { kind: 'received', consumer: 'reader-2', min: 10 },
      ],
    },
  ],
  questions: [
    routeQuestion(
      'both-get-it',
      'fanout',
      [{ queue: 'tasks' }, { queue: 'events' }],
      { routingKey: '' },
      { both: 'events+tasks', one: 'tasks' },
    ),
  ],
}

const PARTITIONS = ['eu', 'us', 'asia']

const superStream: Lesson = {
  id: 'super-stream',
  section: 'going-further',
  quiet: true,
  simulated: true,
  // As rabbitmq-streams add_super_stream declares it: a direct exchange, one stream per partition bound by its key.
  exchanges: [{ name: 'invoices', type: 'direct', durable: true, arguments: { 'x-super-stream': true } }],
  queues: PARTITIONS.map((key) => ({
    name: `invoices-${key}`,
    durable: true,
    arguments: { 'x-queue-type': 'stream', 'x-queue-leader-locator': 'balanced' },
  })),
  bindings: PARTITIONS.map((key, order) => ({
    source: 'invoices',
    destination: `invoices-${key}`,
    routingKey: key,
    arguments: { 'x-stream-partition-order': order },
  })),
  producers: PARTITIONS.map((key) =>
    producer({
      id: `billing-${key}`,
      exchange: 'invoices',
      routingKey: fixed(key),
      burst: 3,
      body: `invoice ${key} #{n}`,
    }),
  ),
  consumers: PARTITIONS.map((key) =>
    consumer({ id: `reader-${key}`, queue: `invoices-${key}`, prefetch: 10, processingMs: 100 }),
  ),
  autostart: [],
  actions: [
    { id: 'send', steps: PARTITIONS.map((key) => start(`billing-${key}`)) },
    { id: 'us-offline', steps: consumersDo('offline', 'reader-us') },
    { id: 'us-online', steps: consumersDo('online', 'reader-us') },
  ],
  challenges: [
    {
      id: 'one-partition-each',
      conditions: PARTITIONS.map((key) => ({ kind: 'reached' as const, queue: `invoices-${key}`, min: 3, key })),
    },
  ],
  questions: [
    routeQuestion(
      'partition-key',
      'direct',
      PARTITIONS.map((key) => ({ queue: `invoices-${key}`, key })),
      { routingKey: 'us' },
      { one: 'invoices-us', all: 'invoices-asia+invoices-eu+invoices-us' },
    ),
  ],
}

export const STREAMS: Lesson[] = [streamsReplay, queueOrStream, superStream]
