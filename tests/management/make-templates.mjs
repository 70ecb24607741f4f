#!/usr/bin/env node
// Turns the recorded management API responses into engine/management/templates.json: per version, the fields of
// each shape with their recorded types. Numbers become 0, lists of things become [], the broker's node name becomes
// Warren's; Warren fills in every value it computes. Rerun after recording: node tests/management/make-templates.mjs
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const out = path.join(here, '../../engine/management/templates.json')
const NODE = 'rabbit@n1'
// Lists that describe the node itself, kept as recorded (exchange types, plugins, contexts...).
const KEPT_LISTS = new Set([
  'exchange_types',
  'auth_mechanisms',
  'applications',
  'enabled_plugins',
  'contexts',
  'listeners',
])
const KEPT_OBJECTS = new Set(['sample_retention_policies', 'garbage_collection', 'client_properties'])

function neutral(value, recordedNode, key = '') {
  if (typeof value === 'number') return 0
  if (typeof value === 'string') return value.split(recordedNode).join(NODE)
  if (Array.isArray(value))
    return KEPT_LISTS.has(key) ? JSON.parse(JSON.stringify(value).split(recordedNode).join(NODE)) : []
  if (value && typeof value === 'object') {
    if (KEPT_OBJECTS.has(key)) return value
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k.split(recordedNode).join(NODE), neutral(v, recordedNode, k)]),
    )
  }
  return value
}

const first = (body) => (Array.isArray(body) ? body[0] : body)
const SHAPES = {
  overview: (r) => r.overview.body,
  node: (r) => first(r.nodes.body),
  vhost: (r) => r.vhost.body,
  exchange: (r) => r.exchange.body,
  queueClassic: (r) => r['queue-classic'].body,
  queueQuorum: (r) => r['queue-quorum'].body,
  // Lists answer with fewer fields than a single object's page.
  queueListClassic: (r) => r.queues.body.find((q) => q.name === 'orders.created'),
  queueListQuorum: (r) => r.queues.body.find((q) => q.name === 'q.quorum'),
  // Recorded by record-stream.mjs in a vhost of its own; 3.10's management node has none, so a quorum queue's stands in.
  queueStream: (r) => (r['queue-stream'] ?? r['queue-quorum']).body,
  queueListStream: (r) =>
    r['queues-stream']?.body.find((q) => q.name === 'events') ?? r.queues.body.find((q) => q.name === 'q.quorum'),
  exchangeListItem: (r) => r.exchanges.body.find((x) => x.name === 'orders'),
  vhostListItem: (r) => r.vhosts.body.find((v) => v.name === 'mgmt-rec'),
  binding: (r) => first(r.bindings.body),
  connection: (r) => first(r.connections.body),
  channel: (r) => r.channels.body.find((c) => c.consumer_count > 0) ?? first(r.channels.body),
  consumer: (r) => first(r.consumers.body),
  definitions: (r) => r['definitions-vhost'].body,
  whoami: (r) => r.whoami.body,
  getMessage: (r) => first(r['get-requeue'].body),
}

const templates = {}
for (const version of fs.readdirSync(path.join(here, 'recorded')).sort()) {
  const dir = path.join(here, 'recorded', version)
  const recorded = {}
  for (const f of fs.readdirSync(dir))
    recorded[f.replace(/\.json$/, '')] = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'))
  const recordedNode = recorded.overview.body.node
  templates[version] = Object.fromEntries(
    Object.entries(SHAPES).map(([name, pick]) => [name, neutral(pick(recorded), recordedNode)]),
  )
  templates[version].errors = {
    notFound: recorded['error-queue-missing'].body,
    unauthorized: recorded['error-unauthorized'].body,
    publishMissingExchange: {
      status: recorded['error-publish-missing-exchange'].status,
      error: recorded['error-publish-missing-exchange'].body.error,
    },
  }
}
fs.writeFileSync(out, `${JSON.stringify(templates)}\n`)
console.log(`wrote ${path.relative(process.cwd(), out)} (${Object.keys(templates).join(', ')})`)
