// Shovel parameters as rabbit_shovel_parameters reads them, and the shovel each one starts.

import { describe, expect, it } from 'vitest'
import { parseShovel } from '../../engine/shovel/parameters.ts'
import { shovel, TestDesign } from './design-harness.ts'

describe('shovel parameters', () => {
  it('takes RabbitMQ defaults: on-confirm, prefetch 1000, reconnect-delay 5 s, never deleted', () => {
    const config = parseShovel({ 'src-uri': 'amqp://', 'src-queue': 'q', 'dest-uri': 'amqp://', 'dest-queue': 'd' })
    expect(config).toMatchObject({
      ackMode: 'on-confirm',
      srcPrefetchCount: 1000,
      reconnectDelay: 5,
      srcDeleteAfter: 'never',
    })
  })

  it('refuses a source with both a queue and an exchange, and an unknown ack mode', () => {
    expect(
      parseShovel({ 'src-uri': 'amqp://', 'src-queue': 'q', 'src-exchange': 'x', 'dest-uri': 'amqp://' }),
    ).toHaveProperty('error')
    expect(
      parseShovel({ 'src-uri': 'amqp://', 'src-queue': 'q', 'dest-uri': 'amqp://', 'ack-mode': 'sometimes' }),
    ).toHaveProperty('error')
  })

  it('reads dest-publish-properties in snake case', () => {
    const config = parseShovel({
      'src-uri': 'amqp://',
      'src-queue': 'q',
      'dest-uri': 'amqp://',
      'dest-publish-properties': { delivery_mode: 2, app_id: 'shovel' },
    })
    expect(config).toMatchObject({ destPublishProperties: { deliveryMode: 2, appId: 'shovel' } })
  })
})

describe('a shovel follows its parameter', () => {
  it('moves messages within one broker, from a queue to an exchange', () => {
    const t = new TestDesign('a')
    t.queue('a', 'src').queue('a', 'moved')
    t.channel('a').exchangeDeclare({ exchange: 'x', type: 'fanout', arguments: {} })
    t.channel('a').queueBind('moved', 'x', '', {})
    t.parameter('a', 'shovel', 'local', {
      'src-uri': 'amqp://',
      'src-queue': 'src',
      'dest-uri': 'amqp://',
      'dest-exchange': 'x',
    })
    t.publish('a', '', 'src', ['m']).settle()
    expect(t.drain('a', 'moved')).toEqual(['m'])
  })

  it('stops when its parameter is cleared', () => {
    const t = new TestDesign().queue('a', 'src').queue('b', 'dst')
    t.parameter('a', 'shovel', 's', shovel('a', 'b'))
    t.api('a').handle({ method: 'DELETE', path: '/api/parameters/shovel/%2F/s' })
    t.publish('a', '', 'src', ['m']).settle()
    expect([t.depth('a', 'src'), t.depth('b', 'dst')]).toEqual([1, 0])
    expect(t.get('a', 'shovels/%2F')).toEqual([])
  })

  it('src-delete-after queue-length moves what was there when it started, then its parameter goes', () => {
    const t = new TestDesign().queue('a', 'src').queue('b', 'dst')
    t.publish('a', '', 'src', ['1', '2', '3'])
    t.parameter('a', 'shovel', 's', shovel('a', 'b', { 'src-delete-after': 'queue-length' }))
    t.settle()
    t.publish('a', '', 'src', ['4']).settle()
    expect([t.depth('a', 'src'), t.depth('b', 'dst')]).toEqual([1, 3])
    expect(t.get('a', 'parameters/shovel/%2F')).toEqual([])
  })

  it('declares the queues it names when they are missing', () => {
    const t = new TestDesign()
    t.parameter('a', 'shovel', 's', shovel('a', 'b'))
    t.settle()
    expect([t.consumers('a', 'src'), t.depth('b', 'dst')]).toEqual([1, 0])
  })

  it('reports a URI to a broker not in the design as terminated', () => {
    const t = new TestDesign().queue('a', 'src')
    t.parameter('a', 'shovel', 's', shovel('a', 'nowhere'))
    expect(t.get('a', 'shovels/%2F')).toMatchObject([{ name: 's', state: 'terminated' }])
  })
})

describe('what a shovel adds on the way', () => {
  it('x-shovelled and x-shovelled-timestamp with the forward and timestamp headers on', () => {
    const t = new TestDesign().queue('a', 'src').queue('b', 'dst')
    t.parameter(
      'a',
      'shovel',
      'fwd',
      shovel('a', 'b', { 'dest-add-forward-headers': true, 'dest-add-timestamp-header': true }),
    )
    t.settle(5000)
    t.publish('a', '', 'src', ['h'], { headers: { k: 'v' } }).settle()
    const got = t.channel('b').get('dst', true)
    expect(got?.properties.headers).toEqual({
      k: 'v',
      'x-shovelled': [
        {
          'shovelled-by': 'rabbit@a',
          'shovel-type': 'dynamic',
          'shovel-name': 'fwd',
          'shovel-vhost': '/',
          'src-uri': 'amqp://a',
          'dest-uri': 'amqp://b',
          'src-queue': 'src',
          'dest-queue': 'dst',
        },
      ],
      'x-shovelled-timestamp': 5,
    })
  })
})
