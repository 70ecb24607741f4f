import { describe, expect, it } from 'vitest'
import { detectFileKind, IoError, parseJsonText } from '../../app/io/file-kind.ts'
import { makeWarrenFile, parseWarrenFile } from '../../app/io/warren-file.ts'
import { definitionsFileName } from '../../app/io/download.ts'

describe('file kind detection', () => {
  it('tells a whole-broker export by its broker sections or vhost fields', () => {
    expect(detectFileKind({ rabbit_version: '3.10.8', users: [], vhosts: [{ name: '/' }], queues: [] })).toEqual({
      kind: 'definitions',
      shape: 'broker',
    })
    expect(detectFileKind({ queues: [{ name: 'q', vhost: '/', durable: true }] })).toEqual({
      kind: 'definitions',
      shape: 'broker',
    })
    expect(
      detectFileKind({ bindings: [{ source: 'x', vhost: 'shop', destination: 'q', destination_type: 'queue' }] }),
    ).toEqual({ kind: 'definitions', shape: 'broker' })
  })

  it('tells a single-vhost export (GET /api/definitions/{vhost}) by entries without vhost fields', () => {
    expect(
      detectFileKind({
        rabbit_version: '3.9',
        queues: [{ name: 'q', durable: true }],
        exchanges: [{ name: 'x', type: 'direct' }],
      }),
    ).toEqual({ kind: 'definitions', shape: 'vhost' })
    expect(detectFileKind({ policies: [] })).toEqual({ kind: 'definitions', shape: 'vhost' })
  })

  it('tells a Warren file by its version field', () => {
    expect(detectFileKind({ warren: 1, definitions: {}, design: {} })).toEqual({ kind: 'warren' })
  })

  it('refuses JSON that is neither, with a reason', () => {
    const verdict = detectFileKind({ name: 'package', version: '1.0.0' })
    expect(verdict.kind).toBe('unknown')
    expect(verdict.kind === 'unknown' && verdict.reason).toMatch(/neither RabbitMQ definitions/)
    expect(detectFileKind([1, 2]).kind).toBe('unknown')
    expect(detectFileKind('text').kind).toBe('unknown')
  })

  it('names the file when its text is not JSON', () => {
    expect(() => parseJsonText('{"queues": [', 'defs.json')).toThrow(IoError)
    expect(() => parseJsonText('{"queues": [', 'defs.json')).toThrow(/'defs.json' is not valid JSON/)
  })
})

describe('Warren file envelope', () => {
  const defs = { rabbit_version: '3.10.8', vhosts: [{ name: '/' }], queues: [] }
  const design = { version: 1, producers: {}, consumers: {}, positions: {} }

  it('reads back what it writes', () => {
    const file = makeWarrenFile(defs, design, 42, '4.0')
    expect(parseWarrenFile(JSON.parse(JSON.stringify(file)))).toEqual({
      warren: 1,
      definitions: defs,
      design,
      simulation: { seed: 42 },
      brokerVersion: '4.0',
      brokers: [],
    })
  })

  it('carries every other broker of the design with its version, nodes and definitions', () => {
    const london = { rabbit_version: '4.0.5', queues: [{ name: 'orders', vhost: '/', durable: true }] }
    const brokers = [{ name: 'dc-london', version: '4.0' as const, nodes: 1, definitions: london }]
    const file = parseWarrenFile(JSON.parse(JSON.stringify(makeWarrenFile(defs, design, 1, '4.3', brokers))))
    expect(file.brokers).toEqual(brokers)
    expect(parseWarrenFile({ warren: 1, definitions: defs, design }).brokers).toEqual([])
    const bad = (brokersField: unknown) => () =>
      parseWarrenFile({ warren: 1, definitions: defs, design, brokers: brokersField })
    expect(bad({ name: 'dc-london' })).toThrow(/"brokers"/)
    expect(bad([{ name: 'dc-london' }])).toThrow(/"brokers"/)
    expect(bad([{ definitions: london }])).toThrow(/"brokers"/)
  })

  it('a file from before versions runs as the version its definitions name', () => {
    const old = { warren: 1, definitions: defs, design, simulation: { seed: 1 } }
    expect(parseWarrenFile(old).brokerVersion).toBe('3.10')
    const newer = { ...old, definitions: { ...defs, rabbit_version: '4.2.3' } }
    expect(parseWarrenFile(newer).brokerVersion).toBe('4.0')
  })

  it('refuses files from a newer Warren, without definitions, without a design, or with a bad seed', () => {
    expect(() => parseWarrenFile({ warren: 2, definitions: defs, design })).toThrow(/newer Warren/)
    expect(() => parseWarrenFile({ warren: 1, design })).toThrow(/no "definitions"/)
    expect(() => parseWarrenFile({ warren: 1, definitions: { hello: 1 }, design })).toThrow(/not RabbitMQ definitions/)
    expect(() => parseWarrenFile({ warren: 1, definitions: defs })).toThrow(/no "design"/)
    expect(() => parseWarrenFile({ warren: 1, definitions: defs, design, simulation: { seed: 1.5 } })).toThrow(
      /integer "seed"/,
    )
    expect(() => parseWarrenFile({ warren: 'one', definitions: defs, design })).toThrow(/unreadable version/)
  })
})

describe('download names', () => {
  it('follows the management UI: rabbit_<host>_<date>.json', () => {
    const day = new Date('2026-11-26T12:00:00Z')
    expect(definitionsFileName(day, null)).toBe('rabbit_warren_2026-11-26.json')
    expect(definitionsFileName(day, '/')).toBe('rabbit_warren_default_vhost_2026-11-26.json')
    expect(definitionsFileName(day, 'shop/eu')).toBe('rabbit_warren_shop_eu_2026-11-26.json')
    expect(definitionsFileName(day, null, 'dc-london')).toBe('rabbit_dc-london_2026-11-26.json')
  })
})
