// What a lesson is made of, as plain data: a topology, simulated producers and consumers, a few buttons
// that provoke its moment, challenges the broker checks and questions the broker answers. Its texts live
// in the `lessons` namespace of the locale files, under the lesson's id. No app imports: tests run these in Node.

import type { ExchangeType, FieldTable } from '../../engine/model.ts'
import type { ConsumerSpec, ProducerSpec } from '../../engine/simulation/specs.ts'
import type { Challenge } from './challenges.ts'
import type { Question } from './questions.ts'

/** The course's sections, in its order; a lesson says which one it illustrates (lessons:sections.<key>). */
export const COURSE_SECTIONS = [
  'hello-world',
  'why-broker',
  'exchanges',
  'queues',
  'bindings',
  'work-queues',
  'acks',
  'confirms',
  'dead-letter',
  'retry',
  'durability',
  'prefetch',
  'use-cases',
  'redis-pubsub',
  'going-further',
] as const
export type CourseSection = (typeof COURSE_SECTIONS)[number]

export interface LessonExchange {
  name: string
  type: ExchangeType
  durable?: boolean
  arguments?: FieldTable
}
/** RabbitMQ 4.3 refuses transient queues that are not exclusive: a lesson's queue is durable or exclusive. */
export interface LessonQueue {
  name: string
  durable?: boolean
  exclusive?: boolean
  autoDelete?: boolean
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

/** A button of the lesson panel; its label is lessons:<lesson id>.actions.<id>. */
export interface LessonAction {
  id: string
  steps: LessonStep[]
}

export interface Lesson {
  /** Also the URL: ?lesson=<id>. Texts: lessons:<id>.title, .summary, .watch[], .try[], .simulated, .traffic. */
  id: string
  section: CourseSection
  /** Nodes of the cluster the lesson opens on (1 when left out): its queues are declared on rabbit@n1. */
  nodes?: number
  /** Nothing moves until the learner acts; otherwise lessons:<id>.traffic says what runs from the start and why. */
  quiet: boolean
  /** Whether lessons:<id>.simulated says what the simulation stands in for. */
  simulated: boolean
  exchanges: LessonExchange[]
  queues: LessonQueue[]
  bindings: LessonBinding[]
  producers: ProducerSpec[]
  consumers: ConsumerSpec[]
  /** Producers started as soon as the lesson opens. */
  autostart: string[]
  actions: LessonAction[]
  challenges: Challenge[]
  questions: Question[]
}

type P = Partial<ProducerSpec> & Pick<ProducerSpec, 'id' | 'exchange'>
type C = Partial<ConsumerSpec> & Pick<ConsumerSpec, 'id' | 'queue'>

export const producer = (p: P): ProducerSpec => ({
  vhost: '/',
  rate: 0,
  routingKey: { kind: 'fixed', key: '' },
  body: 'message {n}',
  mandatory: false,
  confirms: false,
  ...p,
})

export const consumer = (c: C): ConsumerSpec => ({
  vhost: '/',
  autoAck: false,
  prefetch: 1,
  processingMs: 200,
  behaviour: { kind: 'ack' },
  ...c,
})

export const fixed = (key: string) => ({ kind: 'fixed' as const, key })
export const start = (id: string): LessonStep => ({ kind: 'producer', id, action: 'start' })
export const consumersDo = (action: 'crash' | 'offline' | 'online', ...ids: string[]): LessonStep[] =>
  ids.map((id) => ({ kind: 'consumer', id, action }))
/** Fails every time: "fail-first" with more failures than any lesson sends. */
export const ALWAYS_FAIL = 1_000_000

/** A question whose case routes one message through an exchange; the outcome is the queues it reaches. */
export const routeQuestion = (
  id: string,
  exchangeType: ExchangeType,
  bindings: { queue: string; key?: string; arguments?: FieldTable }[],
  message: { routingKey: string; headers?: FieldTable },
  choices: Record<string, string>,
): Question => ({
  id,
  case: { kind: 'route', exchangeType, bindings, routingKey: message.routingKey, headers: message.headers },
  choices: Object.entries(choices).map(([choice, outcome]) => ({ id: choice, outcome })),
})

export const caseQuestion = (id: string, c: Question['case'], choices: Record<string, string>): Question => ({
  id,
  case: c,
  choices: Object.entries(choices).map(([choice, outcome]) => ({ id: choice, outcome })),
})
