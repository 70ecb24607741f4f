#!/usr/bin/env node
// Records what a real RabbitMQ's management API answers for one topology, so Warren's answers can be compared
// field by field (names and value types). Loopback brokers only.
//   node tests/management/record.mjs [--settle 15000] --url http://127.0.0.1:15743 --amqp amqp://guest:guest@127.0.0.1:5743 --out DIR
import fs from 'node:fs'
import path from 'node:path'
import amqp from 'amqplib'

const args = Object.fromEntries(
  process.argv
    .slice(2)
    .reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []),
)
const base = args.url ?? 'http://127.0.0.1:15672'
const amqpUrl = args.amqp ?? 'amqp://guest:guest@127.0.0.1:5672'
const out = args.out ?? 'recorded'
const auth = `Basic ${Buffer.from(args.user ?? 'guest:guest').toString('base64')}`
for (const u of [base, amqpUrl]) {
  if (!['127.0.0.1', 'localhost'].includes(new URL(u).hostname)) throw new Error(`refusing non-loopback broker ${u}`)
}
const V = 'mgmt-rec'
const vq = encodeURIComponent(V)
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

async function call(method, p, body, headers = {}) {
  const res = await fetch(base + p, {
    method,
    headers: { authorization: auth, 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  let json = null
  try {
    json = text ? JSON.parse(text) : null
  } catch {
    json = { unparsed: text }
  }
  return { status: res.status, body: json }
}

const recorded = {}
let seq = 0
async function record(name, method, p, body, headers) {
  const r = await call(method, p, body, headers)
  recorded[name] = {
    seq: seq++,
    method,
    path: p,
    ...(body === undefined ? {} : { request: body }),
    status: r.status,
    body: r.body,
  }
  return r
}

await call('DELETE', `/api/vhosts/${vq}`)
await call('PUT', `/api/vhosts/${vq}`, {})
await call('PUT', `/api/permissions/${vq}/guest`, { configure: '.*', write: '.*', read: '.*' })
const conn = await amqp.connect(`${amqpUrl}/${vq}`)
const ch = await conn.createConfirmChannel()
await ch.assertExchange('orders', 'topic', { durable: true })
await ch.assertExchange('dlx', 'fanout', { durable: true })
await ch.assertQueue('orders.created', {
  durable: true,
  arguments: { 'x-message-ttl': 60000, 'x-dead-letter-exchange': 'dlx' },
})
await ch.assertQueue('orders.dead', { durable: true })
await ch.assertQueue('q.quorum', { durable: true, arguments: { 'x-queue-type': 'quorum' } })
await ch.bindQueue('orders.created', 'orders', 'order.created')
await ch.bindQueue('orders.dead', 'dlx', '')
await ch.bindExchange('dlx', 'orders', 'order.#')
for (let i = 0; i < 3; i++) ch.publish('orders', 'order.created', Buffer.from(`order ${i}`), { persistent: true })
ch.sendToQueue('q.quorum', Buffer.from('one'), { persistent: true })
ch.sendToQueue('q.quorum', Buffer.from('two'), { persistent: true })
await ch.waitForConfirms()
const consumer = await conn.createChannel()
await consumer.prefetch(1)
await consumer.consume('q.quorum', () => {}, { noAck: false, consumerTag: 'holder' })
await call('PUT', `/api/policies/${vq}/cap`, {
  pattern: '^orders\\.',
  'apply-to': 'queues',
  definition: { 'max-length': 100 },
  priority: 1,
})
await call('PUT', `/api/operator-policies/${vq}/op-cap`, {
  pattern: '^q\\.',
  'apply-to': 'queues',
  definition: { 'max-length': 1000 },
  priority: 0,
})
await sleep(Number(args.settle ?? 15000)) // the management plugin collects statistics every 5 s by default

await record('overview', 'GET', '/api/overview')
await record('nodes', 'GET', '/api/nodes')
await record('vhosts', 'GET', '/api/vhosts')
await record('vhost', 'GET', `/api/vhosts/${vq}`)
await record('exchanges', 'GET', `/api/exchanges/${vq}`)
await record('exchange', 'GET', `/api/exchanges/${vq}/orders`)
await record('exchange-default', 'GET', `/api/exchanges/${vq}/amq.default`)
await record('queues', 'GET', `/api/queues/${vq}`)
await record('queue-classic', 'GET', `/api/queues/${vq}/orders.created`)
await record('queue-quorum', 'GET', `/api/queues/${vq}/q.quorum`)
await record('bindings', 'GET', `/api/bindings/${vq}`)
await record('exchange-bindings-source', 'GET', `/api/exchanges/${vq}/orders/bindings/source`)
await record('exchange-bindings-destination', 'GET', `/api/exchanges/${vq}/dlx/bindings/destination`)
await record('queue-bindings', 'GET', `/api/queues/${vq}/orders.created/bindings`)
await record('binding-list', 'GET', `/api/bindings/${vq}/e/orders/q/orders.created`)
await record('binding-one', 'GET', `/api/bindings/${vq}/e/orders/q/orders.created/order.created`)
await record('policies', 'GET', `/api/policies/${vq}`)
await record('operator-policies', 'GET', `/api/operator-policies/${vq}`)
await record('global-parameters', 'GET', '/api/global-parameters')
await record('definitions-vhost', 'GET', `/api/definitions/${vq}`)
await record('connections', 'GET', `/api/vhosts/${vq}/connections`)
await record('channels', 'GET', `/api/vhosts/${vq}/channels`)
await record('consumers', 'GET', `/api/consumers/${vq}`)
await record('alarms', 'GET', '/api/health/checks/alarms')
await record('whoami', 'GET', '/api/whoami')
await record('publish-routed', 'POST', `/api/exchanges/${vq}/orders/publish`, {
  properties: { delivery_mode: 2, headers: { source: 'api' } },
  routing_key: 'order.created',
  payload: 'from the api',
  payload_encoding: 'string',
})
await record('publish-unrouted', 'POST', `/api/exchanges/${vq}/orders/publish`, {
  properties: {},
  routing_key: 'nothing.here',
  payload: 'lost',
  payload_encoding: 'string',
})
await record('get-requeue', 'POST', `/api/queues/${vq}/orders.created/get`, {
  count: 2,
  ackmode: 'ack_requeue_true',
  encoding: 'auto',
  truncate: 50000,
})
await record('get-ack', 'POST', `/api/queues/${vq}/orders.created/get`, {
  count: 1,
  ackmode: 'ack_requeue_false',
  encoding: 'auto',
})
await record('purge', 'DELETE', `/api/queues/${vq}/orders.created/contents`)
await record('binding-create', 'POST', `/api/bindings/${vq}/e/orders/q/orders.dead`, {
  routing_key: 'order.lost',
  arguments: {},
})
await record('binding-delete', 'DELETE', `/api/bindings/${vq}/e/orders/q/orders.dead/order.lost`)
await record('queue-put', 'PUT', `/api/queues/${vq}/made.by.api`, { durable: true, auto_delete: false, arguments: {} })
await record('queue-put-inequivalent', 'PUT', `/api/queues/${vq}/made.by.api`, { durable: false, arguments: {} })
await record('exchange-put', 'PUT', `/api/exchanges/${vq}/made.x`, { type: 'direct', durable: true })
await record('exchange-put-bad-type', 'PUT', `/api/exchanges/${vq}/bad.x`, { type: 'nonsense', durable: true })
await record('queue-delete', 'DELETE', `/api/queues/${vq}/made.by.api`)
await record('error-queue-missing', 'GET', `/api/queues/${vq}/nope`)
await record('error-vhost-missing', 'GET', '/api/vhosts/nope')
await record('error-exchange-missing', 'GET', `/api/exchanges/${vq}/nope`)
await record('error-definitions-vhost-missing', 'GET', '/api/definitions/no-such-vhost')
await record('error-method', 'PUT', '/api/overview', {})
{
  const res = await fetch(`${base}/api/queues/${vq}/bad.json`, {
    method: 'PUT',
    headers: { authorization: auth, 'content-type': 'application/json' },
    body: '{not json',
  })
  recorded['error-bad-json'] = {
    seq: seq++,
    method: 'PUT',
    path: `/api/queues/${vq}/bad.json`,
    rawRequest: '{not json',
    status: res.status,
    body: await res.json(),
  }
}
await record('error-publish-missing-exchange', 'POST', `/api/exchanges/${vq}/nope/publish`, {
  properties: {},
  routing_key: 'k',
  payload: 'p',
  payload_encoding: 'string',
})
{
  const res = await fetch(`${base}/api/overview`, {
    headers: { authorization: `Basic ${Buffer.from('guest:wrong').toString('base64')}` },
  })
  recorded['error-unauthorized'] = {
    seq: seq++,
    method: 'GET',
    path: '/api/overview',
    status: res.status,
    body: await res.json(),
  }
}

// The whole broker's export: the node is shared with other recordings, so only this topology's entries are kept,
// with every top-level field and the vhost's own entry as written.
{
  const r = await record('definitions-all', 'GET', '/api/definitions')
  const ofThisVhost = (rows) => (Array.isArray(rows) ? rows.filter((row) => row.vhost === V || row.name === V) : rows)
  const body = {}
  for (const [key, value] of Object.entries(r.body))
    body[key] = key === 'users' ? value.filter((u) => u.name === 'guest') : ofThisVhost(value)
  body.permissions = r.body.permissions.filter((p) => p.vhost === V)
  recorded['definitions-all'].body = body
}

// 4.3 leaves internal exchanges out of its exports (their bindings stay): an internal exchange bound between two.
await record('internal-exchange-put', 'PUT', `/api/exchanges/${vq}/inner.x`, {
  type: 'direct',
  durable: true,
  internal: true,
})
await record('internal-exchange-bind', 'POST', `/api/bindings/${vq}/e/orders/e/inner.x`, { routing_key: 'inner' })
await record('definitions-vhost-internal-exchange', 'GET', `/api/definitions/${vq}`)

await consumer.close()
await ch.close()
await conn.close()
await call('DELETE', `/api/vhosts/${vq}`)
fs.mkdirSync(out, { recursive: true })
const version = recorded.overview.body.rabbitmq_version
for (const [name, r] of Object.entries(recorded)) {
  fs.writeFileSync(path.join(out, `${name}.json`), `${JSON.stringify({ rabbitmq_version: version, ...r }, null, 1)}\n`)
}
console.log(`recorded ${Object.keys(recorded).length} responses from RabbitMQ ${version} into ${out}`)
