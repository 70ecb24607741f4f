import { describe, expect, it } from 'vitest'
import { createBroker, ManualClock } from '../../engine/index.ts'
import { importDefinitions } from '../../engine/definitions/import.ts'
import { exportDefinitions } from '../../engine/definitions/export.ts'
import { exampleDoc } from '../../app/design/example.ts'
import ELK from 'elkjs/lib/elk.bundled.js'
import { fromElkGraph, toElkGraph } from '../../app/design/layout.ts'
import { NODE_SIZE } from '../../app/design/graph-types.ts'
import { IoError } from '../../app/io/file-kind.ts'
import { deflateSync } from 'fflate'
import { decodeShareFragment, encodeShareFragment, inflateCapped } from '../../app/io/share-link.ts'
import { SHARE_PREFIX } from '../../app/io/share-fragment.ts'
import { makeWarrenFile, type WarrenFile } from '../../app/io/warren-file.ts'

/** The e-commerce example as the app saves it: the whole-broker export, the design with laid-out positions. */
async function exampleWarrenFile(): Promise<WarrenFile> {
  const doc = exampleDoc()
  const broker = createBroker({ clock: new ManualClock() })
  importDefinitions(
    broker,
    {
      exchanges: Object.values(doc.exchanges).map((x) => ({
        name: x.name,
        vhost: '/',
        type: x.type,
        durable: x.durable,
        auto_delete: x.autoDelete,
        internal: x.internal,
        arguments: x.arguments,
      })),
      queues: Object.values(doc.queues).map((q) => ({
        name: q.name,
        vhost: '/',
        durable: q.durable,
        auto_delete: q.autoDelete,
        arguments: q.arguments,
      })),
      bindings: doc.bindings.map((b) => ({
        source: b.source,
        vhost: '/',
        destination: b.destination,
        destination_type: b.destinationType,
        routing_key: b.routingKey,
        arguments: b.arguments,
      })),
    },
    null,
  )
  const nodes = [
    ...Object.keys(doc.producers).map((id) => ({ id: `producer:${id}`, ...NODE_SIZE.producer })),
    ...Object.keys(doc.exchanges).map((name) => ({ id: `exchange:${name}`, ...NODE_SIZE.exchange })),
    ...Object.keys(doc.queues).map((name) => ({ id: `queue:${name}`, ...NODE_SIZE.queue })),
    ...Object.keys(doc.consumers).map((id) => ({ id: `consumer:${id}`, ...NODE_SIZE.consumer })),
  ]
  const { graph, grids } = toElkGraph(nodes, [])
  const { positions } = fromElkGraph(await new ELK().layout(graph), grids)
  return makeWarrenFile(
    exportDefinitions(broker),
    { version: 1, producers: doc.producers, consumers: doc.consumers, positions },
    1,
    '4.3',
  )
}

describe('share links', () => {
  it('round-trips a Warren file through the fragment, in URL-safe characters only', async () => {
    const file = await exampleWarrenFile()
    const fragment = encodeShareFragment(file)
    expect(fragment.startsWith(SHARE_PREFIX)).toBe(true)
    expect(fragment.slice(SHARE_PREFIX.length)).toMatch(/^[A-Za-z0-9_-]+$/)
    expect(decodeShareFragment(fragment)).toEqual(JSON.parse(JSON.stringify(file)))
    expect(decodeShareFragment(fragment.slice(SHARE_PREFIX.length))).toEqual(JSON.parse(JSON.stringify(file)))
  })

  it('carries the other brokers of the design through the fragment', async () => {
    const file = await exampleWarrenFile()
    file.brokers = [{ name: 'dc-london', version: '4.0', nodes: 1, definitions: { queues: [] } }]
    expect(decodeShareFragment(encodeShareFragment(file)).brokers).toEqual(file.brokers)
  })

  it('keeps the e-commerce example short enough to paste anywhere', async () => {
    const link = `https://warren.example/${encodeShareFragment(await exampleWarrenFile())}`
    console.info(`share link for the e-commerce example: ${link.length} characters`)
    expect(link.length).toBeLessThan(2000)
  })

  it('refuses a damaged fragment with a message a user understands', async () => {
    const fragment = encodeShareFragment(await exampleWarrenFile())
    const cut = fragment.slice(0, Math.floor(fragment.length / 2))
    expect(() => decodeShareFragment(cut)).toThrow(IoError)
    expect(() => decodeShareFragment(cut)).toThrow(/damaged/)
    expect(() => decodeShareFragment(`${SHARE_PREFIX}not a link!`)).toThrow(/characters a share link never has/)
    expect(() => decodeShareFragment(SHARE_PREFIX)).toThrow(/empty/)
    // Valid deflate, valid JSON, but not a Warren file.
    const other = encodeShareFragment({ hello: 'world' } as unknown as WarrenFile)
    expect(() => decodeShareFragment(other)).toThrow(/not a Warren file/)
  })
})

describe('share link size cap', () => {
  const bomb = (bytes: number) =>
    SHARE_PREFIX +
    Buffer.from(deflateSync(new Uint8Array(bytes).fill(32), { level: 6 }))
      .toString('base64')
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '')

  it('refuses a link that inflates past 16 MiB, saying it is too large', { timeout: 30_000 }, () => {
    const link = bomb(24 * 1024 * 1024)
    expect(link.length).toBeLessThan(40_000)
    expect(() => decodeShareFragment(link)).toThrow(/The share link is too large: it holds more than 16 MiB/)
  })

  it('inflateCapped stops at the cap and keeps everything under it', () => {
    const data = new Uint8Array(100_000).map((_, i) => i % 251)
    const packed = deflateSync(data)
    expect(inflateCapped(packed, 100_000)).toEqual(data)
    expect(() => inflateCapped(packed, 99_999)).toThrow(IoError)
  })
})
