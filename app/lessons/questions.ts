// Corner-case questions answered by running the case: each choice names an outcome, and the broker decides
// which one is right by running the case on entities of its own (hidden from the canvas), so no answer is
// typed by hand. The same runner drives the engine in the unit tests and the worker in the app.

import type { RouteExplanation } from '../../engine/explain.ts'
import type { ExchangeType, FieldTable } from '../../engine/model.ts'

export type QuizCase =
  /** Outcome: the queues the message reaches, sorted and joined with '+', or 'none'. */
  | {
      kind: 'route'
      exchangeType: ExchangeType
      bindings: { queue: string; key?: string; arguments?: FieldTable }[]
      routingKey: string
      headers?: FieldTable
    }
  /** Outcome: 'removed', 'requeued' (and delivered again, redelivered), 'dead-lettered' or 'dropped'. */
  | {
      kind: 'settle'
      settle: 'ack' | 'nack' | 'reject'
      requeue: boolean
      deadLetterExchange: boolean
      queueArguments?: FieldTable
    }
  /** Outcome: the bodies left in the queue, in order, joined with ','. */
  | { kind: 'overflow'; maxLength: number; overflow: 'drop-head' | 'reject-publish'; publish: number }
  /** Outcome: the bodies a queue with these arguments holds after the publishes, joined with ',', or 'none'. */
  | { kind: 'publish'; queueArguments: FieldTable; publish: number }
  /** Outcome: how many of the queue's messages one consumer with this prefetch holds while it acks none. */
  | { kind: 'prefetch'; prefetch: number; publish: number }

export interface Question {
  /** Its texts are lessons:<lesson id>.questions.<id>.prompt and .choices.<choice id>. */
  id: string
  case: QuizCase
  choices: { id: string; outcome: string }[]
}

export interface GotMessage {
  body: string
  redelivered: boolean
  settle(how: 'ack' | 'nack' | 'reject', requeue: boolean): Promise<void>
}

/** The few broker operations a case needs; every name it is given already carries the runner's prefix. */
export interface CaseBroker {
  exchange(name: string, type: string): Promise<void>
  queue(name: string, args: FieldTable): Promise<void>
  bind(queue: string, exchange: string, key: string, args: FieldTable): Promise<void>
  publish(exchange: string, routingKey: string, body: string, headers?: FieldTable): Promise<void>
  get(queue: string): Promise<GotMessage | null>
  /** Subscribes a consumer that never acks, with basic.qos `prefetch` (0 = unlimited). */
  consumeWithoutAcking(queue: string, prefetch: number): Promise<void>
  /** Ready messages, as a passive queue.declare counts them. */
  readyCount(queue: string): Promise<number>
  explain(exchange: string, routingKey: string, headers: FieldTable): Promise<RouteExplanation>
  /** Deletes every exchange and queue the case declared. */
  cleanup(): Promise<void>
}

export interface CaseRun {
  outcome: string
  /** For route cases: every binding tested and why it matched or not. */
  explanation: RouteExplanation | null
}

async function runRoute(c: Extract<QuizCase, { kind: 'route' }>, b: CaseBroker, p: string): Promise<CaseRun> {
  await b.exchange(`${p}x`, c.exchangeType)
  for (const queue of new Set(c.bindings.map((x) => x.queue))) await b.queue(`${p}${queue}`, {})
  for (const x of c.bindings) await b.bind(`${p}${x.queue}`, `${p}x`, x.key ?? '', x.arguments ?? {})
  const explanation = await b.explain(`${p}x`, c.routingKey, c.headers ?? {})
  const queues = [...new Set(explanation.queues)].map((q) => q.slice(p.length)).sort()
  return { outcome: queues.length > 0 ? queues.join('+') : 'none', explanation }
}

async function runSettle(c: Extract<QuizCase, { kind: 'settle' }>, b: CaseBroker, p: string): Promise<CaseRun> {
  const args: FieldTable = { ...c.queueArguments }
  if (c.deadLetterExchange) {
    await b.exchange(`${p}dlx`, 'fanout')
    await b.queue(`${p}dlq`, {})
    await b.bind(`${p}dlq`, `${p}dlx`, '', {})
    args['x-dead-letter-exchange'] = `${p}dlx`
  }
  await b.queue(`${p}q`, args)
  await b.publish('', `${p}q`, 'm1')
  const first = await b.get(`${p}q`)
  if (!first) throw new Error('the case message did not arrive')
  await first.settle(c.settle, c.requeue)
  const again = await b.get(`${p}q`)
  if (again) {
    await again.settle('ack', false)
    return { outcome: again.redelivered ? 'requeued' : 'requeued-not-redelivered', explanation: null }
  }
  const dead = c.deadLetterExchange ? await b.get(`${p}dlq`) : null
  if (dead) await dead.settle('ack', false)
  return { outcome: dead ? 'dead-lettered' : c.settle === 'ack' ? 'removed' : 'dropped', explanation: null }
}

/** Publishes m1..mN to a new queue with `args`, then takes out what it kept. */
async function publishAndDrain(args: FieldTable, count: number, b: CaseBroker, p: string): Promise<string[]> {
  await b.queue(`${p}q`, args)
  for (let i = 1; i <= count; i++) await b.publish('', `${p}q`, `m${i}`)
  const left: string[] = []
  for (let m = await b.get(`${p}q`); m; m = await b.get(`${p}q`)) {
    left.push(m.body)
    await m.settle('ack', false)
  }
  return left
}

async function runOverflow(c: Extract<QuizCase, { kind: 'overflow' }>, b: CaseBroker, p: string): Promise<CaseRun> {
  const left = await publishAndDrain({ 'x-max-length': c.maxLength, 'x-overflow': c.overflow }, c.publish, b, p)
  return { outcome: left.join(','), explanation: null }
}

async function runPublish(c: Extract<QuizCase, { kind: 'publish' }>, b: CaseBroker, p: string): Promise<CaseRun> {
  const left = await publishAndDrain(c.queueArguments, c.publish, b, p)
  return { outcome: left.length > 0 ? left.join(',') : 'none', explanation: null }
}

async function runPrefetch(c: Extract<QuizCase, { kind: 'prefetch' }>, b: CaseBroker, p: string): Promise<CaseRun> {
  await b.queue(`${p}q`, {})
  for (let i = 1; i <= c.publish; i++) await b.publish('', `${p}q`, `m${i}`)
  await b.consumeWithoutAcking(`${p}q`, c.prefetch)
  return { outcome: String(c.publish - (await b.readyCount(`${p}q`))), explanation: null }
}

/** Runs the case on entities named `<prefix>...`, then deletes them, whatever happened. */
export async function runCase(c: QuizCase, broker: CaseBroker, prefix: string): Promise<CaseRun> {
  try {
    if (c.kind === 'route') return await runRoute(c, broker, prefix)
    if (c.kind === 'settle') return await runSettle(c, broker, prefix)
    if (c.kind === 'publish') return await runPublish(c, broker, prefix)
    if (c.kind === 'prefetch') return await runPrefetch(c, broker, prefix)
    return await runOverflow(c, broker, prefix)
  } finally {
    await broker.cleanup()
  }
}

/** The choice whose outcome the broker produced; null means the question no longer fits the broker. */
export function rightChoice(question: Question, run: CaseRun): string | null {
  return question.choices.find((c) => c.outcome === run.outcome)?.id ?? null
}
