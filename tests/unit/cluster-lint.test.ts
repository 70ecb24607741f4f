import { describe, expect, it } from 'vitest'
import { lintBroker } from '../../engine/lint.ts'
import { persistent, quorumArgs, TestCluster } from './cluster-driver.ts'

const rules = (c: TestCluster) =>
  lintBroker(c.broker)
    .filter((f) =>
      ['even-cluster-size', 'quorum-without-majority-margin', 'classic-persistent-single-node'].includes(f.rule),
    )
    .map((f) => `${f.rule}:${f.entity.name}`)

describe('cluster lint', () => {
  it('says nothing of a single node', () => {
    const c = new TestCluster(1)
    c.client('rabbit@n1').channel.queueDeclare({ queue: 'q', durable: true })
    expect(rules(c)).toEqual([])
  })

  it('an even cluster size, a quorum queue of two members, a classic queue holding persistent messages', () => {
    const c = new TestCluster(4)
    const ch = c.client('rabbit@n1').channel
    ch.queueDeclare({ queue: 'qq2', durable: true, arguments: { ...quorumArgs, 'x-quorum-initial-group-size': 2 } })
    ch.queueDeclare({ queue: 'qq3', durable: true, arguments: quorumArgs })
    ch.queueDeclare({ queue: 'cq', durable: true })
    ch.queueDeclare({ queue: 'cq-transient-only', durable: true })
    ch.publish('', 'cq', 'kept', persistent, false)
    ch.publish('', 'cq-transient-only', 'gone', {}, false)
    expect(rules(c).sort()).toEqual([
      'classic-persistent-single-node:cq',
      'even-cluster-size:cluster',
      'quorum-without-majority-margin:qq2',
    ])
  })
})
