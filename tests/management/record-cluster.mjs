#!/usr/bin/env node
// Records what a real 3-node RabbitMQ cluster's management API answers about nodes and queue placement, before and
// while one node is down, for the cluster fields of Warren's answers (node, state, leader, members, online,
// running). The cluster is tests/conformance/recorder/rabbitmq-cluster.sh's (started first). Loopback only.
//   node tests/management/record-cluster.mjs --cluster 4.3 --out tests/management/recorded-cluster/4.3
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import amqp from 'amqplib'

const args = Object.fromEntries(
  process.argv
    .slice(2)
    .reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []),
)
const version = args.cluster ?? '4.3'
const x = version === '4.3' ? 5 : version === '4.0' ? 8 : 0
if (!x) throw new Error(`--cluster takes 4.0 or 4.3, not ${version}`)
const out = args.out ?? `recorded-cluster/${version}`
const script = path.join(path.dirname(fileURLToPath(import.meta.url)), '../conformance/recorder/rabbitmq-cluster.sh')
const management = (k) => `http://127.0.0.1:157${x}${k}`
const amqpUrl = (k) => `amqp://guest:guest@127.0.0.1:57${x}${k}`
const auth = `Basic ${Buffer.from('guest:guest').toString('base64')}`
const V = 'mgmt-cluster'
const vq = encodeURIComponent(V)
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

async function call(method, p, body) {
  const res = await fetch(management(1) + p, {
    method,
    headers: { authorization: auth, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) : null }
}

const recorded = {}
let seq = 0
async function record(name, p) {
  const r = await call('GET', p)
  recorded[name] = { seq: seq++, method: 'GET', path: p, status: r.status, body: r.body }
}

await call('DELETE', `/api/vhosts/${vq}`)
await call('PUT', `/api/vhosts/${vq}`, {})
await call('PUT', `/api/permissions/${vq}/guest`, { configure: '.*', write: '.*', read: '.*' })
const onN1 = await amqp.connect(`${amqpUrl(1)}/${vq}`)
const onN2 = await amqp.connect(`${amqpUrl(2)}/${vq}`)
onN2.on('error', () => {})
const ch1 = await onN1.createConfirmChannel()
const ch2 = await onN2.createConfirmChannel()
ch2.on('error', () => {})
await ch2.assertQueue('cq.n2', { durable: true })
await ch1.assertQueue('qq', { durable: true, arguments: { 'x-queue-type': 'quorum' } })
await ch1.assertQueue('s', { durable: true, arguments: { 'x-queue-type': 'stream' } })
ch1.sendToQueue('cq.n2', Buffer.from('one'), { persistent: true })
ch1.sendToQueue('qq', Buffer.from('one'), { persistent: true })
ch1.sendToQueue('s', Buffer.from('one'), { persistent: true })
await ch1.waitForConfirms()
await sleep(2000) // the stats reach the management database
await record('nodes', '/api/nodes')
await record('queue-classic', `/api/queues/${vq}/cq.n2`)
await record('queue-quorum', `/api/queues/${vq}/qq`)
await record('queue-stream', `/api/queues/${vq}/s`)
await record('queues', `/api/queues/${vq}`)
execFileSync('sh', [script, 'stop-node', version, '2'])
await sleep(4000)
await record('nodes-one-stopped', '/api/nodes')
await record('node-stopped', '/api/nodes/rabbit-c2@localhost')
await record('queue-classic-node-down', `/api/queues/${vq}/cq.n2`)
await record('queue-quorum-member-down', `/api/queues/${vq}/qq`)
await record('queue-stream-member-down', `/api/queues/${vq}/s`)
await record('queues-one-stopped', `/api/queues/${vq}`)
execFileSync('sh', [script, 'start-node', version, '2'])
await onN1.close()
await call('DELETE', `/api/vhosts/${vq}`)
fs.mkdirSync(out, { recursive: true })
for (const [name, r] of Object.entries(recorded))
  fs.writeFileSync(path.join(out, `${name}.json`), `${JSON.stringify(r, null, 1)}\n`)
console.log(`recorded ${Object.keys(recorded).length} answers from the ${version} cluster into ${out}`)
