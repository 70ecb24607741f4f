import { describe, expect, it } from 'vitest'
import { buildEdges, buildNodes } from '../../app/design/build-graph.ts'
import { copyNodes, pasteNodes } from '../../app/design/clipboard.ts'
import { exampleDoc } from '../../app/design/example.ts'
import { consumerForm, consumerFromForm, producerForm, producerFromForm } from '../../app/design/sim-form.ts'
import {
  consumerDefOf,
  consumerSpec,
  newConsumer,
  newProducer,
  producerDefOf,
  producerSpec,
  routingKeyProblem,
} from '../../app/design/sim-specs.ts'

const producer = () => ({ ...newProducer('p', 'checkout'), exchange: 'orders', routingKey: 'order.paid' })
const consumer = () => ({ ...newConsumer('c', 'worker'), queue: 'payment' })
const err = (r: object) => ('error' in r ? (r as { error: string }).error : null)

describe('routing key templates', () => {
  it('accepts patterns of {a|b} choices and explains the broken ones', () => {
    expect(routingKeyProblem('pattern', 'order.{created|paid|cancelled}')).toBeNull()
    expect(routingKeyProblem('pattern', 'order.{created|paid')).toMatch(/never closes it/)
    expect(routingKeyProblem('pattern', 'order.created}')).toMatch(/without its '\{'/)
    expect(routingKeyProblem('pattern', 'order.{a|{b}}')).toMatch(/cannot be nested/)
    expect(routingKeyProblem('pattern', 'order.{a||b}')).toMatch(/empty option/)
    expect(routingKeyProblem('cycle', ' , ')).toMatch(/at least one routing key/)
    expect(routingKeyProblem('fixed', '{not a pattern')).toBeNull()
  })
})

describe('producer form', () => {
  it('round-trips every field and builds the spec the worker runs', () => {
    const f = {
      ...producerForm(producer()),
      routingKeyMode: 'cycle' as const,
      routingKey: 'a, b',
      rate: '2.5',
      burst: '4',
      expiration: '60000',
      priority: '5',
      persistent: true,
      headers: [{ key: 'region', type: 'string' as const, value: 'eu' }],
    }
    const def = producerFromForm(producer(), f)
    if ('error' in def) throw new Error(def.error)
    expect(producerForm(def)).toEqual(f)
    const spec = producerSpec({ ...def, exchange: 'orders' })
    expect(spec).toMatchObject({
      id: 'p',
      exchange: 'orders',
      rate: 2.5,
      routingKey: { kind: 'cycle', keys: ['a', 'b'] },
      headers: { region: 'eu' },
      persistent: true,
      expiration: 60000,
      priority: 5,
    })
    expect(spec.burst).toBeUndefined()
  })

  it('refuses a negative rate, a fractional burst, a bad pattern and a priority above 255', () => {
    const f = producerForm(producer())
    expect(err(producerFromForm(producer(), { ...f, rate: '-1' }))).toMatch(/rate must be a number .* from 0/)
    expect(err(producerFromForm(producer(), { ...f, rate: 'fast' }))).toMatch(/rate/)
    expect(err(producerFromForm(producer(), { ...f, burst: '1.5' }))).toMatch(/burst must be a whole number/)
    expect(err(producerFromForm(producer(), { ...f, routingKeyMode: 'pattern', routingKey: 'order.{a' }))).toMatch(
      /never closes/,
    )
    expect(err(producerFromForm(producer(), { ...f, priority: '300' }))).toMatch(
      /priority must be a whole number from 0 to 255/,
    )
    expect(err(producerFromForm(producer(), { ...f, name: ' ' }))).toMatch(/needs a name/)
  })

  it('a rate of 0 stops a running producer', () => {
    const def = producerFromForm({ ...producer(), running: true }, { ...producerForm(producer()), rate: '0' })
    expect(def).toMatchObject({ rate: 0, running: false })
  })
})

describe('consumer form', () => {
  it('round-trips a range and a failure behaviour', () => {
    const f = {
      ...consumerForm(consumer()),
      processingMs: '100',
      processingMaxMs: '400',
      behaviour: 'fail-randomly' as const,
      probability: '0.25',
      action: 'dead-letter' as const,
    }
    const def = consumerFromForm(consumer(), f)
    expect(def).toMatchObject({
      processingMs: [100, 400],
      behaviour: { kind: 'fail-randomly', probability: 0.25, action: 'dead-letter' },
    })
    if ('error' in def) throw new Error(def.error)
    expect(consumerForm(def)).toEqual(f)
    expect(consumerSpec({ ...def, queue: 'payment' })).toMatchObject({
      id: 'c',
      queue: 'payment',
      autoAck: false,
      processingMs: [100, 400],
    })
  })

  it('refuses a probability outside 0..1, a range upside down, failures with auto ack', () => {
    const f = consumerForm(consumer())
    expect(err(consumerFromForm(consumer(), { ...f, behaviour: 'fail-randomly', probability: '1.5' }))).toMatch(
      /probability must be a number from 0 to 1/,
    )
    expect(err(consumerFromForm(consumer(), { ...f, processingMs: '500', processingMaxMs: '100' }))).toMatch(
      /shorter than the shortest/,
    )
    expect(err(consumerFromForm(consumer(), { ...f, behaviour: 'fail-first', failures: '0' }))).toMatch(
      /failures must be a whole number from 1/,
    )
    expect(
      err(consumerFromForm(consumer(), { ...f, ackMode: 'auto', behaviour: 'fail-first', failures: '2' })),
    ).toMatch(/automatic-ack consumer cannot fail/)
    expect(err(consumerFromForm(consumer(), { ...f, prefetch: '-1' }))).toMatch(/Prefetch must be a whole number/)
  })
})

describe('lesson specs as nodes', () => {
  it('a lesson producer and consumer become nodes that give back the same specs', () => {
    const spec = {
      id: 'shop',
      vhost: '/',
      exchange: 'orders',
      rate: 3,
      routingKey: { kind: 'cycle' as const, keys: ['a', 'b'] },
      body: '{key} #{n}',
      mandatory: false,
      confirms: true,
    }
    const def = producerDefOf(spec, true)
    expect(def).toMatchObject({ name: 'shop', running: true, routingKeyMode: 'cycle', routingKey: 'a, b', burst: 10 })
    expect(producerSpec({ ...def, exchange: 'orders' })).toEqual(spec)
    const burst = producerDefOf({ ...spec, id: 'b', rate: 0, burst: 30 }, true)
    expect(burst).toMatchObject({ rate: 0, burst: 30, running: false })
    const c = {
      id: 'w',
      vhost: '/',
      queue: 'tasks',
      autoAck: false,
      prefetch: 1,
      processingMs: 300,
      behaviour: { kind: 'fail-first' as const, failures: 2, action: 'requeue' as const },
    }
    expect(consumerSpec({ ...consumerDefOf(c), queue: 'tasks' })).toEqual(c)
  })
})

describe('producer nodes in the document', () => {
  it('a pasted producer waits to be started', () => {
    const d = exampleDoc()
    d.producers.checkout = { ...d.producers.checkout, running: true }
    const { doc, ids } = pasteNodes(d, copyNodes(d, ['producer:checkout']), 40, () => 'copy1')
    expect(ids).toEqual(['producer:copy1'])
    expect(doc.producers.copy1).toMatchObject({ name: 'checkout copy', exchange: 'orders', running: false })
  })

  it('a producer on the default exchange is drawn straight to the queue its key names', () => {
    const d = exampleDoc()
    d.producers.direct = { ...newProducer('direct', 'direct'), exchange: '', routingKey: 'payment' }
    d.producers.lost = { ...newProducer('lost', 'lost'), exchange: '', routingKey: 'nowhere' }
    const nodes = buildNodes(d, [])
    const edges = buildEdges(d, new Set(nodes.map((n) => n.id)), [])
    expect(edges.find((e) => e.id === 'publish:direct')).toMatchObject({
      source: 'producer:direct',
      target: 'queue:payment',
    })
    expect(edges.find((e) => e.id === 'publish:lost')).toBeUndefined()
  })
})
