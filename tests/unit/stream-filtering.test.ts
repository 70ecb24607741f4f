// Stream filtering: x-stream-filter-value on publish, x-stream-filter / x-stream-match-unfiltered on consume.

import { describe, expect, it } from 'vitest'
import { expectError, TestBroker } from './test-broker.ts'

function filled(version: '3.10' | '4.3') {
  const b = new TestBroker({ version })
  b.queue('f', { 'x-queue-type': 'stream' }, { durable: true })
  const colour = (value: string) => ({ headers: { 'x-stream-filter-value': value } })
  b.publish('', 'f', 'red1', colour('red'))
  b.publish('', 'f', 'blue1', colour('blue'))
  b.publish('', 'f', 'plain1')
  b.publish('', 'f', 'red2', colour('red'))
  return b
}

const from = (filter: Record<string, unknown>) => ({
  prefetch: 10,
  arguments: { 'x-stream-offset': 'first', ...filter },
})

describe('stream filtering', () => {
  it('a filter reads the messages with one of its values; match-unfiltered adds those published without one', () => {
    const b = filled('4.3')
    expect(b.consume('f', from({ 'x-stream-filter': 'red' })).bodies()).toEqual(['red1', 'red2'])
    expect(b.consume('f', from({ 'x-stream-filter': ['red', 'blue'] })).bodies()).toEqual(['red1', 'blue1', 'red2'])
    const withPlain = b.consume('f', from({ 'x-stream-filter': 'red', 'x-stream-match-unfiltered': true }))
    expect(withPlain.bodies()).toEqual(['red1', 'plain1', 'red2'])
    expect(b.consume('f', from({})).bodies()).toEqual(['red1', 'blue1', 'plain1', 'red2'])
  })

  it('filtered-out messages still advance the offset: the next delivery carries its own offset', () => {
    const b = filled('4.3')
    const red = b.consume('f', from({ 'x-stream-filter': 'red' }))
    expect(red.deliveries.map((d) => d.properties.headers?.['x-stream-offset'])).toEqual([0, 3])
  })

  it('3.10 has no filtering: the filter is ignored and any filter size is accepted', () => {
    const b = filled('3.10')
    expect(b.consume('f', from({ 'x-stream-filter': 'red' })).bodies()).toEqual(['red1', 'blue1', 'plain1', 'red2'])
    b.queue('sized', { 'x-queue-type': 'stream', 'x-stream-filter-size-bytes': 300 }, { durable: true })
    const newer = new TestBroker({ version: '4.3' })
    expectError(
      () => newer.queue('sized', { 'x-queue-type': 'stream', 'x-stream-filter-size-bytes': 300 }, { durable: true }),
      406,
    )
  })
})
