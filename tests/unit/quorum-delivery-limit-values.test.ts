// x-delivery-limit is taken as given: no version refuses a fraction or a string (recorded on 3.10.8, 4.0.5 and
// 4.3.6: arg-quorum-delivery-limit-*, quorum-delivery-limit-1p5-rejects, quorum-delivery-limit-s2s-rejects);
// 4.3 ignores a fraction (quorumDeliveryLimitWholeOnly).

import { describe, expect, it } from 'vitest'
import { BROKER_VERSIONS } from '../../engine/profile.ts'
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

  it('accepts a string and sets no limit with it', () => {
    expect(fetchesBeforeGone(version, '2')).toBe(5)
  })

  it('an integer still limits: 2 lets three returns through', () => {
    expect(fetchesBeforeGone(version, 2)).toBe(3)
  })
})
