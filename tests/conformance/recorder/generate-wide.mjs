#!/usr/bin/env node
// Writes families of scenarios (steps only, no expectations) where Warren is weakest; record.mjs --write then
// records every expectation from a real broker. Existing files are left alone unless --force is given.
//
//   node generate-wide.mjs [--force] DIR
import fs from 'node:fs'
import path from 'node:path'
import { formatScenario } from './format.mjs'

const SOURCE = 'Warren tests/conformance/recorder/generate-wide.mjs'
const scenarios = []

function add(name, area, description, steps) {
  scenarios.push({ name, area, source: SOURCE, description, steps })
}

const QUORUM = { 'x-queue-type': 'quorum' }
const TYPES = ['classic', 'quorum']

/** queue.declare of a queue of the given type (quorum queues must be durable). */
function declare(queue, type, args = {}, extra = {}) {
  const step = { op: 'queue.declare', queue, arguments: type === 'quorum' ? { ...QUORUM, ...args } : args }
  if (type === 'quorum') step.durable = true
  return { ...step, ...extra }
}
const publish = (routingKey, bodies, extra = {}) => ({ op: 'basic.publish', routingKey, bodies, ...extra })
const getNoAck = (queue, extra = {}) => ({ op: 'basic.get', queue, noAck: true, ...extra })
const drain = (queue, n) => Array.from({ length: n }, () => getNoAck(queue))
const passive = (queue) => ({ op: 'queue.declare', queue, passive: true })
const slug = (v) =>
  String(JSON.stringify(v))
    .replace(/"/g, 's')
    .replace(/-/g, 'neg')
    .replace(/\./g, 'p')
    .replace(/[^a-z0-9]/gi, '')

// Argument types and value ranges: each declare is followed by what the queue then does.
const ARGUMENT_VALUES = {
  'x-message-ttl': [
    0,
    -1,
    1.5,
    '1000',
    4294967295,
    4294967296,
    2147483648,
    9007199254740991,
    true,
    315360000000,
    315360000001,
  ],
  'x-expires': [0, -1, 1.5, '1000', 4294967295, 4294967296, 2147483648, true, 315360000000, 315360000001],
  'x-max-length': [0, -1, 1.5, '2', 4294967296, true],
  'x-max-length-bytes': [0, -1, 1.5, '2', 4294967296],
  'x-max-priority': [0, -1, 1.5, '5', 255, 256, true],
}
const QUORUM_ARGUMENT_VALUES = {
  'x-delivery-limit': [0, -1, 1.5, '2', 4294967296],
  'x-max-length': [0, -1, '2'],
  'x-message-ttl': [0, -1, 1.5, 4294967296],
  'x-expires': [0, -1, 4294967296],
}
for (const [type, table] of [
  ['classic', ARGUMENT_VALUES],
  ['quorum', QUORUM_ARGUMENT_VALUES],
]) {
  for (const [arg, values] of Object.entries(table)) {
    for (const value of values) {
      add(
        `arg-${type}-${arg.slice(2)}-${slug(value)}`,
        'arguments',
        `${type} queue declared with ${arg} = ${JSON.stringify(value)}: accepted or refused, then how it holds messages`,
        [
          declare('q', type, { [arg]: value }),
          publish('q', ['a', 'b', 'c'], { properties: { priority: 3 } }),
          passive('q'),
          ...drain('q', 2),
          declare('q', type, { [arg]: value }),
        ],
      )
    }
  }
}
for (const expiration of [
  '0',
  '-1',
  '1.5',
  'abc',
  '4294967296',
  '',
  '99999999999999999999',
  '315360000000',
  '315360000001',
]) {
  add(
    `arg-message-expiration-${slug(expiration) || 'empty'}`,
    'arguments',
    `per-message expiration ${JSON.stringify(expiration)}: accepted or refused on publish`,
    [declare('q', 'classic'), publish('q', ['m'], { properties: { expiration } }), getNoAck('q'), passive('q')],
  )
}
for (const type of TYPES) {
  for (const overflow of ['drop-head', 'reject-publish', 'reject-publish-dlx', 'bogus', 1]) {
    add(
      `arg-${type}-overflow-${slug(overflow)}`,
      'arguments',
      `${type} queue with x-max-length 1 and x-overflow ${JSON.stringify(overflow)}`,
      [declare('q', type, { 'x-max-length': 1, 'x-overflow': overflow }), publish('q', ['m1', 'm2']), ...drain('q', 2)],
    )
  }
}
for (const [type, mode] of [
  ['classic', 'lazy'],
  ['classic', 'default'],
  ['classic', 'bogus'],
  ['quorum', 'lazy'],
]) {
  add(`arg-${type}-queue-mode-${mode}`, 'arguments', `${type} queue with x-queue-mode ${mode}`, [
    declare('q', type, { 'x-queue-mode': mode }),
    publish('q', ['m']),
    getNoAck('q'),
  ])
}
for (const [type, value] of [
  ['classic', 'true'],
  ['classic', 1],
  ['quorum', 'true'],
]) {
  add(
    `arg-${type}-single-active-consumer-${slug(value)}`,
    'arguments',
    `${type} queue with x-single-active-consumer ${JSON.stringify(value)}: a non-boolean value`,
    [
      declare('q', type, { 'x-single-active-consumer': value }),
      { op: 'basic.consume', consumer: 'c1', queue: 'q', prefetch: 1 },
      { op: 'basic.consume', consumer: 'c2', queue: 'q', prefetch: 1 },
      publish('q', ['m1', 'm2']),
      passive('q'),
    ],
  )
}
for (const [label, args] of [
  ['dlx-number', { 'x-dead-letter-exchange': 5 }],
  ['dlrk-without-dlx', { 'x-dead-letter-routing-key': 'k' }],
  ['queue-type-bogus', { 'x-queue-type': 'bogus' }],
  ['queue-type-classic-explicit', { 'x-queue-type': 'classic' }],
  ['unknown-x-argument', { 'x-bogus': 1 }],
]) {
  add(`arg-classic-${label}`, 'arguments', `classic queue declared with ${JSON.stringify(args)}`, [
    declare('q', 'classic', args),
    passive('q'),
  ])
}
for (const [label, flags, args] of [
  ['auto-delete', { autoDelete: true }, {}],
  ['max-priority', {}, { 'x-max-priority': 5 }],
  ['message-ttl-and-dlx', {}, { 'x-message-ttl': 100, 'x-dead-letter-exchange': '' }],
]) {
  add(`arg-quorum-${label}`, 'arguments', `quorum queue declared with ${label}`, [
    declare('q', 'quorum', args, flags),
    passive('q'),
  ])
}

// Quorum delivery count on basic.get vs consume, returned by nack, reject or channel close, over several rounds.
function returnSteps(how, label, channel) {
  if (how === 'nack') return [{ op: 'basic.nack', message: label, requeue: true }]
  if (how === 'reject') return [{ op: 'basic.reject', message: label, requeue: true }]
  return [{ op: 'channel.close', channel }]
}
for (const via of ['get', 'consume']) {
  for (const how of ['nack', 'reject', 'close']) {
    for (const rounds of [1, 3]) {
      const steps = [declare('q', 'quorum'), publish('q', ['m'])]
      for (let r = 0; r < rounds; r++) {
        if (via === 'get') {
          steps.push({ op: 'basic.get', queue: 'q', channel: `g${r}`, as: `m${r}` })
          steps.push(...returnSteps(how, `m${r}`, `g${r}`))
        } else {
          steps.push({ op: 'basic.consume', consumer: `c${r}`, queue: 'q', prefetch: 1 })
          steps.push({ op: 'deliveries', consumer: `c${r}`, as: [`m${r}`] })
          steps.push({ op: 'basic.cancel', consumer: `c${r}` })
          steps.push(...returnSteps(how, `m${r}`, `c${r}`))
        }
      }
      steps.push({ op: 'basic.get', queue: 'q', noAck: true }, passive('q'))
      add(
        `quorum-delivery-count-${via}-${how}-x${rounds}`,
        'quorum',
        `quorum x-delivery-count after ${rounds} ${via} then ${how}`,
        steps,
      )
    }
  }
}

// Where a returned message goes, by why it came back.
const RETURN_REASONS = ['nack', 'reject', 'channel-close', 'cancel-then-nack', 'connection-close']
for (const type of TYPES) {
  for (const reason of RETURN_REASONS) {
    for (const prefetch of [1, 3]) {
      const steps = [
        declare('q', type),
        publish('q', ['m1', 'm2', 'm3', 'm4']),
        { op: 'basic.consume', consumer: 'c', queue: 'q', prefetch, connection: 'worker' },
        {
          op: 'deliveries',
          consumer: 'c',
          as: prefetch === 1 ? ['d1'] : ['d1', 'd2', 'd3'],
        },
      ]
      const target = prefetch === 1 ? 'd1' : 'd2'
      if (prefetch === 3) steps.push({ op: 'basic.ack', message: 'd1' })
      if (reason === 'nack') steps.push({ op: 'basic.nack', message: target, requeue: true })
      if (reason === 'reject') steps.push({ op: 'basic.reject', message: target, requeue: true })
      if (reason === 'channel-close') steps.push({ op: 'channel.close', consumer: 'c' })
      if (reason === 'cancel-then-nack')
        steps.push({ op: 'basic.cancel', consumer: 'c' }, { op: 'basic.nack', message: target, requeue: true })
      if (reason === 'connection-close') steps.push({ op: 'connection.close', connection: 'worker' })
      steps.push({ op: 'deliveries', consumer: 'c' }, passive('q'), ...drain('q', 4))
      add(
        `returned-${type}-${reason}-prefetch${prefetch}`,
        'returns',
        `${type} queue: where a consumer's unacked message goes back after ${reason} (prefetch ${prefetch})`,
        steps,
      )
    }
  }
  for (const reason of ['nack', 'reject', 'channel-close', 'connection-close']) {
    const steps = [
      declare('q', type),
      publish('q', ['m1', 'm2', 'm3']),
      { op: 'basic.get', queue: 'q', as: 'g1', channel: 'holder', connection: 'worker' },
      { op: 'basic.get', queue: 'q', as: 'g2', channel: 'holder', connection: 'worker' },
    ]
    if (reason === 'nack') steps.push({ op: 'basic.nack', message: 'g1', requeue: true })
    if (reason === 'reject') steps.push({ op: 'basic.reject', message: 'g1', requeue: true })
    if (reason === 'channel-close') steps.push({ op: 'channel.close', channel: 'holder', connection: 'worker' })
    if (reason === 'connection-close') steps.push({ op: 'connection.close', connection: 'worker' })
    steps.push(passive('q'), ...drain('q', 4))
    add(
      `returned-${type}-get-holder-${reason}`,
      'returns',
      `${type} queue: messages held by basic.get come back after ${reason}`,
      steps,
    )
  }
}

// Consumer counts with basic.get holders, waiting single-active consumers, cancelled and exclusive consumers.
for (const type of TYPES) {
  const counts = {
    'get-holder': [publish('q', ['m']), { op: 'basic.get', queue: 'q', as: 'g' }],
    'single-active-two-waiting': [
      { op: 'basic.consume', consumer: 'c1', queue: 'q' },
      { op: 'basic.consume', consumer: 'c2', queue: 'q' },
      { op: 'basic.consume', consumer: 'c3', queue: 'q' },
    ],
    'one-cancelled': [
      { op: 'basic.consume', consumer: 'c1', queue: 'q' },
      { op: 'basic.consume', consumer: 'c2', queue: 'q' },
      { op: 'basic.cancel', consumer: 'c1' },
    ],
    'prefetch-full': [
      publish('q', ['m1', 'm2']),
      { op: 'basic.consume', consumer: 'c1', queue: 'q', prefetch: 1 },
      { op: 'deliveries', consumer: 'c1' },
    ],
    exclusive: [{ op: 'basic.consume', consumer: 'c1', queue: 'q', exclusive: true }],
    'channel-closed': [
      { op: 'basic.consume', consumer: 'c1', queue: 'q' },
      { op: 'basic.consume', consumer: 'c2', queue: 'q' },
      { op: 'channel.close', consumer: 'c2' },
    ],
    'connection-closed': [
      { op: 'basic.consume', consumer: 'c1', queue: 'q', connection: 'other' },
      { op: 'basic.consume', consumer: 'c2', queue: 'q' },
      { op: 'connection.close', connection: 'other' },
    ],
  }
  for (const [label, steps] of Object.entries(counts)) {
    const args = label.startsWith('single-active') ? { 'x-single-active-consumer': true } : {}
    add(`consumer-count-${type}-${label}`, 'consumers', `${type} queue: consumerCount with ${label}`, [
      declare('q', type, args),
      ...steps,
      passive('q'),
      declare('q', type, args),
    ])
  }
}

// Exclusive consume.
for (const type of TYPES) {
  const cases = {
    'then-shared-403': [
      { op: 'basic.consume', consumer: 'c1', queue: 'q', exclusive: true },
      { op: 'basic.consume', consumer: 'c2', queue: 'q' },
    ],
    'after-shared-403': [
      { op: 'basic.consume', consumer: 'c1', queue: 'q' },
      { op: 'basic.consume', consumer: 'c2', queue: 'q', exclusive: true },
    ],
    'cancel-frees-queue': [
      { op: 'basic.consume', consumer: 'c1', queue: 'q', exclusive: true },
      { op: 'basic.cancel', consumer: 'c1' },
      { op: 'basic.consume', consumer: 'c2', queue: 'q', exclusive: true },
      publish('q', ['m']),
      { op: 'deliveries', consumer: 'c2' },
    ],
    'other-connection-403': [
      { op: 'basic.consume', consumer: 'c1', queue: 'q', exclusive: true },
      { op: 'basic.consume', consumer: 'c2', queue: 'q', connection: 'other' },
      { op: 'basic.get', queue: 'q', connection: 'other' },
    ],
  }
  for (const [label, steps] of Object.entries(cases)) {
    add(`exclusive-consume-${type}-${label}`, 'consumers', `${type} queue: exclusive consume, ${label}`, [
      declare('q', type),
      ...steps,
      passive('q'),
    ])
  }
}

// Consumer priorities with requeue.
for (const type of TYPES) {
  const cases = {
    'nack-goes-back-to-high': [
      { op: 'basic.consume', consumer: 'low', queue: 'q', prefetch: 1, arguments: { 'x-priority': 1 } },
      { op: 'basic.consume', consumer: 'high', queue: 'q', prefetch: 1, arguments: { 'x-priority': 10 } },
      publish('q', ['m1']),
      { op: 'deliveries', consumer: 'high', as: ['h1'] },
      { op: 'basic.nack', message: 'h1', requeue: true },
      { op: 'deliveries', consumer: 'high' },
      { op: 'deliveries', consumer: 'low' },
    ],
    'high-full-then-acks': [
      { op: 'basic.consume', consumer: 'low', queue: 'q', prefetch: 1, arguments: { 'x-priority': 1 } },
      { op: 'basic.consume', consumer: 'high', queue: 'q', prefetch: 1, arguments: { 'x-priority': 10 } },
      publish('q', ['m1', 'm2', 'm3']),
      { op: 'deliveries', consumer: 'high', as: ['h1'] },
      { op: 'deliveries', consumer: 'low', as: ['l1'] },
      { op: 'basic.ack', message: 'h1' },
      { op: 'deliveries', consumer: 'high' },
      { op: 'deliveries', consumer: 'low' },
    ],
    'high-cancelled-with-unacked': [
      { op: 'basic.consume', consumer: 'low', queue: 'q', prefetch: 2, arguments: { 'x-priority': 1 } },
      { op: 'basic.consume', consumer: 'high', queue: 'q', prefetch: 2, arguments: { 'x-priority': 10 } },
      publish('q', ['m1', 'm2', 'm3']),
      { op: 'deliveries', consumer: 'high' },
      { op: 'deliveries', consumer: 'low' },
      { op: 'channel.close', consumer: 'high' },
      { op: 'deliveries', consumer: 'low' },
    ],
    'equal-priority-round-robin-after-requeue': [
      { op: 'basic.consume', consumer: 'a', queue: 'q', prefetch: 2, arguments: { 'x-priority': 5 } },
      { op: 'basic.consume', consumer: 'b', queue: 'q', prefetch: 2, arguments: { 'x-priority': 5 } },
      publish('q', ['m1', 'm2']),
      { op: 'deliveries', consumer: 'a', as: ['a1'] },
      { op: 'deliveries', consumer: 'b', as: ['b1'] },
      { op: 'basic.reject', message: 'a1', requeue: true },
      { op: 'deliveries', consumer: 'a' },
      { op: 'deliveries', consumer: 'b' },
    ],
    'negative-priority-below-default': [
      { op: 'basic.consume', consumer: 'neg', queue: 'q', prefetch: 1, arguments: { 'x-priority': -5 } },
      { op: 'basic.consume', consumer: 'plain', queue: 'q', prefetch: 1 },
      publish('q', ['m1', 'm2', 'm3']),
      { op: 'deliveries', consumer: 'plain' },
      { op: 'deliveries', consumer: 'neg' },
    ],
    'string-priority': [
      { op: 'basic.consume', consumer: 'low', queue: 'q', prefetch: 1 },
      { op: 'basic.consume', consumer: 's', queue: 'q', prefetch: 1, arguments: { 'x-priority': '10' } },
      publish('q', ['m1']),
      { op: 'deliveries', consumer: 'low' },
    ],
    'float-priority': [
      { op: 'basic.consume', consumer: 'low', queue: 'q', prefetch: 1 },
      { op: 'basic.consume', consumer: 'f', queue: 'q', prefetch: 1, arguments: { 'x-priority': 2.5 } },
      publish('q', ['m1']),
      { op: 'deliveries', consumer: 'low' },
    ],
  }
  for (const [label, steps] of Object.entries(cases)) {
    add(`consumer-priority-${type}-${label}`, 'consumers', `${type} queue consumer priorities: ${label}`, [
      declare('q', type),
      ...steps,
      passive('q'),
      ...drain('q', 3),
    ])
  }
}

// Single active consumer hand-over.
const SAC = { 'x-single-active-consumer': true }
for (const type of TYPES) {
  const twoConsumers = [
    { op: 'basic.consume', consumer: 'c1', queue: 'q', prefetch: 2, connection: 'first' },
    { op: 'basic.consume', consumer: 'c2', queue: 'q', prefetch: 2 },
    publish('q', ['m1', 'm2', 'm3']),
    { op: 'deliveries', consumer: 'c1', as: ['d1', 'd2'] },
    { op: 'deliveries', consumer: 'c2' },
  ]
  const cases = {
    'cancel-keeps-unacked': [{ op: 'basic.cancel', consumer: 'c1' }],
    'cancel-then-ack': [
      { op: 'basic.cancel', consumer: 'c1' },
      { op: 'basic.ack', message: 'd1' },
      { op: 'basic.ack', message: 'd2' },
    ],
    'channel-close': [{ op: 'channel.close', consumer: 'c1' }],
    'connection-close': [{ op: 'connection.close', connection: 'first' }],
    'nack-stays-with-active': [
      { op: 'basic.nack', message: 'd1', requeue: true },
      { op: 'basic.nack', message: 'd2', requeue: true },
    ],
    'reject-no-requeue': [{ op: 'basic.reject', message: 'd1', requeue: false }],
  }
  for (const [label, steps] of Object.entries(cases)) {
    add(`single-active-${type}-${label}`, 'single-active-consumer', `${type} single active consumer: ${label}`, [
      declare('q', type, SAC),
      ...twoConsumers,
      ...steps,
      { op: 'deliveries', consumer: 'c1' },
      { op: 'deliveries', consumer: 'c2' },
      passive('q'),
    ])
  }
}

// Priority queues with TTL and max-length.
for (const max of [5, 10]) {
  const pq = { 'x-max-priority': max }
  const mixed = (bodies) =>
    bodies.map(([body, priority, extra]) => ({
      op: 'basic.publish',
      routingKey: 'q',
      body,
      properties: { priority, ...extra },
    }))
  add(`priority-${max}-queue-ttl-all-expire`, 'priority', `x-max-priority ${max} with x-message-ttl 1000`, [
    declare('q', 'classic', { ...pq, 'x-message-ttl': 1000 }),
    ...mixed([
      ['low', 1],
      ['high', 4],
    ]),
    passive('q'),
    { op: 'wait', ms: 1300 },
    passive('q'),
    getNoAck('q'),
  ])
  add(
    `priority-${max}-message-ttl-per-level`,
    'priority',
    `x-max-priority ${max}: a short per-message TTL on a low priority message behind a high one`,
    [
      declare('q', 'classic', pq),
      ...mixed([
        ['low-short', 1, { expiration: '100' }],
        ['high-long', 4, { expiration: '10000' }],
        ['mid', 2],
      ]),
      { op: 'wait', ms: 300 },
      passive('q'),
      ...drain('q', 3),
    ],
  )
  for (const overflow of ['drop-head', 'reject-publish']) {
    add(
      `priority-${max}-max-length-${overflow}`,
      'priority',
      `x-max-priority ${max} with x-max-length 2 and ${overflow}: which priority goes`,
      [
        declare('q', 'classic', { ...pq, 'x-max-length': 2, 'x-overflow': overflow }),
        ...mixed([
          ['p1', 1],
          ['p4', 4],
          ['p2', 2],
          ['p0', 0],
        ]),
        passive('q'),
        ...drain('q', 3),
      ],
    )
  }
  add(
    `priority-${max}-max-length-dead-letters`,
    'priority',
    `x-max-priority ${max} with x-max-length 1: the dropped message is dead-lettered`,
    [
      declare('dlq', 'classic'),
      declare('q', 'classic', {
        ...pq,
        'x-max-length': 1,
        'x-dead-letter-exchange': '',
        'x-dead-letter-routing-key': 'dlq',
      }),
      ...mixed([
        ['p3', 3],
        ['p1', 1],
      ]),
      ...drain('q', 2),
      ...drain('dlq', 2),
    ],
  )
  add(
    `priority-${max}-max-length-bytes`,
    'priority',
    `x-max-priority ${max} with x-max-length-bytes 10 over priorities`,
    [
      declare('q', 'classic', { ...pq, 'x-max-length-bytes': 10 }),
      ...mixed([
        ['aaaa', 1],
        ['bbbb', 4],
        ['cccc', 2],
      ]),
      passive('q'),
      ...drain('q', 3),
    ],
  )
}

// Dead-lettered message headers and flags, per reason and queue type.
const RICH = {
  contentType: 'text/plain',
  messageId: 'id-1',
  correlationId: 'corr',
  appId: 'app',
  type: 'kind',
  priority: 2,
  deliveryMode: 2,
  timestamp: 1700000000,
  headers: { s: 'str', n: 42, neg: -7, f: 1.5, t: true, arr: [1, 'a'], tbl: { k: 'v' } },
}
function deadLetterCase(type, reason, withKey) {
  const dl = { 'x-dead-letter-exchange': 'dlx' }
  if (withKey) dl['x-dead-letter-routing-key'] = 'dead'
  const steps = [
    { op: 'exchange.declare', exchange: 'dlx', type: 'fanout' },
    declare('dlq', 'classic'),
    { op: 'queue.bind', queue: 'dlq', exchange: 'dlx' },
  ]
  const props = { ...RICH }
  if (reason === 'expired-queue-ttl') dl['x-message-ttl'] = 100
  if (reason === 'expired-message-ttl') props.expiration = '100'
  if (reason === 'maxlen') dl['x-max-length'] = 1
  if (reason === 'delivery-limit') dl['x-delivery-limit'] = 1
  steps.push(declare('q', type, dl))
  steps.push({ op: 'basic.publish', routingKey: 'q', body: 'm1', properties: props })
  if (reason === 'maxlen') steps.push({ op: 'basic.publish', routingKey: 'q', body: 'm2' })
  if (reason === 'reject') {
    steps.push({ op: 'basic.get', queue: 'q', as: 'a' }, { op: 'basic.reject', message: 'a', requeue: false })
  }
  if (reason === 'nack-after-redelivery') {
    steps.push({ op: 'basic.get', queue: 'q', as: 'a' }, { op: 'basic.nack', message: 'a', requeue: true })
    steps.push({ op: 'basic.get', queue: 'q', as: 'b' }, { op: 'basic.nack', message: 'b', requeue: false })
  }
  if (reason === 'consumer-reject') {
    steps.push({ op: 'basic.consume', consumer: 'c', queue: 'q' }, { op: 'deliveries', consumer: 'c', as: ['d'] })
    steps.push({ op: 'basic.reject', message: 'd', requeue: false })
  }
  if (reason.startsWith('expired')) steps.push({ op: 'wait', ms: 300 }, passive('q'))
  if (reason === 'delivery-limit') {
    for (const label of ['a', 'b']) {
      steps.push({ op: 'basic.get', queue: 'q', as: label }, { op: 'basic.nack', message: label, requeue: true })
    }
  }
  steps.push({ op: 'basic.get', queue: 'dlq', as: 'dead' }, passive('q'), passive('dlq'))
  add(
    `dead-letter-headers-${type}-${reason}${withKey ? '-routing-key' : ''}`,
    'dead-letter',
    `${type} queue dead-letters by ${reason}${withKey ? ' with x-dead-letter-routing-key' : ''}: headers, properties and redelivered`,
    steps,
  )
}
for (const type of TYPES) {
  const reasons = ['reject', 'nack-after-redelivery', 'consumer-reject', 'expired-queue-ttl', 'maxlen']
  if (type === 'classic') reasons.push('expired-message-ttl')
  if (type === 'quorum') reasons.push('delivery-limit')
  for (const reason of reasons) for (const withKey of [false, true]) deadLetterCase(type, reason, withKey)
}

// Properties and typed header values through every path.
const TYPED_HEADERS = {
  s: 'str',
  empty: '',
  i: 42,
  zero: 0,
  neg: -7,
  big: 4294967296,
  f: 1.5,
  t: true,
  no: false,
  arr: [1, 'a', true, 1.5],
  nested: [[1], { k: 'v' }],
  tbl: { k: 'v', n: 1, deep: { x: [2] } },
}
const ALL_PROPS = {
  contentType: 'application/json',
  contentEncoding: 'gzip',
  deliveryMode: 1,
  priority: 7,
  correlationId: 'c-1',
  replyTo: 'reply.q',
  messageId: 'm-1',
  timestamp: 1700000001,
  type: 'order.created',
  appId: 'warren',
  headers: TYPED_HEADERS,
}
const PATHS = {
  get: (type) => [declare('q', type), publish('q', ['m'], { properties: ALL_PROPS }), getNoAck('q')],
  consume: (type) => [
    declare('q', type),
    { op: 'basic.consume', consumer: 'c', queue: 'q', noAck: true },
    publish('q', ['m'], { properties: ALL_PROPS }),
    { op: 'deliveries', consumer: 'c' },
  ],
  requeue: (type) => [
    declare('q', type),
    publish('q', ['m'], { properties: ALL_PROPS }),
    { op: 'basic.get', queue: 'q', as: 'a' },
    { op: 'basic.nack', message: 'a', requeue: true },
    getNoAck('q'),
  ],
  'dead-letter': (type) => [
    declare('dlq', 'classic'),
    declare('q', type, { 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': 'dlq' }),
    publish('q', ['m'], { properties: ALL_PROPS }),
    { op: 'basic.get', queue: 'q', as: 'a' },
    { op: 'basic.reject', message: 'a', requeue: false },
    getNoAck('dlq'),
  ],
  'alternate-exchange': (type) => [
    { op: 'exchange.declare', exchange: 'ae', type: 'fanout' },
    { op: 'exchange.declare', exchange: 'x', type: 'direct', arguments: { 'alternate-exchange': 'ae' } },
    declare('q', type),
    { op: 'queue.bind', queue: 'q', exchange: 'ae' },
    { op: 'basic.publish', exchange: 'x', routingKey: 'nowhere', bodies: ['m'], properties: ALL_PROPS },
    getNoAck('q'),
  ],
  'exchange-to-exchange': (type) => [
    { op: 'exchange.declare', exchange: 'src', type: 'topic' },
    { op: 'exchange.declare', exchange: 'dst', type: 'fanout' },
    { op: 'exchange.bind', destination: 'dst', source: 'src', routingKey: '#' },
    declare('q', type),
    { op: 'queue.bind', queue: 'q', exchange: 'dst' },
    { op: 'basic.publish', exchange: 'src', routingKey: 'a.b', bodies: ['m'], properties: ALL_PROPS },
    getNoAck('q'),
  ],
  'mandatory-return': () => [
    {
      op: 'basic.publish',
      exchange: 'amq.direct',
      routingKey: 'none',
      bodies: ['m'],
      mandatory: true,
      properties: ALL_PROPS,
    },
  ],
  'priority-queue': () => [
    declare('q', 'classic', { 'x-max-priority': 10 }),
    publish('q', ['m'], { properties: ALL_PROPS }),
    getNoAck('q'),
  ],
  'expired-dead-letter': (type) => [
    declare('dlq', 'classic'),
    declare('q', type, { 'x-message-ttl': 100, 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': 'dlq' }),
    publish('q', ['m'], { properties: ALL_PROPS }),
    { op: 'wait', ms: 300 },
    getNoAck('dlq'),
  ],
}
for (const [label, build] of Object.entries(PATHS)) {
  const types = label === 'mandatory-return' || label === 'priority-queue' ? ['classic'] : TYPES
  for (const type of types) {
    add(
      `properties-${label}-${type}`,
      'properties',
      `every property and typed header values through ${label} (${type} queue)`,
      build(type),
    )
  }
}
for (const [label, value] of [
  ['void', null],
  ['long-string', 'x'.repeat(300)],
  ['unicode', 'héllo ☃'],
  ['max-int32', 2147483647],
  ['min-int32', -2147483648],
  ['beyond-int32', 2147483648],
  ['negative-float', -0.25],
  ['empty-array', []],
  ['empty-table', {}],
]) {
  add(`header-value-${label}`, 'properties', `a header of value ${label} through get and dead-letter`, [
    declare('dlq', 'classic'),
    declare('q', 'classic', { 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': 'dlq' }),
    publish('q', ['m'], { properties: { headers: { v: value } } }),
    { op: 'basic.get', queue: 'q', as: 'a' },
    { op: 'basic.reject', message: 'a', requeue: true },
    { op: 'basic.get', queue: 'q', as: 'b' },
    { op: 'basic.reject', message: 'b', requeue: false },
    getNoAck('dlq'),
  ])
}

// Headers exchange matching across value types.
for (const [label, bound, sent] of [
  ['int-vs-string', 1, '1'],
  ['string-vs-int', '1', 1],
  ['int-vs-float', 1, 1.0000001],
  ['bool-vs-string', true, 'true'],
  ['big-int', 4294967296, 4294967296],
  ['negative', -1, -1],
  ['array', [1, 'a'], [1, 'a']],
  ['table', { k: 'v' }, { k: 'v' }],
  ['float', 1.5, 1.5],
  ['empty-string', '', ''],
]) {
  add(
    `headers-match-typed-${label}`,
    'routing',
    `headers exchange x-match all: bound ${JSON.stringify(bound)}, sent ${JSON.stringify(sent)}`,
    [
      declare('q', 'classic'),
      { op: 'queue.bind', queue: 'q', exchange: 'amq.headers', arguments: { 'x-match': 'all', v: bound } },
      {
        op: 'basic.publish',
        exchange: 'amq.headers',
        bodies: ['m'],
        mandatory: true,
        properties: { headers: { v: sent } },
      },
      getNoAck('q'),
    ],
  )
}

// Exclusive queues across connections.
const EXCLUSIVE_ACROSS = {
  'redeclare-from-other-405': [{ ...declare('x', 'classic'), connection: 'other' }],
  'delete-from-other-405': [{ op: 'queue.delete', queue: 'x', connection: 'other' }],
  'purge-from-other-405': [{ op: 'queue.purge', queue: 'x', connection: 'other' }],
  'bind-from-other': [{ op: 'queue.bind', queue: 'x', exchange: 'amq.fanout', connection: 'other' }],
  'publish-from-other': [publish('x', ['from-other'], { connection: 'other' }), getNoAck('x')],
  'owner-close-cancels-nothing-elsewhere': [
    { op: 'basic.consume', consumer: 'c', queue: 'x' },
    { op: 'connection.close' },
    { ...declare('x', 'classic'), connection: 'other' },
  ],
}
for (const [label, steps] of Object.entries(EXCLUSIVE_ACROSS)) {
  add(`exclusive-queue-${label}`, 'connections', `exclusive queue seen from another connection: ${label}`, [
    declare('x', 'classic', {}, { exclusive: true }),
    publish('x', ['m1']),
    ...steps,
    { ...passive('x'), connection: 'third' },
  ])
}
for (const type of TYPES) {
  add(
    `cancel-notify-${type}-queue-deleted-elsewhere`,
    'connections',
    `${type} queue deleted by another connection: its consumers are told, their unacked messages are gone`,
    [
      declare('q', type),
      publish('q', ['m1', 'm2']),
      { op: 'basic.consume', consumer: 'c', queue: 'q', prefetch: 1 },
      { op: 'deliveries', consumer: 'c', as: ['d1'] },
      { op: 'queue.delete', queue: 'q', connection: 'admin' },
      { op: 'deliveries', consumer: 'c' },
      { op: 'basic.ack', message: 'd1' },
      publish('q', ['m3'], { mandatory: true }),
    ],
  )
}

add(
  'auto-delete-queue-consumers-on-two-connections',
  'connections',
  'an auto-delete queue survives while a consumer on another connection remains',
  [
    declare('q', 'classic', {}, { autoDelete: true }),
    { op: 'basic.consume', consumer: 'a', queue: 'q', connection: 'one' },
    { op: 'basic.consume', consumer: 'b', queue: 'q', connection: 'two' },
    { op: 'connection.close', connection: 'one' },
    passive('q'),
    { op: 'connection.close', connection: 'two' },
    passive('q'),
  ],
)

const args = process.argv.slice(2)
const force = args.includes('--force')
const dir = args.find((a) => !a.startsWith('--'))
if (!dir) throw new Error('usage: generate-wide.mjs [--force] DIR')
const names = new Set()
let written = 0
for (const scenario of scenarios) {
  if (names.has(scenario.name)) throw new Error(`duplicate scenario ${scenario.name}`)
  names.add(scenario.name)
  const file = path.join(dir, `${scenario.name}.json`)
  if (fs.existsSync(file) && !force) continue
  fs.writeFileSync(file, formatScenario(scenario))
  written++
}
console.log(`${scenarios.length} scenarios generated, ${written} written to ${dir}`)
