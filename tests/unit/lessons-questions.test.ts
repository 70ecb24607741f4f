// Every corner-case question runs its case on the engine: exactly one choice names what the broker did,
// so the right answer always comes from the broker, never from the lesson's text.

import { describe, expect, it } from 'vitest'
import { createBroker, ManualClock } from '../../engine/index.ts'
import { explainRoute } from '../../engine/explain.ts'
import type { FieldTable } from '../../engine/model.ts'
import { LESSONS } from '../../app/lessons/lessons.ts'
import { rightChoice, runCase, type CaseBroker } from '../../app/lessons/questions.ts'

const sink = { delivery() {}, returned() {}, confirmed() {}, cancelled() {}, channelClosed() {}, connectionClosed() {} }
const text = (body: string | Uint8Array) => (typeof body === 'string' ? body : new TextDecoder().decode(body))

function engineCaseBroker() {
  const broker = createBroker({ clock: new ManualClock(), seed: 1 })
  const ch = broker.connect(sink).openChannel()
  const exchanges: string[] = []
  const queues: string[] = []
  const caseBroker: CaseBroker = {
    exchange: async (name, type) => {
      ch.exchangeDeclare({ exchange: name, type, durable: true })
      exchanges.push(name)
    },
    queue: async (name, args: FieldTable) => {
      ch.queueDeclare({ queue: name, durable: true, arguments: args })
      queues.push(name)
    },
    bind: async (queue, exchange, key, args) => ch.queueBind(queue, exchange, key, args),
    publish: async (exchange, key, body, headers) => void ch.publish(exchange, key, body, { headers }, false),
    get: async (queue) => {
      const got = ch.get(queue, false)
      if (!got) return null
      return {
        body: text(got.body),
        redelivered: got.redelivered,
        settle: async (how, requeue) => {
          if (how === 'ack') ch.ack(got.deliveryTag)
          else if (how === 'nack') ch.nack(got.deliveryTag, false, requeue)
          else ch.reject(got.deliveryTag, requeue)
        },
      }
    },
    consumeWithoutAcking: async (queue, prefetch) => {
      const consumer = broker.connect(sink).openChannel()
      consumer.qos(prefetch)
      consumer.consume(queue)
    },
    readyCount: async (queue) => ch.queueDeclare({ queue, passive: true }).messageCount,
    explain: async (exchange, key, headers) => explainRoute(broker.vhosts.get('/')!, exchange, key, headers),
    cleanup: async () => {
      for (const q of queues.splice(0)) ch.queueDelete(q)
      for (const x of exchanges.splice(0)) ch.exchangeDelete(x)
    },
  }
  return { broker, caseBroker }
}

describe('corner-case questions', () => {
  for (const lesson of LESSONS)
    for (const question of lesson.questions)
      it(`${lesson.id}/${question.id}: the broker's outcome is exactly one of the choices`, async () => {
        const { broker, caseBroker } = engineCaseBroker()
        const run = await runCase(question.case, caseBroker, 'quiz.')
        expect(rightChoice(question, run), `outcome ${run.outcome}`).not.toBeNull()
        expect(question.choices.filter((c) => c.outcome === run.outcome)).toHaveLength(1)
        // The case cleans up after itself.
        expect([...broker.vhosts.get('/')!.queues.keys()].filter((q) => q.startsWith('quiz.'))).toEqual([])
      })

  it('a route case explains every binding it tested', async () => {
    const topic = LESSONS.find((l) => l.id === 'topic')!
    const run = await runCase(
      topic.questions.find((q) => q.id === 'hash-b')!.case,
      engineCaseBroker().caseBroker,
      'quiz.',
    )
    expect(run.outcome).toBe('q')
    expect(run.explanation?.hops[0].bindings.map((b) => b.matched)).toEqual([true])
  })

  it('every lesson but durability asks at least one question', () => {
    expect(LESSONS.filter((l) => l.questions.length === 0).map((l) => l.id)).toEqual(['durability'])
  })
})
