// Streams in definitions (import and export keep them as streams, with their arguments) and in the lint.

import { describe, expect, it } from 'vitest'
import { createBroker, ManualClock } from '../../engine/index.ts'
import { exportDefinitions } from '../../engine/definitions/export.ts'
import { importDefinitions } from '../../engine/definitions/import.ts'
import { lintDefinitions } from '../../engine/definitions/lint-file.ts'
import { lintBroker } from '../../engine/lint.ts'
import { amqplibScript, pikaScript } from '../../engine/definitions/client-code.ts'
import { StreamQueue } from '../../engine/stream/stream-queue.ts'

const streamFile = (args: Record<string, unknown>) => ({
  rabbit_version: '4.3.6',
  queues: [
    { name: 'events', vhost: '/', durable: true, auto_delete: false, arguments: { 'x-queue-type': 'stream', ...args } },
  ],
  exchanges: [],
  bindings: [],
})

describe('streams in definitions', () => {
  it('imports a stream as a stream and exports it back with type and arguments, without a warning', () => {
    const broker = createBroker({ clock: new ManualClock(), version: '4.3' })
    const result = importDefinitions(broker, streamFile({ 'x-max-age': '7D', 'x-max-length-bytes': 1000 }))
    expect(result.warnings).toEqual([])
    expect(broker.vhosts.get('/')!.queues.get('events')).toBeInstanceOf(StreamQueue)
    const exported = exportDefinitions(broker) as { queues: Record<string, unknown>[] }
    expect(exported.queues).toContainEqual(
      expect.objectContaining({
        name: 'events',
        type: 'stream',
        arguments: { 'x-queue-type': 'stream', 'x-max-age': '7D', 'x-max-length-bytes': 1000 },
      }),
    )
  })

  it('a dead-letter argument on a stream stops the import, as RabbitMQ refuses the declaration', () => {
    const findings = lintDefinitions(streamFile({ 'x-dead-letter-exchange': 'dlx' }))
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({ severity: 'error', rule: 'invalid-definitions' })
    expect(findings[0].message).toContain("invalid arg 'x-dead-letter-exchange'")
  })

  it('the lint tells a stream without retention, and policy keys a stream ignores', () => {
    const broker = createBroker({ clock: new ManualClock(), version: '4.3' })
    importDefinitions(broker, streamFile({}))
    broker.vhosts
      .get('/')!
      .setPolicy({ name: 'ttl', pattern: '^ev', applyTo: 'queues', priority: 0, definition: { 'message-ttl': 1000 } })
    const rules = lintBroker(broker).map((f) => f.rule)
    expect(rules).toContain('stream-without-retention')
    expect(rules).toContain('stream-ignored-policy-keys')
    const retained = createBroker({ clock: new ManualClock(), version: '4.3' })
    importDefinitions(retained, streamFile({ 'x-max-age': '1D' }))
    expect(lintBroker(retained).map((f) => f.rule)).not.toContain('stream-without-retention')
  })
})

describe('client code for a stream', () => {
  it('amqplib and pika consumers read a stream from first with a prefetch (pika consumes: a stream has no basic.get)', () => {
    const broker = createBroker({ clock: new ManualClock(), version: '4.3' })
    importDefinitions(broker, streamFile({ 'x-max-age': '1D' }))
    const node = amqplibScript(broker)
    expect(node).toContain('await channel.prefetch(100)')
    expect(node).toContain(`{ arguments: { 'x-stream-offset': 'first' } }`)
    const python = pikaScript(broker)
    expect(python).toContain('channel.basic_qos(prefetch_count=100)')
    expect(python).toContain('arguments={"x-stream-offset": "first"}')
    expect(python).not.toContain('basic_get')
  })
})
