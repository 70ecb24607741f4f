import { describe, expect, it } from 'vitest'
import { TestBroker } from './test-broker.ts'

/** A topic exchange "t" with one queue per pattern, named p0, p1, ...; `route(key)` says which queues a key reaches. */
function topic(...patterns: string[]) {
  const b = new TestBroker().exchange('t', 'topic')
  patterns.forEach((pattern, i) => b.queue(`p${i}`).bind('t', `p${i}`, pattern))
  const route = (key: string): string[] => {
    b.publish('t', key, key)
    const hit = patterns.map((_, i) => `p${i}`).filter((q) => b.depth(q) > 0)
    for (const q of hit) b.drain(q)
    return hit.map((q) => patterns[Number(q.slice(1))])
  }
  return { b, route }
}

describe('topic exchange', () => {
  it('"*" takes exactly one word, "#" zero or more', () => {
    const { route } = topic('a.*', 'a.#', '*.b', '#')
    expect(route('a')).toEqual(['a.#', '#'])
    expect(route('a.b')).toEqual(['a.*', 'a.#', '*.b', '#'])
    expect(route('a.b.c')).toEqual(['a.#', '#'])
    expect(route('x.b')).toEqual(['*.b', '#'])
  })

  it('an empty routing key has no words: it matches "" and "#", not "*"', () => {
    const { route } = topic('', '#', '*', '#.#')
    expect(route('')).toEqual(['', '#', '#.#'])
  })

  it('"#" alone matches every key, including odd ones', () => {
    const { route } = topic('#')
    for (const key of ['', 'a', 'a.b.c', '.', 'a..b', '.a', 'a.']) expect(route(key)).toEqual(['#'])
  })

  it('"#.#" matches zero words too', () => {
    const { route } = topic('#.#')
    expect(route('')).toEqual(['#.#'])
    expect(route('a')).toEqual(['#.#'])
    expect(route('a.b.c.d')).toEqual(['#.#'])
  })

  it('"*.#.*" needs at least two words', () => {
    const { route } = topic('*.#.*')
    expect(route('a')).toEqual([])
    expect(route('a.b')).toEqual(['*.#.*'])
    expect(route('a.x.y.b')).toEqual(['*.#.*'])
  })

  it('"#" in the middle may take no words', () => {
    const { route } = topic('a.#.b', 'a.#.#.b')
    expect(route('a.b')).toEqual(['a.#.b', 'a.#.#.b'])
    expect(route('a.x.y.b')).toEqual(['a.#.b', 'a.#.#.b'])
    expect(route('a.b.c')).toEqual([])
  })

  it('an empty middle word is a word: "a..b"', () => {
    const { route } = topic('a.*.b', 'a.#.b', 'a.b', '*.*')
    expect(route('a..b')).toEqual(['a.*.b', 'a.#.b'])
  })

  it('leading and trailing dots make empty first and last words', () => {
    const { route } = topic('*.a', 'a', 'a.*', '#.a', 'a.#', '*.*')
    expect(route('.a')).toEqual(['*.a', '#.a', '*.*'])
    expect(route('a.')).toEqual(['a.*', 'a.#', '*.*'])
    expect(route('.')).toEqual(['*.*'])
  })

  it('"*" and "#" inside a word are literal characters', () => {
    const { route } = topic('a*', '#a')
    expect(route('ab')).toEqual([])
    expect(route('a*')).toEqual(['a*'])
    expect(route('x.a')).toEqual([])
    expect(route('#a')).toEqual(['#a'])
  })

  it('the RabbitMQ tutorial table routes as documented', () => {
    const { route } = topic('*.orange.*', '*.*.rabbit', 'lazy.#')
    expect(route('quick.orange.rabbit')).toEqual(['*.orange.*', '*.*.rabbit'])
    expect(route('lazy.orange.elephant')).toEqual(['*.orange.*', 'lazy.#'])
    expect(route('quick.orange.fox')).toEqual(['*.orange.*'])
    expect(route('lazy.brown.fox')).toEqual(['lazy.#'])
    expect(route('lazy.pink.rabbit')).toEqual(['*.*.rabbit', 'lazy.#'])
    expect(route('quick.brown.fox')).toEqual([])
    expect(route('orange')).toEqual([])
    expect(route('quick.orange.new.rabbit')).toEqual([])
    expect(route('lazy.orange.new.rabbit')).toEqual(['lazy.#'])
  })

  it('a queue matched by several of its bindings gets one copy', () => {
    const b = new TestBroker().exchange('t', 'topic').queue('q')
    b.bind('t', 'q', 'a.*').bind('t', 'q', '*.b').bind('t', 'q', '#').bind('t', 'q', 'a.b')
    expect(b.publish('t', 'a.b', 'm').queues).toBe(1)
    expect(b.drain('q')).toEqual(['m'])
  })

  it('unbind removes only that pattern', () => {
    const b = new TestBroker().exchange('t', 'topic').queue('q').bind('t', 'q', 'a.*').bind('t', 'q', '#.b')
    b.unbind('t', 'q', 'a.*')
    b.publish('t', 'a.b', 'via-hash-b')
    b.publish('t', 'a.c', 'via-a-star')
    expect(b.drain('q')).toEqual(['via-hash-b'])
  })

  it('unbinding a pattern shared by two queues keeps the other queue bound', () => {
    const b = new TestBroker()
      .exchange('t', 'topic')
      .queue('q1')
      .queue('q2')
      .bind('t', 'q1', 'a.#')
      .bind('t', 'q2', 'a.#')
    b.unbind('t', 'q1', 'a.#')
    b.publish('t', 'a.x', 'm')
    expect([b.depth('q1'), b.depth('q2')]).toEqual([0, 1])
  })

  it('unbinding a pattern that was never bound changes nothing', () => {
    const b = new TestBroker().exchange('t', 'topic').queue('q').bind('t', 'q', 'a.*.c')
    b.unbind('t', 'q', 'a.*')
    b.unbind('t', 'q', 'a.*.c.d')
    b.publish('t', 'a.b.c', 'm')
    expect(b.depth('q')).toBe(1)
  })

  // Also a performance check: binding, routing and unbinding 10,000 keys must fit the default 5 s test timeout.
  it('routes correctly among 10,000 bindings and stops routing once they are removed', () => {
    const b = new TestBroker({ events: false }).exchange('t', 'topic')
    const n = 10_000
    for (let i = 0; i < n; i++) b.queue(`q${i}`).bind('t', `q${i}`, `orders.${i}.*`)
    b.queue('all').bind('t', 'all', 'orders.#')
    expect(b.publish('t', 'orders.1234.created', 'm').queues).toBe(2)
    expect(b.depth('q1234')).toBe(1)
    expect(b.depth('q1235')).toBe(0)
    expect(b.depth('all')).toBe(1)
    expect(b.publish('t', 'orders.1234', 'too-short').queues).toBe(1) // only orders.#
    for (let i = 0; i < n; i++) b.unbind('t', `q${i}`, `orders.${i}.*`)
    b.unbind('t', 'all', 'orders.#')
    expect(b.publish('t', 'orders.1234.created', 'late', {}, true).returned).toBe(true)
  }, 5_000)

  it('amq.topic is pre-declared', () => {
    const b = new TestBroker().queue('q').bind('amq.topic', 'q', 'log.*')
    b.publish('amq.topic', 'log.error', 'm')
    expect(b.depth('q')).toBe(1)
  })
})
