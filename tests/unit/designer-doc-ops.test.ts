import { describe, expect, it } from 'vitest'
import { copyNodes, pasteNodes } from '../../app/design/clipboard.ts'
import { removeNodes, uniqueName } from '../../app/design/doc-ops.ts'
import { exampleDoc } from '../../app/design/example.ts'
import { draftFromQueue, queueFromDraft } from '../../app/design/queue-form.ts'
import { tableFromRows } from '../../app/design/field-rows.ts'
import { buildEdges, buildNodes } from '../../app/design/build-graph.ts'
import { parseSavedDesign } from '../../app/design/saved-design.ts'
import { newProducer } from '../../app/design/sim-specs.ts'

describe('document edits', () => {
  it('uniqueName adds the first free suffix', () => {
    expect(uniqueName('queue', (n) => ['queue', 'queue-2'].includes(n))).toBe('queue-3')
  })

  it('removing an exchange disconnects producers publishing to it', () => {
    const d = removeNodes(exampleDoc(), ['exchange:orders'])
    expect(d.producers.checkout.exchange).toBeNull()
    expect(d.bindings.map((b) => b.source)).toEqual(['payment.dlx'])
  })

  it('copy and paste renames the copies and links them to each other', () => {
    const d = exampleDoc()
    const clip = copyNodes(d, ['exchange:payment.dlx', 'queue:payment.dlq', 'queue:payment'])
    let n = 0
    const { doc, ids } = pasteNodes(d, clip, 40, () => `new${++n}`)
    expect(ids.sort()).toEqual(['exchange:payment.dlx-copy', 'queue:payment-copy', 'queue:payment.dlq-copy'])
    expect(doc.queues['payment-copy'].arguments['x-dead-letter-exchange']).toBe('payment.dlx-copy')
    expect(doc.bindings.some((b) => b.source === 'payment.dlx-copy' && b.destination === 'payment.dlq-copy')).toBe(true)
    expect(Object.keys(doc.queues)).toHaveLength(5)
  })
})

describe('queue form', () => {
  const q = {
    name: 'q',
    durable: true,
    exclusive: false,
    autoDelete: false,
    arguments: { 'x-message-ttl': 1000, 'x-dead-letter-exchange': 'dlx', custom: 'v' },
  }

  it('round-trips a queue definition', () => {
    const back = queueFromDraft(draftFromQueue(q), q)
    expect(back).toEqual({ def: q })
  })

  it('passes numbers as typed, for the broker to judge, and refuses non-numbers itself', () => {
    const draft = draftFromQueue(q)
    const negative = queueFromDraft({ ...draft, numbers: { ...draft.numbers, 'x-message-ttl': '-5' } }, q)
    expect('def' in negative && negative.def.arguments['x-message-ttl']).toBe(-5)
    const text = queueFromDraft({ ...draft, numbers: { ...draft.numbers, 'x-message-ttl': 'soon' } }, q)
    expect(text).toEqual({ error: "Message TTL (ms) must be a number, not 'soon'." })
  })

  it('typed header rows', () => {
    expect(
      tableFromRows([
        { key: 'n', type: 'number', value: '3' },
        { key: 'b', type: 'boolean', value: 'false' },
        { key: '', type: 'string', value: '' },
      ]),
    ).toEqual({ table: { n: 3, b: false } })
    expect(tableFromRows([{ key: 'n', type: 'number', value: 'x' }])).toEqual({
      error: "The header 'n' is not a number: 'x'.",
    })
  })
})

describe('graph building', () => {
  const input = () => {
    const d = exampleDoc()
    return { ...d, positions: { 'queue:payment': { x: 10, y: 20 } } }
  }

  it('draws every node and edge kind of the example', () => {
    const i = input()
    const nodes = buildNodes(i, [])
    const edges = buildEdges(i, new Set(nodes.map((n) => n.id)), [])
    expect(nodes).toHaveLength(9)
    expect(edges.map((e) => e.data?.kind).sort()).toEqual([
      'binding',
      'binding',
      'binding',
      'consume',
      'consume',
      'consume',
      'deadLetter',
      'publish',
    ])
  })

  it('draws a dead-letter hop through the default exchange straight to the queue its routing key names', () => {
    const i = input()
    const retry = {
      name: 'retry',
      durable: true,
      exclusive: false,
      autoDelete: false,
      arguments: { 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': 'payment' },
    }
    const keyless = {
      name: 'keyless',
      durable: true,
      exclusive: false,
      autoDelete: false,
      arguments: { 'x-dead-letter-exchange': '' },
    }
    const withRetry = { ...i, queues: { ...i.queues, retry, keyless } }
    const nodes = buildNodes(withRetry, [])
    const edges = buildEdges(withRetry, new Set(nodes.map((n) => n.id)), [])
    const hop = edges.find((e) => e.id === 'deadLetter:retry')
    expect(hop && [hop.source, hop.target, hop.data?.label]).toEqual([
      'queue:retry',
      'queue:payment',
      'dead letter · payment (default)',
    ])
    expect(edges.some((e) => e.id === 'deadLetter:keyless')).toBe(false)
  })

  it('draws the dead-letter and alternate exchanges a policy sets, marked as set by policy; an argument wins', () => {
    const i = input()
    const policyLinks = {
      deadLetters: { analytics: { exchange: 'payment.dlx' }, payment: { exchange: 'elsewhere' } },
      alternates: { orders: 'payment.dlx' },
    }
    const withPolicy = { ...i, policyLinks }
    const nodes = buildNodes(withPolicy, [])
    const edges = buildEdges(withPolicy, new Set(nodes.map((n) => n.id)), [])
    const byId = (id: string) => edges.find((e) => e.id === id)
    expect([byId('deadLetter:analytics')?.target, byId('deadLetter:analytics')?.data?.label]).toEqual([
      'exchange:payment.dlx',
      'dead letter (policy)',
    ])
    expect(byId('deadLetter:payment')?.target).toBe('exchange:payment.dlx')
    expect(byId('deadLetter:payment')?.data?.label).toBe('dead letter')
    expect([byId('alternate:orders')?.target, byId('alternate:orders')?.data?.label]).toEqual([
      'exchange:payment.dlx',
      'alternate (policy)',
    ])
  })

  it('keeps node objects whose definition and position did not change', () => {
    const i = input()
    const first = buildNodes(i, [])
    const moved = { ...i, positions: { ...i.positions, 'queue:analytics': { x: 1, y: 1 } } }
    const second = buildNodes(moved, first)
    const changed = second.filter((n, k) => n !== first[k]).map((n) => n.id)
    expect(changed).toEqual(['queue:analytics'])
  })
})

describe('saved design', () => {
  it('keeps well-formed entries and drops the rest', () => {
    const parsed = parseSavedDesign({
      version: 1,
      producers: { p: { name: 'p', exchange: 'x', routingKey: 'k' }, bad: { name: 3 } },
      consumers: {},
      positions: { a: { x: 1, y: 2 }, b: { x: 'no' } },
    })
    expect(parsed).toEqual({
      producers: { p: { ...newProducer('p', 'p'), exchange: 'x', routingKey: 'k' } },
      consumers: {},
      positions: { a: { x: 1, y: 2 } },
    })
    expect(parseSavedDesign(null)).toBeNull()
    expect(parseSavedDesign({ version: 99 })).toBeNull()
  })
})
