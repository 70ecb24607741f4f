// Opens a lesson on any broker: declares its topology, sets up its simulated clients, starts its
// producers; and plays its buttons. The driver is the app's broker client in the browser, the engine in tests.

import type { ConsumerSpec, ProducerSpec } from '../../engine/simulation/specs.ts'
import type {
  ClusterStep,
  Lesson,
  LessonAction,
  LessonBinding,
  LessonExchange,
  LessonQueue,
  LessonStep,
} from './lesson-kit.ts'

export interface LessonDriver {
  exchange(e: LessonExchange): Promise<void> | void
  queue(q: LessonQueue): Promise<void> | void
  bind(b: LessonBinding): Promise<void> | void
  setProducer(spec: ProducerSpec): Promise<void> | void
  setConsumer(spec: ConsumerSpec): Promise<void> | void
  producer(id: string, action: 'start' | 'stop'): Promise<void> | void
  consumer(id: string, action: 'crash' | 'offline' | 'online'): Promise<void> | void
  restart(): Promise<void> | void
  /** The broker gets this many nodes before the topology is declared. */
  clusterSize(nodes: number): Promise<void> | void
  cluster(step: ClusterStep): Promise<void> | void
}

export async function openLesson(lesson: Lesson, driver: LessonDriver): Promise<void> {
  await driver.clusterSize(lesson.nodes ?? 1)
  for (const e of lesson.exchanges) await driver.exchange(e)
  for (const q of lesson.queues) await driver.queue(q)
  for (const b of lesson.bindings) await driver.bind(b)
  for (const c of lesson.consumers) await driver.setConsumer(c)
  for (const p of lesson.producers) await driver.setProducer(p)
  for (const id of lesson.autostart) await driver.producer(id, 'start')
}

export async function runStep(step: LessonStep, driver: LessonDriver): Promise<void> {
  if (step.kind === 'producer') await driver.producer(step.id, step.action)
  else if (step.kind === 'consumer') await driver.consumer(step.id, step.action)
  else if (step.kind === 'restart') await driver.restart()
  else await driver.cluster(step)
}

export async function runAction(action: LessonAction, driver: LessonDriver): Promise<void> {
  for (const step of action.steps) await runStep(step, driver)
}
