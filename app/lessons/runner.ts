// Opens a lesson on any broker: declares its topology, sets up its simulated clients, starts its
// producers; and plays its buttons. The driver is the app's broker client in the browser, the engine in tests.
// A lesson's other brokers, their topology, parameters and policies go through each broker's management API,
// so the app and the tests build them with the same requests.

import type { ManagementRequest, ManagementResponse } from '../../engine/management/http.ts'
import type { ConsumerSpec, ProducerSpec } from '../../engine/simulation/specs.ts'
import type {
  ClusterStep,
  Lesson,
  LessonAction,
  LessonBinding,
  LessonBroker,
  LessonExchange,
  LessonParameter,
  LessonPolicy,
  LessonQueue,
  LessonStep,
  LinkChange,
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
  /** Adds a broker to the design (the lesson's version, one node). */
  addBroker(name: string): Promise<void> | void
  /** A request to one broker's management API. */
  management(broker: string, request: ManagementRequest): Promise<ManagementResponse> | ManagementResponse
  link(a: string, b: string, change: LinkChange): Promise<void> | void
  latency(a: string, b: string, ms: number): Promise<void> | void
  /** The broker gets this many nodes before the topology is declared. */
  clusterSize(nodes: number): Promise<void> | void
  cluster(step: ClusterStep): Promise<void> | void
}

const VHOST = '%2F'
const part = encodeURIComponent

async function manage(driver: LessonDriver, broker: string, request: ManagementRequest): Promise<void> {
  const reply = await driver.management(broker, request)
  if (reply.status >= 400)
    throw new Error(`${request.method} ${request.path} on ${broker}: ${reply.status} ${JSON.stringify(reply.body)}`)
}

async function buildBroker(b: LessonBroker, driver: LessonDriver): Promise<void> {
  await driver.addBroker(b.name)
  for (const e of b.exchanges)
    await manage(driver, b.name, {
      method: 'PUT',
      path: `/api/exchanges/${VHOST}/${part(e.name)}`,
      body: { type: e.type, durable: e.durable ?? true, arguments: e.arguments ?? {} },
    })
  for (const q of b.queues)
    await manage(driver, b.name, {
      method: 'PUT',
      path: `/api/queues/${VHOST}/${part(q.name)}`,
      body: {
        durable: q.durable ?? true,
        exclusive: q.exclusive ?? false,
        auto_delete: q.autoDelete ?? false,
        arguments: q.arguments ?? {},
      },
    })
  for (const bind of b.bindings)
    await manage(driver, b.name, {
      method: 'POST',
      path: `/api/bindings/${VHOST}/e/${part(bind.source)}/q/${part(bind.destination)}`,
      body: { routing_key: bind.routingKey ?? '', arguments: bind.arguments ?? {} },
    })
}

function putParameter(p: LessonParameter, driver: LessonDriver): Promise<void> {
  return manage(driver, p.broker, {
    method: 'PUT',
    path: `/api/parameters/${p.component}/${VHOST}/${part(p.name)}`,
    body: { value: p.value },
  })
}

function setPolicy(p: LessonPolicy, driver: LessonDriver): Promise<void> {
  return manage(driver, p.broker, {
    method: 'PUT',
    path: `/api/policies/${VHOST}/${part(p.name)}`,
    body: { pattern: p.pattern, 'apply-to': p.applyTo, definition: p.definition, priority: p.priority ?? 0 },
  })
}

/** The lesson's other brokers with their topology; none for a one-broker lesson. */
export async function openBrokers(lesson: Lesson, driver: LessonDriver): Promise<void> {
  for (const b of lesson.brokers ?? []) await buildBroker(b, driver)
}

export async function openLesson(lesson: Lesson, driver: LessonDriver): Promise<void> {
  await driver.clusterSize(lesson.nodes ?? 1)
  await openBrokers(lesson, driver)
  for (const e of lesson.exchanges) await driver.exchange(e)
  for (const q of lesson.queues) await driver.queue(q)
  for (const b of lesson.bindings) await driver.bind(b)
  await openLinks(lesson, driver)
  for (const c of lesson.consumers) await driver.setConsumer(c)
  for (const p of lesson.producers) await driver.setProducer(p)
  for (const id of lesson.autostart) await driver.producer(id, 'start')
}

/** The links' latencies, then the parameters and policies that use them: once every end exists. */
export async function openLinks(lesson: Lesson, driver: LessonDriver): Promise<void> {
  for (const l of lesson.links ?? []) await driver.latency(l.a, l.b, l.latency)
  for (const p of lesson.parameters ?? []) await putParameter(p, driver)
  for (const p of lesson.policies ?? []) await setPolicy(p, driver)
}

export async function runStep(step: LessonStep, driver: LessonDriver): Promise<void> {
  if (step.kind === 'producer') await driver.producer(step.id, step.action)
  else if (step.kind === 'consumer') await driver.consumer(step.id, step.action)
  else if (step.kind === 'link') await driver.link(step.a, step.b, step.change)
  else if (step.kind === 'parameter') await putParameter(step.parameter, driver)
  else if (step.kind === 'restart') await driver.restart()
  else await driver.cluster(step)
}

export async function runAction(action: LessonAction, driver: LessonDriver): Promise<void> {
  for (const step of action.steps) await runStep(step, driver)
}
