import { describe, expect, it } from 'vitest'
import type { FieldTable } from '../../engine/index.ts'
import { TestBroker } from './test-broker.ts'

/** A headers exchange "h" with one queue "q" bound with `args`; `matches(headers)` says whether a message reaches it. */
function headersBinding(args: FieldTable) {
  const b = new TestBroker().exchange('h', 'headers').queue('q').bind('h', 'q', '', args)
  const matches = (headers: FieldTable | undefined): boolean => {
    const before = b.depth('q')
    b.publish('h', '', 'm', headers === undefined ? {} : { headers })
    return b.depth('q') > before
  }
  return { b, matches }
}

describe('headers exchange', () => {
  it('x-match all needs every pair; any needs one', () => {
    const all = headersBinding({ 'x-match': 'all', a: '1', b: '2' }).matches
    const any = headersBinding({ 'x-match': 'any', a: '1', b: '2' }).matches
    const cases: [FieldTable, boolean, boolean][] = [
      [{ a: '1' }, false, true],
      [{ a: '1', b: '2' }, true, true],
      [{ a: '1', b: '2', c: '3' }, true, true],
      [{ c: '3' }, false, false],
      [{ a: '2', b: '2' }, false, true],
      [{ a: '2', b: '3' }, false, false],
    ]
    for (const [headers, wantAll, wantAny] of cases) {
      expect(all(headers), `all ${JSON.stringify(headers)}`).toBe(wantAll)
      expect(any(headers), `any ${JSON.stringify(headers)}`).toBe(wantAny)
    }
  })

  it('without x-match the binding behaves as all', () => {
    const { matches } = headersBinding({ a: '1', b: '2' })
    expect(matches({ a: '1' })).toBe(false)
    expect(matches({ a: '1', b: '2' })).toBe(true)
  })

  it('the routing key is ignored', () => {
    const b = new TestBroker()
      .exchange('h', 'headers')
      .queue('q')
      .bind('h', 'q', 'some-key', { 'x-match': 'any', a: '1' })
    b.publish('h', 'other-key', 'm', { headers: { a: '1' } })
    expect(b.depth('q')).toBe(1)
  })

  it('values are compared with their types: 1 is not "1", true is not "true"', () => {
    const num = headersBinding({ 'x-match': 'all', a: 1 }).matches
    const bool = headersBinding({ 'x-match': 'all', b: true }).matches
    expect(num({ a: '1' })).toBe(false)
    expect(num({ a: 1 })).toBe(true)
    expect(num({ a: 2 })).toBe(false)
    expect(bool({ b: 'true' })).toBe(false)
    expect(bool({ b: true })).toBe(true)
    expect(bool({ b: false })).toBe(false)
  })

  it('a null binding value asks only that the header be present', () => {
    const { matches } = headersBinding({ 'x-match': 'all', a: null })
    expect(matches({ a: 'anything' })).toBe(true)
    expect(matches({ a: null })).toBe(true)
    expect(matches({ a: 0 })).toBe(true)
    expect(matches({ b: '1' })).toBe(false)
    expect(matches(undefined)).toBe(false)
  })

  it('a null binding value counts as a match for any', () => {
    const { matches } = headersBinding({ 'x-match': 'any', a: null, b: 'x' })
    expect(matches({ a: 1 })).toBe(true)
    expect(matches({ b: 'y' })).toBe(false)
  })

  it('all and any ignore x- binding keys: all with only x- keys matches everything, any matches nothing', () => {
    const all = headersBinding({ 'x-match': 'all', 'x-k': 'v' }).matches
    const any = headersBinding({ 'x-match': 'any', 'x-k': 'v' }).matches
    expect(all({ 'x-k': 'v' })).toBe(true)
    expect(all({ other: '1' })).toBe(true)
    expect(all(undefined)).toBe(true)
    expect(any({ 'x-k': 'v' })).toBe(false)
    expect(any({ other: '1' })).toBe(false)
  })

  it('x- keys are ignored next to ordinary keys too', () => {
    const { matches } = headersBinding({ 'x-match': 'all', 'x-k': 'v', a: '1' })
    expect(matches({ a: '1' })).toBe(true)
    expect(matches({ a: '1', 'x-k': 'other' })).toBe(true)
    expect(matches({ 'x-k': 'v' })).toBe(false)
  })

  it('all-with-x and any-with-x compare x- keys as well', () => {
    const allX = headersBinding({ 'x-match': 'all-with-x', 'x-k': 'v', a: '1' }).matches
    const anyX = headersBinding({ 'x-match': 'any-with-x', 'x-k': 'v', a: '1' }).matches
    expect(allX({ a: '1' })).toBe(false)
    expect(allX({ a: '1', 'x-k': 'v' })).toBe(true)
    expect(allX({ a: '1', 'x-k': 'w' })).toBe(false)
    expect(anyX({ 'x-k': 'v' })).toBe(true)
    expect(anyX({ a: '2', 'x-k': 'w' })).toBe(false)
  })

  it('an all binding with no keys matches every message; an any binding with no keys none', () => {
    const all = headersBinding({ 'x-match': 'all' }).matches
    const any = headersBinding({ 'x-match': 'any' }).matches
    expect(all(undefined)).toBe(true)
    expect(all({ a: 1 })).toBe(true)
    expect(any({ a: 1 })).toBe(false)
  })

  it('a message without headers matches no all binding that has keys', () => {
    const { matches } = headersBinding({ 'x-match': 'all', a: '1' })
    expect(matches(undefined)).toBe(false)
    expect(matches({})).toBe(false)
  })

  it('an invalid x-match is refused with 406 and the binding is not made', () => {
    const b = new TestBroker().exchange('h', 'headers').queue('q')
    b.expectError(() => b.bind('h', 'q', '', { 'x-match': 'some' }), 406)
    b.expectError(() => b.bind('h', 'q', '', { 'x-match': 1 }), 406)
    b.publish('h', '', 'm', { headers: { 'x-match': 'some' } })
    expect(b.depth('q')).toBe(0)
    expect(b.eventsOf('bound')).toHaveLength(0)
  })

  it('unbind needs the same arguments', () => {
    const b = new TestBroker().exchange('h', 'headers').queue('q').bind('h', 'q', '', { 'x-match': 'any', a: '1' })
    b.unbind('h', 'q', '', {})
    expect(b.publish('h', '', 'still', { headers: { a: '1' } }, true).returned).toBe(false)
    b.unbind('h', 'q', '', { 'x-match': 'any', a: '1' })
    expect(b.publish('h', '', 'gone', { headers: { a: '1' } }, true).returned).toBe(true)
    expect(b.drain('q')).toEqual(['still'])
  })

  it('two bindings of one queue with different arguments give one copy', () => {
    const b = new TestBroker().exchange('h', 'headers').queue('q')
    b.bind('h', 'q', '', { 'x-match': 'any', a: '1' }).bind('h', 'q', '', { 'x-match': 'any', b: '2' })
    expect(b.publish('h', '', 'm', { headers: { a: '1', b: '2' } }).queues).toBe(1)
    expect(b.depth('q')).toBe(1)
  })

  it('amq.headers and amq.match are pre-declared headers exchanges', () => {
    const b = new TestBroker().queue('q1').queue('q2')
    b.bind('amq.headers', 'q1', '', { a: '1' }).bind('amq.match', 'q2', '', { a: '1' })
    b.publish('amq.headers', '', 'm', { headers: { a: '1' } })
    b.publish('amq.match', '', 'm', { headers: { a: '1' } })
    expect([b.depth('q1'), b.depth('q2')]).toEqual([1, 1])
  })
})
