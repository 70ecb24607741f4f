// The course's sections on consuming and not losing messages: work queues, acks, confirms, dead-lettering,
// retry, durability, prefetch; then the use cases, the Redis pub/sub contrast, the management UI and quorum queues.

import {
  ALWAYS_FAIL,
  caseQuestion,
  consumer,
  consumersDo,
  fixed,
  producer,
  routeQuestion,
  start,
  type Lesson,
} from './lesson-kit.ts'

const workQueue: Lesson = {
  id: 'work-queue',
  section: 'work-queues',
  quiet: true,
  simulated: false,
  exchanges: [],
  queues: [{ name: 'tasks', durable: true }],
  bindings: [],
  producers: [producer({ id: 'burst', exchange: '', routingKey: fixed('tasks'), burst: 30 })],
  consumers: ['worker-1', 'worker-2', 'worker-3'].map((id) =>
    consumer({ id, queue: 'tasks', prefetch: 1, processingMs: 300 }),
  ),
  autostart: [],
  actions: [
    { id: 'burst', steps: [start('burst')] },
    { id: 'crash', steps: consumersDo('crash', 'worker-2') },
    { id: 'online', steps: consumersDo('online', 'worker-2') },
  ],
  challenges: [
    {
      id: 'crash-without-loss',
      conditions: [
        { kind: 'redelivered', queue: 'tasks', min: 1 },
        { kind: 'acked', queue: 'tasks', min: 30 },
      ],
    },
  ],
  questions: [
    caseQuestion(
      'given-back',
      { kind: 'settle', settle: 'nack', requeue: true, deadLetterExchange: false },
      { flagged: 'requeued', fresh: 'requeued-not-redelivered', lost: 'dropped' },
    ),
  ],
}

const acks: Lesson = {
  id: 'acks',
  section: 'acks',
  quiet: true,
  simulated: false,
  exchanges: [{ name: 'failing', type: 'fanout', durable: true }],
  queues: [
    { name: 'auto-ack', durable: true },
    { name: 'manual-ack', durable: true },
    { name: 'nack-requeue', durable: true },
    { name: 'nack-discard', durable: true },
    { name: 'reject-discard', durable: true },
  ],
  bindings: ['nack-requeue', 'nack-discard', 'reject-discard'].map((destination) => ({
    source: 'failing',
    destination,
  })),
  producers: [
    producer({ id: 'to-auto', exchange: '', routingKey: fixed('auto-ack'), burst: 10 }),
    producer({ id: 'to-manual', exchange: '', routingKey: fixed('manual-ack'), burst: 10 }),
    producer({ id: 'to-failing', exchange: 'failing', burst: 3 }),
  ],
  consumers: [
    consumer({ id: 'auto-worker', queue: 'auto-ack', autoAck: true, prefetch: 0, processingMs: 5000 }),
    consumer({ id: 'manual-worker', queue: 'manual-ack', autoAck: false, prefetch: 5, processingMs: 5000 }),
    consumer({
      id: 'requeue-worker',
      queue: 'nack-requeue',
      behaviour: { kind: 'fail-first', failures: 1, action: 'requeue' },
    }),
    consumer({
      id: 'nack-worker',
      queue: 'nack-discard',
      behaviour: { kind: 'fail-first', failures: ALWAYS_FAIL, action: 'dead-letter' },
    }),
    consumer({
      id: 'reject-worker',
      queue: 'reject-discard',
      behaviour: { kind: 'fail-first', failures: ALWAYS_FAIL, action: 'reject' },
    }),
  ],
  autostart: [],
  actions: [
    { id: 'burst', steps: [start('to-auto'), start('to-manual')] },
    { id: 'crash', steps: consumersDo('crash', 'auto-worker', 'manual-worker') },
    { id: 'online', steps: consumersDo('online', 'auto-worker', 'manual-worker') },
    { id: 'failing', steps: [start('to-failing')] },
  ],
  challenges: [
    {
      id: 'crash-redelivers',
      conditions: [
        { kind: 'redelivered', queue: 'manual-ack', min: 1 },
        { kind: 'acked', queue: 'manual-ack', min: 10 },
      ],
    },
    {
      id: 'three-refusals',
      conditions: [
        { kind: 'settled', queue: 'nack-requeue', how: 'nack', requeue: true, min: 1 },
        { kind: 'redelivered', queue: 'nack-requeue', min: 1 },
        { kind: 'settled', queue: 'nack-discard', how: 'nack', requeue: false, min: 1 },
        { kind: 'settled', queue: 'reject-discard', how: 'reject', requeue: false, min: 1 },
      ],
    },
  ],
  questions: [
    caseQuestion(
      'nack-no-dlx',
      { kind: 'settle', settle: 'nack', requeue: false, deadLetterExchange: false },
      { dropped: 'dropped', requeued: 'requeued', kept: 'removed' },
    ),
    caseQuestion(
      'reject-requeue-flag',
      { kind: 'settle', settle: 'reject', requeue: true, deadLetterExchange: false },
      { flagged: 'requeued', unflagged: 'requeued-not-redelivered', dropped: 'dropped' },
    ),
  ],
}

const confirms: Lesson = {
  id: 'confirms',
  section: 'confirms',
  quiet: true,
  simulated: false,
  exchanges: [{ name: 'shop', type: 'direct', durable: true }],
  queues: [{ name: 'limited', durable: true, arguments: { 'x-max-length': 5, 'x-overflow': 'reject-publish' } }],
  bindings: [{ source: 'shop', destination: 'limited', routingKey: 'limited' }],
  producers: [
    producer({
      id: 'unroutable',
      exchange: 'shop',
      routingKey: fixed('nobody.listens'),
      burst: 3,
      mandatory: true,
      confirms: true,
    }),
    producer({ id: 'to-full', exchange: 'shop', routingKey: fixed('limited'), burst: 8, confirms: true }),
  ],
  consumers: [],
  autostart: [],
  actions: [
    { id: 'unroutable', steps: [start('unroutable')] },
    { id: 'full', steps: [start('to-full')] },
  ],
  challenges: [
    { id: 'returned', conditions: [{ kind: 'returned', min: 1 }] },
    { id: 'nacked', conditions: [{ kind: 'publishNacked', min: 1 }] },
  ],
  questions: [
    caseQuestion(
      'reject-publish-keeps',
      { kind: 'overflow', maxLength: 2, overflow: 'reject-publish', publish: 3 },
      { first: 'm1,m2', last: 'm2,m3', all: 'm1,m2,m3' },
    ),
  ],
}

const dlq: Lesson = {
  id: 'dlq',
  section: 'dead-letter',
  quiet: true,
  simulated: false,
  exchanges: [{ name: 'orders.dlx', type: 'fanout', durable: true }],
  queues: [
    { name: 'orders', durable: true, arguments: { 'x-dead-letter-exchange': 'orders.dlx' } },
    {
      name: 'orders.ttl',
      durable: true,
      arguments: { 'x-dead-letter-exchange': 'orders.dlx', 'x-message-ttl': 10_000 },
    },
    { name: 'orders.small', durable: true, arguments: { 'x-dead-letter-exchange': 'orders.dlx', 'x-max-length': 3 } },
    { name: 'orders.dlq', durable: true },
  ],
  bindings: [{ source: 'orders.dlx', destination: 'orders.dlq' }],
  producers: [
    producer({ id: 'orders', exchange: '', routingKey: fixed('orders'), burst: 5 }),
    producer({ id: 'to-ttl', exchange: '', routingKey: fixed('orders.ttl'), burst: 2 }),
    producer({ id: 'to-small', exchange: '', routingKey: fixed('orders.small'), burst: 5 }),
  ],
  consumers: [
    consumer({
      id: 'picky-worker',
      queue: 'orders',
      processingMs: 200,
      behaviour: { kind: 'fail-first', failures: ALWAYS_FAIL, action: 'dead-letter' },
    }),
  ],
  autostart: [],
  actions: [
    { id: 'orders', steps: [start('orders')] },
    { id: 'ttl', steps: [start('to-ttl')] },
    { id: 'small', steps: [start('to-small')] },
  ],
  challenges: [
    {
      id: 'only-failed-orders',
      conditions: [
        { kind: 'allFailuresReach', from: 'orders', to: 'orders.dlq' },
        { kind: 'onlyFrom', queue: 'orders.dlq', from: 'orders' },
      ],
    },
    { id: 'expired-too', conditions: [{ kind: 'deadLettered', into: 'orders.dlq', reason: 'expired', min: 1 }] },
  ],
  questions: [
    caseQuestion(
      'reject-with-dlx',
      { kind: 'settle', settle: 'reject', requeue: false, deadLetterExchange: true },
      { 'dead-lettered': 'dead-lettered', dropped: 'dropped', requeued: 'requeued' },
    ),
    caseQuestion(
      'requeue-skips-dlx',
      { kind: 'settle', settle: 'nack', requeue: true, deadLetterExchange: true },
      { requeued: 'requeued', 'dead-lettered': 'dead-lettered' },
    ),
  ],
}

const retryQueue = (name: string, ttl: number | null, next: string) => ({
  name,
  durable: true,
  arguments: {
    ...(ttl === null ? {} : { 'x-message-ttl': ttl }),
    'x-dead-letter-exchange': '',
    'x-dead-letter-routing-key': next,
  },
})

const retry: Lesson = {
  id: 'retry',
  section: 'retry',
  quiet: true,
  simulated: true,
  exchanges: [],
  queues: [
    retryQueue('orders', null, 'orders.retry.5s'),
    retryQueue('orders.retry.5s', 5000, 'orders.attempt2'),
    retryQueue('orders.attempt2', null, 'orders.retry.30s'),
    retryQueue('orders.retry.30s', 30_000, 'orders.attempt3'),
    retryQueue('orders.attempt3', null, 'orders.dlq'),
    { name: 'orders.dlq', durable: true },
  ],
  bindings: [],
  producers: [producer({ id: 'order', exchange: '', routingKey: fixed('orders'), burst: 1, body: 'order {n}' })],
  consumers: (['orders', 'orders.attempt2', 'orders.attempt3'] as const).map((queue, i) =>
    consumer({
      id: `attempt-${i + 1}`,
      queue,
      processingMs: 100,
      behaviour: { kind: 'fail-first', failures: ALWAYS_FAIL, action: 'dead-letter' },
    }),
  ),
  autostart: [],
  actions: [{ id: 'order', steps: [start('order')] }],
  challenges: [
    {
      id: 'three-attempts',
      conditions: [
        { kind: 'reached', queue: 'orders.retry.5s', min: 1 },
        { kind: 'reached', queue: 'orders.retry.30s', min: 1 },
        { kind: 'deadLettered', into: 'orders.dlq', reason: 'rejected', min: 1 },
      ],
    },
  ],
  questions: [
    caseQuestion(
      'nack-moves-on',
      { kind: 'settle', settle: 'nack', requeue: false, deadLetterExchange: true },
      { 'dead-lettered': 'dead-lettered', requeued: 'requeued', dropped: 'dropped' },
    ),
  ],
}

const durability: Lesson = {
  id: 'durability',
  section: 'durability',
  quiet: true,
  simulated: false,
  exchanges: [],
  queues: [
    // exclusive, not transient: RabbitMQ 4.3 refuses transient non-exclusive queues, and both die with the broker
    { name: 'temp', durable: false, exclusive: true },
    { name: 'durable.transient', durable: true },
    { name: 'durable.persistent', durable: true },
  ],
  bindings: [],
  producers: [
    producer({ id: 'to-temp', exchange: '', routingKey: fixed('temp'), burst: 5, persistent: true, confirms: true }),
    producer({
      id: 'transient',
      exchange: '',
      routingKey: fixed('durable.transient'),
      burst: 5,
      persistent: false,
      confirms: true,
    }),
    producer({
      id: 'persistent',
      exchange: '',
      routingKey: fixed('durable.persistent'),
      burst: 5,
      persistent: true,
      confirms: true,
    }),
  ],
  consumers: [],
  autostart: [],
  actions: [
    { id: 'temp', steps: [start('to-temp')] },
    { id: 'transient', steps: [start('transient')] },
    { id: 'persistent', steps: [start('persistent')] },
    { id: 'restart', steps: [{ kind: 'restart' }] },
  ],
  challenges: [{ id: 'keep-confirmed', conditions: [{ kind: 'keptAcrossRestart', min: 5 }] }],
  questions: [],
}

const PREFETCHES = [0, 1, 20]

const prefetch: Lesson = {
  id: 'prefetch',
  section: 'prefetch',
  quiet: true,
  simulated: false,
  exchanges: [{ name: 'jobs', type: 'fanout', durable: true }],
  queues: PREFETCHES.map((p) => ({ name: `prefetch-${p}`, durable: true })),
  bindings: PREFETCHES.map((p) => ({ source: 'jobs', destination: `prefetch-${p}` })),
  producers: [producer({ id: 'burst', exchange: 'jobs', burst: 40 })],
  consumers: PREFETCHES.flatMap((p) => [
    consumer({ id: `fast-${p}`, queue: `prefetch-${p}`, prefetch: p, processingMs: 50 }),
    consumer({ id: `slow-${p}`, queue: `prefetch-${p}`, prefetch: p, processingMs: 1000 }),
  ]),
  autostart: [],
  actions: [{ id: 'burst', steps: [start('burst')] }],
  challenges: [
    {
      id: 'slow-holds-one',
      conditions: [{ kind: 'maxInFlight', consumer: 'slow-0', max: 1, minReceived: 1 }],
    },
  ],
  questions: [
    caseQuestion('prefetch-two', { kind: 'prefetch', prefetch: 2, publish: 5 }, { two: '2', all: '5', one: '1' }),
    caseQuestion('prefetch-zero', { kind: 'prefetch', prefetch: 0, publish: 5 }, { none: '0', all: '5' }),
  ],
}

const ecommerce: Lesson = {
  id: 'ecommerce',
  section: 'use-cases',
  quiet: false,
  simulated: false,
  exchanges: [
    { name: 'orders', type: 'topic', durable: true },
    { name: 'payment.dlx', type: 'fanout', durable: true },
  ],
  queues: [
    { name: 'payment', durable: true, arguments: { 'x-dead-letter-exchange': 'payment.dlx' } },
    { name: 'analytics', durable: true },
    { name: 'payment.dlq', durable: true },
  ],
  bindings: [
    { source: 'orders', destination: 'payment', routingKey: 'order.paid' },
    { source: 'orders', destination: 'analytics', routingKey: 'order.#' },
    { source: 'payment.dlx', destination: 'payment.dlq' },
  ],
  producers: [
    producer({
      id: 'checkout',
      exchange: 'orders',
      rate: 4,
      routingKey: { kind: 'cycle', keys: ['order.created', 'order.paid', 'order.cancelled'] },
      body: '{key} #{n}',
      persistent: true,
      confirms: true,
    }),
  ],
  consumers: [
    ...['payment-worker-1', 'payment-worker-2'].map((id) =>
      consumer({
        id,
        queue: 'payment',
        prefetch: 5,
        processingMs: 400,
        behaviour: { kind: 'fail-randomly', probability: 0.1, action: 'dead-letter' },
      }),
    ),
    consumer({ id: 'analytics-worker', queue: 'analytics', prefetch: 10, processingMs: 100 }),
  ],
  autostart: ['checkout'],
  actions: [{ id: 'crash', steps: consumersDo('crash', 'payment-worker-1') }],
  challenges: [
    {
      id: 'failed-payments',
      conditions: [
        { kind: 'allFailuresReach', from: 'payment', to: 'payment.dlq' },
        { kind: 'onlyFrom', queue: 'payment.dlq', from: 'payment' },
        { kind: 'redelivered', queue: 'payment', min: 1 },
      ],
    },
  ],
  questions: [
    routeQuestion(
      'paid-goes-where',
      'topic',
      [
        { queue: 'payment', key: 'order.paid' },
        { queue: 'analytics', key: 'order.#' },
      ],
      { routingKey: 'order.paid' },
      { both: 'analytics+payment', payment: 'payment', analytics: 'analytics' },
    ),
  ],
}

const redisPubSub: Lesson = {
  id: 'fire-and-forget',
  section: 'redis-pubsub',
  quiet: true,
  simulated: true,
  exchanges: [{ name: 'news', type: 'fanout', durable: true }],
  queues: [
    // TTL 0: a message reaches a subscriber that can take it now, or nobody, as a Redis PUBLISH does
    { name: 'pubsub.subscriber', durable: true, arguments: { 'x-message-ttl': 0 } },
    { name: 'rabbitmq.subscriber', durable: true },
  ],
  bindings: [
    { source: 'news', destination: 'pubsub.subscriber' },
    { source: 'news', destination: 'rabbitmq.subscriber' },
  ],
  producers: [
    producer({ id: 'publisher', exchange: 'news', burst: 20, confirms: true, persistent: true, body: 'news {n}' }),
  ],
  consumers: [
    consumer({ id: 'pubsub-worker', queue: 'pubsub.subscriber', autoAck: true, prefetch: 0, processingMs: 500 }),
    consumer({ id: 'rabbitmq-worker', queue: 'rabbitmq.subscriber', prefetch: 1, processingMs: 200 }),
  ],
  autostart: [],
  actions: [
    { id: 'offline', steps: consumersDo('offline', 'pubsub-worker', 'rabbitmq-worker') },
    { id: 'publish', steps: [start('publisher')] },
    { id: 'online', steps: consumersDo('online', 'pubsub-worker', 'rabbitmq-worker') },
  ],
  challenges: [
    {
      id: 'offline-subscriber',
      conditions: [
        { kind: 'expired', queue: 'pubsub.subscriber', min: 1 },
        { kind: 'acked', queue: 'rabbitmq.subscriber', min: 20 },
      ],
    },
  ],
  questions: [
    caseQuestion('queue-waits', { kind: 'publish', queueArguments: {}, publish: 2 }, { kept: 'm1,m2', lost: 'none' }),
  ],
}

const quorum: Lesson = {
  id: 'quorum',
  section: 'going-further',
  quiet: true,
  simulated: false,
  exchanges: [],
  queues: [
    {
      name: 'orders.quorum',
      durable: true,
      arguments: {
        'x-queue-type': 'quorum',
        'x-delivery-limit': 3,
        'x-dead-letter-exchange': '',
        'x-dead-letter-routing-key': 'orders.poison',
      },
    },
    { name: 'orders.poison', durable: true },
  ],
  bindings: [],
  producers: [producer({ id: 'poison', exchange: '', routingKey: fixed('orders.quorum'), burst: 1, body: 'poison' })],
  consumers: [
    consumer({
      id: 'stubborn-worker',
      queue: 'orders.quorum',
      processingMs: 300,
      behaviour: { kind: 'fail-first', failures: ALWAYS_FAIL, action: 'reject-requeue' },
    }),
  ],
  autostart: [],
  actions: [{ id: 'poison', steps: [start('poison')] }],
  challenges: [
    {
      id: 'delivery-limit',
      conditions: [
        { kind: 'redelivered', queue: 'orders.quorum', min: 1 },
        { kind: 'deadLettered', into: 'orders.poison', reason: 'delivery_limit', min: 1 },
      ],
    },
  ],
  questions: [
    caseQuestion(
      'quorum-requeue',
      {
        kind: 'settle',
        settle: 'reject',
        requeue: true,
        deadLetterExchange: false,
        queueArguments: { 'x-queue-type': 'quorum' },
      },
      { requeued: 'requeued', dropped: 'dropped' },
    ),
  ],
}

/** The management UI tour: the same broker seen through its HTTP API's pages, changed from them, checked by it. */
const managementTour: Lesson = {
  id: 'management-tour',
  section: 'going-further',
  quiet: true,
  simulated: false,
  exchanges: [{ name: 'shop', type: 'direct', durable: true }],
  queues: [
    { name: 'orders', durable: true },
    { name: 'orders.stale', durable: true },
    { name: 'orders.old', durable: true },
  ],
  bindings: [
    { source: 'shop', destination: 'orders', routingKey: 'order' },
    { source: 'shop', destination: 'orders.stale', routingKey: 'order' },
    { source: 'shop', destination: 'orders.old', routingKey: 'order' },
  ],
  producers: [producer({ id: 'orders', exchange: 'shop', routingKey: fixed('order'), burst: 5, body: 'order {n}' })],
  consumers: [],
  autostart: [],
  actions: [{ id: 'send', steps: [start('orders')] }],
  challenges: [
    { id: 'ttl-policy', conditions: [{ kind: 'expired', queue: 'orders.stale', min: 1 }] },
    { id: 'purge', conditions: [{ kind: 'purged', queue: 'orders.old', min: 1 }] },
    { id: 'get-requeue', conditions: [{ kind: 'redelivered', queue: 'orders', min: 1 }] },
  ],
  questions: [
    caseQuestion(
      'get-requeue',
      { kind: 'settle', settle: 'reject', requeue: true, deadLetterExchange: false },
      { requeued: 'requeued', removed: 'dropped' },
    ),
  ],
}

export const RELIABILITY: Lesson[] = [workQueue, acks, confirms, dlq, retry, durability, prefetch, ecommerce]
export const FURTHER: Lesson[] = [redisPubSub, managementTour, quorum]
