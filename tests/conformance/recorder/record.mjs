#!/usr/bin/env node
// Record scenario results from a real RabbitMQ (see FORMAT.md).
//
//   node record.mjs [--runs 2] [--write] [--results FILE] [--only NAME[,NAME]]
//                   [--url amqp://guest:guest@127.0.0.1:5672] [--settle 40] [--margin 150] [--prefix ck-] DIR|FILE...
//                   [--brokers l1=amqp://guest:guest@127.0.0.1:5761,l2=amqp://guest:guest@127.0.0.1:5762]
// --prefix names this run's vhosts, so two recorders can share one broker.
// --brokers names several brokers that are not clustered (scenarios with "brokers", see FORMAT.md and links.mjs):
// their vhosts are made through the management API (port 10000 + AMQP port) instead of rabbitmqctl.
//                   [--cluster 4.0|4.3]
// --cluster records against the 3-node cluster of rabbitmq-cluster.sh (already started): node nK of a scenario is
// rabbit-cK@localhost, `node.stop` / `node.start` steps run that script, and --url is ignored.
//
// Each scenario runs in its own fresh vhost (created/deleted with rabbitmqctl eval, through
// ./rmqctl.sh unless $RABBITMQCTL is set). Every scenario is run --runs times; a step whose
// normalised result differs between runs is reported as NON-DETERMINISTIC and the process exits 1.
// With --write the (normalised) results of run 1 are written into each step's "expect", in place,
// for scenarios that were deterministic and ran without a recorder error.
import fs from 'node:fs'
import path from 'node:path'
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import amqp from 'amqplib'
import { loadScenarios, normResult, canonical } from './lib.mjs'
import { formatScenario } from './format.mjs'
import { LinkedBrokers, MultiSession } from './links.mjs'

const HERE = path.dirname(fileURLToPath(import.meta.url))

function parseArgs(argv) {
  const o = {
    runs: 2,
    write: false,
    results: null,
    only: null,
    url: 'amqp://guest:guest@127.0.0.1:5672',
    settle: 40,
    margin: 150,
    prefix: 'ck-',
    brokers: null,
    nodeSettle: 2000,
    cluster: null,
    dirs: [],
  }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--runs') o.runs = +argv[++i]
    else if (a === '--write') o.write = true
    else if (a === '--results') o.results = argv[++i]
    else if (a === '--only') o.only = new Set(argv[++i].split(','))
    else if (a === '--url') o.url = argv[++i]
    else if (a === '--settle') o.settle = +argv[++i]
    else if (a === '--margin') o.margin = +argv[++i]
    else if (a === '--prefix') o.prefix = argv[++i]
    else if (a === '--brokers') o.brokers = argv[++i]
    else if (a === '--cluster') o.cluster = clusterOf(argv[++i])
    else if (a === '--node-settle') o.nodeSettle = +argv[++i]
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`)
    else o.dirs.push(a)
  }
  if (!o.dirs.length) o.dirs = ['cases'].map((d) => path.join(HERE, d))
  const url = new URL(o.url)
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) throw new Error('refusing non-loopback broker')
  return o
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

/** The cluster of rabbitmq-cluster.sh for a version: node nK listens on 57XK (AMQP) and 157XK (management). */
function clusterOf(version) {
  const x = version === '4.3' ? 5 : version === '4.0' ? 8 : 0
  if (!x) throw new Error(`--cluster takes 4.0 or 4.3, not ${version}`)
  const script = path.join(HERE, 'rabbitmq-cluster.sh')
  const nodes = new Map()
  for (const k of [1, 2, 3]) {
    nodes.set(`n${k}`, {
      index: k,
      url: `amqp://guest:guest@127.0.0.1:57${x}${k}`,
      management: `http://127.0.0.1:157${x}${k}`,
      erlangName: `rabbit-c${k}@localhost`,
    })
  }
  const run = (...args) => execFileSync('sh', [script, ...args], { encoding: 'utf8' })
  return { version, nodes, run }
}

let clusterOpts = null

function ctl(erlExpr) {
  if (clusterOpts) return clusterOpts.run('ctl', clusterOpts.version, '1', 'eval', erlExpr)
  const cmd = process.env.RABBITMQCTL || path.join(HERE, 'rmqctl.sh')
  return execFileSync('sh', [cmd, 'eval', erlExpr], { encoding: 'utf8' })
}
function createVhosts(names) {
  const list = names.map((n) => `<<"${n}">>`).join(',')
  ctl(
    `[begin rabbit_vhost:add(V, <<"ck">>), rabbit_auth_backend_internal:set_permissions(<<"guest">>, V, <<".*">>, <<".*">>, <<".*">>, <<"ck">>) end || V <- [${list}]], ok.`,
  )
}
function deleteVhosts(prefix) {
  ctl(
    `[rabbit_vhost:delete(V, <<"ck">>) || V <- rabbit_vhost:list_names(), binary:match(V, <<"${prefix}">>) =:= {0,${prefix.length}}], ok.`,
  )
}

/** Turn an amqplib error into {code, text}; text is the reply-text constant (e.g. NOT_FOUND). */
function errInfo(e) {
  if (e && e.fields && typeof e.fields.replyCode === 'number') {
    // raw channel.close frame (amqplib basic.get)
    const t = String(e.fields.replyText || '').match(/^([A-Z_]+)/)
    return { code: e.fields.replyCode, text: t ? t[1] : String(e.fields.replyText) }
  }
  const msg = String((e && e.message) || e)
  const m = msg.match(/with message "([A-Z_]+)/)
  const code = e && typeof e.code === 'number' ? e.code : null
  if (code === null) throw new Error(`unexpected client error: ${msg}`)
  return { code, text: m ? m[1] : msg }
}

function messageResult(msg, withCount) {
  const p = msg.properties || {}
  const props = {}
  for (const k of [
    'contentType',
    'contentEncoding',
    'headers',
    'deliveryMode',
    'priority',
    'correlationId',
    'replyTo',
    'expiration',
    'messageId',
    'timestamp',
    'type',
    'userId',
    'appId',
  ]) {
    if (p[k] !== undefined && p[k] !== null) props[k] = p[k]
  }
  const r = {
    body: msg.content.toString('utf8'),
    exchange: msg.fields.exchange,
    routingKey: msg.fields.routingKey,
    redelivered: msg.fields.redelivered,
  }
  if (withCount) r.messageCount = msg.fields.messageCount
  r.properties = props
  return r
}

function publishOptions(props = {}) {
  const o = {}
  const map = {
    contentType: 'contentType',
    contentEncoding: 'contentEncoding',
    headers: 'headers',
    deliveryMode: 'deliveryMode',
    priority: 'priority',
    correlationId: 'correlationId',
    replyTo: 'replyTo',
    expiration: 'expiration',
    messageId: 'messageId',
    timestamp: 'timestamp',
    type: 'type',
    userId: 'userId',
    appId: 'appId',
  }
  for (const [k, v] of Object.entries(props)) {
    if (!(k in map)) throw new Error(`unknown property ${k}`)
    o[map[k]] = v
  }
  return o
}

class ScenarioError extends Error {}

/** A connection is named within its node (FORMAT.md, "Connections" and "Clusters"). */
const connectionKey = (node, connection) => `${node}\u0000${connection}`
const nodeOfConnection = (key) => key.slice(0, key.indexOf('\u0000'))

class Session {
  constructor(url, opts, vhost) {
    this.url = url
    this.opts = opts
    this.vhost = vhost
    this.conns = new Map() // connectionKey(node, name) -> {conn, closed, connErr}
    this.chans = new Map() // connection key + channel name -> channel record
    this.stopped = new Set()
    this.consumers = new Map()
    this.labels = new Map()
  }
  /** The AMQP URL of a node (a scenario names nodes n1, n2, ...; without a cluster only n1 exists). */
  nodeUrl(node) {
    if (!this.opts.cluster) {
      if (node !== 'n1') throw new ScenarioError(`node ${node} needs --cluster`)
      return this.url
    }
    const n = this.opts.cluster.nodes.get(node)
    if (!n) throw new ScenarioError(`unknown node ${node}`)
    return `${n.url}/${encodeURIComponent(this.vhost)}`
  }
  /** A named connection to a node opens on first use, and again after it was closed. */
  async connection(name) {
    const known = this.conns.get(name)
    if (known && !known.closed) return known
    const node = nodeOfConnection(name)
    if (this.stopped.has(node)) throw new ScenarioError(`node ${node} is stopped: no connection to it`)
    const record = { name, conn: await amqp.connect(this.nodeUrl(node)), closed: false }
    record.conn.on('error', (e) => {
      record.connErr = e
    })
    record.conn.on('close', () => {
      record.closed = true
    })
    this.conns.set(name, record)
    return record
  }
  async chan(name, connName = 'main') {
    const key = `${connName}\u0000${name}`
    let c = this.chans.get(key)
    if (c && !c.closed && !c.conn.closed) return c
    const conn = await this.connection(connName)
    const ch = await conn.conn.createConfirmChannel()
    c = { name, conn, ch, closed: false, closeErr: null, returns: [], confirms: [] }
    ch.on('error', (e) => {
      c.closeErr = e
    })
    ch.on('close', () => {
      c.closed = true
    })
    ch.on('return', (m) => {
      c.returns.push(m)
    })
    this.chans.set(key, c)
    return c
  }
  async close() {
    for (const record of this.conns.values()) {
      try {
        if (!record.closed) await record.conn.close()
      } catch {
        /* ignore */
      }
    }
    // A scenario leaves every node running, even one that failed half-way.
    for (const node of this.stopped)
      this.opts.cluster.run('start-node', this.opts.cluster.version, String(this.opts.cluster.nodes.get(node).index))
    this.stopped.clear()
  }

  /** A queue as the management API of a running node shows it, node names as the scenario's (n1, n2, ...). */
  async queueInfo(step) {
    const cluster = this.opts.cluster
    if (!cluster) throw new ScenarioError('queue.info needs --cluster')
    const running = [...cluster.nodes.entries()].find(([name]) => !this.stopped.has(name))
    const names = new Map([...cluster.nodes.entries()].map(([name, n]) => [n.erlangName, name]))
    const local = (erlangName) => names.get(erlangName) ?? erlangName
    const auth = `Basic ${Buffer.from('guest:guest').toString('base64')}`
    const url = `${running[1].management}/api/queues/${encodeURIComponent(this.vhost)}/${encodeURIComponent(step.queue)}`
    const res = await fetch(url, { headers: { authorization: auth } })
    if (res.status === 404) return { error: { code: 404, text: 'NOT_FOUND' } }
    const q = await res.json()
    const info = { type: q.type }
    if (q.type === 'quorum' || q.type === 'stream') {
      info.leader = local(q.leader)
      info.members = [...q.members].map(local).sort()
      info.online = [...q.online].map(local).sort()
    } else info.node = local(q.node)
    if (q.state !== undefined) info.state = q.state
    return info
  }

  /**
   * A real partition on loopback: each node keeps a wrong Erlang cookie for the nodes of the other groups and drops
   * its links to them, so they cannot reconnect (the handshake fails on both sides) while rabbitmqctl, AMQP and the
   * management API still reach every node. `heal` gives the cookie back and reconnects.
   */
  async partitionOp(step) {
    const cluster = this.opts.cluster
    if (!cluster) throw new ScenarioError(`${step.op} needs --cluster`)
    const all = [...cluster.nodes.keys()]
    const groups = step.op === 'partition' ? step.groups : [all]
    const groupOf = (name) => groups.findIndex((g) => g.includes(name))
    for (const name of all) {
      const n = cluster.nodes.get(name)
      const apart = all.filter((m) => m !== name && groupOf(m) !== groupOf(name))
      const together = all.filter((m) => m !== name && groupOf(m) === groupOf(name))
      const atom = (m) => `'${cluster.nodes.get(m).erlangName}'`
      const expr = [
        // A cookie of this node's own: two nodes that shared one wrong cookie would still agree.
        `[begin erlang:set_cookie(N, 'warren-cut-${name}'), erlang:disconnect_node(N) end || N <- [${apart.map(atom).join(',')}]]`,
        `[begin erlang:set_cookie(N, 'warren-cluster-recording'), net_kernel:connect_node(N) end || N <- [${together.map(atom).join(',')}]]`,
        'ok.',
      ].join(', ')
      cluster.run('ctl', cluster.version, String(n.index), 'eval', expr)
    }
    await sleep(this.opts.nodeSettle)
    return null
  }

  async nodeOp(step) {
    const cluster = this.opts.cluster
    if (!cluster) throw new ScenarioError(`${step.op} needs --cluster`)
    const n = cluster.nodes.get(step.node)
    if (!n) throw new ScenarioError(`unknown node ${step.node}`)
    if (step.op === 'node.stop') {
      cluster.run('stop-node', cluster.version, String(n.index))
      this.stopped.add(step.node)
    } else {
      cluster.run('start-node', cluster.version, String(n.index))
      this.stopped.delete(step.node)
    }
    await sleep(this.opts.nodeSettle)
    return null
  }

  /** Run an RPC on a channel; channel errors become {error}. */
  async rpc(c, fn) {
    try {
      return await fn(c.ch)
    } catch (e) {
      if (typeof e.code !== 'number') {
        // A pending RPC is rejected without a code when the server closed the channel or the connection
        // (a stream consumer refused, a connection-level 540): the close frame's error arrives just after.
        await sleep(20)
        const cause = c.closeErr ?? c.conn.connErr
        if (cause && typeof cause.code === 'number') return { error: errInfo(cause) }
      }
      const replyCode = typeof e?.code === 'number' || typeof e?.fields?.replyCode === 'number'
      if (c.conn.closed && !replyCode) throw e
      return { error: errInfo(e) }
    }
  }
  /** Synchronous barrier after an async method (ack/nack/reject): surfaces a channel error it caused. */
  async barrier(c) {
    const r = await this.rpc(c, (ch) => ch.checkExchange('amq.direct'))
    return r && r.error ? r : null
  }

  async publishOne(c, step, body) {
    c.returns = []
    if (step.async) {
      // Sent now, confirmed whenever the broker confirms: a later `confirms` step reads the outcomes.
      c.ch.publish(
        step.exchange ?? '',
        step.routingKey ?? '',
        Buffer.from(body, 'utf8'),
        { ...publishOptions(step.properties), mandatory: !!step.mandatory },
        (e) => c.confirms.push(e ? 'nack' : 'ack'),
      )
      return null
    }
    const err = await new Promise((resolve) => {
      try {
        c.ch.publish(
          step.exchange ?? '',
          step.routingKey ?? '',
          Buffer.from(body, 'utf8'),
          { ...publishOptions(step.properties), mandatory: !!step.mandatory },
          (e) => resolve(e),
        )
      } catch (e) {
        resolve(e)
      }
    })
    if (err && String(err.message) !== 'message nacked') {
      if (c.closeErr) return { error: errInfo(c.closeErr) }
      throw err
    }
    const ret = c.returns[0]
    return {
      confirm: err ? 'nack' : 'ack',
      returned: ret ? { replyCode: ret.fields.replyCode, replyText: ret.fields.replyText } : null,
    }
  }

  label(as, c, msg) {
    if (!as) return
    if (this.labels.has(as)) throw new ScenarioError(`label ${as} reused`)
    this.labels.set(as, { c, msg })
  }
  takeLabel(step) {
    const l = this.labels.get(step.message)
    if (!l) throw new ScenarioError(`unknown label ${step.message}`)
    if (l.c.closed || l.c.conn.closed) throw new ScenarioError(`label ${step.message}: its channel is closed`)
    return l
  }

  async step(step) {
    const o = this.opts
    const observe = [
      'basic.get',
      'queue.declare',
      'queue.purge',
      'queue.delete',
      'deliveries',
      'basic.publish',
      'basic.ack',
      'basic.nack',
      'basic.reject',
      'basic.consume',
      'basic.cancel',
      'channel.close',
      'connection.close',
      'confirms',
      'queue.info',
      'connection.status',
    ]
    if (observe.includes(step.op)) await sleep(o.settle)
    const chName = step.channel ?? 'main'
    const connName = connectionKey(step.node ?? 'n1', step.connection ?? 'main')
    switch (step.op) {
      case 'exchange.declare': {
        const c = await this.chan(chName, connName)
        if (step.passive)
          return this.rpc(c, async (ch) => {
            await ch.checkExchange(step.exchange)
            return null
          })
        return this.rpc(c, async (ch) => {
          await ch.assertExchange(step.exchange, step.type, {
            durable: !!step.durable,
            autoDelete: !!step.autoDelete,
            internal: !!step.internal,
            arguments: step.arguments || {},
          })
          return null
        })
      }
      case 'exchange.delete': {
        const c = await this.chan(chName, connName)
        return this.rpc(c, async (ch) => {
          await ch.deleteExchange(step.exchange, { ifUnused: !!step.ifUnused })
          return null
        })
      }
      case 'exchange.bind':
      case 'exchange.unbind': {
        const c = await this.chan(chName, connName)
        const f = step.op === 'exchange.bind' ? 'bindExchange' : 'unbindExchange'
        return this.rpc(c, async (ch) => {
          await ch[f](step.destination, step.source, step.routingKey ?? '', step.arguments || {})
          return null
        })
      }
      case 'queue.declare': {
        const c = await this.chan(chName, connName)
        return this.rpc(c, async (ch) => {
          const ok = step.passive
            ? await ch.checkQueue(step.queue)
            : await ch.assertQueue(step.queue, {
                durable: !!step.durable,
                exclusive: !!step.exclusive,
                autoDelete: !!step.autoDelete,
                arguments: step.arguments || {},
              })
          return { messageCount: ok.messageCount, consumerCount: ok.consumerCount }
        })
      }
      case 'queue.bind':
      case 'queue.unbind': {
        const c = await this.chan(chName, connName)
        const f = step.op === 'queue.bind' ? 'bindQueue' : 'unbindQueue'
        return this.rpc(c, async (ch) => {
          await ch[f](step.queue, step.exchange, step.routingKey ?? '', step.arguments || {})
          return null
        })
      }
      case 'queue.purge': {
        const c = await this.chan(chName, connName)
        return this.rpc(c, async (ch) => {
          const ok = await ch.purgeQueue(step.queue)
          return { messageCount: ok.messageCount }
        })
      }
      case 'queue.delete': {
        const c = await this.chan(chName, connName)
        return this.rpc(c, async (ch) => {
          const ok = await ch.deleteQueue(step.queue, { ifUnused: !!step.ifUnused, ifEmpty: !!step.ifEmpty })
          return { messageCount: ok.messageCount }
        })
      }
      case 'basic.publish': {
        if (step.bodies) {
          const res = []
          for (const b of step.bodies) {
            const c = await this.chan(chName, connName)
            const r = await this.publishOne(c, step, b)
            res.push(r)
            if (r && r.error) break // FORMAT.md: an error aborts the rest of the array
          }
          return res
        }
        const c = await this.chan(chName, connName)
        return this.publishOne(c, step, step.bodyBytes !== undefined ? 'x'.repeat(step.bodyBytes) : (step.body ?? ''))
      }
      case 'basic.get': {
        const c = await this.chan(chName, connName)
        const r = await this.rpc(c, (ch) => ch.get(step.queue, { noAck: !!step.noAck }))
        if (r && r.error) return r
        if (r === false) return null
        if (!step.noAck) this.label(step.as, c, r)
        return messageResult(r, true)
      }
      case 'basic.ack':
      case 'basic.nack':
      case 'basic.reject': {
        const { c, msg } = this.takeLabel(step)
        if (step.op === 'basic.ack') c.ch.ack(msg, !!step.multiple)
        else if (step.op === 'basic.nack') c.ch.nack(msg, !!step.multiple, step.requeue ?? true)
        else c.ch.reject(msg, step.requeue ?? true)
        return this.barrier(c)
      }
      case 'basic.consume': {
        const name = step.consumer
        if (this.consumers.has(name)) throw new ScenarioError(`consumer ${name} exists`)
        const c = await this.chan(step.channel ?? name, connName)
        const cons = { name, c, received: [], read: 0 }
        if (step.prefetch !== undefined) {
          const r = await this.rpc(c, async (ch) => {
            await ch.prefetch(step.prefetch, !!step.prefetchGlobal)
            return null
          })
          if (r && r.error) return r
        }
        const r = await this.rpc(c, async (ch) => {
          await ch.consume(
            step.queue,
            (msg) => {
              if (msg === null) cons.received.push({ cancelled: true })
              else cons.received.push({ msg })
            },
            { consumerTag: name, noAck: !!step.noAck, exclusive: !!step.exclusive, arguments: step.arguments || {} },
          )
          return null
        })
        if (!(r && r.error)) this.consumers.set(name, cons)
        return r
      }
      case 'basic.cancel': {
        const cons = this.consumers.get(step.consumer)
        if (!cons) throw new ScenarioError(`unknown consumer ${step.consumer}`)
        return this.rpc(cons.c, async (ch) => {
          await ch.cancel(step.consumer)
          return null
        })
      }
      case 'deliveries': {
        const cons = this.consumers.get(step.consumer)
        if (!cons) throw new ScenarioError(`unknown consumer ${step.consumer}`)
        const fresh = cons.received.slice(cons.read)
        cons.read = cons.received.length
        const labels = step.as || []
        return fresh.map((d, i) => {
          if (d.cancelled) return { cancelled: true }
          if (labels[i]) this.label(labels[i], cons.c, d.msg)
          return messageResult(d.msg, false)
        })
      }
      case 'channel.close': {
        const c = step.channel
          ? this.chans.get(`${connName}\u0000${step.channel}`)
          : this.consumers.get(step.consumer)?.c
        if (c && !c.closed) {
          try {
            await c.ch.close()
          } catch {
            /* already closing */
          }
        }
        return null
      }
      case 'connection.close': {
        const record = this.conns.get(connName)
        if (record && !record.closed) {
          try {
            await record.conn.close()
          } catch {
            /* already closing */
          }
        }
        return null
      }
      case 'wait':
        await sleep(step.ms + o.margin)
        return null
      case 'node.stop':
      case 'node.start':
        return this.nodeOp(step)
      case 'partition':
      case 'heal':
        return this.partitionOp(step)
      case 'confirms': {
        const c = this.chans.get(`${connName}\u0000${chName}`)
        if (!c) throw new ScenarioError(`confirms: no channel ${chName} on ${connName}`)
        return c.confirms.splice(0)
      }
      case 'queue.info':
        return this.queueInfo(step)
      case 'connection.status': {
        const r = this.conns.get(connName)
        if (!r) throw new ScenarioError(`connection.status: no connection ${connName}`)
        if (!r.closed) return { open: true }
        return r.connErr && typeof r.connErr.code === 'number'
          ? { open: false, closedBy: errInfo(r.connErr) }
          : { open: false }
      }
      default:
        throw new ScenarioError(`unknown op ${step.op}`)
    }
  }
}

async function runScenario(scenario, vhost, opts) {
  if ((scenario.nodes ?? 1) > 1 && !opts.cluster) throw new ScenarioError(`${scenario.name} needs --cluster`)
  const url = `${opts.url}/${encodeURIComponent(vhost)}`
  const s = opts.linked
    ? new MultiSession(opts.linked, vhost, (brokerUrl) => new Session(brokerUrl, opts), sleep, opts.settle)
    : new Session(url, opts, vhost)
  const results = []
  try {
    for (const step of scenario.steps) {
      const r = await s.step(step)
      results.push(opts.linked ? opts.linked.toScenario(normResult(step, r), vhost) : normResult(step, r))
    }
  } finally {
    await s.close()
  }
  return results
}

async function main() {
  const opts = parseArgs(process.argv.slice(2))
  clusterOpts = opts.cluster
  let scenarios = loadScenarios(opts.dirs)
  if (opts.only) scenarios = scenarios.filter((x) => opts.only.has(x.scenario.name))
  const names = new Set()
  for (const { file, scenario } of scenarios) {
    if (names.has(scenario.name)) throw new Error(`duplicate scenario name ${scenario.name} (${file})`)
    names.add(scenario.name)
  }
  const runs = [] // runs[r][i] = results | {crash}
  if (opts.brokers) {
    opts.linked = new LinkedBrokers(opts.brokers)
    await opts.linked.createLinkUsers()
  }
  const removeVhosts = (prefix) => (opts.linked ? opts.linked.deleteVhosts(prefix) : deleteVhosts(prefix))
  for (let r = 0; r < opts.runs; r++) {
    const prefix = `${opts.prefix}r${r}-`
    await removeVhosts(opts.prefix)
    const vhosts = scenarios.map((_, i) => `${prefix}${i}`)
    if (opts.linked) await opts.linked.createVhosts(vhosts)
    else createVhosts(vhosts)
    const out = []
    const t0 = Date.now()
    for (let i = 0; i < scenarios.length; i++) {
      try {
        out.push(await runScenario(scenarios[i].scenario, `${prefix}${i}`, opts))
      } catch (e) {
        out.push({ crash: String((e && e.stack) || e) })
      }
    }
    await removeVhosts(opts.prefix)
    runs.push(out)
    console.error(`run ${r + 1}: ${scenarios.length} scenarios in ${((Date.now() - t0) / 1000).toFixed(1)}s`)
  }
  let bad = 0
  const resultsFile = {}
  for (let i = 0; i < scenarios.length; i++) {
    const { file, scenario } = scenarios[i]
    const first = runs[0][i]
    let problem = null
    for (let r = 0; r < runs.length && !problem; r++) {
      if (runs[r][i].crash)
        problem = `RECORDER ERROR (run ${r + 1}): ${runs[r][i].crash.split('\n').slice(0, 3).join(' | ')}`
    }
    if (!problem) {
      for (let r = 1; r < runs.length && !problem; r++) {
        for (let k = 0; k < scenario.steps.length; k++) {
          if (canonical(first[k]) !== canonical(runs[r][i][k])) {
            problem = `NON-DETERMINISTIC step ${k} (${scenario.steps[k].op}): run1=${canonical(first[k])} run${r + 1}=${canonical(runs[r][i][k])}`
            break
          }
        }
      }
    }
    if (problem) {
      bad++
      console.log(`FAIL ${scenario.name} [${path.relative(HERE, file)}]: ${problem}`)
      continue
    }
    resultsFile[scenario.name] = first
    let changed = 0
    scenario.steps.forEach((st, k) => {
      if (!('expect' in st) || canonical(st.expect) !== canonical(first[k])) changed++
    })
    console.log(
      `ok   ${scenario.name}${changed ? ` (${changed} step(s) ${opts.write ? 'written' : 'differ from file'})` : ''}`,
    )
    if (opts.write && changed) {
      scenario.steps.forEach((st, k) => {
        st.expect = first[k]
      })
      fs.writeFileSync(file, formatScenario(scenario))
    }
  }
  if (opts.results) fs.writeFileSync(opts.results, JSON.stringify(resultsFile, null, 1) + '\n')
  console.log(`${scenarios.length - bad} recorded, ${bad} problems`)
  process.exit(bad ? 1 : 0)
}

main().catch((e) => {
  console.error(e)
  process.exit(2)
})
