// Runs broker operations on the designer's admin channel, moving messages across a re-declare when asked.

import type { Body, MessageProperties } from '../../engine/model.ts'
import type { WarrenChannel } from '../broker/amqp.ts'
import type { Op } from '../design/graph-to-commands.ts'

/** Ready messages of `from` are taken before it is deleted and re-published into `to` once it exists. */
export interface Move {
  from: string
  to: string
}

interface Held {
  body: Body
  properties: MessageProperties
}

export interface OpsRunner {
  channel(): Promise<WarrenChannel>
  /** Publishes through the default exchange, straight into `queue`. */
  sendToQueue(queue: string, body: Body, properties: MessageProperties): Promise<unknown>
}

async function drain(runner: OpsRunner, queue: string): Promise<Held[]> {
  const ch = await runner.channel()
  const held: Held[] = []
  for (let m = await ch.get(queue, { noAck: true }); m; m = await ch.get(queue, { noAck: true })) {
    const { headers, ...rest } = m.properties
    held.push({
      body: new Uint8Array(m.content),
      properties: Object.keys(headers).length > 0 ? { ...rest, headers } : rest,
    })
  }
  return held
}

export async function runOps(runner: OpsRunner, ops: readonly Op[], moves: readonly Move[] = []): Promise<void> {
  const carried = new Map<string, Held[]>()
  for (const op of ops) {
    const ch = await runner.channel()
    switch (op.op) {
      case 'unbind':
        if (op.binding.destinationType === 'queue')
          await ch.unbindQueue(op.binding.destination, op.binding.source, op.binding.routingKey, op.binding.arguments)
        else
          await ch.unbindExchange(
            op.binding.destination,
            op.binding.source,
            op.binding.routingKey,
            op.binding.arguments,
          )
        break
      case 'deleteQueue': {
        const move = moves.find((m) => m.from === op.name)
        if (move) carried.set(move.to, await drain(runner, op.name))
        await (await runner.channel()).deleteQueue(op.name)
        break
      }
      case 'deleteExchange':
        await ch.deleteExchange(op.name)
        break
      case 'declareExchange':
        await ch.assertExchange(op.def.name, op.def.type, {
          durable: op.def.durable,
          autoDelete: op.def.autoDelete,
          internal: op.def.internal,
          arguments: op.def.arguments,
        })
        break
      case 'declareQueue':
        await ch.assertQueue(op.def.name, {
          durable: op.def.durable,
          exclusive: op.def.exclusive,
          autoDelete: op.def.autoDelete,
          arguments: op.def.arguments,
        })
        break
      case 'bind':
        if (op.binding.destinationType === 'queue')
          await ch.bindQueue(op.binding.destination, op.binding.source, op.binding.routingKey, op.binding.arguments)
        else
          await ch.bindExchange(op.binding.destination, op.binding.source, op.binding.routingKey, op.binding.arguments)
        break
    }
  }
  for (const [queue, held] of carried) {
    await Promise.all(held.map((m) => runner.sendToQueue(queue, m.body, m.properties)))
  }
}
