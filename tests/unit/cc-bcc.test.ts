import { describe, expect, it } from 'vitest'
import { TestBroker } from './test-broker.ts'

function directWithThreeQueues() {
  return new TestBroker()
    .exchange('d')
    .queue('q1')
    .queue('q2')
    .queue('q3')
    .bind('d', 'q1', 'k1')
    .bind('d', 'q2', 'k2')
    .bind('d', 'q3', 'k3')
}

describe('sender-selected routing (CC and BCC headers)', () => {
  it('CC keys route to extra queues and the CC header is kept', () => {
    const b = directWithThreeQueues()
    expect(b.publish('d', 'k1', 'm', { headers: { CC: ['k2'] } }).queues).toBe(2)
    for (const q of ['q1', 'q2']) {
      const got = b.get(q, true)!
      expect(got).toMatchObject({ body: 'm', exchange: 'd', routingKey: 'k1' })
      expect(got.properties.headers).toEqual({ CC: ['k2'] })
    }
    expect(b.depth('q3')).toBe(0)
  })

  it('BCC keys route to extra queues and the BCC header is removed from every copy', () => {
    const b = directWithThreeQueues()
    b.publish('d', 'k1', 'm', { headers: { CC: ['k2'], BCC: ['k3'], other: 'x' } })
    for (const q of ['q1', 'q2', 'q3']) {
      const got = b.get(q, true)!
      expect(got.routingKey).toBe('k1')
      expect(got.properties.headers).toEqual({ CC: ['k2'], other: 'x' })
    }
  })

  it('BCC alone works without CC', () => {
    const b = directWithThreeQueues()
    b.publish('d', 'k1', 'm', { headers: { BCC: ['k3'] } })
    expect([b.depth('q1'), b.depth('q2'), b.depth('q3')]).toEqual([1, 0, 1])
    expect(b.get('q3', true)!.properties.headers ?? {}).toEqual({})
  })

  it('a queue matched by the routing key and a CC key gets one copy', () => {
    const b = directWithThreeQueues()
    expect(b.publish('d', 'k1', 'm', { headers: { CC: ['k1', 'k1'], BCC: ['k1'] } }).queues).toBe(1)
    expect(b.depth('q1')).toBe(1)
  })

  it('CC keys count for the mandatory flag: a message routed only by CC is not returned', () => {
    const b = directWithThreeQueues()
    expect(b.publish('d', 'none', 'm', { headers: { CC: ['k2'] } }, true).returned).toBe(false)
    expect(b.depth('q2')).toBe(1)
  })

  it('CC keys are matched as topic patterns by a topic exchange', () => {
    const b = new TestBroker().exchange('t', 'topic').queue('eu').queue('us')
    b.bind('t', 'eu', 'eu.*').bind('t', 'us', 'us.#')
    b.publish('t', 'eu.paris', 'm', { headers: { CC: ['us.east.nyc'] } })
    expect([b.depth('eu'), b.depth('us')]).toEqual([1, 1])
  })

  it('CC on the default exchange reaches the named queues', () => {
    const b = new TestBroker().queue('q1').queue('q2')
    b.publish('', 'q1', 'm', { headers: { CC: ['q2'] } })
    expect([b.depth('q1'), b.depth('q2')]).toEqual([1, 1])
  })

  it('CC keys pass through an exchange-to-exchange binding', () => {
    const b = new TestBroker().exchange('x1', 'direct').exchange('x2', 'direct').queue('q')
    b.bindExchange('x1', 'x2', 'cc-key').bind('x2', 'q', 'cc-key')
    b.publish('x1', 'main-key', 'm', { headers: { CC: ['cc-key'] } })
    expect(b.depth('q')).toBe(1)
  })

  it('a CC header that is not an array fails the publish with 406 and routes nothing', () => {
    const b = new TestBroker().queue('q1').queue('q2')
    b.expectError(() => b.publish('', 'q1', 'm', { headers: { CC: 'q2' } }), 406)
    expect([b.depth('q1'), b.depth('q2')]).toEqual([0, 0])
  })

  it('dead-lettering keeps the CC header and lists CC keys in x-death routing-keys', () => {
    const b = new TestBroker().exchange('dlx', 'fanout').queue('dlq').bind('dlx', 'dlq').exchange('d')
    b.queue('q', { 'x-dead-letter-exchange': 'dlx' }).bind('d', 'q', 'k1')
    b.publish('d', 'k1', 'm', { headers: { CC: ['kx'] } })
    b.reject(b.get('q')!, false)
    const headers = b.get('dlq', true)!.properties.headers!
    expect(headers.CC).toEqual(['kx'])
    expect(headers['x-death']).toMatchObject([
      { count: 1, reason: 'rejected', queue: 'q', exchange: 'd', 'routing-keys': ['k1', 'kx'] },
    ])
  })

  it('with a dead-letter routing key the CC header is removed and CC keys no longer route', () => {
    const b = new TestBroker()
      .exchange('dlx', 'direct')
      .queue('dlq')
      .bind('dlx', 'dlq', 'dead')
      .queue('ccq')
      .bind('dlx', 'ccq', 'kx')
    b.queue('q', { 'x-dead-letter-exchange': 'dlx', 'x-dead-letter-routing-key': 'dead' })
    b.publish('', 'q', 'm', { headers: { CC: ['kx'] } })
    b.reject(b.get('q')!, false)
    const got = b.get('dlq', true)!
    expect(got.routingKey).toBe('dead')
    expect(got.properties.headers!.CC).toBeUndefined()
    expect(got.properties.headers!['x-death']).toMatchObject([{ 'routing-keys': ['q', 'kx'] }])
    expect(b.depth('ccq')).toBe(0)
  })

  it('without a dead-letter routing key the dead letter is routed by its routing key and CC keys', () => {
    const b = new TestBroker()
      .exchange('dlx', 'direct')
      .queue('by-key')
      .bind('dlx', 'by-key', 'q')
      .queue('by-cc')
      .bind('dlx', 'by-cc', 'kx')
    b.queue('q', { 'x-dead-letter-exchange': 'dlx' })
    b.publish('', 'q', 'm', { headers: { CC: ['kx'] } })
    b.reject(b.get('q')!, false)
    expect([b.depth('by-key'), b.depth('by-cc')]).toEqual([1, 1])
  })
})
