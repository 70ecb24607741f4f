// The 14 lessons as plain data: a topology, simulated producers and consumers, an explanation and a few
// buttons that provoke the moment the lesson is about. No app imports: the unit tests run these in Node.

import type { ExchangeType, FieldTable } from '../../engine/model.ts'
import type { ConsumerSpec, ProducerSpec } from '../../engine/simulation/specs.ts'

export interface LessonExchange {
  name: string
  type: ExchangeType
  durable?: boolean
  arguments?: FieldTable
}
export interface LessonQueue {
  name: string
  durable?: boolean
  arguments?: FieldTable
}
export interface LessonBinding {
  source: string
  destination: string
  routingKey?: string
  arguments?: FieldTable
}

export type LessonStep =
  | { kind: 'producer'; id: string; action: 'start' | 'stop' }
  | { kind: 'consumer'; id: string; action: 'crash' | 'offline' | 'online' }
  | { kind: 'restart' }
  | ClusterStep

/** The cluster lessons' buttons: a node stops or starts, the nodes split into groups, the split heals. */
export type ClusterStep =
  | { kind: 'node'; node: string; action: 'stop' | 'start' }
  | { kind: 'partition'; groups: string[][] }
  | { kind: 'heal' }

/** A lesson's words in another language; action labels by action id. */
export interface LessonText {
  title: string
  summary: string
  watch: string[]
  tryIt: string[]
  simulated?: string
  actions: Record<string, string>
}

export interface LessonAction {
  id: string
  label: string
  steps: LessonStep[]
}

export interface Lesson {
  id: string
  title: string
  /** What the lesson shows, in two or three sentences. */
  summary: string
  watch: string[]
  tryIt: string[]
  /** What the simulation stands in for, said honestly. */
  simulated?: string
  exchanges: LessonExchange[]
  queues: LessonQueue[]
  bindings: LessonBinding[]
  producers: ProducerSpec[]
  consumers: ConsumerSpec[]
  /** Producers started as soon as the lesson opens. */
  autostart: string[]
  actions: LessonAction[]
  /** Nodes of the cluster the lesson opens on (1 when left out). */
  nodes?: number
  /** The lesson in French, for lessons written in both languages. */
  fr?: LessonText
}

type P = Partial<ProducerSpec> & Pick<ProducerSpec, 'id' | 'exchange'>
type C = Partial<ConsumerSpec> & Pick<ConsumerSpec, 'id' | 'queue'>
const producer = (p: P): ProducerSpec => ({
  vhost: '/',
  rate: 0,
  routingKey: { kind: 'fixed', key: '' },
  body: 'message {n}',
  mandatory: false,
  confirms: false,
  ...p,
})
const consumer = (c: C): ConsumerSpec => ({
  vhost: '/',
  autoAck: false,
  prefetch: 1,
  processingMs: 200,
  behaviour: { kind: 'ack' },
  ...c,
})
const fixed = (key: string) => ({ kind: 'fixed' as const, key })
const start = (id: string): LessonStep => ({ kind: 'producer', id, action: 'start' })
const ALWAYS_FAIL = 1_000_000

export const LESSONS: Lesson[] = [
  {
    id: 'why-broker',
    title: '1. Why a broker',
    summary:
      'A producer that calls its consumer directly loses every request the consumer cannot take at that moment: while it is down, or busy. Put a durable queue in between and the requests wait for the consumer instead.',
    watch: [
      '"direct.call" holds nothing: a call reaches "callee" only if it is free at that instant, otherwise it is gone (expired).',
      '"orders" fills up while the consumer is offline and drains when it comes back.',
    ],
    tryIt: [
      'Take the consumers offline, send a burst, bring them back: compare what "callee" and "orders-worker" received.',
    ],
    simulated:
      'A direct HTTP-style call is simulated as a queue with a message TTL of 0 (x-message-ttl 0): RabbitMQ hands such a message to a consumer that can take it at once and expires it otherwise. Real direct calls have no queue at all.',
    exchanges: [],
    queues: [
      { name: 'direct.call', durable: false, arguments: { 'x-message-ttl': 0 } },
      { name: 'orders', durable: true },
    ],
    bindings: [],
    producers: [
      producer({ id: 'caller', exchange: '', routingKey: fixed('direct.call'), rate: 2, confirms: true }),
      producer({
        id: 'publisher',
        exchange: '',
        routingKey: fixed('orders'),
        rate: 2,
        confirms: true,
        persistent: true,
      }),
      producer({ id: 'burst', exchange: '', routingKey: fixed('orders'), burst: 10, confirms: true, persistent: true }),
      producer({ id: 'call-burst', exchange: '', routingKey: fixed('direct.call'), burst: 10, confirms: true }),
    ],
    consumers: [
      consumer({ id: 'callee', queue: 'direct.call', prefetch: 1, processingMs: 100 }),
      consumer({ id: 'orders-worker', queue: 'orders', prefetch: 1, processingMs: 100 }),
    ],
    autostart: ['caller', 'publisher'],
    actions: [
      {
        id: 'down',
        label: 'Take the consumers down',
        steps: [
          { kind: 'consumer', id: 'callee', action: 'offline' },
          { kind: 'consumer', id: 'orders-worker', action: 'offline' },
        ],
      },
      { id: 'burst', label: 'Send a burst of 10 to both', steps: [start('call-burst'), start('burst')] },
      {
        id: 'up',
        label: 'Bring the consumers back',
        steps: [
          { kind: 'consumer', id: 'callee', action: 'online' },
          { kind: 'consumer', id: 'orders-worker', action: 'online' },
        ],
      },
    ],
  },
  {
    id: 'work-queue',
    title: '2. Work queue, round-robin',
    summary: 'Several workers on one queue share its messages: each message goes to exactly one worker, in turn.',
    watch: ['The three workers get the same number of messages.'],
    tryIt: [
      "Send a burst of 30 and compare the workers' counts.",
      'Crash one worker: its unacked message goes to another.',
    ],
    exchanges: [],
    queues: [{ name: 'tasks', durable: true }],
    bindings: [],
    producers: [
      producer({ id: 'dispatcher', exchange: '', routingKey: fixed('tasks'), rate: 3 }),
      producer({ id: 'burst', exchange: '', routingKey: fixed('tasks'), burst: 30 }),
    ],
    consumers: ['worker-1', 'worker-2', 'worker-3'].map((id) =>
      consumer({ id, queue: 'tasks', prefetch: 1, processingMs: 300 }),
    ),
    autostart: ['dispatcher'],
    actions: [
      { id: 'burst', label: 'Send a burst of 30', steps: [start('burst')] },
      { id: 'crash', label: 'Crash worker 2', steps: [{ kind: 'consumer', id: 'worker-2', action: 'crash' }] },
    ],
  },
  {
    id: 'direct',
    title: '3. Direct exchange',
    summary: 'A direct exchange sends a message to the queues bound with exactly its routing key.',
    watch: ['order.paid lands in "payment", order.new in "notify", order.cancelled in "refund".'],
    tryIt: ['Publish with an unknown key: it is dropped (no binding matches).'],
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
    producers: [
      producer({
        id: 'shop',
        exchange: 'orders.direct',
        rate: 3,
        routingKey: { kind: 'cycle', keys: ['order.paid', 'order.new', 'order.cancelled'] },
        body: '{key} #{n}',
      }),
      producer({
        id: 'unknown',
        exchange: 'orders.direct',
        burst: 1,
        routingKey: fixed('order.shipped'),
        body: '{key}',
      }),
    ],
    consumers: [],
    autostart: ['shop'],
    actions: [{ id: 'unknown', label: 'Publish order.shipped (no binding)', steps: [start('unknown')] }],
  },
  {
    id: 'fanout',
    title: '4. Fanout exchange',
    summary: 'A fanout exchange copies every message to every bound queue, ignoring the routing key.',
    watch: ['Each signup appears once in "emails", "logs" and "analytics".'],
    tryIt: ['Send a burst of 10: each queue gets 10.'],
    exchanges: [{ name: 'signup', type: 'fanout', durable: true }],
    queues: [
      { name: 'emails', durable: true },
      { name: 'logs', durable: true },
      { name: 'analytics', durable: true },
    ],
    bindings: ['emails', 'logs', 'analytics'].map((destination) => ({ source: 'signup', destination })),
    producers: [
      producer({ id: 'signups', exchange: 'signup', rate: 1, body: 'user {n} signed up' }),
      producer({ id: 'burst', exchange: 'signup', burst: 10, body: 'user {n} signed up' }),
    ],
    consumers: [],
    autostart: ['signups'],
    actions: [{ id: 'burst', label: 'Send a burst of 10', steps: [start('burst')] }],
  },
  {
    id: 'topic',
    title: '5. Topic exchange',
    summary: 'A topic exchange matches dotted routing keys against patterns: * is exactly one word, # is zero or more.',
    watch: [
      'log.error.database → "errors" and "all-logs"',
      'log.warn.api → "all-logs" and "warnings"',
      'log.info.user → "all-logs" only',
    ],
    tryIt: ['Send one of each key and check which queues grow.'],
    exchanges: [{ name: 'logs', type: 'topic', durable: true }],
    queues: [
      { name: 'errors', durable: true },
      { name: 'all-logs', durable: true },
      { name: 'warnings', durable: true },
    ],
    bindings: [
      { source: 'logs', destination: 'errors', routingKey: 'log.error.*' },
      { source: 'logs', destination: 'all-logs', routingKey: 'log.#' },
      { source: 'logs', destination: 'warnings', routingKey: '*.warn.*' },
    ],
    producers: [
      producer({
        id: 'app',
        exchange: 'logs',
        rate: 3,
        routingKey: { kind: 'cycle', keys: ['log.error.database', 'log.warn.api', 'log.info.user'] },
        body: '{key} #{n}',
      }),
      ...['log.error.database', 'log.warn.api', 'log.info.user'].map((key) =>
        producer({ id: key, exchange: 'logs', burst: 1, routingKey: fixed(key), body: key }),
      ),
    ],
    consumers: [],
    autostart: ['app'],
    actions: ['log.error.database', 'log.warn.api', 'log.info.user'].map((key) => ({
      id: key,
      label: `Send ${key}`,
      steps: [start(key)],
    })),
  },
  {
    id: 'headers',
    title: '6. Headers exchange',
    summary:
      'A headers exchange ignores the routing key and matches message headers: x-match all needs every header to match, any needs one.',
    watch: ['format=pdf, region=eu goes to both queues.', 'format=pdf, region=us only to "any-pdf-or-eu".'],
    tryIt: ['Send each kind and compare.'],
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
      producer({
        id: 'pdf-eu',
        exchange: 'reports',
        burst: 1,
        headers: { format: 'pdf', region: 'eu' },
        body: 'pdf/eu',
      }),
      producer({
        id: 'pdf-us',
        exchange: 'reports',
        burst: 1,
        headers: { format: 'pdf', region: 'us' },
        body: 'pdf/us',
      }),
      producer({
        id: 'csv-us',
        exchange: 'reports',
        burst: 1,
        headers: { format: 'csv', region: 'us' },
        body: 'csv/us',
      }),
    ],
    consumers: [],
    autostart: ['pdf-eu', 'pdf-us', 'csv-us'],
    actions: [
      { id: 'pdf-eu', label: 'Send pdf / eu', steps: [start('pdf-eu')] },
      { id: 'pdf-us', label: 'Send pdf / us', steps: [start('pdf-us')] },
      { id: 'csv-us', label: 'Send csv / us', steps: [start('csv-us')] },
    ],
  },
  {
    id: 'acks',
    title: '7. Acknowledgements',
    summary:
      'With auto-ack the broker forgets a message as soon as it sends it; with manual ack it keeps it until the consumer says it is done. Crash both consumers mid-work and compare.',
    watch: ['After the crash, "manual-ack" gets its in-flight messages back (redelivered); "auto-ack" has lost them.'],
    tryIt: ['Send a burst, crash both consumers, bring them back.'],
    exchanges: [],
    queues: [
      { name: 'auto-ack', durable: true },
      { name: 'manual-ack', durable: true },
    ],
    bindings: [],
    producers: [
      producer({ id: 'to-auto', exchange: '', routingKey: fixed('auto-ack'), burst: 10 }),
      producer({ id: 'to-manual', exchange: '', routingKey: fixed('manual-ack'), burst: 10 }),
    ],
    consumers: [
      consumer({ id: 'auto-worker', queue: 'auto-ack', autoAck: true, prefetch: 0, processingMs: 5000 }),
      consumer({ id: 'manual-worker', queue: 'manual-ack', autoAck: false, prefetch: 5, processingMs: 5000 }),
    ],
    autostart: [],
    actions: [
      { id: 'burst', label: 'Send 10 to each', steps: [start('to-auto'), start('to-manual')] },
      {
        id: 'crash',
        label: 'Crash both consumers',
        steps: [
          { kind: 'consumer', id: 'auto-worker', action: 'crash' },
          { kind: 'consumer', id: 'manual-worker', action: 'crash' },
        ],
      },
      {
        id: 'online',
        label: 'Bring them back',
        steps: [
          { kind: 'consumer', id: 'auto-worker', action: 'online' },
          { kind: 'consumer', id: 'manual-worker', action: 'online' },
        ],
      },
    ],
  },
  {
    id: 'confirms',
    title: '8. Publisher confirms and mandatory',
    summary:
      'With confirms the broker tells the publisher whether it took each message; with mandatory it returns messages no queue would take.',
    watch: [
      '"unroutable" publishes with mandatory to a key nobody binds: every message comes back (returned).',
      '"to-full" fills "limited" (max 5, reject-publish): the 6th message on is nacked.',
    ],
    tryIt: ['Publish unroutable, then fill the queue.'],
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
      { id: 'unroutable', label: 'Publish unroutable (mandatory)', steps: [start('unroutable')] },
      { id: 'full', label: 'Send 8 to a queue of 5', steps: [start('to-full')] },
    ],
  },
  {
    id: 'dlq',
    title: '9. Dead-letter queue',
    summary:
      "A message rejected without requeue, expired by TTL or pushed out by max-length goes to the queue's dead-letter exchange instead of vanishing.",
    watch: [
      'Each order the worker rejects moves to "orders.dlq".',
      '"orders.ttl" (10 s TTL, no consumer) and "orders.small" (max 3) dead-letter too.',
    ],
    tryIt: ['Send a burst to the small queue and watch the oldest ones move to the DLQ.'],
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
    autostart: ['orders'],
    actions: [
      { id: 'orders', label: 'Send 5 orders (rejected)', steps: [start('orders')] },
      { id: 'ttl', label: 'Send 2 that expire', steps: [start('to-ttl')] },
      { id: 'small', label: 'Send 5 to a queue of 3', steps: [start('to-small')] },
    ],
  },
  {
    id: 'retry',
    title: '10. Retry with delay',
    summary:
      'A failed message waits in a retry queue whose TTL sends it back for another attempt, 5 s then 30 s later; after the 3rd failed attempt it lands in the DLQ.',
    watch: [
      'Attempt 1 in "orders", 5 s in "orders.retry.5s", attempt 2 in "orders.attempt2", 30 s in "orders.retry.30s", attempt 3 in "orders.attempt3", then "orders.dlq".',
    ],
    tryIt: ['Send one order and follow it: it reaches the DLQ after exactly 3 attempts, about 35 s later.'],
    simulated:
      "A real consumer reads the x-death count to decide between retrying and giving up. Warren's simulated consumers cannot read headers, so the count lives in the topology: each attempt has its own queue (and its own always-failing worker), so the 4th failure cannot happen — the 3rd dead-letters straight to the DLQ.",
    exchanges: [],
    queues: [
      {
        name: 'orders',
        durable: true,
        arguments: { 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': 'orders.retry.5s' },
      },
      {
        name: 'orders.retry.5s',
        durable: true,
        arguments: {
          'x-message-ttl': 5000,
          'x-dead-letter-exchange': '',
          'x-dead-letter-routing-key': 'orders.attempt2',
        },
      },
      {
        name: 'orders.attempt2',
        durable: true,
        arguments: { 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': 'orders.retry.30s' },
      },
      {
        name: 'orders.retry.30s',
        durable: true,
        arguments: {
          'x-message-ttl': 30_000,
          'x-dead-letter-exchange': '',
          'x-dead-letter-routing-key': 'orders.attempt3',
        },
      },
      {
        name: 'orders.attempt3',
        durable: true,
        arguments: { 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': 'orders.dlq' },
      },
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
    autostart: ['order'],
    actions: [{ id: 'order', label: 'Send one order', steps: [start('order')] }],
  },
  {
    id: 'durability',
    title: '11. Durability',
    summary:
      'Only persistent messages in durable queues survive a broker restart. A non-durable queue disappears; a durable queue comes back empty of transient messages.',
    watch: ['After "Restart broker": "temp" is gone, "durable.transient" is empty, "durable.persistent" keeps its 5.'],
    tryIt: ['Restart the broker.'],
    exchanges: [],
    queues: [
      { name: 'temp', durable: false },
      { name: 'durable.transient', durable: true },
      { name: 'durable.persistent', durable: true },
    ],
    bindings: [],
    producers: [
      producer({ id: 'to-temp', exchange: '', routingKey: fixed('temp'), burst: 5, persistent: true }),
      producer({ id: 'transient', exchange: '', routingKey: fixed('durable.transient'), burst: 5, persistent: false }),
      producer({ id: 'persistent', exchange: '', routingKey: fixed('durable.persistent'), burst: 5, persistent: true }),
    ],
    consumers: [],
    autostart: ['to-temp', 'transient', 'persistent'],
    actions: [{ id: 'restart', label: 'Restart broker', steps: [{ kind: 'restart' }] }],
  },
  {
    id: 'prefetch',
    title: '12. Prefetch',
    summary:
      'Prefetch caps how many unacked messages a consumer may hold. Unlimited (0) or large prefetch hands work out evenly in advance, so the slow consumer hoards it; prefetch 1 lets the fast one take most.',
    watch: [
      'In "prefetch-1" the fast consumer does most of the work.',
      'In "prefetch-0" and "prefetch-20" the slow consumer holds half the messages.',
    ],
    tryIt: ['Send a burst of 40 to each queue.'],
    exchanges: [{ name: 'jobs', type: 'fanout', durable: true }],
    queues: [
      { name: 'prefetch-0', durable: true },
      { name: 'prefetch-1', durable: true },
      { name: 'prefetch-20', durable: true },
    ],
    bindings: ['prefetch-0', 'prefetch-1', 'prefetch-20'].map((destination) => ({ source: 'jobs', destination })),
    producers: [producer({ id: 'burst', exchange: 'jobs', burst: 40 })],
    consumers: [0, 1, 20].flatMap((prefetch) => [
      consumer({ id: `fast-${prefetch}`, queue: `prefetch-${prefetch}`, prefetch, processingMs: 50 }),
      consumer({ id: `slow-${prefetch}`, queue: `prefetch-${prefetch}`, prefetch, processingMs: 1000 }),
    ]),
    autostart: ['burst'],
    actions: [{ id: 'burst', label: 'Send a burst of 40', steps: [start('burst')] }],
  },
  {
    id: 'fire-and-forget',
    title: '13. Fire-and-forget vs broker',
    summary:
      'Publishing without confirms to a queue that drops what it cannot hold is fire-and-forget: the publisher never learns what was lost. With confirms and a durable queue, nothing is lost silently.',
    watch: [
      '"fire-and-forget" (max 5, drop-head) silently loses the oldest messages; the publisher gets no signal.',
      '"reliable" keeps everything, confirmed.',
    ],
    tryIt: ['Send a burst of 20 to each with the consumers offline.'],
    simulated:
      'Fire-and-forget (e.g. UDP or an unawaited HTTP call) is simulated with a tiny queue that drops its oldest messages and a publisher without confirms.',
    exchanges: [],
    queues: [
      { name: 'fire-and-forget', durable: false, arguments: { 'x-max-length': 5 } },
      { name: 'reliable', durable: true },
    ],
    bindings: [],
    producers: [
      producer({ id: 'fire', exchange: '', routingKey: fixed('fire-and-forget'), burst: 20, confirms: false }),
      producer({
        id: 'reliable',
        exchange: '',
        routingKey: fixed('reliable'),
        burst: 20,
        confirms: true,
        persistent: true,
      }),
    ],
    consumers: [
      consumer({ id: 'fire-worker', queue: 'fire-and-forget', autoAck: true, prefetch: 0, processingMs: 500 }),
      consumer({ id: 'reliable-worker', queue: 'reliable', prefetch: 1, processingMs: 500 }),
    ],
    autostart: [],
    actions: [
      {
        id: 'offline',
        label: 'Take the consumers offline',
        steps: [
          { kind: 'consumer', id: 'fire-worker', action: 'offline' },
          { kind: 'consumer', id: 'reliable-worker', action: 'offline' },
        ],
      },
      { id: 'burst', label: 'Send a burst of 20 to each', steps: [start('fire'), start('reliable')] },
      {
        id: 'online',
        label: 'Bring them back',
        steps: [
          { kind: 'consumer', id: 'fire-worker', action: 'online' },
          { kind: 'consumer', id: 'reliable-worker', action: 'online' },
        ],
      },
    ],
  },
  {
    id: 'ecommerce',
    title: '14. The complete e-commerce architecture',
    summary:
      'A topic exchange "orders" feeds payment (two workers, prefetch 5, failures dead-lettered to payment.dlq) and analytics (every order event).',
    watch: [
      'order.paid reaches "payment" and "analytics"; order.created and order.cancelled only "analytics".',
      'About 1 in 10 payments fails and lands in "payment.dlq".',
    ],
    tryIt: ['Crash a payment worker: its unacked messages go to the other.'],
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
      consumer({
        id: 'payment-worker-1',
        queue: 'payment',
        prefetch: 5,
        processingMs: 400,
        behaviour: { kind: 'fail-randomly', probability: 0.1, action: 'dead-letter' },
      }),
      consumer({
        id: 'payment-worker-2',
        queue: 'payment',
        prefetch: 5,
        processingMs: 400,
        behaviour: { kind: 'fail-randomly', probability: 0.1, action: 'dead-letter' },
      }),
      consumer({ id: 'analytics-worker', queue: 'analytics', prefetch: 10, processingMs: 100 }),
    ],
    autostart: ['checkout'],
    actions: [
      {
        id: 'crash',
        label: 'Crash payment worker 1',
        steps: [{ kind: 'consumer', id: 'payment-worker-1', action: 'crash' }],
      },
    ],
  },
]

export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id)
}
