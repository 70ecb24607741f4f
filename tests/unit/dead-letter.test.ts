import { describe, expect, it } from 'vitest'
import type { FieldTable } from '../../engine/index.ts'
import { TestBroker } from './test-broker.ts'

/** A fanout "dlx" into "dlq", and a queue "q" dead-lettering to it with extra arguments. */
function withDlx(args: FieldTable = {}) {
  return new TestBroker()
    .exchange('dlx', 'fanout')
    .queue('dlq')
    .bind('dlx', 'dlq')
    .queue('q', { 'x-dead-letter-exchange': 'dlx', ...args })
}

const deaths = (headers: FieldTable | undefined) => headers?.['x-death'] as FieldTable[]

describe('dead-lettering', () => {
  it('basic.reject requeue=false dead-letters with reason rejected and the x-death fields', () => {
    const b = withDlx()
    b.publish('', 'q', 'm', { headers: { h: 'v' }, contentType: 'text/plain', deliveryMode: 2 })
    b.reject(b.get('q')!, false)
    expect(b.depth('q')).toBe(0)
    const got = b.get('dlq', true)!
    expect(got).toMatchObject({ body: 'm', exchange: 'dlx', routingKey: 'q', redelivered: false })
    expect(got.properties).toMatchObject({ contentType: 'text/plain', deliveryMode: 2 })
    const headers = got.properties.headers!
    expect(headers.h).toBe('v')
    expect(headers['x-first-death-reason']).toBe('rejected')
    expect(headers['x-first-death-queue']).toBe('q')
    expect(headers['x-first-death-exchange']).toBe('')
    expect(deaths(headers)).toHaveLength(1)
    expect(deaths(headers)[0]).toMatchObject({
      count: 1,
      reason: 'rejected',
      queue: 'q',
      exchange: '',
      'routing-keys': ['q'],
    })
    expect(typeof deaths(headers)[0].time).toBe('number')
  })

  it('basic.nack requeue=false dead-letters with reason rejected, in order', () => {
    const b = withDlx()
    for (const body of ['m1', 'm2', 'm3']) b.publish('', 'q', body)
    b.get('q')
    b.get('q')
    const last = b.get('q')!
    b.nack(last, { multiple: true, requeue: false })
    expect(b.drain('dlq')).toEqual(['m1', 'm2', 'm3'])
  })

  it('expired messages are dead-lettered with reason expired', () => {
    const b = withDlx({ 'x-message-ttl': 100 })
    b.publish('', 'q', 'm')
    b.clock.advance(100)
    expect(b.get('dlq', true)!.properties.headers!['x-first-death-reason']).toBe('expired')
  })

  it('messages dropped by x-max-length are dead-lettered with reason maxlen', () => {
    const b = withDlx({ 'x-max-length': 1 })
    b.publish('', 'q', 'm1')
    b.publish('', 'q', 'm2')
    expect(deaths(b.get('dlq', true)!.properties.headers)[0].reason).toBe('maxlen')
  })

  it('a quorum queue dead-letters with reason delivery_limit once the delivery limit is passed', () => {
    const b = new TestBroker().exchange('dlx', 'fanout').queue('dlq').bind('dlx', 'dlq')
    b.quorum('qq', { 'x-delivery-limit': 1, 'x-dead-letter-exchange': 'dlx' })
    b.publish('', 'qq', 'm')
    b.nack(b.get('qq')!, { requeue: true })
    const second = b.get('qq')!
    expect(second.properties.headers!['x-delivery-count']).toBe(1)
    b.nack(second, { requeue: true })
    expect(b.get('qq')).toBeNull()
    const got = b.get('dlq', true)!
    expect(got).toMatchObject({ body: 'm', exchange: 'dlx', routingKey: 'qq' })
    expect(got.properties.headers).toMatchObject({
      'x-death': [{ count: 1, reason: 'delivery_limit', queue: 'qq', exchange: '', 'routing-keys': ['qq'] }],
      'x-first-death-reason': 'delivery_limit',
    })
  })

  it('x-dead-letter-routing-key replaces the routing key; x-death keeps the original keys', () => {
    const b = new TestBroker().exchange('dlx', 'direct').queue('dlq').bind('dlx', 'dlq', 'dead')
    b.queue('q', { 'x-dead-letter-exchange': 'dlx', 'x-dead-letter-routing-key': 'dead' })
    b.publish('', 'q', 'm')
    b.reject(b.get('q')!, false)
    const got = b.get('dlq', true)!
    expect(got.routingKey).toBe('dead')
    expect(deaths(got.properties.headers)[0]['routing-keys']).toEqual(['q'])
  })

  it('a rejection cycle into the same queue is not dropped; the x-death count increments', () => {
    const b = new TestBroker().queue('q', { 'x-dead-letter-exchange': '' })
    b.publish('', 'q', 'm')
    b.reject(b.get('q')!, false)
    const second = b.get('q')!
    expect(second.redelivered).toBe(false)
    expect(deaths(second.properties.headers)).toMatchObject([
      { count: 1, reason: 'rejected', queue: 'q', exchange: '', 'routing-keys': ['q'] },
    ])
    b.reject(second, false)
    const third = b.get('q')!
    expect(deaths(third.properties.headers)).toMatchObject([
      { count: 2, reason: 'rejected', queue: 'q', exchange: '', 'routing-keys': ['q'] },
    ])
    expect(third.properties.headers).toMatchObject({
      'x-first-death-reason': 'rejected',
      'x-first-death-queue': 'q',
      'x-first-death-exchange': '',
    })
  })

  it('a repeated death keeps the exchange and routing keys of the first one', () => {
    const b = new TestBroker().exchange('d').exchange('dlx')
    b.queue('q', { 'x-dead-letter-exchange': 'dlx', 'x-dead-letter-routing-key': 'again' })
    b.bind('d', 'q', 'k').bind('dlx', 'q', 'again')
    b.publish('d', 'k', 'm')
    b.reject(b.get('q')!, false)
    const second = b.get('q')!
    expect(second).toMatchObject({ exchange: 'dlx', routingKey: 'again' })
    b.reject(second, false)
    const headers = b.get('q')!.properties.headers!
    expect(deaths(headers)).toHaveLength(1)
    expect(deaths(headers)[0]).toMatchObject({
      count: 2,
      reason: 'rejected',
      queue: 'q',
      exchange: 'd',
      'routing-keys': ['k'],
    })
    expect(headers['x-first-death-exchange']).toBe('d')
  })

  it('x-death entries are newest first, one per queue and reason; x-first-death-* name the first death', () => {
    const b = new TestBroker()
    b.queue('q1', { 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': 'q2' })
    b.queue('q2', { 'x-message-ttl': 100, 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': 'q3' })
    b.queue('q3')
    b.publish('', 'q1', 'm')
    b.reject(b.get('q1')!, false)
    b.clock.advance(300)
    const got = b.get('q3', true)!
    expect(got.routingKey).toBe('q3')
    const headers = got.properties.headers!
    expect(deaths(headers)).toMatchObject([
      { count: 1, reason: 'expired', queue: 'q2', exchange: '', 'routing-keys': ['q2'] },
      { count: 1, reason: 'rejected', queue: 'q1', exchange: '', 'routing-keys': ['q1'] },
    ])
    expect(headers).toMatchObject({
      'x-first-death-reason': 'rejected',
      'x-first-death-queue': 'q1',
      'x-first-death-exchange': '',
    })
  })

  it('an entry seen before moves to the front with count + 1 and keeps its first exchange and keys', () => {
    // q rejects to "retry" (TTL, back to q): the retry pattern, a cycle that contains a rejection.
    const b = new TestBroker()
    b.queue('q', { 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': 'retry' })
    b.queue('retry', { 'x-message-ttl': 100, 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': 'q' })
    b.publish('', 'q', 'm')
    b.reject(b.get('q')!, false)
    b.clock.advance(100)
    b.reject(b.get('q')!, false)
    b.clock.advance(100)
    const got = b.get('q', true)!
    expect(deaths(got.properties.headers)).toMatchObject([
      { count: 2, reason: 'expired', queue: 'retry', 'routing-keys': ['retry'] },
      { count: 2, reason: 'rejected', queue: 'q', 'routing-keys': ['q'] },
    ])
  })

  it('an automatic cycle (expiry back into the same queue) is dropped; other queues bound to the DLX still get it', () => {
    const b = new TestBroker().exchange('dlx', 'fanout').queue('obs').bind('dlx', 'obs')
    b.queue('q', { 'x-message-ttl': 100, 'x-dead-letter-exchange': 'dlx' }).bind('dlx', 'q')
    b.publish('', 'q', 'm')
    b.clock.advance(600)
    expect(b.depth('q')).toBe(0)
    expect(b.depth('obs')).toBe(1)
    expect(b.eventsOf('dropped')).toMatchObject([{ queue: 'q', reason: 'dead-letter-cycle' }])
  })

  it('an automatic cycle through two TTL queues is dropped when it comes back', () => {
    const b = new TestBroker()
    b.queue('a', { 'x-message-ttl': 100, 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': 'b' })
    b.queue('b', { 'x-message-ttl': 100, 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': 'a' })
    b.publish('', 'a', 'm')
    b.clock.advance(100)
    expect([b.depth('a'), b.depth('b')]).toEqual([0, 1])
    b.clock.advance(100)
    expect([b.depth('a'), b.depth('b')]).toEqual([0, 0])
    b.clock.advance(1000)
    expect([b.depth('a'), b.depth('b')]).toEqual([0, 0])
  })

  it('a cycle that contains a rejection is not dropped', () => {
    const b = new TestBroker()
    b.queue('work', { 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': 'wait' })
    b.queue('wait', { 'x-message-ttl': 100, 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': 'work' })
    b.publish('', 'work', 'm')
    b.reject(b.get('work')!, false)
    b.clock.advance(100)
    expect(b.depth('work')).toBe(1)
    expect(b.eventsOf('dropped')).toHaveLength(0)
  })

  it('a missing dead-letter exchange drops the message', () => {
    const b = new TestBroker().queue('q', { 'x-dead-letter-exchange': 'nosuch' })
    b.publish('', 'q', 'm')
    b.reject(b.get('q')!, false)
    expect(b.depth('q')).toBe(0)
    expect(b.eventsOf('dropped')).toMatchObject([{ queue: 'q', reason: 'dead-letter-exchange-missing' }])
    expect(b.eventsOf('deadLettered')).toHaveLength(0)
  })

  it('without a dead-letter exchange a rejected message is dropped', () => {
    const b = new TestBroker().queue('q')
    b.publish('', 'q', 'm')
    b.reject(b.get('q')!, false)
    expect(b.depth('q')).toBe(0)
    expect(b.eventsOf('dropped')).toMatchObject([{ queue: 'q', reason: 'rejected' }])
  })

  it('a dead-letter exchange that routes nowhere loses the message', () => {
    const b = new TestBroker().exchange('dlx', 'direct').queue('q', { 'x-dead-letter-exchange': 'dlx' })
    b.publish('', 'q', 'm')
    b.reject(b.get('q')!, false)
    expect(b.depth('q')).toBe(0)
    expect(b.eventTypes().slice(-2)).toEqual(['deadLettered', 'unroutable'])
  })

  it('the dead letter is a new message: its own id, not redelivered, persistent if the original was', () => {
    const b = withDlx()
    const published = b.publish('', 'q', 'm', { deliveryMode: 2 })
    const first = b.get('q')!
    b.nack(first, { requeue: true })
    b.reject(b.get('q')!, false)
    const got = b.get('dlq', true)!
    expect(got.messageId).not.toBe(published.messageId)
    expect(got.redelivered).toBe(false)
    expect(got.properties.deliveryMode).toBe(2)
    expect(b.eventsOf('deadLettered')).toMatchObject([
      { messageId: published.messageId, newMessageId: got.messageId, reason: 'rejected' },
    ])
  })

  it('a long chain of dead-lettering does not recurse', () => {
    const b = new TestBroker({ events: false })
    const n = 2000
    for (let i = 0; i < n; i++)
      b.queue(`q${i}`, { 'x-max-length': 0, 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': `q${i + 1}` })
    b.queue(`q${n}`)
    b.publish('', 'q0', 'm')
    expect(b.depth(`q${n}`)).toBe(1)
    expect(deaths(b.get(`q${n}`, true)!.properties.headers)).toHaveLength(n)
  })
})
