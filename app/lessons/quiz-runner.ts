// Runs a question's case on the app's broker, on entities named with the probe prefix so the canvas never
// draws them, over a connection of its own that is closed afterwards.

import type { RouteExplanation } from '../../engine/explain.ts'
import type { FieldTable } from '../../engine/model.ts'
import { connect } from '../broker/amqp.ts'
import type { BrokerClient } from '../broker/client.ts'
import { PROBE_PREFIX } from '../store/apply-events.ts'
import { runCase, type CaseBroker, type CaseRun, type QuizCase } from './questions.ts'

let runs = 0

export async function runCaseInApp(client: BrokerClient, c: QuizCase): Promise<CaseRun> {
  const connection = await connect(client, { vhost: '/' })
  const ch = await connection.createChannel()
  const exchanges: string[] = []
  const queues: string[] = []
  const broker: CaseBroker = {
    exchange: async (name, type) => {
      await ch.assertExchange(name, type, { durable: true })
      exchanges.push(name)
    },
    queue: async (name, args: FieldTable) => {
      await ch.assertQueue(name, { durable: true, arguments: args })
      queues.push(name)
    },
    bind: async (queue, exchange, key, args) => {
      await ch.bindQueue(queue, exchange, key, args)
    },
    publish: async (exchange, key, body, headers) => {
      ch.publish(exchange, key, body, headers ? { headers } : {})
    },
    get: async (queue) => {
      const m = await ch.get(queue, { noAck: false })
      if (!m) return null
      return {
        body: m.content.toString(),
        redelivered: m.fields.redelivered,
        settle: async (how, requeue) => {
          if (how === 'ack') ch.ack(m)
          else if (how === 'nack') ch.nack(m, false, requeue)
          else ch.reject(m, requeue)
          // a settle has no reply: a passive declare after it waits until the broker applied it
          await ch.checkQueue(queue)
        },
      }
    },
    consumeWithoutAcking: async (queue, prefetch) => {
      await ch.prefetch(prefetch)
      await ch.consume(queue, () => {}, { noAck: false })
    },
    readyCount: async (queue) => (await ch.checkQueue(queue)).messageCount,
    // the cast keeps this line valid whether or not client.send infers its reply type
    explain: async (exchange, routingKey, headers) =>
      (await client.send({ type: 'explainRoute', vhost: '/', exchange, routingKey, headers })) as RouteExplanation,
    cleanup: async () => {
      for (const q of queues.splice(0)) await ch.deleteQueue(q).catch(() => {})
      for (const x of exchanges.splice(0)) await ch.deleteExchange(x).catch(() => {})
      await connection.close().catch(() => {})
    },
  }
  return runCase(c, broker, `${PROBE_PREFIX}quiz-${++runs}.`)
}

/** A case's entity as the question names it, without the runner's prefix. */
export const caseName = (name: string) => name.replace(/^.*\.quiz-\d+\./, '')
