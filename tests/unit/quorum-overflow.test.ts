// x-overflow reject-publish-dlx on a quorum queue drops and dead-letters the head, as drop-head does
// (recorded on 3.10.8, 4.0.5 and 4.3.6: quorum-reject-publish-dlx-dead-letters-head).

import { describe, expect, it } from 'vitest'
import { BROKER_VERSIONS } from '../../engine/profile.ts'
import { TestBroker, text } from './test-broker.ts'

describe.each(BROKER_VERSIONS)('a quorum queue with x-overflow reject-publish-dlx on %s', (version) => {
  it('accepts every publish and dead-letters the oldest messages past x-max-length', () => {
    const b = new TestBroker({ version }).queue('dlq').quorum('q', {
      'x-max-length': 1,
      'x-overflow': 'reject-publish-dlx',
      'x-dead-letter-exchange': '',
      'x-dead-letter-routing-key': 'dlq',
    })
    for (const body of ['m1', 'm2', 'm3']) expect(b.publish('', 'q', body).queues).toBe(1)
    expect(b.drain('q')).toEqual(['m3'])
    const dead = b.get('dlq', true)!
    expect(text(dead.body)).toBe('m1')
    expect(dead.properties.headers?.['x-first-death-reason']).toBe('maxlen')
    expect(b.drain('dlq')).toEqual(['m2'])
  })

  it('a classic queue refuses the publish and dead-letters the refused message instead', () => {
    const b = new TestBroker({ version }).queue('dlq').queue(
      'q',
      {
        'x-max-length': 1,
        'x-overflow': 'reject-publish-dlx',
        'x-dead-letter-exchange': '',
        'x-dead-letter-routing-key': 'dlq',
      },
      { durable: true },
    )
    for (const body of ['m1', 'm2']) b.publish('', 'q', body)
    expect(b.drain('q')).toEqual(['m1'])
    expect(b.drain('dlq')).toEqual(['m2'])
  })
})
