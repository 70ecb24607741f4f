// x-delivery-limit is taken as given: no version refuses a fraction or a string (recorded on 3.10.8, 4.0.5 and
// 4.3.6: arg-quorum-delivery-limit-*, quorum-delivery-limit-1p5-rejects, quorum-delivery-limit-s2s-rejects);
// 4.3 lets the default stand for anything but a whole number (quorumDeliveryLimitWholeOnly).

import { describe, expect, it } from 'vitest'
import { BROKER_VERSIONS, PROFILES } from '../../engine/profile.ts'
import { versionChanges } from '../../engine/version-changes.ts'
import type { FieldValue } from '../../engine/model.ts'
import { TestBroker } from './test-broker.ts'

/** How many times a message is fetched and rejected (requeue) before it leaves the queue, up to `tries`. */
function fetchesBeforeGone(version: (typeof BROKER_VERSIONS)[number], limit: FieldValue, tries = 5): number {
  const b = new TestBroker({ version }).quorum('q', { 'x-delivery-limit': limit })
  b.publish('', 'q', 'm')
  for (let n = 0; n < tries; n++) {
    const got = b.get('q')
    if (!got) return n
    b.reject(got, true)
  }
  return tries
}

describe.each(BROKER_VERSIONS)('x-delivery-limit on %s', (version) => {
  it('accepts a fraction: 1.5 lets two returns through before 4.3, and sets no limit of its own on 4.3', () => {
    expect(fetchesBeforeGone(version, 1.5)).toBe(version === '4.3' ? 5 : 2)
  })

  it('accepts a string: it never limits before 4.3, and 4.3 lets the default of 20 stand', () => {
    expect(fetchesBeforeGone(version, '2', 25)).toBe(version === '4.3' ? 21 : 25)
  })

  it('a fraction on 4.3 lets the default of 20 stand', () => {
    expect(fetchesBeforeGone(version, 1.5, 25)).toBe(version === '4.3' ? 21 : 2)
  })

  it('an integer still limits: 2 lets three returns through', () => {
    expect(fetchesBeforeGone(version, 2)).toBe(3)
  })
})

describe('switching a quorum queue with x-delivery-limit 1.5', () => {
  it('from 4.0 to 4.3 lists the default limit taking over', () => {
    const b = new TestBroker({ version: '4.0' }).quorum('q', { 'x-delivery-limit': 1.5 })
    const limit = versionChanges(b.broker, PROFILES['4.3']).find((c) => c.behaviour === 'quorumDefaultDeliveryLimit')
    expect(limit?.params.limit).toBe(20)
  })
})
