import { describe, expect, it } from 'vitest'
import { AmqpError, type FieldTable } from '../../engine/index.ts'
import { TestBroker } from './test-broker.ts'

describe('404 NOT_FOUND', () => {
  it('a missing exchange or queue', () => {
    const b = new TestBroker().queue('q').exchange('x')
    b.expectError(() => b.publish('nosuch', 'k', 'm'), 404)
    b.expectError(() => b.bind('nosuch', 'q', 'k'), 404)
    b.expectError(() => b.bind('x', 'nosuch', 'k'), 404)
    b.expectError(() => b.get('nosuch'), 404)
    b.expectError(() => b.channel.queuePurge('nosuch'), 404)
    b.expectError(() => b.channel.queueDeclare({ queue: 'nosuch', passive: true }), 404)
    b.expectError(() => b.channel.exchangeDeclare({ exchange: 'nosuch', type: 'direct', passive: true }), 404)
    b.expectError(() => b.consume('nosuch'), 404)
  })

  it('a channel error closes only that channel; the connection and other channels go on', () => {
    const b = new TestBroker().queue('q')
    const other = b.openChannel()
    const channel = b.channel
    const error = b.expectError(() => channel.get('nosuch'), 404)
    expect(error.connectionLevel).toBe(false)
    expect(error.message).toBe("NOT_FOUND - no queue 'nosuch' in vhost '/'")
    expect(channel.closed).toBe(true)
    expect(other.closed).toBe(false)
    expect(b.connection.closed).toBe(false)
    b.expectError(() => channel.get('q'), 504)
    other.publish('', 'q', 'm', {}, false)
    expect(b.depth('q')).toBe(1)
  })

  it('a passive declare of a missing amq.* queue is 404, an active one 403', () => {
    const b = new TestBroker()
    b.expectError(() => b.channel.queueDeclare({ queue: 'amq.foo', passive: true }), 404)
    b.expectError(() => b.queue('amq.foo'), 403)
  })

  it('unbinding what does not exist is fine', () => {
    const b = new TestBroker().exchange('x').queue('q')
    b.unbind('x', 'q', 'never')
    b.unbind('nosuch', 'q', 'k')
    expect(b.channel.closed).toBe(false)
  })
})

describe('403 ACCESS_REFUSED', () => {
  it('amq.* names are reserved', () => {
    const b = new TestBroker()
    b.expectError(() => b.exchange('amq.custom', 'direct'), 403)
    b.expectError(() => b.queue('amq.q'), 403)
    b.expectError(() => b.queue('amq.gen-custom'), 403)
    b.channel.exchangeDeclare({ exchange: 'amq.direct', type: 'direct', passive: true })
  })

  it('the default exchange cannot be declared, deleted, bound or unbound', () => {
    const b = new TestBroker().queue('q').exchange('x')
    b.expectError(() => b.channel.exchangeDeclare({ exchange: '', type: 'direct', passive: true }), 403)
    b.expectError(() => b.channel.exchangeDeclare({ exchange: '', type: 'direct', durable: true }), 403)
    b.expectError(() => b.channel.exchangeDelete(''), 403)
    b.expectError(() => b.bind('', 'q', 'q'), 403)
    b.expectError(() => b.unbind('', 'q', 'q'), 403)
    b.expectError(() => b.bindExchange('', 'x'), 403)
    b.expectError(() => b.bindExchange('x', ''), 403)
  })

  it('pre-declared amq.* exchanges cannot be deleted; an equal redeclare is fine, a different type is 406', () => {
    const b = new TestBroker()
    b.expectError(() => b.channel.exchangeDelete('amq.direct'), 403)
    b.exchange('amq.direct', 'direct', { durable: true })
    b.expectError(() => b.exchange('amq.direct', 'fanout', { durable: true }), 406)
    b.channel.exchangeDelete('nosuch')
    expect(b.exchangeExists('amq.direct')).toBe(true)
  })

  it('publishing to an internal exchange', () => {
    const b = new TestBroker().exchange('xi', 'fanout', { internal: true })
    b.expectError(() => b.publish('xi', '', 'm'), 403)
  })
})

describe('405 RESOURCE_LOCKED', () => {
  it('an exclusive queue redeclared non-exclusive (and the reverse) on the same connection', () => {
    const b = new TestBroker().queue('ex', {}, { exclusive: true })
    b.channel.queueDeclare({ queue: 'ex', passive: true })
    b.expectError(() => b.queue('ex'), 405)
    b.queue('plain')
    b.expectError(() => b.queue('plain', {}, { exclusive: true }), 405)
    b.queue('ex', {}, { exclusive: true })
  })

  it('another connection cannot use an exclusive queue', () => {
    const b = new TestBroker().queue('ex', {}, { exclusive: true })
    const other = b.openChannel(b.connect())
    b.expectError(() => other.queueDeclare({ queue: 'ex', passive: true }), 405)
  })

  it('another connection cannot consume, get, purge, delete or bind an exclusive queue', () => {
    const b = new TestBroker().queue('ex', {}, { exclusive: true })
    const connection = b.connect()
    const fresh = () => b.openChannel(connection)
    b.expectError(() => fresh().consume('ex'), 405)
    b.expectError(() => fresh().get('ex'), 405)
    b.expectError(() => fresh().queuePurge('ex'), 405)
    b.expectError(() => fresh().queueDelete('ex'), 405)
    b.expectError(() => fresh().queueBind('ex', 'amq.fanout'), 405)
    expect(b.exists('ex')).toBe(true)
  })
})

describe('406 PRECONDITION_FAILED', () => {
  it('an inequivalent exchange redeclare', () => {
    const b = new TestBroker().exchange('x', 'direct')
    b.expectError(() => b.exchange('x', 'fanout'), 406)
    b.expectError(() => b.exchange('x', 'direct', { durable: true }), 406)
    b.expectError(() => b.exchange('x', 'direct', { autoDelete: true }), 406)
    b.expectError(() => b.exchange('x', 'direct', { internal: true }), 406)
    b.exchange('x', 'direct')
  })

  it('an inequivalent queue redeclare: durable, auto-delete, or an x-argument changed, added or omitted', () => {
    const b = new TestBroker().queue('q', { 'x-message-ttl': 1000 })
    b.expectError(() => b.queue('q', { 'x-message-ttl': 2000 }), 406)
    b.expectError(() => b.queue('q', {}), 406)
    b.expectError(() => b.queue('q', { 'x-message-ttl': 1000, 'x-max-length': 5 }), 406)
    b.expectError(() => b.queue('q', { 'x-message-ttl': 1000 }, { durable: true }), 406)
    b.expectError(() => b.queue('q', { 'x-message-ttl': 1000 }, { autoDelete: true }), 406)
    b.queue('q', { 'x-message-ttl': 1000 })
  })

  it('unknown arguments and x-queue-type classic are not compared on redeclare', () => {
    const b = new TestBroker().queue('q')
    b.queue('q', { 'x-queue-type': 'classic' })
    b.queue('q', { 'x-foo': 1 })
    b.queue('q2', { 'x-max-length': 5 })
    b.queue('q2', { 'x-max-length': 5, 'x-queue-type': 'classic', 'x-foo': 2 })
  })

  it('invalid numeric queue arguments', () => {
    const b = new TestBroker()
    const invalid: FieldTable[] = [
      { 'x-message-ttl': -1 },
      { 'x-message-ttl': '1000' },
      { 'x-message-ttl': 1.5 },
      { 'x-expires': 0 },
      { 'x-expires': -1 },
      { 'x-max-length': -1 },
      { 'x-max-length': '5' },
      { 'x-max-length-bytes': -1 },
      { 'x-max-priority': 256 },
      { 'x-max-priority': -1 },
    ]
    invalid.forEach((args, i) => b.expectError(() => b.queue(`q${i}`, args), 406))
    b.queue('ok', { 'x-max-priority': 0, 'x-message-ttl': 0, 'x-max-length': 0, 'x-expires': 10000 })
    expect(b.exists('q0')).toBe(false)
  })

  it('invalid other queue arguments; unknown ones are accepted', () => {
    const b = new TestBroker()
    b.expectError(() => b.queue('q1', { 'x-overflow': 'nope' }), 406)
    b.expectError(() => b.queue('q2', { 'x-queue-type': 'nope' }), 406)
    b.expectError(() => b.queue('q3', { 'x-dead-letter-routing-key': 'k' }), 406)
    b.expectError(() => b.queue('q4', { 'x-single-active-consumer': 'yes' }), 406)
    b.queue('q5', { 'x-foo': 1 }).queue('q6', { 'x-overflow': 'reject-publish-dlx' })
  })

  it('quorum queues must be durable, non-exclusive and non-auto-delete, without x-max-priority', () => {
    const b = new TestBroker()
    b.expectError(() => b.queue('q1', { 'x-queue-type': 'quorum' }), 406)
    b.expectError(() => b.queue('q2', { 'x-queue-type': 'quorum' }, { durable: true, exclusive: true }), 406)
    b.expectError(() => b.queue('q3', { 'x-queue-type': 'quorum' }, { durable: true, autoDelete: true }), 406)
    b.expectError(() => b.quorum('q4', { 'x-max-priority': 10 }), 406)
    b.expectError(() => b.quorum('q6', { 'x-queue-mode': 'lazy' }), 406)
    b.quorum('q5', { 'x-overflow': 'reject-publish-dlx' }).quorum('q7')
  })

  it('delete if-unused or if-empty', () => {
    const b = new TestBroker().queue('q')
    b.publish('', 'q', 'm')
    b.expectError(() => b.channel.queueDelete('q', { ifEmpty: true }), 406)
    b.consume('q')
    b.expectError(() => b.channel.queueDelete('q', { ifUnused: true }), 406)
    expect(b.exists('q')).toBe(true)
  })

  it('a user-id that is not the connection user', () => {
    const b = new TestBroker().queue('q')
    b.expectError(() => b.publish('', 'q', 'm', { userId: 'someone' }), 406)
    b.publish('', 'q', 'ok', { userId: 'guest', expiration: '60000' })
    expect(b.get('q', true)!.properties).toEqual({ userId: 'guest', expiration: '60000' })
  })
})

describe('503 COMMAND_INVALID', () => {
  it('an unknown exchange type closes the whole connection and deletes its exclusive queues', () => {
    const b = new TestBroker().queue('shared').queue('mine', {}, { exclusive: true })
    const connection = b.connection
    const other = b.openChannel()
    const error = b.expectError(() => b.exchange('x', 'x-unknown-type'), 503)
    expect(error.connectionLevel).toBe(true)
    expect(connection.closed).toBe(true)
    expect(other.closed).toBe(true)
    expect(b.connectionCloses).toMatchObject([{ code: 503, text: 'COMMAND_INVALID' }])
    expect(b.exists('mine')).toBe(false)
    expect(b.exists('shared')).toBe(true)
    expect(b.exchangeExists('x')).toBe(false)
    expect(b.eventsOf('queueDeleted')).toMatchObject([{ name: 'mine', reason: 'exclusive-owner-gone' }])
  })

  it('closing the connection requeues unacked messages of its channels', () => {
    const b = new TestBroker().queue('q')
    b.publish('', 'q', 'm')
    b.get('q')
    expect(() => b.exchange('x', 'nope')).toThrow(AmqpError)
    expect(b.depth('q')).toBe(1)
    expect(b.get('q', true)!.redelivered).toBe(true)
  })
})

describe('connection close', () => {
  it('a clean close deletes the exclusive queues of that connection only', () => {
    const b = new TestBroker()
    const other = b.connect()
    b.openChannel(other).queueDeclare({ queue: 'theirs', exclusive: true })
    b.queue('mine', {}, { exclusive: true }).queue('shared')
    b.connection.close()
    expect(b.connectionCloses).toEqual([null])
    expect([b.exists('mine'), b.exists('theirs'), b.exists('shared')]).toEqual([false, true, true])
  })

  it('a closed connection refuses new channels', () => {
    const b = new TestBroker()
    const connection = b.connection
    connection.close()
    expect(() => connection.openChannel()).toThrow(AmqpError)
  })
})

describe('server-named queues', () => {
  it('an empty queue name gets a generated amq.gen- name', () => {
    const b = new TestBroker()
    const ok = b.channel.queueDeclare({ queue: '', exclusive: true })
    expect(ok.queue).toMatch(/^amq\.gen-[A-Za-z0-9_-]{22}$/)
    expect(b.exists(ok.queue)).toBe(true)
  })

  it('the same seed generates the same names', () => {
    const names = [1, 2].map(() => new TestBroker({ seed: 7 }).channel.queueDeclare({ queue: '' }).queue)
    expect(names[0]).toBe(names[1])
    expect(new TestBroker({ seed: 8 }).channel.queueDeclare({ queue: '' }).queue).not.toBe(names[0])
  })

  it('"" in bind, get, purge and delete means the last queue declared on the channel, but not in a passive declare', () => {
    const b = new TestBroker()
    const name = b.channel.queueDeclare({ queue: '' }).queue
    b.channel.queueBind('', 'amq.fanout', '')
    for (const body of ['m1', 'm2', 'm3']) b.publish('amq.fanout', 'k', body)
    expect(b.channel.get('')!.body).toBe('m1')
    expect(b.channel.queuePurge('')).toBe(2)
    b.publish('amq.fanout', 'k', 'm4')
    expect(b.channel.queueDelete('')).toBe(1)
    expect(b.exists(name)).toBe(false)
    b.expectError(() => b.channel.queueDeclare({ queue: '', passive: true }), 404)
  })
})
