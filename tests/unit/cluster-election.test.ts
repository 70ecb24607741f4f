import { describe, expect, it } from 'vitest'
import { ELECTION_TIMEOUT_MS } from '../../engine/cluster/quorum-replicas.ts'
import { persistent, quorumArgs, TestCluster } from './cluster-driver.ts'

/** A 3-node cluster with quorum queue qq declared from n1 (so led from n1) and a consumer on n2. */
function leaderOnN1(seed = 1) {
  const c = new TestCluster(3, seed)
  const n1 = c.client('rabbit@n1')
  n1.channel.queueDeclare({ queue: 'qq', durable: true, arguments: quorumArgs })
  const n2 = c.client('rabbit@n2')
  n2.channel.consume('qq', { consumerTag: 'c2', noAck: true })
  const n3 = c.client('rabbit@n3')
  return { c, n1, n2, n3 }
}

describe('quorum leader election', () => {
  it('the leader node stopping leaves the queue without a leader until the election timeout passes', () => {
    const { c, n3, n2 } = leaderOnN1()
    c.broker.cluster.stop('rabbit@n1')
    const q = c.quorum('qq')
    expect(q.active).toBe(false)
    const outcome = n3.channel.publish('', 'qq', 'during', persistent, false)
    expect(outcome.confirm).toBeNull()
    c.clock.advance(ELECTION_TIMEOUT_MS - 1)
    expect(q.active).toBe(false)
    expect(n2.deliveries).toHaveLength(0)
    c.clock.advance(ELECTION_TIMEOUT_MS + 1)
    expect(q.active).toBe(true)
    expect(['rabbit@n2', 'rabbit@n3']).toContain(q.leader)
    expect(n3.lateConfirms).toEqual([true])
    expect(n2.deliveries.map((d) => d.body)).toEqual(['during'])
  })

  it('after the election publishes are confirmed at once and the consumer on a surviving node keeps receiving', () => {
    const { c, n2, n3 } = leaderOnN1()
    c.broker.cluster.stop('rabbit@n1')
    c.clock.advance(2 * ELECTION_TIMEOUT_MS)
    expect(n3.channel.publish('', 'qq', 'after', persistent, false).confirm).toBe('ack')
    expect(n2.deliveries.map((d) => d.body)).toEqual(['after'])
  })

  it('the same seed elects the same leader at the same virtual time', () => {
    const run = (seed: number) => {
      const { c } = leaderOnN1(seed)
      c.broker.cluster.stop('rabbit@n1')
      c.clock.advance(2 * ELECTION_TIMEOUT_MS)
      return c.quorum('qq').history.map((h) => [h.at, h.leader, h.active])
    }
    expect(run(7)).toEqual(run(7))
    const leaders = new Set([1, 2, 3, 4, 5, 6, 7, 8].map((seed) => run(seed)[2][1]))
    expect([...leaders].every((l) => l === 'rabbit@n2' || l === 'rabbit@n3')).toBe(true)
    expect(leaders.size).toBe(2)
  })

  it('a follower node stopping changes nothing for the leader', () => {
    const { c, n1 } = leaderOnN1()
    c.broker.cluster.stop('rabbit@n3')
    expect(c.quorum('qq').active).toBe(true)
    expect(n1.channel.publish('', 'qq', 'x', persistent, false).confirm).toBe('ack')
  })

  it('unacked messages of a consumer on the stopped leader come back redelivered', () => {
    const c = new TestCluster(3)
    const n1 = c.client('rabbit@n1')
    n1.channel.queueDeclare({ queue: 'qq', durable: true, arguments: quorumArgs })
    n1.channel.consume('qq', { consumerTag: 'c1' })
    const n2 = c.client('rabbit@n2')
    n2.channel.publish('', 'qq', 'a', persistent, false)
    expect(n1.deliveries).toHaveLength(1)
    c.broker.cluster.stop('rabbit@n1')
    expect(n1.closedWith?.code).toBe(320)
    c.clock.advance(2 * ELECTION_TIMEOUT_MS)
    const got = n2.channel.get('qq', true)
    expect(got?.body).toBe('a')
    expect(got?.redelivered).toBe(true)
  })
})
