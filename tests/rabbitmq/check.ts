// npm run check:rabbitmq   (or, with a node already started by start.sh: npx tsx tests/rabbitmq/check.ts [FIXTURE...])
//
// Checks Warren's definitions export and generated amqplib code against a real RabbitMQ (the throw-away node of
// start.sh, 127.0.0.1 only). For each fixture in fixtures/*.json:
//   1. import it into a fresh Warren broker and export it (whole-broker shape);
//   2. `rabbitmqctl import_definitions` that export into a clean node, `rabbitmqctl export_definitions` it back,
//      and compare per vhost the exchanges, queues, bindings and policies (order ignored; amq.* and the default
//      exchange left out on both sides);
//   3. for a single-vhost-shaped fixture (no vhost fields), also check that Warren's single-vhost export
//      re-imports into Warren unchanged (rabbitmqctl only takes the whole-broker shape);
//   4. for each fixture vhost, run amqplibScript() with node against a fresh vhost, check it exits 0 and prints
//      "received", then compare that vhost's exchanges, queues and bindings with Warren's.
// Prints PASS/FAIL per check and "N passed, N failed"; exits 1 on any failure.

import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createBroker, ManualClock, type Broker } from '../../engine/index.ts'
import { importDefinitions } from '../../engine/definitions/import.ts'
import { exportDefinitions, exportVhostDefinitions } from '../../engine/definitions/export.ts'
import { amqplibScript } from '../../engine/definitions/client-code.ts'

const here = path.dirname(fileURLToPath(import.meta.url))
const tmp = path.join(here, '.tmp')
const port = Number(process.env.WARREN_RMQ_PORT ?? 5673)
const SINGLE_VHOST_TARGET = 'jobs'

type Json = Record<string, unknown>
type Defs = Record<string, Json[]>

let passed = 0
let failed = 0
function report(ok: boolean, name: string, details: string[] = []): void {
  if (ok) passed++
  else failed++
  console.log(`${ok ? 'PASS' : 'FAIL'} ${name}`)
  for (const line of details) console.log(`     ${line}`)
}

// ---------------------------------------------------------------------------------------------- rabbitmqctl

function ctl(...args: string[]): string {
  const r = spawnSync('sh', [path.join(here, 'ctl.sh'), '-q', ...args], {
    encoding: 'utf8',
    env: { ...process.env, WARREN_RMQ_PORT: String(port) },
  })
  if (r.status !== 0)
    throw new Error(`rabbitmqctl ${args.join(' ')} exited ${r.status}:\n${(r.stdout + r.stderr).trim()}`)
  return r.stdout
}

/** An AMQP table as rabbitmqctl's JSON formatter prints it ([[key, type, value], ...]) as a plain object. */
function amqpTable(rows: unknown): Json {
  if (!Array.isArray(rows)) return (rows ?? {}) as Json
  return Object.fromEntries(rows.map(([key, type, value]: [string, string, unknown]) => [key, amqpValue(type, value)]))
}
function amqpValue(type: string, value: unknown): unknown {
  if (type === 'table') return amqpTable(value)
  if (type === 'array') return (value as [string, unknown][]).map(([t, v]) => amqpValue(t, v))
  return value
}

/**
 * The node's definitions: `rabbitmqctl export_definitions`, except for exchanges, which come from
 * `rabbitmqctl list_exchanges`: 3.10's export_definitions leaves internal exchanges out and writes no "internal"
 * field (rabbit_definitions:list_exchanges/0), so it cannot show whether an exchange was imported as internal.
 */
function rabbitExport(): Defs {
  const file = path.join(tmp, `rabbitmq-export-${Date.now()}.json`)
  ctl('export_definitions', file)
  const defs = JSON.parse(fs.readFileSync(file, 'utf8')) as Defs
  defs.exchanges = (defs.vhosts ?? []).flatMap((v) => {
    const vhost = String(v.name)
    const rows = JSON.parse(
      ctl(
        'list_exchanges',
        '-p',
        vhost,
        'name',
        'type',
        'durable',
        'auto_delete',
        'internal',
        'arguments',
        '--formatter',
        'json',
      ),
    ) as Json[]
    return rows.map((x) => ({ ...x, vhost, arguments: amqpTable(x.arguments) }))
  })
  return defs
}

/** Deletes every vhost, then recreates "/" with guest's permissions: the node as it boots. */
function resetNode(): void {
  for (const name of ctl('list_vhosts', 'name', '--no-table-headers')
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean))
    ctl('delete_vhost', name)
  ctl('add_vhost', '/')
  ctl('set_permissions', '-p', '/', 'guest', '.*', '.*', '.*')
}

// ---------------------------------------------------------------------------------------------- comparison

/** JSON with object keys sorted, so equal values print equally. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`
  if (v && typeof v === 'object') {
    return `{${Object.keys(v as Json)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Json)[k])}`)
      .join(',')}}`
  }
  return JSON.stringify(v)
}

const pick = (entry: Json, fields: string[]) => Object.fromEntries(fields.map((f) => [f, entry[f] ?? null]))

const SECTIONS = {
  exchanges: (e: Json) =>
    e.name === '' || String(e.name).startsWith('amq.')
      ? null
      : pick(e, ['name', 'type', 'durable', 'auto_delete', 'internal', 'arguments']),
  queues: (e: Json) => pick(e, ['name', 'type', 'durable', 'auto_delete', 'arguments']),
  bindings: (e: Json) =>
    e.source === '' ? null : pick(e, ['source', 'destination', 'destination_type', 'routing_key', 'arguments']),
  policies: (e: Json) => pick(e, ['name', 'pattern', 'apply-to', 'priority', 'definition']),
} as const
type Section = keyof typeof SECTIONS

function entriesOf(defs: Defs, section: Section, vhost: string): string[] {
  return (defs[section] ?? [])
    .filter((e) => e.vhost === vhost)
    .flatMap((e) => {
      const picked: Json | null = SECTIONS[section](e)
      return picked ? [canonical(picked)] : []
    })
    .sort()
}

/** Operator policies of one vhost, sorted; RabbitMQ 3.10 exports a definition as a list of [key, value] pairs. */
function operatorPolicies(defs: Defs, vhost: string): Json[] {
  const definitionOf = (d: unknown) => (Array.isArray(d) ? Object.fromEntries(d as [string, unknown][]) : d)
  return ((defs as { parameters?: Json[] }).parameters ?? [])
    .filter((p) => p.component === 'operator_policy' && p.vhost === vhost)
    .map((p) => {
      const value = p.value as Json
      return {
        name: p.name,
        pattern: value.pattern,
        'apply-to': value['apply-to'],
        priority: value.priority,
        definition: definitionOf(value.definition),
      }
    })
    .sort((a, b) => String(a.name).localeCompare(String(b.name)))
}

/** Differences between Warren's and RabbitMQ's entries of one vhost, as readable lines (empty when equal). */
function compareVhost(
  warren: Defs,
  rabbit: Defs,
  warrenVhost: string,
  rabbitVhost: string,
  sections: Section[],
): { diffs: string[]; counts: string } {
  const diffs: string[] = []
  const counts: string[] = []
  for (const section of sections) {
    const ours = entriesOf(warren, section, warrenVhost)
    const theirs = entriesOf(rabbit, section, rabbitVhost)
    counts.push(`${ours.length} ${section}`)
    const left = [...theirs]
    for (const e of ours) {
      const at = left.indexOf(e)
      if (at >= 0) left.splice(at, 1)
      else diffs.push(`${section}: only in Warren:   ${e}`)
    }
    for (const e of left) diffs.push(`${section}: only in RabbitMQ: ${e}`)
  }
  return { diffs, counts: counts.join(', ') }
}

// ---------------------------------------------------------------------------------------------- checks

function freshBroker(): Broker {
  return createBroker({ clock: new ManualClock() })
}

/** The vhosts a fixture describes (the target vhost for a single-vhost-shaped file). */
function fixtureVhosts(doc: Json, single: boolean): string[] {
  if (single) return [SINGLE_VHOST_TARGET]
  const names = new Set<string>()
  for (const key of ['vhosts', 'exchanges', 'queues', 'bindings', 'policies']) {
    for (const e of (doc[key] as Json[] | undefined) ?? []) {
      const name = key === 'vhosts' ? e.name : (e.vhost ?? '/')
      if (typeof name === 'string') names.add(name)
    }
  }
  return [...names]
}

function isSingleVhostShape(doc: Json): boolean {
  if (Array.isArray(doc.vhosts)) return false
  return ['exchanges', 'queues', 'bindings', 'policies'].every((k) =>
    ((doc[k] as Json[] | undefined) ?? []).every((e) => e.vhost === undefined),
  )
}

function checkFixture(file: string): void {
  const fixture = path.basename(file, '.json')
  const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as Json
  const single = isSingleVhostShape(doc)

  // 1. Warren: import and export.
  const broker = freshBroker()
  try {
    const result = importDefinitions(broker, doc, single ? SINGLE_VHOST_TARGET : null)
    report(
      true,
      `${fixture}: Warren imports the fixture`,
      result.warnings.map((w) => `warning: ${w}`),
    )
  } catch (error) {
    report(false, `${fixture}: Warren imports the fixture`, [(error as Error).message])
    return
  }
  const warren = exportDefinitions(broker) as Defs
  const exported = path.join(tmp, `${fixture}.warren-export.json`)
  fs.writeFileSync(exported, JSON.stringify(warren, null, 2))

  // 2. RabbitMQ: import Warren's whole-broker export, export it back, compare per vhost.
  resetNode()
  try {
    const out = ctl('import_definitions', exported).trim()
    report(true, `${fixture}: rabbitmqctl import_definitions accepts Warren's whole-broker export`, out ? [out] : [])
  } catch (error) {
    report(false, `${fixture}: rabbitmqctl import_definitions accepts Warren's whole-broker export`, [
      (error as Error).message,
      `file: ${exported}`,
    ])
    return
  }
  const rabbit = rabbitExport()
  fs.writeFileSync(path.join(tmp, `${fixture}.rabbitmq-export.json`), JSON.stringify(rabbit, null, 2))
  const warrenVhosts = (warren.vhosts ?? []).map((v) => String(v.name)).sort()
  const rabbitVhosts = (rabbit.vhosts ?? []).map((v) => String(v.name)).sort()
  report(
    canonical(warrenVhosts) === canonical(rabbitVhosts),
    `${fixture}: same vhosts (${warrenVhosts.join(', ')})`,
    canonical(warrenVhosts) === canonical(rabbitVhosts)
      ? []
      : [`Warren: ${warrenVhosts.join(', ')}`, `RabbitMQ: ${rabbitVhosts.join(', ')}`],
  )
  for (const vhost of warrenVhosts) {
    const { diffs, counts } = compareVhost(warren, rabbit, vhost, vhost, [
      'exchanges',
      'queues',
      'bindings',
      'policies',
    ])
    report(
      diffs.length === 0,
      `${fixture} [${vhost}]: RabbitMQ holds the same topology as Warren's export (${counts})`,
      diffs,
    )
    const ours = operatorPolicies(warren, vhost)
    if (ours.length === 0) continue
    const theirs = operatorPolicies(rabbit, vhost)
    const same = canonical(ours) === canonical(theirs)
    report(
      same,
      `${fixture} [${vhost}]: RabbitMQ holds the same operator policies (${ours.length})`,
      same ? [] : [`Warren: ${canonical(ours)}`, `RabbitMQ: ${canonical(theirs)}`],
    )
  }

  // 3. Single-vhost shape: Warren's single-vhost export re-imports into Warren unchanged.
  if (single) {
    const name = `${fixture}: single-vhost export (no vhost fields) re-imports into Warren unchanged`
    const first = exportVhostDefinitions(broker, SINGLE_VHOST_TARGET) as Defs
    fs.writeFileSync(path.join(tmp, `${fixture}.warren-vhost-export.json`), JSON.stringify(first, null, 2))
    const details: string[] = []
    for (const key of ['exchanges', 'queues', 'bindings', 'policies', 'parameters']) {
      for (const e of first[key] ?? []) if ('vhost' in e) details.push(`${key} entry ${canonical(e)} has a vhost field`)
    }
    try {
      const again = freshBroker()
      importDefinitions(again, JSON.stringify(first), SINGLE_VHOST_TARGET)
      const second = exportVhostDefinitions(again, SINGLE_VHOST_TARGET)
      if (canonical(first) !== canonical(second))
        details.push(`first export:  ${canonical(first)}`, `second export: ${canonical(second)}`)
      const { diffs } = compareVhost(
        warren,
        exportDefinitions(again) as Defs,
        SINGLE_VHOST_TARGET,
        SINGLE_VHOST_TARGET,
        ['exchanges', 'queues', 'bindings', 'policies'],
      )
      details.push(...diffs)
    } catch (error) {
      details.push(`re-import failed: ${(error as Error).message}`)
    }
    report(details.length === 0, name, details)
  }

  // 4. Generated amqplib code, run against a fresh vhost per fixture vhost.
  for (const vhost of fixtureVhosts(doc, single)) checkClientCode(fixture, broker, warren, vhost)
  resetNode()
}

function checkClientCode(fixture: string, broker: Broker, warren: Defs, vhost: string): void {
  const target = `client.${fixture}.${vhost === '/' ? 'default' : vhost}`
  const name = `${fixture} [${vhost}]: generated amqplib script runs (in fresh vhost "${target}")`
  const script = path.join(tmp, `${fixture}.${vhost === '/' ? 'default' : vhost}.mjs`)
  fs.writeFileSync(script, amqplibScript(broker, vhost))
  ctl('add_vhost', target)
  ctl('set_permissions', '-p', target, 'guest', '.*', '.*', '.*')
  const url = `amqp://guest:guest@127.0.0.1:${port}/${encodeURIComponent(target)}`
  const run = spawnSync(process.execPath, [script], {
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, AMQP_URL: url },
  })
  const output = `${run.stdout}${run.stderr}`.trim()
  const ok = run.status === 0 && /^received /m.test(run.stdout)
  report(
    ok,
    name,
    ok
      ? [run.stdout.trim()]
      : [
          `exit ${run.status}${run.signal ? ` (${run.signal})` : ''}, script: ${script}`,
          ...output.split('\n').slice(0, 15),
        ],
  )
  const rabbit = rabbitExport()
  const { diffs, counts } = compareVhost(warren, rabbit, vhost, target, ['exchanges', 'queues', 'bindings'])
  report(
    diffs.length === 0,
    `${fixture} [${vhost}]: the script declared the same topology as Warren's export (${counts})`,
    diffs,
  )
  ctl('delete_vhost', target)
}

// ---------------------------------------------------------------------------------------------- main

function main(): void {
  fs.rmSync(tmp, { recursive: true, force: true })
  fs.mkdirSync(tmp, { recursive: true })
  try {
    ctl('await_startup', '--timeout', '5')
  } catch (error) {
    console.error(
      `No RabbitMQ node to check against: start one with \`sh tests/rabbitmq/start.sh\` (or run \`npm run check:rabbitmq\`).\n${(error as Error).message}`,
    )
    process.exit(2)
  }
  const args = process.argv.slice(2)
  const dir = path.join(here, 'fixtures')
  const files = args.length
    ? args.map((a) => path.resolve(a))
    : fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => path.join(dir, f))
  console.log(
    `RabbitMQ ${ctl('eval', 'rabbit_misc:version().').trim().replace(/"/g, '')} on 127.0.0.1:${port}; ${files.length} fixture(s)`,
  )
  for (const file of files) {
    try {
      checkFixture(file)
    } catch (error) {
      report(false, `${path.basename(file, '.json')}: check aborted`, [(error as Error).message])
    }
  }
  console.log(`${passed} passed, ${failed} failed`)
  process.exit(failed === 0 ? 0 : 1)
}

main()
