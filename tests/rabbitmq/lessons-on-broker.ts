// Declares every lesson's topology on a real RabbitMQ, each in a vhost of its own that is deleted after,
// to show the lessons keep to that version's rules (4.3 refuses transient non-exclusive queues).
// Usage: npx tsx tests/rabbitmq/lessons-on-broker.ts amqp://guest:guest@127.0.0.1:5743 http://127.0.0.1:15743

import { LESSONS } from '../../app/lessons/lessons.ts'

// amqplib ships no types; this is the little of it used here.
interface AmqpChannel {
  on(event: 'error', listener: () => void): void
  assertExchange(name: string, type: string, options: object): Promise<unknown>
  assertQueue(name: string, options: object): Promise<unknown>
  bindQueue(queue: string, exchange: string, key: string, args: object): Promise<unknown>
}
interface AmqpConnection {
  on(event: 'error', listener: () => void): void
  createChannel(): Promise<AmqpChannel>
  close(): Promise<void>
}
const { default: amqp } = (await import('amqplib' as string)) as {
  default: { connect(url: string): Promise<AmqpConnection> }
}

const [amqpUrl = 'amqp://guest:guest@127.0.0.1:5743', mgmtUrl = 'http://127.0.0.1:15743'] = process.argv.slice(2)
const auth = { Authorization: `Basic ${Buffer.from('guest:guest').toString('base64')}` }
const PREFIX = 'lessons-check-'

async function vhost(method: 'PUT' | 'DELETE', name: string): Promise<void> {
  const res = await fetch(`${mgmtUrl}/api/vhosts/${encodeURIComponent(name)}`, { method, headers: auth })
  if (!res.ok && !(method === 'DELETE' && res.status === 404)) throw new Error(`${method} vhost ${name}: ${res.status}`)
}

async function declareLesson(id: string): Promise<string | null> {
  const lesson = LESSONS.find((l) => l.id === id)!
  const name = `${PREFIX}${id}`
  await vhost('PUT', name)
  const conn = await amqp.connect(`${amqpUrl}/${encodeURIComponent(name)}`)
  conn.on('error', () => {})
  try {
    const ch = await conn.createChannel()
    ch.on('error', () => {})
    for (const e of lesson.exchanges)
      await ch.assertExchange(e.name, e.type, { durable: e.durable ?? true, arguments: e.arguments ?? {} })
    for (const q of lesson.queues)
      await ch.assertQueue(q.name, {
        durable: q.durable ?? true,
        exclusive: q.exclusive ?? false,
        autoDelete: q.autoDelete ?? false,
        arguments: q.arguments ?? {},
      })
    for (const b of lesson.bindings) await ch.bindQueue(b.destination, b.source, b.routingKey ?? '', b.arguments ?? {})
    return null
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  } finally {
    await conn.close().catch(() => {})
    await vhost('DELETE', name)
  }
}

let failed = 0
for (const lesson of LESSONS) {
  const error = await declareLesson(lesson.id)
  if (error) failed++
  console.log(`${error ? 'REFUSED' : 'ok     '} ${lesson.id}${error ? `: ${error}` : ''}`)
}
console.log(`${LESSONS.length - failed} of ${LESSONS.length} lessons declared on ${amqpUrl}`)
process.exit(failed === 0 ? 0 : 1)
