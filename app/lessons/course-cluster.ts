// The course's "going further" on clusters, on three nodes: a quorum queue surviving its leader's node, a
// classic queue gone with its node, and a partition where only the majority side confirms. The simulated
// clients connect to rabbit@n1, where the queues are declared, so rabbit@n1 leads the quorum queue and hosts
// the classic one. Traffic runs from the start: the moment is what a failure does to work already flowing.

import { caseQuestion, consumer, fixed, producer, type Lesson, type LessonStep } from './lesson-kit.ts'

const checkout = producer({
  id: 'checkout',
  exchange: '',
  rate: 5,
  routingKey: fixed('orders'),
  body: 'orders #{n}',
  confirms: true,
  persistent: true,
})
const worker = consumer({ id: 'orders-worker', queue: 'orders', prefetch: 5, processingMs: 100 })
const quorumOrders = { name: 'orders', durable: true, arguments: { 'x-queue-type': 'quorum' } }
const stop = (node: string): LessonStep => ({ kind: 'node', node, action: 'stop' })
const startNode = (node: string): LessonStep => ({ kind: 'node', node, action: 'start' })

const quorumSurvives: Lesson = {
  id: 'quorum-survives',
  section: 'going-further',
  nodes: 3,
  quiet: false,
  simulated: true,
  exchanges: [],
  queues: [quorumOrders],
  bindings: [],
  producers: [checkout],
  consumers: [worker],
  autostart: ['checkout'],
  actions: [
    { id: 'stop-leader', steps: [stop('rabbit@n1')] },
    { id: 'start-leader', steps: [startNode('rabbit@n1')] },
  ],
  challenges: [
    {
      id: 'new-leader',
      conditions: [
        { kind: 'nodeStopped', node: 'rabbit@n1' },
        { kind: 'leaderMoved', queue: 'orders', from: 'rabbit@n1' },
        { kind: 'received', consumer: 'orders-worker', min: 10 },
      ],
    },
  ],
  questions: [
    caseQuestion(
      'nacked-comes-back',
      {
        kind: 'settle',
        settle: 'nack',
        requeue: true,
        deadLetterExchange: false,
        queueArguments: { 'x-queue-type': 'quorum' },
      },
      { requeued: 'requeued', lost: 'removed' },
    ),
  ],
}

const classicDeadNode: Lesson = {
  id: 'classic-dead-node',
  section: 'going-further',
  nodes: 3,
  quiet: false,
  simulated: false,
  exchanges: [],
  queues: [{ name: 'orders', durable: true }],
  bindings: [],
  producers: [checkout],
  consumers: [worker],
  autostart: ['checkout'],
  actions: [
    { id: 'stop-home', steps: [stop('rabbit@n1')] },
    { id: 'start-home', steps: [startNode('rabbit@n1'), { kind: 'consumer', id: 'orders-worker', action: 'online' }] },
  ],
  challenges: [
    {
      id: 'nacked-while-down',
      conditions: [
        { kind: 'nodeStopped', node: 'rabbit@n1' },
        { kind: 'publishNacked', min: 1 },
      ],
    },
  ],
  questions: [
    caseQuestion(
      'acked-is-gone',
      { kind: 'settle', settle: 'ack', requeue: false, deadLetterExchange: false },
      { removed: 'removed', kept: 'requeued' },
    ),
  ],
}

const noMajority: Lesson = {
  id: 'no-majority',
  section: 'going-further',
  nodes: 3,
  quiet: false,
  simulated: true,
  exchanges: [],
  queues: [quorumOrders],
  bindings: [],
  producers: [checkout],
  consumers: [worker],
  autostart: ['checkout'],
  actions: [
    { id: 'split', steps: [{ kind: 'partition', groups: [['rabbit@n1'], ['rabbit@n2', 'rabbit@n3']] }] },
    { id: 'heal', steps: [{ kind: 'heal' }] },
  ],
  challenges: [
    {
      id: 'majority-side-leads',
      conditions: [
        { kind: 'noMajority', queue: 'orders' },
        { kind: 'leaderMoved', queue: 'orders', from: 'rabbit@n1' },
      ],
    },
  ],
  questions: [
    caseQuestion(
      'requeued-on-quorum',
      {
        kind: 'settle',
        settle: 'reject',
        requeue: true,
        deadLetterExchange: false,
        queueArguments: { 'x-queue-type': 'quorum' },
      },
      { requeued: 'requeued', removed: 'removed' },
    ),
  ],
}

export const CLUSTER: Lesson[] = [quorumSurvives, classicDeadNode, noMajority]
