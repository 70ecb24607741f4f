import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { createBroker, ManualClock } from '../../engine/index.ts'
import { importDefinitions } from '../../engine/definitions/import.ts'
import { exportDefinitions, exportVhostDefinitions } from '../../engine/definitions/export.ts'
import { amqplibScript, pikaScript } from '../../engine/definitions/client-code.ts'

type Json = Record<string, any>

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'warren-cli-'))
afterAll(() => fs.rmSync(TMP, { recursive: true, force: true }))

// Each run starts Node with tsx: give the tests room.
const SLOW = 30_000

interface Run {
  status: number | null
  stdout: string
  stderr: string
}

/** `node cli/warren.mjs ...args` from the repository root. */
function warren(...args: string[]): Run {
  const result = spawnSync(process.execPath, ['cli/warren.mjs', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: SLOW,
  })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

let counter = 0
/** Writes a temp file (JSON for objects, as-is for strings) and returns its path. */
function file(content: unknown, name = `defs-${++counter}.json`): string {
  const at = path.join(TMP, name)
  fs.writeFileSync(at, typeof content === 'string' ? content : JSON.stringify(content, null, 2))
  return at
}

/** No Node stack trace anywhere in the output. */
function expectNoStackTrace(run: Run): void {
  const all = run.stdout + run.stderr
  expect(all).not.toMatch(/^\s+at .+[(:]\d+/m)
  expect(all).not.toMatch(/node:internal/)
  expect(all).not.toMatch(/\b(TypeError|ReferenceError|RangeError)\b/)
}

const cleanDoc = (): Json => ({
  rabbit_version: '3.10.8',
  rabbitmq_version: '3.10.8',
  vhosts: [{ name: '/', limits: [], metadata: { description: 'Default virtual host', tags: [] } }],
  exchanges: [
    { name: 'orders', vhost: '/', type: 'topic', durable: true, auto_delete: false, internal: false, arguments: {} },
    { name: 'docs', vhost: '/', type: 'headers', durable: true, auto_delete: false, internal: false, arguments: {} },
  ],
  queues: [
    { name: 'paid', vhost: '/', durable: true, auto_delete: false, arguments: {} },
    { name: 'all-orders', vhost: '/', durable: true, auto_delete: false, arguments: {} },
    { name: 'pdfs', vhost: '/', durable: true, auto_delete: false, arguments: {} },
  ],
  bindings: [
    {
      source: 'orders',
      vhost: '/',
      destination: 'paid',
      destination_type: 'queue',
      routing_key: 'order.paid',
      arguments: {},
    },
    {
      source: 'orders',
      vhost: '/',
      destination: 'all-orders',
      destination_type: 'queue',
      routing_key: 'order.#',
      arguments: {},
    },
    {
      source: 'docs',
      vhost: '/',
      destination: 'pdfs',
      destination_type: 'queue',
      routing_key: '',
      arguments: { 'x-match': 'all', format: 'pdf' },
    },
  ],
})

describe('cli: lint', () => {
  it('exits 0 on a clean file', { timeout: SLOW }, () => {
    const run = warren('lint', file(cleanDoc()))
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/0 error\(s\)/)
  })

  it('exits 0 when there are only warnings', { timeout: SLOW }, () => {
    const doc = cleanDoc()
    doc.queues.push({
      name: 'orphan',
      vhost: '/',
      durable: true,
      auto_delete: false,
      arguments: { 'x-dead-letter-exchange': 'nope' },
    })
    const run = warren('lint', file(doc))
    expect(run.status).toBe(0)
    expect(run.stdout).toContain('missing-dead-letter-exchange')
    expect(run.stdout).toMatch(/0 error\(s\), 1 warning\(s\)/)
  })

  it('exits 1 on a file with an invalid entry, naming it', { timeout: SLOW }, () => {
    const doc = cleanDoc()
    doc.queues.push({
      name: 'bad-ttl',
      vhost: '/',
      durable: true,
      auto_delete: false,
      arguments: { 'x-message-ttl': -1 },
    })
    const run = warren('lint', file(doc))
    expect(run.status).toBe(1)
    expect(run.stdout).toContain('invalid-definitions')
    expect(run.stdout).toContain('bad-ttl')
    expect(run.stdout).toMatch(/1 error\(s\)/)
    expectNoStackTrace(run)
  })

  it('lints as the version the file names, or the one --version gives', { timeout: SLOW }, () => {
    const doc = cleanDoc()
    doc.queues.push({ name: 'tmp', vhost: '/', durable: false, auto_delete: false, arguments: {} })
    expect(warren('lint', file(doc)).stdout).not.toContain('deprecated-transient-queue')
    const on43 = warren('lint', file(doc), '--version', '4.3')
    expect(on43.stdout).toContain('deprecated-transient-queue')
    expect(on43.stdout).toContain('(RabbitMQ 4.3)')
    expect(warren('lint', file(doc), '--version', '5.0').status).toBe(2)
  })

  it('exits 2 on a missing file, with a clear message and no stack trace', { timeout: SLOW }, () => {
    const run = warren('lint', path.join(TMP, 'does-not-exist.json'))
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/does-not-exist\.json/)
    expect(run.stderr).toMatch(/no such file/)
    expectNoStackTrace(run)
  })

  it('exits 2 on a file that is not JSON, with a clear message and no stack trace', { timeout: SLOW }, () => {
    const run = warren('lint', file('this is not json {', 'not-json.json'))
    expect(run.status).toBe(2)
    expect(run.stdout + run.stderr).toMatch(/JSON/)
    expectNoStackTrace(run)
  })

  it('exits 2 without a file argument, printing the usage', { timeout: SLOW }, () => {
    const run = warren('lint')
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/usage/)
    expectNoStackTrace(run)
  })
})

describe('cli: usage errors', () => {
  it('exits 2 on an unknown command', { timeout: SLOW }, () => {
    const run = warren('frobnicate', file(cleanDoc()))
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/unknown command "frobnicate"/)
    expect(run.stderr).toMatch(/usage/)
  })

  it('exits 2 with no command', { timeout: SLOW }, () => {
    const run = warren()
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/usage/)
  })

  it('exits 2 on a flag without its value', { timeout: SLOW }, () => {
    const run = warren('export', file(cleanDoc()), '--out')
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/--out/)
  })
})

describe('cli: export', () => {
  /** A file with the quirks an older broker writes: string tags, no type fields, no internal/auto_delete/arguments. */
  const quirkyDoc = (): Json => ({
    rabbit_version: '3.8.10+1551.gaf6c358.dirty',
    users: [
      {
        name: 'ops',
        password_hash: 'kI3GCqW5JLMJa4iX1lo7X4D6XbYqlLgxIs30+P6tENUV2POR',
        hashing_algorithm: 'rabbit_password_hashing_sha256',
        tags: 'administrator,monitoring',
      },
    ],
    vhosts: [
      { name: '/', description: 'Default virtual host' },
      { name: 'shop', limits: {} },
    ],
    exchanges: [
      { name: 'orders', vhost: 'shop', type: 'topic', durable: true },
      { name: 'amq.direct', vhost: 'shop', type: 'direct', durable: true },
    ],
    queues: [{ name: 'paid', vhost: 'shop', durable: true, type: 'quorum' }],
    bindings: [
      { source: 'orders', vhost: 'shop', destination: 'paid', destination_type: 'queue', routing_key: 'order.paid' },
    ],
    policies: [{ vhost: 'shop', name: 'cap all', pattern: '.*', definition: { 'max-length': 100 } }],
  })

  it('--out writes the normalised whole-broker JSON, as the engine exports it', { timeout: SLOW }, () => {
    const out = path.join(TMP, 'normalised.json')
    const run = warren('export', file(quirkyDoc()), '--out', out)
    expect(run.status).toBe(0)
    expect(run.stdout).toBe('')
    const written = JSON.parse(fs.readFileSync(out, 'utf8'))
    const broker = createBroker({ clock: new ManualClock() })
    importDefinitions(broker, quirkyDoc())
    expect(written).toEqual(JSON.parse(JSON.stringify(exportDefinitions(broker))))
    expect(written.users[0].tags).toEqual(['administrator', 'monitoring'])
    expect(written.exchanges).toEqual([
      {
        name: 'orders',
        vhost: 'shop',
        type: 'topic',
        durable: true,
        auto_delete: false,
        internal: false,
        arguments: {},
      },
    ])
    expect(written.queues).toEqual([
      { name: 'paid', vhost: 'shop', durable: true, auto_delete: false, arguments: {}, type: 'classic' },
    ])
    expect(written.bindings).toEqual([
      {
        source: 'orders',
        vhost: 'shop',
        destination: 'paid',
        destination_type: 'queue',
        routing_key: 'order.paid',
        arguments: {},
      },
    ])
    expect(written.policies).toEqual([
      {
        vhost: 'shop',
        name: 'cap all',
        pattern: '.*',
        'apply-to': 'all',
        definition: { 'max-length': 100 },
        priority: 0,
      },
    ])
  })

  it('is stable: exporting the exported file gives the same file', { timeout: SLOW }, () => {
    const first = path.join(TMP, 'first.json')
    const second = path.join(TMP, 'second.json')
    expect(warren('export', file(quirkyDoc()), '--out', first).status).toBe(0)
    expect(warren('export', first, '--out', second).status).toBe(0)
    expect(fs.readFileSync(second, 'utf8')).toBe(fs.readFileSync(first, 'utf8'))
  })

  it('without --out prints the JSON on stdout; warnings go to stderr', { timeout: SLOW }, () => {
    const run = warren('export', file(quirkyDoc()))
    expect(run.status).toBe(0)
    const doc = JSON.parse(run.stdout)
    expect(doc.exchanges.map((x: Json) => x.name)).toEqual(['orders'])
    expect(run.stderr).toMatch(/warning: .*amq\.direct/)
  })

  it('--vhost writes the single-vhost shape', { timeout: SLOW }, () => {
    const run = warren('export', file(quirkyDoc()), '--vhost', 'shop')
    expect(run.status).toBe(0)
    const doc = JSON.parse(run.stdout)
    const broker = createBroker({ clock: new ManualClock() })
    importDefinitions(broker, quirkyDoc())
    expect(doc).toEqual(JSON.parse(JSON.stringify(exportVhostDefinitions(broker, 'shop'))))
    expect(doc).not.toHaveProperty('users')
    expect(doc.queues[0]).not.toHaveProperty('vhost')
  })

  it('exits 2 on an invalid file and writes nothing', { timeout: SLOW }, () => {
    const out = path.join(TMP, 'never.json')
    const doc = cleanDoc()
    doc.exchanges.push({ name: 'typeless', vhost: '/', durable: true })
    const run = warren('export', file(doc), '--out', out)
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/typeless/)
    expect(fs.existsSync(out)).toBe(false)
    expectNoStackTrace(run)
  })

  it('exits 2 on a file that is not JSON', { timeout: SLOW }, () => {
    const run = warren('export', file('<definitions/>', 'xml.json'))
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/warren:/)
    expectNoStackTrace(run)
  })

  for (const [label, content] of [
    ['null', 'null'],
    ['a JSON array', '[]'],
    ['a JSON string', '"queues"'],
    ['an unrelated object', '{"name": "my-app", "version": "1.0.0"}'],
  ] as const) {
    it(`exits 2 on a file holding ${label}, with no stack trace`, { timeout: SLOW }, () => {
      const run = warren('export', file(content))
      expect(run.status).toBe(2)
      expect(run.stderr).toMatch(/warren:/)
      expectNoStackTrace(run)
    })
  }

  it('exits 2 on a missing file', { timeout: SLOW }, () => {
    const run = warren('export', path.join(TMP, 'gone.json'))
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/no such file/)
    expectNoStackTrace(run)
  })
})

describe('cli: route', () => {
  it('prints the matching queues, binding by binding', { timeout: SLOW }, () => {
    const run = warren('route', file(cleanDoc()), '--exchange', 'orders', '--routing-key', 'order.paid')
    expect(run.status).toBe(0)
    const last = run.stdout.trim().split('\n').at(-1)!
    expect(last).toMatch(/^queues: /)
    expect(
      last
        .replace(/^queues: /, '')
        .split(', ')
        .sort(),
    ).toEqual(['all-orders', 'paid'])
    expect(run.stdout).toMatch(/match .*"paid".*\[order\.paid\]/)
    expect(run.stdout).toMatch(/match .*"all-orders".*\[order\.#\]/)
  })

  it('prints only the queues whose bindings match', { timeout: SLOW }, () => {
    const run = warren('route', file(cleanDoc()), '--exchange', 'orders', '--routing-key', 'order.shipped')
    expect(run.status).toBe(0)
    expect(run.stdout.trim().split('\n').at(-1)).toBe('queues: all-orders')
    expect(run.stdout).toMatch(/no .*"paid"/)
  })

  it('prints "unroutable" when no queue matches', { timeout: SLOW }, () => {
    const run = warren('route', file(cleanDoc()), '--exchange', 'orders', '--routing-key', 'invoice.sent')
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/unroutable/)
    expect(run.stdout).not.toMatch(/^queues:/m)
  })

  it('routes with --headers on a headers exchange', { timeout: SLOW }, () => {
    const doc = file(cleanDoc())
    const pdf = warren('route', doc, '--exchange', 'docs', '--headers', '{"format":"pdf"}')
    expect(pdf.status).toBe(0)
    expect(pdf.stdout.trim().split('\n').at(-1)).toBe('queues: pdfs')
    const png = warren('route', doc, '--exchange', 'docs', '--headers', '{"format":"png"}')
    expect(png.stdout).toMatch(/unroutable/)
  })

  it('routes through the default exchange', { timeout: SLOW }, () => {
    const run = warren('route', file(cleanDoc()), '--exchange', '', '--routing-key', 'paid')
    expect(run.status).toBe(0)
    expect(run.stdout.trim().split('\n').at(-1)).toBe('queues: paid')
  })

  it('routes in the vhost given by --vhost', { timeout: SLOW }, () => {
    const doc = cleanDoc()
    doc.vhosts.push({ name: 'shop' })
    doc.exchanges.push({
      name: 'orders',
      vhost: 'shop',
      type: 'fanout',
      durable: true,
      auto_delete: false,
      internal: false,
      arguments: {},
    })
    doc.queues.push({ name: 'shop-q', vhost: 'shop', durable: true, auto_delete: false, arguments: {} })
    doc.bindings.push({
      source: 'orders',
      vhost: 'shop',
      destination: 'shop-q',
      destination_type: 'queue',
      routing_key: '',
      arguments: {},
    })
    const run = warren('route', file(doc), '--exchange', 'orders', '--routing-key', 'anything', '--vhost', 'shop')
    expect(run.status).toBe(0)
    expect(run.stdout.trim().split('\n').at(-1)).toBe('queues: shop-q')
  })

  it('exits 2 without --exchange', { timeout: SLOW }, () => {
    const run = warren('route', file(cleanDoc()), '--routing-key', 'k')
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/--exchange/)
  })

  it('exits 2 on an exchange that is not in the file, with no stack trace', { timeout: SLOW }, () => {
    const run = warren('route', file(cleanDoc()), '--exchange', 'nope', '--routing-key', 'k')
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/nope/)
    expectNoStackTrace(run)
  })

  it('exits 2 on --headers that are not JSON', { timeout: SLOW }, () => {
    const run = warren('route', file(cleanDoc()), '--exchange', 'docs', '--headers', '{format: pdf}')
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/--headers/)
    expectNoStackTrace(run)
  })

  it('exits 2 on a vhost that is not in the file', { timeout: SLOW }, () => {
    const run = warren('route', file(cleanDoc()), '--exchange', 'orders', '--vhost', 'elsewhere')
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/elsewhere/)
    expectNoStackTrace(run)
  })
})

/** One line on stderr, exit 2, no stack trace. */
function expectOneLineRefusal(run: Run, pattern: RegExp): void {
  expect(run.status).toBe(2)
  expect(run.stdout).toBe('')
  expect(run.stderr.trim().split('\n')).toHaveLength(1)
  expect(run.stderr).toMatch(pattern)
  expectNoStackTrace(run)
}

describe('cli: code', () => {
  const broker = () => {
    const b = createBroker({ clock: new ManualClock() })
    importDefinitions(b, cleanDoc())
    return b
  }

  it('--lang node prints the Code tab amqplib script', { timeout: SLOW }, () => {
    const run = warren('code', file(cleanDoc()), '--lang', 'node')
    expect(run.status).toBe(0)
    expect(run.stdout).toBe(amqplibScript(broker(), '/'))
  })

  it('--lang python prints the Code tab pika script', { timeout: SLOW }, () => {
    const run = warren('code', file(cleanDoc()), '--lang', 'python')
    expect(run.status).toBe(0)
    expect(run.stdout).toBe(pikaScript(broker(), '/'))
  })

  it('exits 2 on another language or a vhost that is not in the file', { timeout: SLOW }, () => {
    expect(warren('code', file(cleanDoc()), '--lang', 'ruby').stderr).toMatch(/--lang node or --lang python/)
    expectOneLineRefusal(warren('code', file(cleanDoc()), '--lang', 'node', '--vhost', 'elsewhere'), /elsewhere/)
  })
})

describe('cli: file-system and argument errors are one line', () => {
  it('--out into a folder that does not exist', { timeout: SLOW }, () => {
    const out = path.join(TMP, 'missing-folder', 'out.json')
    expectOneLineRefusal(warren('export', file(cleanDoc()), '--out', out), /cannot write .*no such file or folder/)
  })

  it('--out onto a folder', { timeout: SLOW }, () => {
    expectOneLineRefusal(warren('export', file(cleanDoc()), '--out', TMP), /cannot write .*it is a folder/)
  })

  it('a FILE that is a folder', { timeout: SLOW }, () => {
    expectOneLineRefusal(warren('lint', TMP), /cannot read .*it is a folder/)
  })

  it('route --headers null, a list or a number', { timeout: SLOW }, () => {
    for (const headers of ['null', '[1]', '5'])
      expectOneLineRefusal(warren('route', file(cleanDoc()), '--exchange', 'docs', '--headers', headers), /--headers/)
  })

  it('--headers nested 5,000 deep', { timeout: SLOW }, () => {
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`
    expectOneLineRefusal(
      warren('route', file(cleanDoc()), '--exchange', 'docs', '--headers', deep),
      /--headers nests deeper than 32 levels/,
    )
  })

  it('a definitions file with arguments nested 5,000 deep', { timeout: SLOW }, () => {
    const doc = JSON.stringify(cleanDoc()).replace(
      '"arguments":{}',
      `"arguments":{"x":${'['.repeat(5000)}${']'.repeat(5000)}}`,
    )
    for (const command of ['lint', 'export', 'code'])
      expectOneLineRefusal(warren(command, file(doc), '--lang', 'node'), /nests deeper than 64 levels/)
  })

  it('a queue name longer than 255 bytes, in RabbitMQ words', { timeout: SLOW }, () => {
    const doc = cleanDoc()
    doc.queues[0].name = 'é'.repeat(128)
    expectOneLineRefusal(
      warren('export', file(doc)),
      /queues\[0\]: the name is 256 bytes long; RabbitMQ allows at most 255/,
    )
  })
})
