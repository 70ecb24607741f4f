import { describe, expect, it } from 'vitest'
import { newConsumer } from '../../app/design/sim-specs.ts'
import { applyConnection, checkAnswer, judgeConnection } from '../../app/design/connect-rules.ts'
import { exampleDoc } from '../../app/design/example.ts'
import { putExchange } from '../../app/design/doc-ops.ts'

const doc = () => {
  const d = exampleDoc()
  d.consumers.idle = { ...newConsumer('idle', 'idle'), processingMs: 1 }
  return putExchange(d, {
    name: 'hidden',
    type: 'fanout',
    durable: true,
    autoDelete: false,
    internal: true,
    arguments: {},
  })
}
const reason = (v: ReturnType<typeof judgeConnection>) => (v.ok ? null : v.reason)

describe('judgeConnection', () => {
  it('refuses queue to queue, into a producer, from a consumer, exchange to consumer', () => {
    expect(reason(judgeConnection(doc(), 'queue:payment', 'out', 'queue:analytics'))).toMatch(
      /cannot feed another queue/,
    )
    expect(reason(judgeConnection(doc(), 'exchange:orders', 'out', 'producer:checkout'))).toMatch(/only sends/)
    expect(reason(judgeConnection(doc(), 'consumer:idle', 'out', 'queue:payment'))).toMatch(/only receives/)
    expect(reason(judgeConnection(doc(), 'exchange:orders', 'out', 'consumer:idle'))).toMatch(/reads from a queue/)
    expect(reason(judgeConnection(doc(), 'producer:checkout', 'out', 'queue:payment'))).toMatch(
      /publishes to an exchange/,
    )
  })

  it("refuses the default exchange and publishing to an internal exchange with RabbitMQ's words", () => {
    expect(reason(judgeConnection(doc(), 'exchange:orders', 'out', 'exchange:'))).toBe(
      'ACCESS_REFUSED - operation not permitted on the default exchange',
    )
    expect(reason(judgeConnection(doc(), 'producer:checkout', 'out', 'exchange:hidden'))).toBe(
      "ACCESS_REFUSED - cannot publish to internal exchange 'hidden' in vhost '/'",
    )
  })

  it('asks for a binding key on topic exchanges and nothing on fanout ones', () => {
    const topic = judgeConnection(doc(), 'exchange:orders', 'out', 'queue:payment.dlq')
    expect(topic.ok && topic.intent.needs).toBe('bindingKey')
    const fanout = judgeConnection(doc(), 'exchange:payment.dlx', 'out', 'queue:analytics')
    expect(fanout.ok && fanout.intent.needs).toBe('nothing')
  })

  it('reads the bottom handles as dead-letter and alternate exchange', () => {
    const dl = judgeConnection(doc(), 'queue:analytics', 'deadLetter', 'exchange:payment.dlx')
    expect(dl.ok && dl.intent.kind).toBe('deadLetter')
    const ae = judgeConnection(doc(), 'exchange:orders', 'alternate', 'exchange:payment.dlx')
    expect(ae.ok && ae.intent.kind).toBe('alternate')
    expect(reason(judgeConnection(doc(), 'exchange:orders', 'alternate', 'queue:payment'))).toMatch(
      /must be an exchange/,
    )
  })
})

describe('answers and applying', () => {
  it('an empty key is refused where the exchange routes by key', () => {
    const v = judgeConnection(doc(), 'exchange:orders', 'out', 'queue:payment.dlq')
    if (!v.ok) throw new Error(v.reason)
    expect(checkAnswer(v.intent, { key: '' })).toMatch(/topic exchange routes by binding key/)
    expect(checkAnswer(v.intent, { key: 'order.*' })).toBeNull()
  })

  it('a header match needs at least one header', () => {
    const d = putExchange(doc(), {
      name: 'h',
      type: 'headers',
      durable: true,
      autoDelete: false,
      internal: false,
      arguments: {},
    })
    const v = judgeConnection(d, 'exchange:h', 'out', 'queue:payment')
    if (!v.ok) throw new Error(v.reason)
    expect(checkAnswer(v.intent, { key: '', headers: { 'x-match': 'all' } })).toMatch(/at least one header/)
    const next = applyConnection(d, v.intent, { key: '', headers: { 'x-match': 'any', format: 'pdf' } })
    expect(next.bindings.at(-1)).toMatchObject({
      source: 'h',
      destination: 'payment',
      routingKey: '',
      arguments: { 'x-match': 'any', format: 'pdf' },
    })
  })

  it('a dead-letter edge sets x-dead-letter-exchange and the optional routing key', () => {
    const v = judgeConnection(doc(), 'queue:analytics', 'deadLetter', 'exchange:payment.dlx')
    if (!v.ok) throw new Error(v.reason)
    expect(applyConnection(doc(), v.intent, { key: 'late' }).queues.analytics.arguments).toEqual({
      'x-dead-letter-exchange': 'payment.dlx',
      'x-dead-letter-routing-key': 'late',
    })
    expect(applyConnection(doc(), v.intent, { key: '' }).queues.analytics.arguments).toEqual({
      'x-dead-letter-exchange': 'payment.dlx',
    })
  })

  it('connecting a queue to a consumer subscribes that consumer', () => {
    const v = judgeConnection(doc(), 'queue:analytics', 'out', 'consumer:idle')
    if (!v.ok) throw new Error(v.reason)
    expect(applyConnection(doc(), v.intent).consumers.idle.queue).toBe('analytics')
  })
})

describe("a producer's key typed with choices", () => {
  const publish = () => {
    const v = judgeConnection(doc(), 'producer:checkout', 'out', 'exchange:orders')
    if (!v.ok) throw new Error(v.reason)
    return v.intent
  }

  it('is the pattern it looks like: order.{created|paid} publishes one of its choices', () => {
    const after = applyConnection(doc(), publish(), { key: 'order.{created|paid}' })
    expect(after.producers.checkout).toMatchObject({ routingKey: 'order.{created|paid}', routingKeyMode: 'pattern' })
    expect(applyConnection(doc(), publish(), { key: 'order.paid' }).producers.checkout.routingKeyMode).toBe('fixed')
  })

  it('says how to make a broken pattern one', () => {
    expect(checkAnswer(publish(), { key: 'order.{created|paid' })).toMatch(/\{/)
    expect(checkAnswer(publish(), { key: 'order.{created|paid}' })).toBeNull()
  })
})
