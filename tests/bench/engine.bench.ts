// Engine throughput benchmark: `npm run bench` (or `npm run bench -- --json FILE`).
//
// Every figure is end to end through the public engine API (channel.publish -> route -> queue -> deliver
// -> sink.delivery -> channel.ack), with events ON: `emit` appends each event to a batch array that is
// handed off (replaced by a fresh array) every EVENT_BATCH events, as the worker will do per postMessage.
// Consumers ack inside the delivery callback (sink.delivery -> channel.ack(tag)); the engine allows this
// re-entrant call (ack never re-enters Queue.dispatch while no consumer is parked), so no batching is used.
// Bodies are 16-byte strings. Each figure: warm-up, then 3 timed runs of about --seconds each, median reported.
//
// Options: --json FILE   write the figures as JSON
//          --seconds S   length of one timed run (default 1.5)
//          --only a,b    run only these figures (direct, fanout10, topic10k, topic10kRouteOnly, headers1k,
//                        headers1kRouteOnly, deepQueue, memory, stream, baseline, cluster3, election)

import { writeFileSync } from 'node:fs'
import os from 'node:os'
import { createBroker, ManualClock } from '../../engine/index.ts'
import type {
  Broker,
  BrokerEvent,
  Channel,
  Connection,
  ConnectionSink,
  FieldTable,
  MessageProperties,
} from '../../engine/index.ts'
import type { Message } from '../../engine/model.ts'
import type { VirtualHost } from '../../engine/vhost.ts'
import { RingBuffer } from '../../engine/ring-buffer.ts'
import { benchCluster } from './cluster-figures.ts'

// ---- options --------------------------------------------------------------------------------------------

const argv = process.argv.slice(2)
function option(name: string): string | undefined {
  const at = argv.indexOf(name)
  return at >= 0 ? argv[at + 1] : undefined
}
const JSON_FILE = option('--json')
const RUN_MS = Number(option('--seconds') ?? 1.5) * 1000
const WARMUP_MS = Math.min(1000, Math.max(300, RUN_MS / 2))
const ONLY = option('--only')?.split(',') ?? null
const RUNS = 3
const EVENT_BATCH = 1000
const BODY = 'sixteen-byte-msg' // 16 bytes
const PROPS: MessageProperties = {}
if (BODY.length !== 16) throw new Error('body must be 16 bytes')

const enabled = (name: string) => !ONLY || ONLY.includes(name)

function gc(): void {
  if (typeof globalThis.gc !== 'function') throw new Error('run with --expose-gc (npm run bench does)')
  globalThis.gc()
  globalThis.gc()
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

// ---- a broker with batched events and acking consumers -----------------------------------------------

interface Rig {
  broker: Broker
  vhost: VirtualHost
  connection: Connection
  pub: Channel
  sub: Channel
  stats: { delivered: number; events: number }
}

function makeRig(): Rig {
  const stats = { delivered: 0, events: 0 }
  let batch: BrokerEvent[] = []
  const emit = (event: BrokerEvent): void => {
    batch.push(event)
    if (batch.length >= EVENT_BATCH) {
      stats.events += batch.length
      batch = [] // handed to postMessage in the worker
    }
  }
  const broker = createBroker({ clock: new ManualClock(), emit })
  let sub: Channel | null = null
  const sink: ConnectionSink = {
    delivery: (_channel, delivery) => {
      stats.delivered++
      sub!.ack(delivery.deliveryTag)
    },
    returned: () => {},
    confirmed: () => {},
    cancelled: () => {},
    channelClosed: () => {},
    connectionClosed: () => {},
  }
  const connection = broker.connect(sink)
  const pub = connection.openChannel()
  sub = connection.openChannel()
  return { broker, vhost: broker.vhosts.get('/')!, connection, pub, sub, stats }
}

function addQueues(rig: Rig, prefix: string, count: number, consume: boolean): string[] {
  const names: string[] = []
  for (let i = 0; i < count; i++) {
    const name = `${prefix}${i}`
    rig.pub.queueDeclare({ queue: name })
    if (consume) rig.sub.consume(name, { consumerTag: `ctag-${name}` })
    names.push(name)
  }
  return names
}

function assertSettled(rig: Rig, queues: string[], what: string): void {
  if (rig.sub.unackedCount !== 0) throw new Error(`${what}: ${rig.sub.unackedCount} messages left unacked`)
  for (const name of queues) {
    const q = rig.vhost.queues.get(name)!
    if (q.messageCount !== 0) throw new Error(`${what}: queue ${name} holds ${q.messageCount} messages`)
  }
}

// ---- timing ---------------------------------------------------------------------------------------------

interface Sampled {
  median: number
  runs: number[]
}

/** Calls `burst()` (which does `perBurst` operations) for WARMUP_MS, then RUNS times for RUN_MS; ops/s per run. */
function timed(perBurst: number, burst: () => void): Sampled {
  const until = performance.now() + WARMUP_MS
  while (performance.now() < until) burst()
  const runs: number[] = []
  for (let r = 0; r < RUNS; r++) {
    gc()
    let ops = 0
    const start = performance.now()
    let elapsed = 0
    do {
      burst()
      ops += perBurst
      elapsed = performance.now() - start
    } while (elapsed < RUN_MS)
    runs.push((ops * 1000) / elapsed)
  }
  return { median: median(runs), runs }
}

// ---- deterministic random -------------------------------------------------------------------------------

function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

// ---- results --------------------------------------------------------------------------------------------

const results: Record<string, Record<string, unknown>> = {}
const lines: string[] = []
const fmt = (n: number) => Math.round(n).toLocaleString('en-US')

function report(name: string, label: string, s: Sampled, unit: string, target?: { min?: number; max?: number }): void {
  let verdict = ''
  if (target?.min !== undefined)
    verdict = s.median >= target.min ? `  ok (>= ${fmt(target.min)})` : `  MISSED (target >= ${fmt(target.min)})`
  if (target?.max !== undefined)
    verdict = s.median <= target.max ? `  ok (<= ${fmt(target.max)})` : `  MISSED (target <= ${fmt(target.max)})`
  const line = `${(name + ' ' + label).padEnd(44)} ${fmt(s.median).padStart(12)} ${unit.padEnd(13)} runs [${s.runs.map(fmt).join(', ')}]${verdict}`
  lines.push(line)
  console.log(line)
}

// ---- scenarios ------------------------------------------------------------------------------------------

const BURST = 10_000

function benchDirect(): void {
  const rig = makeRig()
  rig.pub.exchangeDeclare({ exchange: 'bench.direct', type: 'direct' })
  const queues = addQueues(rig, 'direct-q', 1, true)
  rig.pub.queueBind(queues[0], 'bench.direct', 'rk')
  const pub = rig.pub
  const s = timed(BURST, () => {
    for (let i = 0; i < BURST; i++) pub.publish('bench.direct', 'rk', BODY, PROPS, false)
  })
  assertSettled(rig, queues, 'direct')
  const events0 = rig.stats.events
  const delivered0 = rig.stats.delivered
  for (let i = 0; i < 100_000; i++) pub.publish('bench.direct', 'rk', BODY, PROPS, false)
  const eventsPerMsg = (rig.stats.events - events0) / 100_000
  if (rig.stats.delivered - delivered0 !== 100_000) throw new Error('direct: not every message was delivered')
  report('direct', '(1 queue, e2e)', s, 'msgs/s', { min: 2_000_000 })
  results.direct = { msgsPerSec: s.median, runs: s.runs, eventsPerMsg }

  // The default exchange, for comparison (the usual work-queue path).
  rig.pub.queueDeclare({ queue: 'default-q' })
  rig.sub.consume('default-q', { consumerTag: 'ctag-default' })
  const d = timed(BURST, () => {
    for (let i = 0; i < BURST; i++) pub.publish('', 'default-q', BODY, PROPS, false)
  })
  assertSettled(rig, ['default-q'], 'default exchange')
  report('direct', '(default exchange, e2e)', d, 'msgs/s')
  results.direct.defaultExchangeMsgsPerSec = d.median
}

function benchFanout(): void {
  const rig = makeRig()
  rig.pub.exchangeDeclare({ exchange: 'bench.fanout', type: 'fanout' })
  const queues = addQueues(rig, 'fanout-q', 10, true)
  for (const q of queues) rig.pub.queueBind(q, 'bench.fanout', '')
  const pub = rig.pub
  const burst = BURST / 10
  const before = rig.stats.delivered
  let published = 0
  const s = timed(burst, () => {
    for (let i = 0; i < burst; i++) pub.publish('bench.fanout', '', BODY, PROPS, false)
    published += burst
  })
  if (rig.stats.delivered - before !== published * 10) throw new Error('fanout: deliveries != 10 x publishes')
  assertSettled(rig, queues, 'fanout')
  report('fanout10', '(10 queues, e2e)', s, 'msgs/s', { min: 250_000 })
  report('fanout10', 'deliveries', { median: s.median * 10, runs: s.runs.map((x) => x * 10) }, 'deliveries/s', {
    min: 2_500_000,
  })
  results.fanout10 = { msgsPerSec: s.median, deliveriesPerSec: s.median * 10, runs: s.runs }
}

// Topic: routing keys are 4 words "aN.bN.cN.dN" (20 values per word). 10,000 distinct binding patterns mix
// exact words, "*" and "#" in many shapes; most pin 3 words (1/8000 of keys), some pin 2 (1/400), some 4.
const TOPIC_WORDS = 20
const TOPIC_QUEUES = 100
const TOPIC_BINDINGS = 10_000
const TOPIC_KEYS = 4096

function topicPatterns(): string[] {
  const rnd = mulberry32(7)
  const w = (slot: string) => `${slot}${Math.floor(rnd() * TOPIC_WORDS)}`
  const three = [
    () => `${w('a')}.${w('b')}.${w('c')}.*`,
    () => `${w('a')}.${w('b')}.*.${w('d')}`,
    () => `${w('a')}.*.${w('c')}.${w('d')}`,
    () => `*.${w('b')}.${w('c')}.${w('d')}`,
    () => `${w('a')}.${w('b')}.${w('c')}.#`,
    () => `#.${w('b')}.${w('c')}.${w('d')}`,
    () => `${w('a')}.#.${w('c')}.${w('d')}`,
    () => `${w('a')}.${w('b')}.#.${w('d')}`,
  ]
  const two = [
    () => `${w('a')}.${w('b')}.#`,
    () => `#.${w('c')}.${w('d')}`,
    () => `${w('a')}.*.*.${w('d')}`,
    () => `*.${w('b')}.${w('c')}.*`,
    () => `${w('a')}.#.${w('d')}`,
    () => `*.${w('b')}.#`,
  ]
  const exact = () => `${w('a')}.${w('b')}.${w('c')}.${w('d')}`
  const set = new Set<string>()
  while (set.size < TOPIC_BINDINGS) {
    const r = rnd()
    const make =
      r < 0.08 ? two[Math.floor(rnd() * two.length)] : r < 0.3 ? exact : three[Math.floor(rnd() * three.length)]
    set.add(make())
  }
  return [...set]
}

function topicKeys(): string[] {
  const rnd = mulberry32(11)
  const w = (slot: string) => `${slot}${Math.floor(rnd() * TOPIC_WORDS)}`
  return Array.from({ length: TOPIC_KEYS }, () => `${w('a')}.${w('b')}.${w('c')}.${w('d')}`)
}

function topicRig(consume: boolean): { rig: Rig; queues: string[]; keys: string[]; setupMs: number } {
  const rig = makeRig()
  rig.pub.exchangeDeclare({ exchange: 'bench.topic', type: 'topic' })
  const queues = addQueues(rig, 'topic-q', TOPIC_QUEUES, consume)
  const patterns = topicPatterns()
  const t0 = performance.now()
  for (let i = 0; i < patterns.length; i++) rig.pub.queueBind(queues[i % TOPIC_QUEUES], 'bench.topic', patterns[i])
  const setupMs = performance.now() - t0
  const x = rig.vhost.exchanges.get('bench.topic')!
  if (x.outgoing.length !== TOPIC_BINDINGS) throw new Error(`topic: ${x.outgoing.length} bindings`)
  return { rig, queues, keys: topicKeys(), setupMs }
}

function benchMessage(exchange: string, routingKey: string, headers?: FieldTable): Message {
  return {
    id: 1,
    exchange,
    routingKey,
    routingKeys: null,
    body: BODY,
    size: 16,
    properties: headers ? { headers } : PROPS,
    persistent: false,
  }
}

/** Average queues reached and binding hits per message, through the router itself. */
function routeStats(
  vhost: VirtualHost,
  exchange: string,
  messages: Message[],
): { queues: number; bindings: number; unroutable: number } {
  const x = vhost.exchanges.get(exchange)!
  let queues = 0
  let unroutable = 0
  for (const m of messages) {
    const n = vhost.publishing.route(x, m).length
    queues += n
    if (n === 0) unroutable++
  }
  const collector = (vhost.publishing as unknown as { collector: Parameters<typeof x.router.route>[3] }).collector
  let bindings = 0
  for (const m of messages) {
    collector.begin()
    bindings += x.router.route(m.routingKey, null, m.properties.headers, collector)
  }
  return {
    queues: queues / messages.length,
    bindings: bindings / messages.length,
    unroutable: unroutable / messages.length,
  }
}

function benchTopic(): void {
  // One rig for both figures: binding 10,000 patterns is slow (see bind10kMs), so it is done once.
  const { rig, queues, keys, setupMs } = topicRig(true)
  const vhost = rig.vhost
  const x = vhost.exchanges.get('bench.topic')!
  const messages = keys.map((key) => benchMessage('bench.topic', key))
  const stats = routeStats(vhost, 'bench.topic', messages)
  const pub = rig.pub
  const mask = TOPIC_KEYS - 1
  let k = 0
  const burst = BURST / 10
  if (enabled('topic10k')) {
    const d0 = rig.stats.delivered
    let published = 0
    const s = timed(burst, () => {
      for (let i = 0; i < burst; i++) pub.publish('bench.topic', keys[k++ & mask], BODY, PROPS, false)
      published += burst
    })
    assertSettled(rig, queues, 'topic')
    const deliveriesPerMsg = (rig.stats.delivered - d0) / published
    report('topic10k', '(10k bindings, 100 queues, e2e)', s, 'msgs/s') // the 1M routes/s target is topic10kRouteOnly's
    results.topic10k = {
      msgsPerSec: s.median,
      deliveriesPerSec: s.median * deliveriesPerMsg,
      runs: s.runs,
      bindingsHitPerMsg: stats.bindings,
      queuesPerMsg: stats.queues,
      unroutableShare: stats.unroutable,
      bind10kMs: setupMs,
    }
  }
  console.log(
    `    keys hit ${stats.bindings.toFixed(2)} bindings / ${stats.queues.toFixed(2)} queues on average (${(stats.unroutable * 100).toFixed(1)}% unroutable); binding the 10k patterns took ${fmt(setupMs)} ms`,
  )
  if (!enabled('topic10kRouteOnly')) return
  let sink = 0
  // 1. vhost.publishing.route() alone: the exchange's routing (trie walk + collector), no message built, no events.
  const s = timed(BURST, () => {
    for (let i = 0; i < BURST; i++) sink += vhost.publishing.route(x, messages[k++ & mask]).length
  })
  report('topic10kRouteOnly', '(vhost.route, 10k bindings)', s, 'routes/s', { min: 1_000_000 })
  // 2. the full publish path with no consumer (events on), every queue purged after each burst.
  for (const q of queues) rig.sub.cancel(`ctag-${q}`)
  const p = timed(burst, () => {
    for (let i = 0; i < burst; i++) pub.publish('bench.topic', keys[k++ & mask], BODY, PROPS, false)
    for (const q of queues) pub.queuePurge(q)
  })
  report('topic10kRouteOnly', '(publish, no consumer, purge)', p, 'msgs/s')
  results.topic10kRouteOnly = {
    routesPerSec: s.median,
    runs: s.runs,
    publishNoConsumerMsgsPerSec: p.median,
    publishNoConsumerRuns: p.runs,
  }
  if (sink < 0) console.log(sink)
}

// Headers: 1,000 distinct bindings over 100 queues. Messages carry region/kind/tier (10 values each), a
// numeric "level" (10 values) and an "id" (1000 values). Bindings: x-match all on 3 keys (1/1000 of
// messages), all on 2 keys (1/100), any on 2 ids (2/1000), and a few presence-only (void value) bindings.
const HEADER_QUEUES = 100
const HEADER_BINDINGS = 1000
const HEADER_MESSAGES = 1024

function headerBindings(): FieldTable[] {
  const rnd = mulberry32(5)
  const v = (p: string, n = 10) => `${p}${Math.floor(rnd() * n)}`
  const level = () => Math.floor(rnd() * 10)
  const map = new Map<string, FieldTable>()
  while (map.size < HEADER_BINDINGS) {
    const r = rnd()
    let t: FieldTable
    if (r < 0.65) t = { 'x-match': 'all', region: v('r'), kind: v('k'), tier: v('t') }
    else if (r < 0.8) t = { 'x-match': 'all', region: v('r'), level: level() }
    else if (r < 0.83) t = { 'x-match': 'all', kind: v('k'), tier: v('t'), missing: null }
    else t = { 'x-match': 'any', id: v('id', 1000), id2: v('id', 1000) }
    map.set(JSON.stringify(t), t)
  }
  return [...map.values()]
}

function headerMessages(): FieldTable[] {
  const rnd = mulberry32(9)
  const v = (p: string, n = 10) => `${p}${Math.floor(rnd() * n)}`
  return Array.from({ length: HEADER_MESSAGES }, () => ({
    region: v('r'),
    kind: v('k'),
    tier: v('t'),
    level: Math.floor(rnd() * 10),
    id: v('id', 1000),
    id2: v('id', 1000),
  }))
}

function headersRig(consume: boolean): { rig: Rig; queues: string[]; props: MessageProperties[] } {
  const rig = makeRig()
  rig.pub.exchangeDeclare({ exchange: 'bench.headers', type: 'headers' })
  const queues = addQueues(rig, 'headers-q', HEADER_QUEUES, consume)
  const bindings = headerBindings()
  for (let i = 0; i < bindings.length; i++)
    rig.pub.queueBind(queues[i % HEADER_QUEUES], 'bench.headers', '', bindings[i])
  if (rig.vhost.exchanges.get('bench.headers')!.outgoing.length !== HEADER_BINDINGS)
    throw new Error('headers: binding count')
  return { rig, queues, props: headerMessages().map((headers) => ({ headers })) }
}

function benchHeaders(): void {
  const { rig, queues, props } = headersRig(true)
  const vhost = rig.vhost
  const x = vhost.exchanges.get('bench.headers')!
  const messages = props.map((p) => benchMessage('bench.headers', '', p.headers))
  const stats = routeStats(vhost, 'bench.headers', messages)
  const pub = rig.pub
  const mask = HEADER_MESSAGES - 1
  let k = 0
  const burst = BURST / 10
  if (enabled('headers1k')) {
    const s = timed(burst, () => {
      for (let i = 0; i < burst; i++) pub.publish('bench.headers', '', BODY, props[k++ & mask], false)
    })
    assertSettled(rig, queues, 'headers')
    report('headers1k', '(1k bindings, 100 queues, e2e)', s, 'msgs/s')
    results.headers1k = {
      msgsPerSec: s.median,
      runs: s.runs,
      bindingsHitPerMsg: stats.bindings,
      queuesPerMsg: stats.queues,
    }
  }
  console.log(
    `    messages hit ${stats.bindings.toFixed(2)} bindings / ${stats.queues.toFixed(2)} queues on average (${(stats.unroutable * 100).toFixed(1)}% unroutable)`,
  )
  if (!enabled('headers1kRouteOnly')) return
  let sink = 0
  const s = timed(burst, () => {
    for (let i = 0; i < burst; i++) sink += vhost.publishing.route(x, messages[k++ & mask]).length
  })
  report('headers1kRouteOnly', '(vhost.route, 1k bindings)', s, 'routes/s')
  results.headers1kRouteOnly = { routesPerSec: s.median, runs: s.runs }
  if (sink < 0) console.log(sink)
}

const DEEP = 1_000_000

function benchDeepQueue(): void {
  const rig = makeRig()
  rig.pub.queueDeclare({ queue: 'deep' })
  const queue = rig.vhost.queues.get('deep')!
  const pub = rig.pub
  const cycle = (n: number): { fillMs: number; drainMs: number } => {
    const t0 = performance.now()
    for (let i = 0; i < n; i++) pub.publish('', 'deep', BODY, PROPS, false)
    const t1 = performance.now()
    if (queue.messageCount !== n) throw new Error(`deep: ${queue.messageCount} queued, expected ${n}`)
    const d0 = rig.stats.delivered
    rig.sub.consume('deep', { consumerTag: 'drain' }) // dispatches (and acks) every ready message synchronously
    const t2 = performance.now()
    rig.sub.cancel('drain')
    if (rig.stats.delivered - d0 !== n || queue.messageCount !== 0 || rig.sub.unackedCount !== 0)
      throw new Error('deep: not drained')
    return { fillMs: t1 - t0, drainMs: t2 - t1 }
  }
  cycle(DEEP / 4) // warm-up
  const runs: number[] = []
  const fills: number[] = []
  const drains: number[] = []
  for (let r = 0; r < RUNS; r++) {
    gc()
    const { fillMs, drainMs } = cycle(DEEP)
    runs.push((DEEP * 1000) / (fillMs + drainMs))
    fills.push((DEEP * 1000) / fillMs)
    drains.push((DEEP * 1000) / drainMs)
  }
  const s = { median: median(runs), runs }
  report('deepQueue', '(fill 1M then drain, e2e)', s, 'msgs/s')
  report('deepQueue', 'fill only', { median: median(fills), runs: fills }, 'msgs/s')
  report('deepQueue', 'drain only', { median: median(drains), runs: drains }, 'msgs/s')
  results.deepQueue = {
    ...(results.deepQueue ?? {}),
    msgsPerSec: s.median,
    runs,
    fillMsgsPerSec: median(fills),
    drainMsgsPerSec: median(drains),
  }
}

/** Heap growth per queued message: 1M transient messages with distinct 16-byte bodies, one queue, no consumer. */
function benchMemory(): void {
  const measure = (fresh: 'shared' | 'fresh-props'): number => {
    const rig = makeRig()
    rig.pub.queueDeclare({ queue: 'mem' })
    const pub = rig.pub
    gc()
    const before = process.memoryUsage().heapUsed
    for (let i = 0; i < DEEP; i++) {
      const body = String(1e15 + i) // a distinct, flat 16-character string per message, as a client would send
      pub.publish('', 'mem', body, fresh === 'shared' ? PROPS : {}, false)
    }
    rig.pub.publish('', 'nowhere', BODY, PROPS, false) // let the event batch roll over
    gc()
    const after = process.memoryUsage().heapUsed
    if (rig.vhost.queues.get('mem')!.messageCount !== DEEP) throw new Error('memory: not all queued')
    return (after - before) / DEEP
  }
  // What the bodies alone cost (string + 8-byte array slot), to show the engine's own share.
  gc()
  const b0 = process.memoryUsage().heapUsed
  const bodies: string[] = new Array(DEEP)
  for (let i = 0; i < DEEP; i++) bodies[i] = String(1e15 + i)
  gc()
  const bodyBytes = (process.memoryUsage().heapUsed - b0) / DEEP - 8
  bodies.length = 0

  const perMessage = median([measure('shared'), measure('shared'), measure('shared')])
  gc()
  const perMessageFreshProps = measure('fresh-props')
  gc()
  const s = { median: perMessage, runs: [perMessage] }
  report('deepQueue', 'heap per queued message', s, 'bytes', { max: 300 })
  console.log(
    `    of which the 16-byte body string ~${bodyBytes.toFixed(0)} B; with a fresh {} properties object per message: ${perMessageFreshProps.toFixed(0)} B`,
  )
  results.deepQueue = {
    ...(results.deepQueue ?? {}),
    bytesPerMessage: perMessage,
    bodyStringBytes: bodyBytes,
    bytesPerMessageFreshProps: perMessageFreshProps,
  }
}

/**
 * Streams: append 1M messages to a stream nobody reads, then one consumer and ten consumers reading all of it
 * from `first` (prefetch 1000, acking in the delivery callback), and the heap each stored message costs.
 */
function benchStream(): void {
  const STREAM = { 'x-queue-type': 'stream' }
  const fill = (rig: Rig, distinct: boolean): number => {
    rig.pub.queueDeclare({ queue: 'log', durable: true, arguments: STREAM })
    const pub = rig.pub
    const t0 = performance.now()
    for (let i = 0; i < DEEP; i++) pub.publish('', 'log', distinct ? String(1e15 + i) : BODY, PROPS, false)
    return performance.now() - t0
  }
  const read = (rig: Rig, consumers: number): number => {
    rig.sub.qos(1000)
    const d0 = rig.stats.delivered
    const t0 = performance.now()
    for (let c = 0; c < consumers; c++)
      rig.sub.consume('log', { consumerTag: `reader-${c}`, arguments: { 'x-stream-offset': 'first' } })
    const ms = performance.now() - t0
    if (rig.stats.delivered - d0 !== DEEP * consumers || rig.sub.unackedCount !== 0)
      throw new Error(`stream: ${consumers} reader(s) did not read the whole log`)
    return ms
  }
  const appends: number[] = []
  const oneReader: number[] = []
  const tenReaders: number[] = []
  for (let r = 0; r <= RUNS; r++) {
    gc()
    const rig = makeRig()
    const appendMs = fill(rig, false)
    const oneMs = read(rig, 1)
    rig.sub.cancel('reader-0')
    gc()
    const tenMs = read(rig, 10)
    if (r === 0) continue // warm-up
    appends.push((DEEP * 1000) / appendMs)
    oneReader.push((DEEP * 1000) / oneMs)
    tenReaders.push((DEEP * 10 * 1000) / tenMs)
  }
  report('stream', 'append (1M, no consumer)', { median: median(appends), runs: appends }, 'msgs/s', { min: 2_000_000 })
  report('stream', 'one reader from first (1M)', { median: median(oneReader), runs: oneReader }, 'msgs/s', {
    min: 3_000_000,
  })
  report('stream', 'ten readers from first (deliveries)', { median: median(tenReaders), runs: tenReaders }, 'msgs/s')
  const measure = (): number => {
    const rig = makeRig()
    gc()
    const before = process.memoryUsage().heapUsed
    fill(rig, true)
    rig.pub.publish('', 'nowhere', BODY, PROPS, false) // let the event batch roll over
    gc()
    const perMessage = (process.memoryUsage().heapUsed - before) / DEEP
    const stored = (rig.vhost.queues.get('log') as unknown as { storedCount: number }).storedCount
    if (stored !== DEEP) throw new Error(`stream: ${stored} stored, expected ${DEEP}`)
    return perMessage
  }
  const bytes: number[] = []
  for (let r = 0; r < RUNS; r++) {
    bytes.push(measure())
    gc()
  }
  report('stream', 'heap per stored message', { median: median(bytes), runs: bytes }, 'bytes', { max: 150 })
  results.stream = {
    appendMsgsPerSec: median(appends),
    oneReaderMsgsPerSec: median(oneReader),
    tenReadersDeliveriesPerSec: median(tenReaders),
    bytesPerStoredMessage: median(bytes),
  }
}

/** Raw machine baseline: a Map lookup plus enqueue/dequeue on the engine's RingBuffer, per op. */
function benchBaseline(): void {
  const names = Array.from({ length: 64 }, (_, i) => `queue-${i}`)
  const map = new Map<string, RingBuffer<number>>()
  for (const name of names) {
    const ring = new RingBuffer<number>()
    for (let i = 0; i < 8; i++) ring.push(i)
    map.set(name, ring)
  }
  let sum = 0
  const burst = 100_000
  const s = timed(burst, () => {
    for (let i = 0; i < burst; i++) {
      const ring = map.get(names[i & 63])!
      ring.push(i)
      sum += ring.shift()!
    }
  })
  report('baseline', '(Map.get + RingBuffer push/shift)', s, 'ops/s')
  results.baseline = { opsPerSec: s.median, runs: s.runs }
  if (sum < 0) console.log(sum)
}

// ---- main -----------------------------------------------------------------------------------------------

const scenarios: [string, () => void][] = [
  ['baseline', benchBaseline],
  ['direct', benchDirect],
  ['fanout10', benchFanout],
  ['topic10k,topic10kRouteOnly', benchTopic],
  ['headers1k,headers1kRouteOnly', benchHeaders],
  ['deepQueue', benchDeepQueue],
  ['memory', benchMemory],
  ['stream', benchStream],
  ['cluster3,election', () => benchCluster({ burst: BURST, body: BODY, timed, report, results })],
]

console.log(`Warren engine bench — node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}`)
console.log(
  `events on (batched every ${EVENT_BATCH}), acks in the delivery callback, 16-byte bodies; median of ${RUNS} runs of ~${RUN_MS / 1000}s after warm-up\n`,
)
const started = performance.now()
for (const [names, run] of scenarios) {
  if (!names.split(',').some(enabled)) continue
  run()
  gc()
}
console.log(`\ntotal ${((performance.now() - started) / 1000).toFixed(1)} s`)

if (JSON_FILE) {
  const out = {
    ...results,
    meta: {
      node: process.version,
      cpu: os.cpus()[0]?.model,
      cores: os.cpus().length,
      runSeconds: RUN_MS / 1000,
      runs: RUNS,
      eventBatch: EVENT_BATCH,
      ackMode: 'in delivery callback',
      date: new Date().toISOString(),
    },
  }
  writeFileSync(JSON_FILE, JSON.stringify(out, null, 2) + '\n')
  console.log(`wrote ${JSON_FILE}`)
}
