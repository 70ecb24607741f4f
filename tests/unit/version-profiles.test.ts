// Each named behaviour of the version profiles, checked on the engine under the versions where it differs.
// The values come from scenarios recorded from RabbitMQ 3.10.8, 4.0.5 and 4.3.6 (tests/conformance/*/recorded/version-*).

import { describe, expect, it } from 'vitest'
import {
  BEHAVIOUR_SOURCES,
  BROKER_VERSIONS,
  PROFILES,
  profileForRelease,
  type BrokerVersion,
} from '../../engine/profile.ts'
import { serverProperties } from '../../engine/server-properties.ts'
import { versionChanges } from '../../engine/version-changes.ts'
import { lintBroker } from '../../engine/lint.ts'
import { exportDefinitions } from '../../engine/definitions/export.ts'
import { amqplibScript } from '../../engine/definitions/client-code.ts'
import { importDefinitions } from '../../engine/definitions/import.ts'
import { TestBroker } from './test-broker.ts'

const withDlx = (version: BrokerVersion) =>
  new TestBroker({ version })
    .exchange('dlx', 'fanout')
    .queue('dlq')
    .bind('dlx', 'dlq')
    .queue('q', { 'x-dead-letter-exchange': 'dlx' })

describe('the profiles', () => {
  it('name a source for every behaviour and differ only in named behaviours', () => {
    for (const version of BROKER_VERSIONS) {
      const profile = PROFILES[version]
      expect(profile.version).toBe(version)
      for (const key of Object.keys(profile)) {
        if (key === 'version' || key === 'rabbitmqVersion') continue
        expect(BEHAVIOUR_SOURCES[key as keyof typeof BEHAVIOUR_SOURCES], key).toMatch(/\S/)
      }
    }
    expect(Object.keys(BEHAVIOUR_SOURCES).sort()).toEqual(
      Object.keys(PROFILES['4.3'])
        .filter((k) => k !== 'version' && k !== 'rabbitmqVersion')
        .sort(),
    )
  })

  it('map a release to the newest profile not after it', () => {
    expect(profileForRelease('3.10.8')?.version).toBe('3.10')
    expect(profileForRelease('3.13.7')?.version).toBe('3.10')
    expect(profileForRelease('4.2.1')?.version).toBe('4.0')
    expect(profileForRelease('4.3.6')?.version).toBe('4.3')
    expect(profileForRelease('junk')).toBeUndefined()
  })
})

describe('lastDeathHeaders', () => {
  it('adds x-last-death-* from 4.0 only', () => {
    for (const [version, expected] of [
      ['3.10', undefined],
      ['4.0', 'rejected'],
    ] as const) {
      const b = withDlx(version)
      b.publish('', 'q', 'm1')
      b.reject(b.get('q')!, false)
      const headers = b.get('dlq')!.properties.headers!
      expect(headers['x-last-death-reason']).toBe(expected)
      expect(headers['x-first-death-reason']).toBe('rejected')
    }
  })
})

describe('deadLetterRedelivered', () => {
  it('marks dead letters of basic.reject, not of basic.nack, on 4.3', () => {
    const flags = (version: BrokerVersion) => {
      const b = withDlx(version)
      b.publish('', 'q', 'rejected')
      b.publish('', 'q', 'nacked')
      b.reject(b.get('q')!, false)
      b.nack(b.get('q')!, { requeue: false })
      return [b.get('dlq')!.redelivered, b.get('dlq')!.redelivered]
    }
    expect(flags('4.0')).toEqual([false, false])
    expect(flags('4.3')).toEqual([true, false])
  })
})

describe('deadLetterHistoryFromHeaders', () => {
  it('reads a client x-death header as history in 3.10 only', () => {
    const counts = (version: BrokerVersion) => {
      const b = withDlx(version)
      const death = { count: 3, reason: 'rejected', queue: 'q', exchange: '', 'routing-keys': ['q'] }
      b.publish('', 'q', 'm1', { headers: { 'x-death': [death] } })
      b.reject(b.get('q')!, false)
      const deaths = b.get('dlq')!.properties.headers!['x-death'] as { count: number }[]
      return deaths.map((d) => d.count)
    }
    expect(counts('3.10')).toEqual([4])
    expect(counts('4.0')).toEqual([1])
  })
})

describe('quorum counting headers', () => {
  const headersAfterReturns = (version: BrokerVersion) => {
    const b = new TestBroker({ version }).quorum('qq')
    b.publish('', 'qq', 'm1')
    const first = b.get('qq')!
    b.nack(first, { requeue: true })
    const second = b.get('qq')!
    b.reject(second, true)
    const third = b.get('qq')!
    return [first, second, third].map((d) => d.properties.headers ?? {})
  }

  it('quorumGetShowsZeroDeliveryCount: 3.10 shows x-delivery-count 0 on a first basic.get', () => {
    expect(headersAfterReturns('3.10')[0]).toEqual({ 'x-delivery-count': 0 })
    expect(headersAfterReturns('4.0')[0]).toEqual({})
  })

  it('quorumReturnCounting and quorumAcquiredCountHeader: 4.3 counts rejects, not nacks, and every acquisition', () => {
    expect(headersAfterReturns('4.0').slice(1)).toEqual([{ 'x-delivery-count': 1 }, { 'x-delivery-count': 2 }])
    expect(headersAfterReturns('4.3').slice(1)).toEqual([
      { 'x-acquired-count': 1 },
      { 'x-acquired-count': 2, 'x-delivery-count': 1 },
    ])
  })
})

describe('quorumDefaultDeliveryLimit', () => {
  const returnsBeforeDeadLetter = (version: BrokerVersion, args = {}) => {
    const b = new TestBroker({ version })
      .exchange('dlx', 'fanout')
      .queue('dlq')
      .bind('dlx', 'dlq')
      .quorum('qq', { 'x-dead-letter-exchange': 'dlx', ...args })
    b.publish('', 'qq', 'm1')
    for (let returns = 0; returns < 30; returns++) {
      const got = b.get('qq')
      if (!got) return returns
      b.reject(got, true)
    }
    return Infinity
  }

  it('is unlimited in 3.10, 20 from 4.0, and -1 turns it off', () => {
    expect(returnsBeforeDeadLetter('3.10')).toBe(Infinity)
    expect(returnsBeforeDeadLetter('4.0')).toBe(21)
    expect(returnsBeforeDeadLetter('4.3', { 'x-delivery-limit': -1 })).toBe(Infinity)
    expect(returnsBeforeDeadLetter('4.3', { 'x-delivery-limit': 2 })).toBe(3)
  })
})

describe('quorumPriorities', () => {
  it('orders a quorum queue FIFO, in two levels 2:1, or strictly 0-31', () => {
    const order = (version: BrokerVersion) => {
      const b = new TestBroker({ version }).quorum('qp')
      for (const p of [0, 3, 4, 5, 9, 31, 2, 10, 32, 255]) b.publish('', 'qp', `p${p}`, { priority: p })
      b.publish('', 'qp', 'none')
      return b.drain('qp')
    }
    // The orders recorded in version-quorum-priorities.
    expect(order('3.10')).toEqual(['p0', 'p3', 'p4', 'p5', 'p9', 'p31', 'p2', 'p10', 'p32', 'p255', 'none'])
    expect(order('4.0')).toEqual(['p5', 'p9', 'p0', 'p31', 'p10', 'p3', 'p32', 'p255', 'p4', 'p2', 'none'])
    expect(order('4.3')).toEqual(['p31', 'p32', 'p255', 'p10', 'p9', 'p5', 'p4', 'none', 'p3', 'p2', 'p0'])
  })
})

describe('quorumSingleActiveByPriority', () => {
  it('gives a quorum single active consumer to the highest x-priority from 4.0', () => {
    const winner = (version: BrokerVersion) => {
      const b = new TestBroker({ version }).quorum('sq', { 'x-single-active-consumer': true })
      const low = b.consume('sq', { consumerTag: 'low', arguments: { 'x-priority': 1 } })
      const high = b.consume('sq', { consumerTag: 'high', arguments: { 'x-priority': 5 } })
      b.publish('', 'sq', 'm1')
      expect(b.consumerCount('sq')).toBe(1)
      return low.deliveries.length > 0 ? 'low' : high.deliveries.length > 0 ? 'high' : 'none'
    }
    expect(winner('3.10')).toBe('low')
    expect(winner('4.0')).toBe('high')
  })
})

describe('queueModeChecked', () => {
  it('refuses an unknown x-queue-mode before 4.3 and ignores it on 4.3', () => {
    const bad = { 'x-queue-mode': 'fast' }
    const b40 = new TestBroker({ version: '4.0' })
    b40.expectError(() => b40.queue('bad', bad), 406)
    const b43 = new TestBroker({ version: '4.3' }).queue('bad', bad)
    expect(b43.exists('bad')).toBe(true)
  })
})

describe('exchange types', () => {
  it('x-local-random from 4.0, x-modulus-hash from 4.3; an unknown type is 503 in 3.10 and 406 later', () => {
    const b310 = new TestBroker({ version: '3.10' })
    b310.expectError(() => b310.channel.exchangeDeclare({ exchange: 'x', type: 'x-local-random' }), 503)
    const b40 = new TestBroker({ version: '4.0' })
    b40.exchange('r', 'x-local-random')
    b40.expectError(() => b40.channel.exchangeDeclare({ exchange: 'm', type: 'x-modulus-hash' }), 406)
    const b43 = new TestBroker({ version: '4.3' }).exchange('m', 'x-modulus-hash').queue('a').queue('b')
    b43.bind('m', 'a').bind('m', 'b')
    for (let i = 0; i < 10; i++) b43.publish('m', 'same-key', `m${i}`)
    expect([b43.depth('a'), b43.depth('b')].sort()).toEqual([0, 10])
  })

  it('x-consistent-hash routes by weight and keeps a key on one queue', () => {
    const b = new TestBroker({ version: '3.10' }).exchange('h', 'x-consistent-hash').queue('a').queue('b')
    b.bind('h', 'a', '1').bind('h', 'b', '1')
    for (let i = 0; i < 10; i++) b.publish('h', 'same-key', `m${i}`)
    expect([b.depth('a'), b.depth('b')].sort()).toEqual([0, 10])
  })
})

describe('what the broker reports', () => {
  it('server properties and the definitions export carry the exact release', () => {
    const b = new TestBroker({ version: '4.0' })
    expect(serverProperties(b.broker.profile)).toMatchObject({ product: 'RabbitMQ', version: '4.0.5' })
    expect(exportDefinitions(b.broker)).toMatchObject({ rabbit_version: '4.0.5', rabbitmq_version: '4.0.5' })
  })

  it('client code asks for amqplib 0.10.7 on 4.3 only', () => {
    expect(amqplibScript(new TestBroker({ version: '4.3' }).broker)).toContain("npm install 'amqplib@>=0.10.7'")
    expect(amqplibScript(new TestBroker({ version: '4.0' }).broker)).not.toContain('0.10.7')
  })

  it('an import reports the file version', () => {
    const b = new TestBroker({ version: '4.3' })
    expect(importDefinitions(b.broker, { rabbit_version: '3.12.1', queues: [] }).rabbitVersion).toBe('3.12.1')
  })
})

describe('versionChanges and the lint per version', () => {
  const design = (version: BrokerVersion) =>
    new TestBroker({ version })
      .exchange('dlx', 'fanout')
      .queue('dead', {}, { durable: true })
      .bind('dlx', 'dead')
      .quorum('orders', { 'x-dead-letter-exchange': 'dlx' })
      .queue('tmp')

  it('lists what switching from 3.10 to 4.3 means for each entity', () => {
    const changes = versionChanges(design('3.10').broker, PROFILES['4.3'])
    const about = (name: string) => changes.filter((c) => c.entity.name === name).map((c) => c.behaviour)
    expect(about('orders')).toEqual(
      expect.arrayContaining(['quorumDefaultDeliveryLimit', 'lastDeathHeaders', 'quorumPriorities']),
    )
    expect(about('tmp')).toContain('deprecatedFeatures')
    const limit = changes.find((c) => c.behaviour === 'quorumDefaultDeliveryLimit')!
    expect(limit.message).toContain('dead-lettered after 20 deliveries')
    expect(changes.some((c) => c.behaviour === 'amqplibMinimum')).toBe(true)
    expect(versionChanges(design('4.3').broker, PROFILES['4.3'])).toEqual([])
  })

  it('says which version a lint finding is about', () => {
    const on310 = lintBroker(design('3.10').broker).filter((f) => f.version)
    expect(on310.map((f) => [f.rule, f.version])).toEqual([['quorum-without-delivery-limit', '3.10']])
    const on43 = lintBroker(design('4.3').broker).filter((f) => f.version)
    expect(on43.map((f) => [f.rule, f.entity.name, f.version])).toEqual([['deprecated-transient-queue', 'tmp', '4.3']])
  })
})

describe("the designer's version choices", () => {
  it('mirror the engine profiles and their releases', async () => {
    const { VERSION_CHOICES, DEFAULT_CHOICE, choiceForRelease } = await import('../../app/versions/releases.ts')
    const { DEFAULT_VERSION } = await import('../../engine/profile.ts')
    expect(VERSION_CHOICES.map((c) => [c.version, c.release]).sort()).toEqual(
      BROKER_VERSIONS.map((v) => [v, PROFILES[v].rabbitmqVersion]).sort(),
    )
    expect(DEFAULT_CHOICE).toBe(DEFAULT_VERSION)
    for (const release of ['3.9.1', '3.13.7', '4.0.5', '4.2.0', '4.3.6', '4.4.0'])
      expect(choiceForRelease(release)).toBe(profileForRelease(release)?.version)
  })
})

describe('deadLetterKeepsCC', () => {
  it('keeps the CC header under x-dead-letter-routing-key from 4.0', () => {
    const cc = (version: BrokerVersion) => {
      const b = new TestBroker({ version })
        .exchange('dlx', 'direct')
        .queue('dlq')
        .bind('dlx', 'dlq', 'dead')
        .queue('q', { 'x-dead-letter-exchange': 'dlx', 'x-dead-letter-routing-key': 'dead' })
      b.publish('', 'q', 'm', { headers: { CC: ['kx'] } })
      b.reject(b.get('q')!, false)
      return b.get('dlq')!.properties.headers!.CC
    }
    expect(cc('3.10')).toBeUndefined()
    expect(cc('4.0')).toEqual(['kx'])
  })
})

describe('quorumReturnsToFront', () => {
  it('serves a returned quorum message before the others from 4.0, after them in 3.10', () => {
    const order = (version: BrokerVersion) => {
      const b = new TestBroker({ version }).quorum('qq')
      for (const body of ['m1', 'm2', 'm3']) b.publish('', 'qq', body)
      b.nack(b.get('qq')!, { requeue: true })
      return b.drain('qq')
    }
    expect(order('3.10')).toEqual(['m2', 'm3', 'm1'])
    expect(order('4.0')).toEqual(['m1', 'm2', 'm3'])
  })
})

describe('maxMessageSize', () => {
  it('refuses a body over 16 MiB from 4.0 with 406', () => {
    const body = 'x'.repeat(16 * 1024 * 1024 + 1)
    const b310 = new TestBroker({ version: '3.10' }).queue('big')
    expect(b310.publish('', 'big', body).queues).toBe(1)
    const b40 = new TestBroker({ version: '4.0' }).queue('big')
    b40.expectError(() => b40.publish('', 'big', body), 406)
  })
})

describe('the redelivered mark of 4.3 dead letters', () => {
  it('stays with a message rejected once, through a later expiry', () => {
    const b = new TestBroker({ version: '4.3' })
      .exchange('to2', 'fanout')
      .exchange('to3', 'fanout')
      .queue('q3')
      .bind('to3', 'q3')
      .queue('q2', { 'x-message-ttl': 100, 'x-dead-letter-exchange': 'to3' })
      .bind('to2', 'q2')
      .queue('q1', { 'x-dead-letter-exchange': 'to2' })
    b.publish('', 'q1', 'm')
    b.reject(b.get('q1')!, false)
    b.clock.advance(200)
    expect(b.get('q3')!.redelivered).toBe(true)
  })
})

describe('the switch list in French', () => {
  it('words every change the engine lists, for every pair of versions', async () => {
    const { changeText } = await import('../../app/versions/words.ts')
    const rich = (version: BrokerVersion) => {
      const b = new TestBroker({ version })
        .exchange('dlx', 'fanout')
        .queue('dead', {}, { durable: true })
        .bind('dlx', 'dead')
        .quorum('orders', { 'x-dead-letter-exchange': 'dlx', 'x-single-active-consumer': true })
        .queue('lazy', { 'x-queue-mode': 'lazy', 'x-dead-letter-exchange': 'dlx' }, { durable: true })
        .queue('tmp')
        .exchange('hash', 'x-consistent-hash')
      if (version !== '3.10') b.exchange('random', 'x-local-random')
      if (version === '3.10')
        b.broker.vhosts.get('/')!.setPolicy({
          name: 'ha',
          pattern: '^ha\\.',
          applyTo: 'queues',
          priority: 0,
          definition: { 'ha-mode': 'all' },
        })
      return b.broker
    }
    let seen = 0
    for (const from of BROKER_VERSIONS)
      for (const to of BROKER_VERSIONS)
        for (const change of versionChanges(rich(from), PROFILES[to])) {
          seen++
          const french = changeText(change, 'fr')
          expect(french, change.message).not.toBe(change.message)
          expect(french).not.toMatch(/undefined/)
        }
    expect(seen).toBeGreaterThan(20)
  })
})

describe('classicMirroring', () => {
  const ha = {
    name: 'ha',
    pattern: '^ha\\.',
    applyTo: 'queues' as const,
    priority: 0,
    definition: { 'ha-mode': 'all' },
  }

  it('set_policy takes ha-* keys on 3.10 and refuses them from 4.0', () => {
    new TestBroker({ version: '3.10' }).broker.vhosts.get('/')!.setPolicy(ha)
    const b = new TestBroker({ version: '4.0' })
    b.expectError(() => b.broker.vhosts.get('/')!.setPolicy(ha), 406)
  })

  it('an import into 4.x drops the mirroring keys with a warning instead of failing the file', () => {
    const b = new TestBroker({ version: '4.3' })
    const result = importDefinitions(b.broker, {
      policies: [
        { ...ha, vhost: '/', 'apply-to': 'queues', definition: { 'ha-mode': 'all', 'message-ttl': 1000 } },
        { ...ha, name: 'only-ha', vhost: '/', 'apply-to': 'queues' },
      ],
    })
    expect(result.policies).toBe(1)
    expect(result.warnings.join('\n')).toMatch(/ha-mode dropped/)
    expect([...b.broker.vhosts.get('/')!.policies.values()].map((p) => p.definition)).toEqual([{ 'message-ttl': 1000 }])
  })
})

describe('lintDefinitions per version', () => {
  it('lints a file as the version it names, or as the one asked for', async () => {
    const { lintDefinitions } = await import('../../engine/definitions/lint-file.ts')
    const doc = (release: string) => ({
      rabbit_version: release,
      queues: [{ name: 'qq', vhost: '/', durable: true, auto_delete: false, arguments: { 'x-queue-type': 'quorum' } }],
    })
    const about = (findings: { rule: string; version?: string }[]) =>
      findings.filter((f) => f.version).map((f) => [f.rule, f.version])
    expect(about(lintDefinitions(doc('3.10.8')))).toEqual([['quorum-without-delivery-limit', '3.10']])
    expect(about(lintDefinitions(doc('4.3.6')))).toEqual([])
    expect(about(lintDefinitions(doc('4.3.6'), null, '3.10'))).toEqual([['quorum-without-delivery-limit', '3.10']])
  })
})
