// Streams in a cluster replicate like quorum queues: members on x-initial-cluster-size nodes (every node when
// absent), a leader that needs a majority to confirm and to let consumers read, an election when it is lost.

import { describe, expect, it } from 'vitest'
import { ELECTION_TIMEOUT_MS } from '../../engine/cluster/quorum-replicas.ts'
import { growOnto } from '../../engine/cluster/membership.ts'
import { persistent, streamArgs, TestCluster } from './cluster-driver.ts'

const fromFirst = { 'x-stream-offset': 'first' }

describe('streams in a cluster', () => {
  it('a stream without x-initial-cluster-size has a member on every node, stopped ones included', () => {
    const c = new TestCluster(5)
    c.broker.cluster.stop('rabbit@n5')
    c.client('rabbit@n2').channel.queueDeclare({ queue: 's', durable: true, arguments: streamArgs })
    const s = c.quorum('s')
    expect([s.kind, s.leader, s.members.length]).toEqual(['stream', 'rabbit@n2', 5])
    expect(s.online()).not.toContain('rabbit@n5')
  })

  it('x-initial-cluster-size picks that many members, led from the declaring node', () => {
    const c = new TestCluster(5)
    c.client('rabbit@n4').channel.queueDeclare({
      queue: 's',
      durable: true,
      arguments: { ...streamArgs, 'x-initial-cluster-size': 2 },
    })
    const s = c.quorum('s')
    expect(s.members).toHaveLength(2)
    expect(s.members).toContain('rabbit@n4')
    expect(s.leader).toBe('rabbit@n4')
  })

  it("the leader's node stops: a new leader is elected and a consumer elsewhere keeps reading", () => {
    const c = new TestCluster(3)
    c.client('rabbit@n1').channel.queueDeclare({ queue: 's', durable: true, arguments: streamArgs })
    const reader = c.client('rabbit@n2')
    reader.channel.qos(10)
    reader.channel.consume('s', { consumerTag: 'r', arguments: fromFirst })
    const writer = c.client('rabbit@n3')
    expect(writer.channel.publish('', 's', 'a', persistent, false).confirm).toBe('ack')
    c.broker.cluster.stop('rabbit@n1')
    expect(writer.channel.publish('', 's', 'b', persistent, false).confirm).toBeNull()
    c.clock.advance(2 * ELECTION_TIMEOUT_MS)
    expect(['rabbit@n2', 'rabbit@n3']).toContain(c.quorum('s').leader)
    expect(writer.lateConfirms).toEqual([true])
    expect(writer.channel.publish('', 's', 'c', persistent, false).confirm).toBe('ack')
    expect(reader.deliveries.map((d) => d.body)).toEqual(['a', 'b', 'c'])
  })

  it('with no majority nothing is confirmed or read until a member returns', () => {
    const c = new TestCluster(3)
    const n1 = c.client('rabbit@n1')
    n1.channel.queueDeclare({ queue: 's', durable: true, arguments: streamArgs })
    n1.channel.qos(10)
    n1.channel.consume('s', { consumerTag: 'r', arguments: fromFirst })
    c.broker.cluster.stop('rabbit@n2')
    c.broker.cluster.stop('rabbit@n3')
    expect(n1.channel.publish('', 's', 'x', persistent, false).confirm).toBeNull()
    c.clock.advance(10 * ELECTION_TIMEOUT_MS)
    expect([n1.lateConfirms, n1.deliveries]).toEqual([[], []])
    c.broker.cluster.start('rabbit@n2')
    expect(n1.lateConfirms).toEqual([true])
    expect(n1.deliveries.map((d) => d.body)).toEqual(['x'])
  })

  it('rabbitmq-queues grow leaves streams alone', () => {
    const c = new TestCluster(3)
    c.client('rabbit@n1').channel.queueDeclare({
      queue: 's',
      durable: true,
      arguments: { ...streamArgs, 'x-initial-cluster-size': 1 },
    })
    expect(growOnto(c.broker, 'rabbit@n2')).toBe(0)
    expect(c.quorum('s').members).toEqual(['rabbit@n1'])
  })
})
