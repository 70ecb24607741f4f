import { describe, expect, it } from 'vitest'
import { growOnto, shrinkOff } from '../../engine/cluster/membership.ts'
import { ELECTION_TIMEOUT_MS } from '../../engine/cluster/quorum-replicas.ts'
import { quorumArgs, TestCluster } from './cluster-driver.ts'

function twoOfFive() {
  const c = new TestCluster(5)
  c.client('rabbit@n1').channel.queueDeclare({
    queue: 'qq',
    durable: true,
    arguments: { ...quorumArgs, 'x-quorum-initial-group-size': 2 },
  })
  return c
}

describe('quorum membership (rabbitmq-queues)', () => {
  it('add_member adds a running node; a stopped node or a member again is refused', () => {
    const c = twoOfFive()
    const q = c.quorum('qq')
    const outside = ['rabbit@n2', 'rabbit@n3', 'rabbit@n4', 'rabbit@n5'].find((n) => !q.members.includes(n))!
    q.addMember(outside)
    expect(q.members).toHaveLength(3)
    expect(() => q.addMember(outside)).toThrow(/already/)
    const stopped = ['rabbit@n2', 'rabbit@n3', 'rabbit@n4', 'rabbit@n5'].find((n) => !q.members.includes(n))!
    c.broker.cluster.stop(stopped)
    expect(() => q.addMember(stopped)).toThrow(/not running/)
  })

  it('delete_member of the leader makes the others elect; the last member stays', () => {
    const c = new TestCluster(3)
    c.client('rabbit@n1').channel.queueDeclare({ queue: 'qq', durable: true, arguments: quorumArgs })
    const q = c.quorum('qq')
    q.deleteMember('rabbit@n1')
    expect(q.active).toBe(false)
    c.clock.advance(2 * ELECTION_TIMEOUT_MS)
    expect(['rabbit@n2', 'rabbit@n3']).toContain(q.leader)
    q.deleteMember(q.leader === 'rabbit@n2' ? 'rabbit@n3' : 'rabbit@n2')
    expect(() => q.deleteMember(q.leader)).toThrow(/last member/)
  })

  it('grow adds a node to every quorum queue, shrink takes it out of every one', () => {
    const c = twoOfFive()
    const wasMember = c.quorum('qq').members.includes('rabbit@n5')
    expect(growOnto(c.broker, 'rabbit@n5')).toBe(wasMember ? 0 : 1)
    expect(c.quorum('qq').members).toContain('rabbit@n5')
    expect(shrinkOff(c.broker, 'rabbit@n5')).toBe(1)
    expect(c.quorum('qq').members).not.toContain('rabbit@n5')
  })
})
