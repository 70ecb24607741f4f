// Consumers of quorum queues, the same on every version (recorded on 3.10.8, 4.0.5 and 4.3.6:
// tests/conformance/*/recorded/exclusive-consume-quorum-*, consumer-count-quorum-*).

import { describe, expect, it } from 'vitest'
import { BROKER_VERSIONS } from '../../engine/profile.ts'
import { TestBroker } from './test-broker.ts'

describe.each(BROKER_VERSIONS)('quorum queue consumers on %s', (version) => {
  it('ignore exclusive consume: others join an exclusive consumer, and an exclusive one joins others', () => {
    const b = new TestBroker({ version }).quorum('q')
    b.consume('q', { exclusive: true })
    b.consume('q')
    b.consume('q', { exclusive: true })
    expect(b.consumerCount('q')).toBe(3)
  })

  it('a classic queue still refuses them (403)', () => {
    const b = new TestBroker({ version }).queue('q')
    b.consume('q', { exclusive: true })
    b.expectError(() => b.consume('q'), 403)
  })
})
