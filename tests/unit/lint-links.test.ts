// Lint of shovels and federation: targets that do not exist, loops without max-hops, and queues fed by a shovel.

import { describe, expect, it } from 'vitest'
import { lintBroker } from '../../engine/lint.ts'
import { shovel, TestDesign } from './design-harness.ts'

const rules = (t: TestDesign, broker: string) => lintBroker(t.broker(broker)).map((f) => `${f.rule} ${f.entity.name}`)

describe('lint: shovels and federation', () => {
  it('a shovel to a broker that is not in the design, or to a missing exchange', () => {
    const t = new TestDesign().queue('a', 'src')
    t.parameter('a', 'shovel', 'lost', shovel('a', 'nowhere'))
    t.parameter('a', 'shovel', 'no-x', {
      'src-uri': 'amqp://',
      'src-queue': 'src',
      'dest-uri': 'amqp://b',
      'dest-exchange': 'gone',
    })
    const found = lintBroker(t.broker('a')).filter((f) => f.rule === 'shovel-target-missing')
    expect(found.map((f) => f.params)).toEqual([
      { shovel: 'lost', missing: 'broker nowhere' },
      { shovel: 'no-x', missing: 'exchange gone' },
    ])
  })

  it('an upstream whose exchange is missing on the upstream broker', () => {
    const t = new TestDesign()
    t.channel('b').exchangeDeclare({ exchange: 'fx', type: 'fanout', arguments: {} })
    t.parameter('b', 'federation-upstream', 'up', { uri: 'amqp://a' })
    t.policy('b', 'fed', '^fx$', 'exchanges', { 'federation-upstream-set': 'all' })
    expect(rules(t, 'b')).toContain('federation-target-missing up')
    t.channel('a').exchangeDeclare({ exchange: 'fx', type: 'fanout', arguments: {} })
    expect(rules(t, 'b')).not.toContain('federation-target-missing up')
  })

  it('a federation loop is flagged while an upstream on it leaves max-hops unset', () => {
    const t = new TestDesign()
    for (const [b, other] of [
      ['a', 'b'],
      ['b', 'a'],
    ]) {
      t.channel(b).exchangeDeclare({ exchange: 'ring', type: 'fanout', arguments: {} })
      t.parameter(b, 'federation-upstream', 'other', { uri: `amqp://${other}` })
      t.policy(b, 'fed', '^ring$', 'exchanges', { 'federation-upstream-set': 'all' })
    }
    expect(rules(t, 'a')).toContain('federation-loop-without-max-hops ring')
    for (const [b, other] of [
      ['a', 'b'],
      ['b', 'a'],
    ])
      t.parameter(b, 'federation-upstream', 'other', { uri: `amqp://${other}`, 'max-hops': 1 })
    expect(rules(t, 'a')).not.toContain('federation-loop-without-max-hops ring')
  })

  it('a queue fed only by a shovel is not unreachable', () => {
    const t = new TestDesign().queue('a', 'src').queue('b', 'dst').queue('b', 'alone')
    t.parameter('a', 'shovel', 's', shovel('a', 'b'))
    expect(rules(t, 'b')).toContain('unroutable-queue alone')
    expect(rules(t, 'b')).not.toContain('unroutable-queue dst')
  })
})
