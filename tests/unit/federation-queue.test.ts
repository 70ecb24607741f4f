// A federated queue: messages move to the broker whose queue has consumers and no messages.

import { describe, expect, it } from 'vitest'
import type { Delivery } from '../../engine/model.ts'
import { TestDesign } from './design-harness.ts'

function federatedQueue() {
  const t = new TestDesign().queue('a', 'fq').queue('b', 'fq')
  t.parameter('b', 'federation-upstream', 'up', { uri: 'amqp://a' })
  t.policy('b', 'fed', '^fq$', 'queues', { 'federation-upstream': 'up' })
  return t.settle()
}

describe('federated queue', () => {
  it('takes nothing while the downstream queue has no consumer', () => {
    const t = federatedQueue()
    t.publish('a', '', 'fq', ['1', '2']).settle()
    expect([t.depth('a', 'fq'), t.consumers('a', 'fq'), t.depth('b', 'fq')]).toEqual([2, 0, 0])
  })

  it('moves messages to a consumer downstream, with x-received-from and the original routing', () => {
    const t = federatedQueue()
    t.publish('a', '', 'fq', ['1', '2', '3']).settle()
    const got: Delivery[] = []
    const connection = t.broker('b').connect({
      delivery: (_c, d) => got.push(d),
      returned: () => {},
      confirmed: () => {},
      cancelled: () => {},
      channelClosed: () => {},
      connectionClosed: () => {},
    })
    connection.openChannel().consume('fq', { noAck: true })
    t.settle()
    expect(got.map((d) => d.body)).toEqual(['1', '2', '3'])
    expect(got[0].properties.headers).toEqual({
      'x-original-exchange': '',
      'x-original-routing-key': 'fq',
      'x-received-from': [{ uri: 'amqp://a', queue: 'fq', redelivered: false, 'visit-count': 1 }],
    })
    expect([t.depth('a', 'fq'), t.consumers('a', 'fq')]).toEqual([0, 1])
  })

  it('moves one message at a time to a consumer that acks slowly', () => {
    const t = federatedQueue()
    t.publish('a', '', 'fq', ['1', '2', '3']).settle()
    const channel = t
      .broker('b')
      .connect({
        delivery: () => {},
        returned: () => {},
        confirmed: () => {},
        cancelled: () => {},
        channelClosed: () => {},
        connectionClosed: () => {},
      })
      .openChannel()
    channel.qos(1)
    channel.consume('fq', {})
    t.settle()
    expect(t.depth('a', 'fq')).toBe(1)
    expect(t.depth('b', 'fq')).toBe(1)
  })
})
