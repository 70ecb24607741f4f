// The course's first sections: hello world, why a broker, the four exchange types, queues, bindings.

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

const helloWorld: Lesson = {
  id: 'hello-world',
  section: 'hello-world',
  quiet: true,
  simulated: false,
  exchanges: [],
  queues: [{ name: 'hello', durable: true }],
  bindings: [],
  producers: [producer({ id: 'sender', exchange: '', routingKey: fixed('hello'), burst: 1, body: 'Hello World! {n}' })],
  consumers: [consumer({ id: 'receiver', queue: 'hello', processingMs: 500 })],
  autostart: [],
  actions: [{ id: 'send', steps: [start('sender')] }],
  challenges: [
    {
      id: 'first-message',
      conditions: [
        { kind: 'reached', queue: 'hello', min: 1 },
        { kind: 'acked', queue: 'hello', min: 1 },
      ],
    },
  ],
  questions: [
    routeQuestion(
      'unknown-key',
      'direct',
      [{ queue: 'hello', key: 'hello' }],
      { routingKey: 'helo' },
      { lost: 'none', delivered: 'hello' },
    ),
  ],
}

const whyBroker: Lesson = {
  id: 'why-broker',
  section: 'why-broker',
  quiet: false,
  simulated: true,
  exchanges: [],
  queues: [
    // durable: RabbitMQ 4.3 refuses transient non-exclusive queues, and the caller's consumer is on another connection
    { name: 'direct.call', durable: true, arguments: { 'x-message-ttl': 0 } },
    { name: 'orders', durable: true },
  ],
  bindings: [],
  producers: [
    producer({ id: 'caller', exchange: '', routingKey: fixed('direct.call'), rate: 2, confirms: true }),
    producer({ id: 'publisher', exchange: '', routingKey: fixed('orders'), rate: 2, confirms: true, persistent: true }),
    producer({ id: 'burst', exchange: '', routingKey: fixed('orders'), burst: 10, confirms: true, persistent: true }),
    producer({ id: 'call-burst', exchange: '', routingKey: fixed('direct.call'), burst: 10, confirms: true }),
  ],
  consumers: [
    consumer({ id: 'callee', queue: 'direct.call', prefetch: 1, processingMs: 100 }),
    consumer({ id: 'orders-worker', queue: 'orders', prefetch: 1, processingMs: 100 }),
  ],
  autostart: ['caller', 'publisher'],
  actions: [
    { id: 'down', steps: consumersDo('offline', 'callee', 'orders-worker') },
    { id: 'burst', steps: [start('call-burst'), start('burst')] },
    { id: 'up', steps: consumersDo('online', 'callee', 'orders-worker') },
  ],
  challenges: [
    {
      id: 'calls-lost-orders-kept',
      conditions: [
        { kind: 'expired', queue: 'direct.call', min: 10 },
        { kind: 'reached', queue: 'orders', min: 10 },
      ],
    },
  ],
  questions: [
    caseQuestion(
      'nobody-listening',
      { kind: 'publish', queueArguments: { 'x-message-ttl': 0 }, publish: 1 },
      { lost: 'none', kept: 'm1' },
    ),
  ],
}

const ORDER_KEYS = ['order.paid', 'order.new', 'order.cancelled']

const direct: Lesson = {
  id: 'direct',
  section: 'exchanges',
  quiet: true,
  simulated: false,
  exchanges: [{ name: 'orders.direct', type: 'direct', durable: true }],
  queues: [
    { name: 'payment', durable: true },
    { name: 'notify', durable: true },
    { name: 'refund', durable: true },
  ],
  bindings: [
    { source: 'orders.direct', destination: 'payment', routingKey: 'order.paid' },
    { source: 'orders.direct', destination: 'notify', routingKey: 'order.new' },
    { source: 'orders.direct', destination: 'refund', routingKey: 'order.cancelled' },
  ],
  producers: [...ORDER_KEYS, 'order.shipped'].map((key) =>
    producer({ id: key, exchange: 'orders.direct', burst: 1, routingKey: fixed(key), body: '{key} #{n}' }),
  ),
  consumers: [],
  autostart: [],
  actions: [...ORDER_KEYS, 'order.shipped'].map((key) => ({ id: key, steps: [start(key)] })),
  challenges: [
    {
      id: 'each-key',
      conditions: [
        { kind: 'reached', queue: 'payment', key: 'order.paid', min: 1 },
        { kind: 'reached', queue: 'notify', key: 'order.new', min: 1 },
        { kind: 'reached', queue: 'refund', key: 'order.cancelled', min: 1 },
      ],
    },
    {
      id: 'shipped-to-notify',
      conditions: [
        { kind: 'reached', queue: 'notify', key: 'order.shipped', min: 1 },
        { kind: 'notReached', queue: 'payment', key: 'order.shipped' },
      ],
    },
  ],
  questions: [
    routeQuestion(
      'same-key-twice',
      'direct',
      [
        { queue: 'payment', key: 'order.paid' },
        { queue: 'audit', key: 'order.paid' },
      ],
      { routingKey: 'order.paid' },
      { both: 'audit+payment', first: 'payment', none: 'none' },
    ),
    routeQuestion(
      'case-matters',
      'direct',
      [{ queue: 'payment', key: 'order.paid' }],
      { routingKey: 'Order.Paid' },
      { reaches: 'payment', lost: 'none' },
    ),
  ],
}

const FANOUT_QUEUES = ['emails', 'logs', 'analytics']

const fanout: Lesson = {
  id: 'fanout',
  section: 'exchanges',
  quiet: true,
  simulated: false,
  exchanges: [{ name: 'signup', type: 'fanout', durable: true }],
  queues: FANOUT_QUEUES.map((name) => ({ name, durable: true })),
  bindings: FANOUT_QUEUES.map((destination) => ({ source: 'signup', destination })),
  producers: [
    producer({ id: 'signup', exchange: 'signup', burst: 1, body: 'user {n} signed up' }),
    producer({ id: 'burst', exchange: 'signup', burst: 10, body: 'user {n} signed up' }),
  ],
  consumers: [],
  autostart: [],
  actions: [
    { id: 'one', steps: [start('signup')] },
    { id: 'burst', steps: [start('burst')] },
  ],
  challenges: [
    {
      id: 'ten-copies',
      conditions: FANOUT_QUEUES.map((queue) => ({ kind: 'reached' as const, queue, min: 10 })),
    },
  ],
  questions: [
    routeQuestion(
      'key-ignored',
      'fanout',
      [
        { queue: 'emails', key: 'eu' },
        { queue: 'logs', key: 'us' },
      ],
      { routingKey: 'us' },
      { both: 'emails+logs', matching: 'logs', none: 'none' },
    ),
  ],
}

const LOG_KEYS = ['log.error.database', 'log.warn.api', 'log.info.user']
const EU_KEYS = ['order.created.eu', 'order.paid']

const topic: Lesson = {
  id: 'topic',
  section: 'exchanges',
  quiet: true,
  simulated: false,
  exchanges: [
    { name: 'logs', type: 'topic', durable: true },
    { name: 'orders', type: 'topic', durable: true },
  ],
  queues: [
    { name: 'errors', durable: true },
    { name: 'all-logs', durable: true },
    { name: 'warnings', durable: true },
    { name: 'eu-orders', durable: true },
  ],
  bindings: [
    { source: 'logs', destination: 'errors', routingKey: 'log.error.*' },
    { source: 'logs', destination: 'all-logs', routingKey: 'log.#' },
    { source: 'logs', destination: 'warnings', routingKey: '*.warn.*' },
  ],
  producers: [
    ...LOG_KEYS.map((key) => producer({ id: key, exchange: 'logs', burst: 1, routingKey: fixed(key), body: key })),
    ...EU_KEYS.map((key) => producer({ id: key, exchange: 'orders', burst: 1, routingKey: fixed(key), body: key })),
  ],
  consumers: [],
  autostart: [],
  actions: [...LOG_KEYS, ...EU_KEYS].map((key) => ({ id: key, steps: [start(key)] })),
  challenges: [
    {
      id: 'eu-not-paid',
      conditions: [
        { kind: 'reached', queue: 'eu-orders', key: 'order.created.eu', min: 1 },
        { kind: 'notReached', queue: 'eu-orders', key: 'order.paid' },
      ],
    },
  ],
  questions: [
    routeQuestion('hash-b', 'topic', [{ queue: 'q', key: '#.b' }], { routingKey: 'a.b.b' }, { yes: 'q', no: 'none' }),
    routeQuestion(
      'star-needs-a-word',
      'topic',
      [{ queue: 'q', key: 'log.*' }],
      { routingKey: 'log' },
      { yes: 'q', no: 'none' },
    ),
    routeQuestion(
      'hash-zero-words',
      'topic',
      [{ queue: 'q', key: 'log.#' }],
      { routingKey: 'log' },
      { yes: 'q', no: 'none' },
    ),
  ],
}

const headers: Lesson = {
  id: 'headers',
  section: 'exchanges',
  quiet: true,
  simulated: false,
  exchanges: [{ name: 'reports', type: 'headers', durable: true }],
  queues: [
    { name: 'pdf-eu-all', durable: true },
    { name: 'any-pdf-or-eu', durable: true },
  ],
  bindings: [
    { source: 'reports', destination: 'pdf-eu-all', arguments: { 'x-match': 'all', format: 'pdf', region: 'eu' } },
    { source: 'reports', destination: 'any-pdf-or-eu', arguments: { 'x-match': 'any', format: 'pdf', region: 'eu' } },
  ],
  producers: [
    ['pdf-eu', 'pdf', 'eu'],
    ['pdf-us', 'pdf', 'us'],
    ['csv-us', 'csv', 'us'],
  ].map(([id, format, region]) =>
    producer({ id, exchange: 'reports', burst: 1, headers: { format, region }, body: `${format}/${region}` }),
  ),
  consumers: [],
  autostart: [],
  actions: ['pdf-eu', 'pdf-us', 'csv-us'].map((id) => ({ id, steps: [start(id)] })),
  challenges: [
    {
      id: 'all-vs-any',
      conditions: [
        { kind: 'reached', queue: 'pdf-eu-all', min: 1 },
        { kind: 'reached', queue: 'any-pdf-or-eu', min: 2 },
      ],
    },
  ],
  questions: [
    routeQuestion(
      'any-one-header',
      'headers',
      [{ queue: 'q', arguments: { 'x-match': 'any', format: 'pdf', region: 'eu' } }],
      { routingKey: '', headers: { format: 'csv', region: 'eu' } },
      { yes: 'q', no: 'none' },
    ),
    routeQuestion(
      'all-extra-header',
      'headers',
      [{ queue: 'q', arguments: { 'x-match': 'all', format: 'pdf' } }],
      { routingKey: '', headers: { format: 'pdf', region: 'us' } },
      { yes: 'q', no: 'none' },
    ),
  ],
}

const queues: Lesson = {
  id: 'queues',
  section: 'queues',
  quiet: true,
  simulated: false,
  exchanges: [],
  queues: [
    { name: 'jobs.durable', durable: true },
    // owned by the designer's own connection, as RabbitMQ ties an exclusive queue to the connection that declared it
    { name: 'session.exclusive', durable: false, exclusive: true },
    { name: 'feed.auto-delete', durable: true, autoDelete: true },
    { name: 'alerts.ttl', durable: true, arguments: { 'x-message-ttl': 5000 } },
    { name: 'latest.max-length', durable: true, arguments: { 'x-max-length': 3 } },
  ],
  bindings: [],
  producers: [
    producer({ id: 'to-durable', exchange: '', routingKey: fixed('jobs.durable'), burst: 3, persistent: true }),
    producer({ id: 'to-feed', exchange: '', routingKey: fixed('feed.auto-delete'), burst: 3 }),
    producer({ id: 'to-ttl', exchange: '', routingKey: fixed('alerts.ttl'), burst: 3 }),
    producer({ id: 'to-max', exchange: '', routingKey: fixed('latest.max-length'), burst: 5, body: 'reading {n}' }),
  ],
  consumers: [consumer({ id: 'feed-reader', queue: 'feed.auto-delete', processingMs: 300 })],
  autostart: [],
  actions: [
    { id: 'send', steps: [start('to-durable'), start('to-feed'), start('to-ttl'), start('to-max')] },
    { id: 'reader-off', steps: consumersDo('offline', 'feed-reader') },
  ],
  challenges: [
    { id: 'auto-delete', conditions: [{ kind: 'queueGone', queue: 'feed.auto-delete' }] },
    {
      id: 'limits',
      conditions: [
        { kind: 'expired', queue: 'alerts.ttl', min: 1 },
        { kind: 'dropped', queue: 'latest.max-length', reason: 'maxlen', min: 1 },
      ],
    },
  ],
  questions: [
    caseQuestion(
      'max-length-drops',
      { kind: 'overflow', maxLength: 2, overflow: 'drop-head', publish: 3 },
      { oldest: 'm2,m3', newest: 'm1,m2', none: 'm1,m2,m3' },
    ),
  ],
}

const bindings: Lesson = {
  id: 'bindings',
  section: 'bindings',
  quiet: true,
  simulated: false,
  exchanges: [{ name: 'invoices', type: 'direct', durable: true }],
  queues: [
    { name: 'billing', durable: true },
    { name: 'audit', durable: true },
  ],
  bindings: [
    { source: 'invoices', destination: 'billing', routingKey: 'invoice.created' },
    { source: 'invoices', destination: 'billing', routingKey: 'invoice.paid' },
    { source: 'invoices', destination: 'audit', routingKey: 'invoice.created' },
  ],
  producers: ['invoice.created', 'invoice.paid', 'invoice.void'].map((key) =>
    producer({ id: key, exchange: 'invoices', burst: 1, routingKey: fixed(key), body: '{key} #{n}' }),
  ),
  consumers: [],
  autostart: [],
  actions: ['invoice.created', 'invoice.paid', 'invoice.void'].map((key) => ({ id: key, steps: [start(key)] })),
  challenges: [
    {
      id: 'void-to-audit',
      conditions: [
        { kind: 'reached', queue: 'audit', key: 'invoice.void', min: 1 },
        { kind: 'notReached', queue: 'billing', key: 'invoice.void' },
      ],
    },
  ],
  questions: [
    routeQuestion(
      'two-bindings-one-copy',
      'topic',
      [
        { queue: 'q', key: 'a.*' },
        { queue: 'q', key: '#' },
      ],
      { routingKey: 'a.b' },
      { once: 'q', twice: 'q+q' },
    ),
  ],
}

export const BASICS: Lesson[] = [helloWorld, whyBroker, direct, fanout, topic, headers, queues, bindings]
