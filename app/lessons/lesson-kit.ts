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

/** The design's own broker, where the canvas, the simulated clients and the broker's events are. */
export const HOME_BROKER = 'local'

/** Another broker of the lesson's design (amqp://<name>/%2F reaches it), with its own topology. */
export interface LessonBroker {
  name: string
  exchanges: LessonExchange[]
  queues: LessonQueue[]
  bindings: LessonBinding[]
}

/** A runtime parameter of a broker's default vhost: a dynamic shovel, a federation upstream or upstream set. */
export interface LessonParameter {
  broker: string
  component: 'shovel' | 'federation-upstream' | 'federation-upstream-set'
  name: string
  value: Record<string, unknown> | Record<string, unknown>[]
}

/** A policy of a broker's default vhost (federation-upstream and federation-upstream-set keys make things federated). */
export interface LessonPolicy {
  broker: string
  name: string
  pattern: string
  applyTo: 'exchanges' | 'queues' | 'all'
  definition: Record<string, unknown>
  priority?: number
}

export type LinkChange = 'cut' | 'pause' | 'restore'

/** The link between two brokers of the design as the lesson opens: its latency makes messages be in flight. */
export interface LessonLink {
  a: string
  b: string
  latency: number
}

export type LessonStep =
  | { kind: 'producer'; id: string; action: 'start' | 'stop' }
  | { kind: 'consumer'; id: string; action: 'crash' | 'offline' | 'online' }
  | { kind: 'restart' }
  | { kind: 'link'; a: string; b: string; change: LinkChange }
  | { kind: 'parameter'; parameter: LessonParameter }
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
  /** The design's other brokers, built before the home broker's topology; none for a one-broker lesson. */
  brokers?: LessonBroker[]
  /** Set once every broker's topology is declared, so shovels and links find their ends. */
  parameters?: LessonParameter[]
  policies?: LessonPolicy[]
  links?: LessonLink[]
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
export const link = (a: string, b: string, change: LinkChange): LessonStep => ({ kind: 'link', a, b, change })
export const setParameter = (parameter: LessonParameter): LessonStep => ({ kind: 'parameter', parameter })
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
