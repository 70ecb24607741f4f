// Where a message returned to a quorum queue goes: a closed channel's messages come back first on every version,
// nacked and rejected ones only from 4.0 (recorded: returned-quorum-channel-close-*, returned-quorum-get-holder-*).

import { describe, expect, it } from 'vitest'
import { BROKER_VERSIONS } from '../../engine/profile.ts'
import { TestBroker } from './test-broker.ts'

describe.each(BROKER_VERSIONS)('messages returned to a quorum queue on %s', (version) => {
  it('by a closed channel are served first, in the order they were delivered', () => {
    const b = new TestBroker({ version }).quorum('q')
    for (const body of ['m1', 'm2', 'm3']) b.publish('', 'q', body)
    const holder = b.openChannel()
    holder.get('q')
    holder.get('q')
    holder.close()
    expect(b.drain('q')).toEqual(['m1', 'm2', 'm3'])
  })

  it("by a closed connection are served first, a consumer's as well", () => {
    const b = new TestBroker({ version }).quorum('q')
    for (const body of ['m1', 'm2', 'm3']) b.publish('', 'q', body)
    const worker = b.connect()
    b.consume('q', { prefetch: 1, channel: b.openChannel(worker) })
    worker.close()
    expect(b.drain('q')).toEqual(['m1', 'm2', 'm3'])
  })
})
