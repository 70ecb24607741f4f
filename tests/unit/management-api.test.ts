// The management API against what RabbitMQ 3.10.8, 4.0.5 and 4.3.6 answered (tests/management/recorded, made by
// tests/management/record.mjs): the same topology is built here, then every recorded request is replayed in order
// and compared by status, by field names and value types, and by the values Warren computes (depths, consumers,
// arguments, policies, routing, fetched messages, error reasons).

import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { Broker } from '../../engine/broker.ts'
import type { Channel } from '../../engine/channel.ts'
import { ManualClock } from '../../engine/clock.ts'
import type { ConnectionSink } from '../../engine/connection-sink.ts'
import { ManagementApi } from '../../engine/management/api.ts'
import type { HttpMethod } from '../../engine/management/http.ts'
import { MANAGEMENT_VERSIONS, type ManagementVersion } from '../../engine/management/templates.ts'
import { declareSuperStream } from '../../engine/stream/super-stream.ts'

interface Recorded {
  seq: number
  method: HttpMethod
  path: string
  request?: unknown
  rawRequest?: string
  status: number
  body: unknown
}

const RECORDED = path.join(__dirname, '../management/recorded')
const V = encodeURIComponent('mgmt-rec')

function recordings(version: ManagementVersion): [string, Recorded][] {
  const dir = path.join(RECORDED, version)
  return (
    fs
      .readdirSync(dir)
      .map(
        (f) => [f.replace(/\.json$/, ''), JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Recorded] as const,
      )
      .filter(([name]) => name !== 'error-unauthorized') // authentication is the real-broker client's, not the engine's
      // 4.0.5 lists a stream consumer twice, once as a ghost with empty channel_details: a quirk Warren does not copy.
      .filter(([name]) => !(version === '4.0' && (name === 'queue-stream' || name === 'queues-stream')))
      .sort((a, b) => a[1].seq - b[1].seq) as [string, Recorded][]
  )
}

const sink: ConnectionSink = {
  delivery() {},
  returned() {},
  confirmed() {},
  cancelled() {},
  channelClosed() {},
  connectionClosed() {},
}

/** The topology record.mjs builds over AMQP, built here through the engine's own connections. */
function topology(version: ManagementVersion) {
  const clock = new ManualClock()
  const broker = new Broker({ clock, version })
  const api = new ManagementApi(broker, version)
  expect(api.handle({ method: 'PUT', path: `/api/vhosts/${V}`, body: {} }).status).toBe(201)
  const connection = broker.connect(sink, { vhost: 'mgmt-rec' })
  const ch: Channel = connection.openChannel()
  ch.confirmSelect()
  ch.exchangeDeclare({ exchange: 'orders', type: 'topic', durable: true })
  ch.exchangeDeclare({ exchange: 'dlx', type: 'fanout', durable: true })
  ch.queueDeclare({
    queue: 'orders.created',
    durable: true,
    arguments: { 'x-message-ttl': 60000, 'x-dead-letter-exchange': 'dlx' },
  })
  ch.queueDeclare({ queue: 'orders.dead', durable: true })
  ch.queueDeclare({ queue: 'q.quorum', durable: true, arguments: { 'x-queue-type': 'quorum' } })
  ch.queueBind('orders.created', 'orders', 'order.created')
  ch.queueBind('orders.dead', 'dlx', '')
  ch.exchangeBind('dlx', 'orders', 'order.#')
  for (let i = 0; i < 3; i++) ch.publish('orders', 'order.created', `order ${i}`, { deliveryMode: 2 }, false)
  ch.publish('', 'q.quorum', 'one', { deliveryMode: 2 }, false)
  ch.publish('', 'q.quorum', 'two', { deliveryMode: 2 }, false)
  const consumer = connection.openChannel()
  consumer.qos(1)
  consumer.consume('q.quorum', { consumerTag: 'holder' })
  const policy = { pattern: '^orders\\.', 'apply-to': 'queues', definition: { 'max-length': 100 }, priority: 1 }
  api.handle({ method: 'PUT', path: `/api/policies/${V}/cap`, body: policy })
  const operatorPolicy = { pattern: '^q\\.', 'apply-to': 'queues', definition: { 'max-length': 1000 }, priority: 0 }
  api.handle({ method: 'PUT', path: `/api/operator-policies/${V}/op-cap`, body: operatorPolicy })
  streamTopology(broker, api)
  clock.advance(6500)
  return { api }
}

/** The stream and super stream record-stream.mjs builds in a vhost of its own. */
function streamTopology(broker: Broker, api: ManagementApi) {
  const vhost = 'streams-mgmt'
  expect(api.handle({ method: 'PUT', path: `/api/vhosts/${vhost}`, body: {} }).status).toBe(201)
  const connection = broker.connect(sink, { vhost })
  const ch = connection.openChannel()
  ch.confirmSelect()
  const args = { 'x-queue-type': 'stream', 'x-max-age': '7D', 'x-stream-max-segment-size-bytes': 1000000 }
  ch.queueDeclare({ queue: 'events', durable: true, arguments: args })
  for (let i = 0; i < 3; i++) ch.publish('', 'events', `event ${i}`, {}, false)
  const reader = connection.openChannel()
  reader.qos(10)
  reader.consume('events', { consumerTag: 'replay', arguments: { 'x-stream-offset': 'first' } })
  declareSuperStream(broker.vhosts.get(vhost)!, { name: 'invoices', partitions: 3 })
}

type Kind = 'null' | 'array' | 'object' | 'string' | 'number' | 'boolean'
const kindOf = (v: unknown): Kind =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : (typeof v as 'object' | 'string' | 'number' | 'boolean')

// Fields whose recorded content depends on the broker's history and traffic timing, not on the topology:
// their presence is compared, their inside is not.
const OPAQUE = new Set([
  'message_stats',
  'garbage_collection',
  'backing_queue_status',
  'applications',
  'exchange_types',
  'contexts',
  'listeners',
  'config_files',
  'log_files',
  'auth_mechanisms',
  'enabled_plugins',
  'cluster_links',
  'client_properties',
  'churn_rates',
  'metrics_gc_queue_length',
  'memory',
  'idle_since',
  'head_message_timestamp',
  'cluster_state', // keyed by node name
  'open_files', // keyed by node name
  'readers', // a stream's readers, keyed by node name
  'effective_policy_definition', // its keys are the policy's
])

/** Field-name and value-type differences of `actual` against `expected`, as "path: what". */
function shapeDifferences(expected: unknown, actual: unknown, at = ''): string[] {
  const ek = kindOf(expected)
  const ak = kindOf(actual)
  if (ek === 'null' || ak === 'null') return []
  if (ek !== ak) return [`${at || '.'}: ${ak} where RabbitMQ has ${ek}`]
  if (ek === 'array') {
    const e = expected as unknown[]
    const a = actual as unknown[]
    if (e.length === 0 || a.length === 0) return []
    // Rows are matched by name where they have one: lists mix objects with and without traffic.
    const named = (row: unknown) => (row && typeof row === 'object' && 'name' in row ? row.name : undefined)
    const pairs = e.map((row) => [row, a.find((other) => named(other) === named(row) && named(row) !== undefined)])
    const matched = pairs.filter(([, other]) => other !== undefined)
    if (matched.length === 0) return shapeDifferences(e[0], a[0], `${at}[0]`)
    return matched.flatMap(([row, other]) => shapeDifferences(row, other, `${at}[${String(named(row))}]`))
  }
  if (ek !== 'object') return []
  const e = expected as Record<string, unknown>
  const a = actual as Record<string, unknown>
  const out: string[] = []
  if (at.endsWith('.arguments') || at.endsWith('.definition') || at.endsWith('headers')) return out
  for (const key of Object.keys(e)) {
    if (!(key in a)) out.push(`${at}.${key}: missing`)
    else if (!OPAQUE.has(key)) out.push(...shapeDifferences(e[key], a[key], `${at}.${key}`))
  }
  for (const key of Object.keys(a)) if (!(key in e)) out.push(`${at}.${key}: not returned by RabbitMQ`)
  return out
}

// The values Warren computes, per field, compared exactly with RabbitMQ's.
const COMPARED = [
  'name',
  'vhost',
  'type',
  'durable',
  'auto_delete',
  'exclusive',
  'internal',
  'arguments',
  'messages',
  'messages_ready',
  'messages_unacknowledged',
  'consumers',
  'policy',
  'operator_policy',
  'effective_policy_definition',
  'exclusive_consumer_tag',
  'single_active_consumer_tag',
  'delivery_limit',
  'source',
  'destination',
  'destination_type',
  'routing_key',
  'properties_key',
  'routed',
  'payload',
  'payload_bytes',
  'redelivered',
  'message_count',
  'consumer_tag',
  'ack_required',
  'prefetch_count',
  'pattern',
  'apply-to',
  'definition',
  'priority',
  'error',
  'reason',
]

function comparable(body: unknown): unknown {
  if (Array.isArray(body)) {
    const rows = body.map(comparable)
    return rows.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))
  }
  if (body === null || typeof body !== 'object') return body
  const b = body as Record<string, unknown>
  const out: Record<string, unknown> = {}
  for (const key of COMPARED) if (key in b) out[key] = b[key]
  return out
}

/** A definitions export to compare: entries sorted; for the whole broker's, only this topology's vhost (the
 *  recorder's node is shared) and no users or permissions (authentication is the real broker's own). */
function definitionsOf(name: string, definitions: unknown): unknown {
  const d = { ...(definitions as Record<string, unknown>) }
  if (name === 'definitions-all') {
    delete d.users
    delete d.permissions
    for (const [key, value] of Object.entries(d))
      if (Array.isArray(value))
        d[key] = value.filter(
          (row: { vhost?: string; name?: string }) => row.vhost === 'mgmt-rec' || row.name === 'mgmt-rec',
        )
  }
  for (const [key, value] of Object.entries(d))
    if (Array.isArray(value)) d[key] = [...value].sort((a, b) => canonical(a).localeCompare(canonical(b)))
  // The cluster is named after its first node, whose name is the recording machine's.
  if (typeof d.original_cluster_name === 'string') {
    d.explanation = String(d.explanation).replace(d.original_cluster_name, '<cluster>')
    d.original_cluster_name = '<cluster>'
  }
  return d
}

/** JSON with every object's keys in order: two versions write the same entry with its fields in different orders. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value === null || typeof value !== 'object') return JSON.stringify(value)
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`
}

const DEFINITIONS = new Set([
  'definitions-vhost',
  'definitions-all',
  'definitions-vhost-internal-exchange',
  'definitions-super-stream',
])

// Answers that describe the whole node, or lists shared with the recorder's other vhosts: shapes only.
const SHAPE_ONLY = new Set(['overview', 'nodes', 'vhosts', 'vhost', 'global-parameters', 'connections', 'channels'])

describe.each(MANAGEMENT_VERSIONS)('management API as RabbitMQ %s answers', (version) => {
  const { api } = topology(version)
  const answers = new Map<string, { status: number; body: unknown }>()
  for (const [name, r] of recordings(version)) {
    answers.set(name, api.handle({ method: r.method, path: r.path, body: r.rawRequest ?? r.request }))
  }

  it.each(recordings(version))('%s: status, fields and values', (name, r) => {
    const answer = answers.get(name)!
    expect(answer.status, `${r.method} ${r.path}`).toBe(r.status)
    // A definitions export is compared whole, header and entries, as the version writes it.
    if (DEFINITIONS.has(name)) {
      expect(definitionsOf(name, answer.body)).toEqual(definitionsOf(name, r.body))
      return
    }
    expect(shapeDifferences(r.body, answer.body, name)).toEqual([])
    if (!SHAPE_ONLY.has(name)) expect(comparable(answer.body)).toEqual(comparable(r.body))
  })
})

describe('management API paths', () => {
  const { api } = topology('4.3')

  it('answers 404 for an unknown path and 405 for a method the path does not take', () => {
    expect(api.handle({ method: 'GET', path: '/api/nothing-here' })).toEqual({
      status: 404,
      body: { error: 'Object Not Found', reason: 'Not Found' },
    })
    expect(api.handle({ method: 'POST', path: '/api/queues' }).status).toBe(405)
  })

  it('counts a publish through the API in the queue depth and its message_stats', () => {
    const before = api.handle({ method: 'GET', path: `/api/queues/${V}/orders.dead` }).body as Record<string, number>
    const body = { properties: {}, routing_key: 'order.created', payload: 'x', payload_encoding: 'string' }
    expect(api.handle({ method: 'POST', path: `/api/exchanges/${V}/orders/publish`, body }).body).toEqual({
      routed: true,
    })
    const after = api.handle({ method: 'GET', path: `/api/queues/${V}/orders.dead` }).body as {
      messages: number
      message_stats: { publish: number }
    }
    expect(after.messages).toBe(before.messages + 1)
    expect(after.message_stats.publish).toBe((before.message_stats as unknown as { publish: number }).publish + 1)
  })

  it('computes rates over virtual time, one statistics interval apart', () => {
    const clock = new ManualClock()
    const broker = new Broker({ clock })
    const rates = new ManagementApi(broker, '4.3')
    const connection = broker.connect(sink)
    const ch = connection.openChannel()
    ch.queueDeclare({ queue: 'q', durable: true })
    const read = () =>
      rates.handle({ method: 'GET', path: '/api/queues/%2F/q' }).body as {
        message_stats: { publish_details: { rate: number } }
      }
    ch.publish('', 'q', 'first', {}, false)
    read()
    for (let i = 0; i < 50; i++) ch.publish('', 'q', 'm', {}, false)
    clock.advance(5000)
    expect(read().message_stats.publish_details.rate).toBe(10)
  })

  it('counts in publish what goes straight to a waiting consumer, never enqueued', () => {
    const clock = new ManualClock()
    const broker = new Broker({ clock })
    const rates = new ManagementApi(broker, '4.3')
    const ch = broker.connect(sink).openChannel()
    ch.queueDeclare({ queue: 'live', durable: true })
    ch.consume('live', { noAck: true })
    const read = () =>
      rates.handle({ method: 'GET', path: '/api/queues/%2F/live' }).body as {
        messages: number
        message_stats: { publish: number; publish_details: { rate: number }; deliver_no_ack: number }
      }
    ch.publish('', 'live', 'first', {}, false)
    read()
    for (let i = 0; i < 50; i++) ch.publish('', 'live', 'm', {}, false)
    clock.advance(5000)
    const stats = read()
    expect(stats.messages).toBe(0)
    expect(stats.message_stats).toMatchObject({ publish: 51, deliver_no_ack: 51, publish_details: { rate: 10 } })
  })
})
