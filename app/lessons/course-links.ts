// "Going further" across brokers: a dynamic shovel that drains a queue into another broker, and a federated
// exchange from one datacenter to another. The design's own broker (local) is the source side; the link between
// the two brokers is slow enough that a cut catches messages on the way.

import {
  caseQuestion,
  fixed,
  HOME_BROKER,
  link,
  type Lesson,
  type LessonParameter,
  producer,
  routeQuestion,
  setParameter,
  start,
} from './lesson-kit.ts'

export const LONDON = 'dc-london'

const shovelOf = (ackMode: 'on-confirm' | 'on-publish'): LessonParameter => ({
  broker: HOME_BROKER,
  component: 'shovel',
  name: 'orders-to-london',
  value: {
    'src-uri': 'amqp://',
    'src-queue': 'orders',
    'dest-uri': `amqp://${LONDON}`,
    'dest-queue': 'orders.copy',
    'ack-mode': ackMode,
    'reconnect-delay': 2,
  },
})

const cutAndRestore = [
  { id: 'cut', steps: [link(HOME_BROKER, LONDON, 'cut')] },
  { id: 'restore', steps: [link(HOME_BROKER, LONDON, 'restore')] },
]

const shovel: Lesson = {
  id: 'shovel',
  section: 'going-further',
  quiet: true,
  simulated: true,
  exchanges: [],
  queues: [{ name: 'orders', durable: true }],
  bindings: [],
  brokers: [{ name: LONDON, exchanges: [], queues: [{ name: 'orders.copy', durable: true }], bindings: [] }],
  links: [{ a: HOME_BROKER, b: LONDON, latency: 1000 }],
  parameters: [shovelOf('on-confirm')],
  producers: [producer({ id: 'orders', exchange: '', routingKey: fixed('orders'), burst: 10, body: 'order {n}' })],
  consumers: [],
  autostart: [],
  actions: [
    { id: 'send', steps: [start('orders')] },
    ...cutAndRestore,
    { id: 'on-publish', steps: [setParameter(shovelOf('on-publish'))] },
    { id: 'on-confirm', steps: [setParameter(shovelOf('on-confirm'))] },
  ],
  challenges: [
    {
      id: 'nothing-lost',
      conditions: [
        { kind: 'arrivedAcross', from: 'orders', broker: LONDON, queue: 'orders.copy', min: 10, drained: true },
      ],
    },
    {
      id: 'on-publish-loses',
      conditions: [{ kind: 'lostAcross', from: 'orders', broker: LONDON, queue: 'orders.copy', min: 1 }],
    },
  ],
  questions: [
    caseQuestion(
      'unacked-back',
      { kind: 'settle', settle: 'nack', requeue: true, deadLetterExchange: false },
      { requeued: 'requeued', removed: 'removed' },
    ),
  ],
}

/** London federates Paris's "events" exchange: its upstream is the design's own broker, standing for Paris. */
const twoDatacenters: Lesson = {
  id: 'two-datacenters',
  section: 'going-further',
  quiet: true,
  simulated: true,
  exchanges: [{ name: 'events', type: 'fanout', durable: true }],
  queues: [{ name: 'paris.audit', durable: true }],
  bindings: [{ source: 'events', destination: 'paris.audit' }],
  brokers: [
    {
      name: LONDON,
      exchanges: [{ name: 'events', type: 'fanout', durable: true }],
      queues: [{ name: 'london.events', durable: true }],
      bindings: [{ source: 'events', destination: 'london.events' }],
    },
  ],
  links: [{ a: HOME_BROKER, b: LONDON, latency: 500 }],
  parameters: [
    {
      broker: LONDON,
      component: 'federation-upstream',
      name: 'paris',
      value: { uri: `amqp://${HOME_BROKER}`, 'reconnect-delay': 2 },
    },
  ],
  policies: [
    {
      broker: LONDON,
      name: 'federate-events',
      pattern: '^events$',
      applyTo: 'exchanges',
      definition: { 'federation-upstream-set': 'all' },
    },
  ],
  producers: [producer({ id: 'events', exchange: 'events', burst: 5, body: 'event {n}' })],
  consumers: [],
  autostart: [],
  actions: [{ id: 'send', steps: [start('events')] }, ...cutAndRestore],
  challenges: [
    {
      id: 'wait-and-arrive',
      conditions: [
        { kind: 'arrivedAcross', from: 'paris.audit', broker: LONDON, queue: 'london.events', min: 5, drained: false },
      ],
    },
  ],
  questions: [
    routeQuestion(
      'upstream-queue',
      'fanout',
      [{ queue: 'paris.audit' }, { queue: 'upstream' }],
      { routingKey: '' },
      {
        both: 'paris.audit+upstream',
        audit: 'paris.audit',
      },
    ),
  ],
}

export const ACROSS_BROKERS: Lesson[] = [shovel, twoDatacenters]
