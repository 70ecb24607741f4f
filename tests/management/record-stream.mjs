#!/usr/bin/env node
// Records what a real RabbitMQ's management API answers for a stream and a super stream, the way record.mjs
// records the other types, in a vhost of its own (streams-mgmt) so it never touches another recording's vhost.
//   RABBITMQCTL=tests/conformance/recorder/ctl-4.3.sh node tests/management/record-stream.mjs \
//     --url http://127.0.0.1:15743 --amqp amqp://guest:guest@127.0.0.1:5743 --out tests/management/recorded/4.3
import fs from 'node:fs'
import path from 'node:path'
import { execFileSync } from 'node:child_process'
import amqp from 'amqplib'

const args = Object.fromEntries(
  process.argv
    .slice(2)
    .reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []),
)
const base = args.url ?? 'http://127.0.0.1:15743'
const amqpUrl = args.amqp ?? 'amqp://guest:guest@127.0.0.1:5743'
const out = args.out ?? 'recorded'
const auth = `Basic ${Buffer.from('guest:guest').toString('base64')}`
for (const u of [base, amqpUrl]) {
  if (!['127.0.0.1', 'localhost'].includes(new URL(u).hostname)) throw new Error(`refusing non-loopback broker ${u}`)
}
const V = 'streams-mgmt'
const vq = encodeURIComponent(V)
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

async function call(method, p, body) {
  const res = await fetch(base + p, {
    method,
    headers: { authorization: auth, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) : null }
}

await call('DELETE', `/api/vhosts/${vq}`)
await call('PUT', `/api/vhosts/${vq}`, {})
await call('PUT', `/api/permissions/${vq}/guest`, { configure: '.*', write: '.*', read: '.*' })
const conn = await amqp.connect(`${amqpUrl}/${vq}`)
const ch = await conn.createConfirmChannel()
await ch.assertQueue('events', {
  durable: true,
  arguments: { 'x-queue-type': 'stream', 'x-max-age': '7D', 'x-stream-max-segment-size-bytes': 1000000 },
})
for (let i = 0; i < 3; i++) ch.sendToQueue('events', Buffer.from(`event ${i}`))
await ch.waitForConfirms()
const reader = await conn.createChannel()
await reader.prefetch(10)
await reader.consume('events', () => {}, { consumerTag: 'replay', arguments: { 'x-stream-offset': 'first' } })
// rabbitmq-streams add_super_stream invoices --partitions 3, through the node (the CLI needs the stream port).
if (process.env.RABBITMQCTL) {
  execFileSync('sh', [
    process.env.RABBITMQCTL,
    'eval',
    `rabbit_stream_manager:create_super_stream(<<"${V}">>, <<"invoices">>, [<<"invoices-0">>, <<"invoices-1">>, <<"invoices-2">>], #{}, [<<"0">>, <<"1">>, <<"2">>], <<"guest">>).`,
  ])
}
await sleep(Number(args.settle ?? 12000)) // statistics are collected every 5 s
const recorded = {
  'queue-stream': {
    seq: 1000, // after record.mjs's answers: the test replays both recordings in seq order
    method: 'GET',
    path: `/api/queues/${vq}/events`,
    ...(await call('GET', `/api/queues/${vq}/events`)),
  },
  'queues-stream': { seq: 1001, method: 'GET', path: `/api/queues/${vq}`, ...(await call('GET', `/api/queues/${vq}`)) },
}
if (process.env.RABBITMQCTL)
  recorded['definitions-super-stream'] = {
    seq: 1002,
    method: 'GET',
    path: `/api/definitions/${vq}`,
    ...(await call('GET', `/api/definitions/${vq}`)),
  }
await conn.close()
await call('DELETE', `/api/vhosts/${vq}`)
fs.mkdirSync(out, { recursive: true })
for (const [name, r] of Object.entries(recorded)) {
  fs.writeFileSync(path.join(out, `${name}.json`), `${JSON.stringify(r, null, 1)}\n`)
}
console.log(`wrote ${Object.keys(recorded).length} files to ${out}`)
