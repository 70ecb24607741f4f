// The designer's view of a replicated queue: each member's lag behind the leader and the leader history with
// reasons, as the clusterReplicas command answers it.

import { describe, expect, it } from 'vitest'
import { ELECTION_TIMEOUT_MS } from '../../engine/cluster/quorum-replicas.ts'
import { listReplicas } from '../../engine/worker/replica-commands.ts'
import { persistent, quorumArgs, TestCluster } from './cluster-driver.ts'

describe('replicated queue members and leader history', () => {
  it('a stopped member falls behind by what the leader took meanwhile, and catches up when it returns', () => {
    const c = new TestCluster(3)
    const n1 = c.client('rabbit@n1')
    n1.channel.queueDeclare({ queue: 'qq', durable: true, arguments: quorumArgs })
    n1.channel.publish('', 'qq', 'before', persistent, false)
    c.broker.cluster.stop('rabbit@n3')
    for (const body of ['a', 'b']) n1.channel.publish('', 'qq', body, persistent, false)
    const behind = () => listReplicas(c.broker, { queue: 'qq' })[0].members.map((m) => [m.node, m.behind])
    expect(behind()).toEqual([
      ['rabbit@n1', 0],
      ['rabbit@n2', 0],
      ['rabbit@n3', 2],
    ])
    c.broker.cluster.start('rabbit@n3')
    expect(behind().map(([, lag]) => lag)).toEqual([0, 0, 0])
  })

  it('the history says who led when and why: declared, majority lost, elected', () => {
    const c = new TestCluster(3)
    c.client('rabbit@n1').channel.queueDeclare({ queue: 'qq', durable: true, arguments: quorumArgs })
    c.broker.cluster.stop('rabbit@n1')
    c.clock.advance(2 * ELECTION_TIMEOUT_MS)
    const [info] = listReplicas(c.broker, {})
    expect(info.history.map((h) => h.reason)).toEqual(['declared', 'majority-lost', 'elected'])
    expect(info.history[2].at).toBeGreaterThanOrEqual(ELECTION_TIMEOUT_MS)
    expect(info.members.find((m) => m.node === 'rabbit@n1')).toMatchObject({ online: false, leader: false })
  })

  it('lists only replicated queues', () => {
    const c = new TestCluster(3)
    c.client('rabbit@n1').channel.queueDeclare({ queue: 'cq', durable: true })
    expect(listReplicas(c.broker, {})).toEqual([])
  })
})
