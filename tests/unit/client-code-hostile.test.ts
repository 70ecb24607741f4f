// Generated client code cannot be hijacked by a name: for each hostile name, the amqplib script is parsed by V8
// and run against a recording fake of amqplib, the pika script is parsed by Python's own `ast`, and both must be
// the script generated for a plain placeholder name with only the string values changed.

import { spawnSync } from 'node:child_process'
import vm from 'node:vm'
import { describe, expect, it } from 'vitest'
import { createBroker, ManualClock } from '../../engine/index.ts'
import { amqplibScript, pikaScript } from '../../engine/definitions/client-code.ts'
import { importDefinitions } from '../../engine/definitions/import.ts'

const PLACEHOLDER = 'PLACEHOLDER'

const HOSTILE_NAMES = [
  "q'); }, 5000); (await import('node:child_process')).execSync('touch /tmp/x'); setTimeout(() => { console.error('",
  'q")\nimport os; os.system("touch /tmp/x")\n#',
  "v\u2028import('node:fs')",
  'p\u2029process.exit(3)',
  '*/ process.exit(3) /*',
  '`${process.exit(4)}`',
  '\\"; process.exit(5); "',
  '\\',
  '"""',
  "'''",
  'line\r\nexec("print(1)")',
  'nel\u0085os.system("x")',
  'invoice\u202Egpj.exe',
  'nul\u0000byte',
  'tab\tand\u000bvt\u000cff',
  '__proto__',
  'constructor',
  'toString',
  'lone\ud800surrogate',
  'rabbit \u{1F407} and tag \u{E0041}',
  '</script><script>alert(1)</script>',
  '\\u2028 written out',
  'zero\u200bwidth\ufeffbom',
]

/** A topology whose every name, key and argument is built from `n`. */
function topology(n: string) {
  const broker = createBroker({ clock: new ManualClock() })
  const q = `${n}|q`
  const h = `${n}|h`
  importDefinitions(broker, {
    vhosts: [{ name: n }],
    exchanges: [
      { name: n, vhost: n, type: 'direct', durable: true, auto_delete: false, internal: false, arguments: {} },
      {
        name: h,
        vhost: n,
        type: 'headers',
        durable: true,
        auto_delete: false,
        internal: false,
        arguments: { 'alternate-exchange': n },
      },
    ],
    queues: [
      {
        name: q,
        vhost: n,
        durable: true,
        auto_delete: false,
        arguments: Object.fromEntries([
          ['x-dead-letter-exchange', n],
          ['x-dead-letter-routing-key', n],
          [n, [n, Object.fromEntries([[n, n]])]],
        ]),
      },
    ],
    bindings: [
      { source: n, vhost: n, destination: q, destination_type: 'queue', routing_key: n, arguments: {} },
      { source: n, vhost: n, destination: h, destination_type: 'exchange', routing_key: n, arguments: {} },
      {
        source: h,
        vhost: n,
        destination: q,
        destination_type: 'queue',
        routing_key: '',
        arguments: Object.fromEntries([
          ['x-match', 'any'],
          [n, n],
        ]),
      },
    ],
  })
  return broker
}

/** Every string in a JSON value (keys included) with the placeholder replaced by `n`. */
function substitute(value: unknown, n: string): unknown {
  if (typeof value === 'string') return value.split(PLACEHOLDER).join(n)
  if (Array.isArray(value)) return value.map((v) => substitute(v, n))
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [substitute(k, n), substitute(v, n)]))
  return value
}

type Call = [string, ...unknown[]]

/** Runs an amqplib script in an empty V8 context against a fake amqplib that records every call. */
async function runAmqplibScript(script: string): Promise<Call[]> {
  const [first, ...rest] = script.split('\n')
  expect(first).toMatch(/^\/\//)
  const importAt = rest.indexOf("import amqp from 'amqplib'")
  expect(importAt).toBeGreaterThanOrEqual(0)
  rest.splice(importAt, 1)
  const calls: Call[] = []
  const record = (name: string, ...args: unknown[]) => calls.push([name, ...JSON.parse(JSON.stringify(args))])
  const channel = {
    assertExchange: async (...a: unknown[]) => record('assertExchange', ...a),
    assertQueue: async (...a: unknown[]) => record('assertQueue', ...a),
    bindQueue: async (...a: unknown[]) => record('bindQueue', ...a),
    bindExchange: async (...a: unknown[]) => record('bindExchange', ...a),
    publish: (...a: unknown[]) => record('publish', ...a),
    waitForConfirms: async () => record('waitForConfirms'),
    consume: async (queue: string, onMessage: (m: unknown) => Promise<void>) => {
      record('consume', queue)
      await onMessage({ fields: { routingKey: 'rk' }, content: { toString: () => 'body' } })
    },
    ack: () => record('ack'),
  }
  const connection = {
    createConfirmChannel: async () => channel,
    close: async () => record('close'),
  }
  const fakes = {
    amqp: { connect: async (...a: unknown[]) => (record('connect', ...a), connection) },
    process: { env: {}, exit: (code: number) => record('exit', code) },
    Buffer: { from: (s: string) => `buffer:${s}` },
    console: { log: (...a: unknown[]) => record('log', ...a), error: (...a: unknown[]) => record('error', ...a) },
    setTimeout: () => 'timer',
    clearTimeout: () => record('clearTimeout'),
  }
  const source = `(async (${Object.keys(fakes).join(', ')}) => {\n${rest.join('\n')}\n})`
  const run = new vm.Script(source).runInContext(vm.createContext({})) as (...a: unknown[]) => Promise<void>
  await run(...Object.values(fakes))
  return calls
}

// Python's own parser: each script's syntax tree with every string constant blanked, and the constants in order.
const PY_AST = `
import ast, json, sys
out = []
for source in json.load(sys.stdin):
    tree = ast.parse(source)
    strings = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            strings.append(node.value)
            node.value = ''
    out.append({'tree': ast.dump(tree), 'strings': strings})
print(json.dumps(out))
`

function pythonTrees(sources: string[]): { tree: string; strings: string[] }[] {
  const run = spawnSync('python3', ['-c', PY_AST], {
    input: JSON.stringify(sources),
    encoding: 'utf8',
    timeout: 20_000,
  })
  expect(run.stderr).toBe('')
  return JSON.parse(run.stdout)
}

describe('generated client code with hostile names', () => {
  it('amqplib: each name reaches amqplib only as the string it is, and nothing else runs', async () => {
    const plain = amqplibScript(topology(PLACEHOLDER), PLACEHOLDER)
    const expected = await runAmqplibScript(plain)
    expect(expected.map((c) => c[0])).toEqual([
      'connect',
      'assertExchange',
      'assertExchange',
      'assertQueue',
      'bindQueue',
      'bindExchange',
      'bindQueue',
      'publish',
      'waitForConfirms',
      'consume',
      'log',
      'ack',
      'clearTimeout',
      'close',
    ])
    for (const n of HOSTILE_NAMES) {
      const script = amqplibScript(topology(n), n)
      expect(script.split('\n').length, n).toBe(plain.split('\n').length)
      expect(script, n).not.toMatch(/[\u2028\u2029\u202e\u0085\u0000]/)
      expect(await runAmqplibScript(script), n).toEqual(substitute(expected, n))
    }
  })

  it('amqplib: every script passes node --check as a module', () => {
    // One module, each script in a block of its own (the import line once, at the top).
    const blocks = HOSTILE_NAMES.map((n) => `{\n${amqplibScript(topology(n), n).replace(/^import .*$/m, '')}\n}`)
    const script = `import amqp from 'amqplib'\n${blocks.join('\n')}`
    const run = spawnSync(process.execPath, ['--input-type=module', '--check'], { input: script, encoding: 'utf8' })
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
  })

  it('pika: Python parses each script to the same tree, with each name only as a string constant', () => {
    const plain = pikaScript(topology(PLACEHOLDER), PLACEHOLDER)
    const scripts = HOSTILE_NAMES.map((n) => pikaScript(topology(n), n))
    const [expected, ...trees] = pythonTrees([plain, ...scripts])
    expect(expected.strings).toContain(`${PLACEHOLDER}|q`)
    trees.forEach((t, i) => {
      const n = HOSTILE_NAMES[i]
      expect(t.tree, n).toBe(expected.tree)
      expect(t.strings, n).toEqual(substitute(expected.strings, n))
    })
  })
})
