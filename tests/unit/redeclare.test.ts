// What the re-create question says, and when a rename is not asked about at all.

import { describe, expect, it } from 'vitest'
import { putExchange, putQueue, renameExchange, renameQueue } from '../../app/design/doc-ops.ts'
import { exampleDoc } from '../../app/design/example.ts'
import { planRedeclare } from '../../app/session/redeclare.ts'

const idle = { ready: 0, unacked: 0, consumers: 0 }

describe('planRedeclare', () => {
  it('asks nothing for renaming a queue nothing rides on (no binding, message or consumer)', () => {
    const before = putQueue(exampleDoc(), { ...exampleDoc().queues.payment, name: 'fresh' })
    const after = renameQueue(before, 'fresh', 'fresher')
    expect(planRedeclare(before, after, { fresh: idle }, { kind: 'queue', from: 'fresh', to: 'fresher' })).toBeNull()
  })

  it('says RabbitMQ has no rename and what moving the ready messages does', () => {
    const before = exampleDoc()
    const after = renameQueue(before, 'payment', 'payments')
    const plan = planRedeclare(
      before,
      after,
      { payment: { ready: 4, unacked: 0, consumers: 2 } },
      { kind: 'queue', from: 'payment', to: 'payments' },
    )
    expect(plan?.title).toBe("Re-create queue 'payment'?")
    expect(plan?.paragraphs[0]).toBe(
      "RabbitMQ has no rename: renaming declares a new queue 'payments' and deletes 'payment'.",
    )
    expect(plan?.paragraphs.join(' ')).toContain("re-publishes each ready message from 'payment' into 'payments'")
    expect(plan?.readyToMove).toBe(4)
    expect(plan?.moves).toEqual([{ from: 'payment', to: 'payments' }])
  })

  it('asks nothing for renaming an exchange just added, and says plainly what renaming a bound one does', () => {
    const fresh = putExchange(exampleDoc(), { ...exampleDoc().exchanges.orders, name: 'fresh' })
    const quiet = renameExchange(fresh, 'fresh', 'fresher')
    expect(planRedeclare(fresh, quiet, {}, { kind: 'exchange', from: 'fresh', to: 'fresher' })).toBeNull()
    const before = exampleDoc()
    const plan = planRedeclare(
      before,
      renameExchange(before, 'orders', 'sales'),
      {},
      {
        kind: 'exchange',
        from: 'orders',
        to: 'sales',
      },
    )
    expect(plan?.title).toBe("Re-create exchange 'orders'?")
    expect(plan?.paragraphs[0]).toBe(
      "RabbitMQ has no rename: renaming declares a new exchange 'sales' and deletes 'orders'.",
    )
    expect(plan?.paragraphs.join(' ')).toContain('Exchanges hold no messages: nothing is lost.')
  })
})
