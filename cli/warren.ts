// The engine from the command line: lint, normalise and route RabbitMQ definitions files.
//   warren lint FILE [--version 3.10|4.0|4.3]   exit 1 when the file has errors; lints as the file's version by default
//   warren export FILE [--vhost V] [--out OUT]
//   warren route FILE --exchange X [--routing-key K] [--headers JSON] [--vhost V]
//   warren pull | diff | deploy: against a real RabbitMQ's management API (cli/management-commands.ts)
//   warren code FILE --lang node|python [--vhost V]   the Code tab's script, on stdout
// Every error (a file, an argument, an input limit) is one line on stderr and exit 2.

import fs from 'node:fs'
import { createBroker, ManualClock, explainRoute } from '../engine/index.ts'
import { DefinitionsError, importDefinitions } from '../engine/definitions/import.ts'
import { exportDefinitions, exportVhostDefinitions } from '../engine/definitions/export.ts'
import { lintDefinitions } from '../engine/definitions/lint-file.ts'
import { BROKER_VERSIONS, isBrokerVersion } from '../engine/profile.ts'
import { AmqpError } from '../engine/errors.ts'
import { CommandError, MANAGEMENT_COMMANDS, runManagementCommand } from './management-commands.ts'
import { amqplibScript, pikaScript } from '../engine/definitions/client-code.ts'
import { checkDepth, checkSize, checkTable, InputLimitError } from '../engine/worker/input-limits.ts'

const USAGE = `usage:
  warren lint FILE [--version 3.10|4.0|4.3]
  warren export FILE [--vhost V] [--out OUT]
  warren route FILE --exchange X [--routing-key K] [--headers JSON] [--vhost V]
  warren pull --url URL --user U [--vhost V] --out FILE
  warren diff FILE --url URL --user U [--vhost V]          (exit 0 same, 1 drift, 2 error)
  warren deploy FILE --url URL --user U [--vhost V] [--dry-run] [--prune]
  warren code FILE --lang node|python [--vhost V]
  (pull, diff, deploy: the password from WARREN_PASSWORD, or asked without echo)`

/** The command line is not one of the usages: the usage follows the message. */
class UsageError extends Error {}
/** A file or an argument value Warren cannot use: one line, no usage. */
class InputError extends Error {}

const SWITCHES = new Set(['--dry-run', '--prune'])

function parse(argv: string[]) {
  const [command, ...rest] = argv
  const flags: Record<string, string> = {}
  const switches: Record<string, true> = {}
  const positional: string[] = []
  for (let i = 0; i < rest.length; i++) {
    if (SWITCHES.has(rest[i])) switches[rest[i].slice(2)] = true
    else if (rest[i].startsWith('--')) {
      const value = rest[i + 1]
      if (value === undefined) throw new UsageError(`${rest[i]} needs a value`)
      flags[rest[i].slice(2)] = value
      i++
    } else positional.push(rest[i])
  }
  return { command, flags, switches, positional }
}

function readFile(path: string | undefined): string {
  if (!path) throw new UsageError('a definitions FILE is required')
  let text: string
  try {
    text = fs.readFileSync(path, 'utf8')
  } catch (error) {
    throw new InputError(`cannot read ${path}: ${fileProblem(error)}`)
  }
  checkSize(text, `The file ${path}`)
  return text
}

/** A file-system error in a few words, without Node's error text (errno, syscall, path). */
function fileProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return 'no such file or folder'
  if (code === 'EISDIR') return 'it is a folder'
  if (code === 'ENOTDIR') return 'a part of the path is not a folder'
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied'
  if (code === 'ENOSPC') return 'the disk is full'
  if (code === 'EROFS') return 'the file system is read-only'
  return code ?? 'unknown error'
}

function writeFile(path: string, text: string): void {
  try {
    fs.writeFileSync(path, text)
  } catch (error) {
    throw new InputError(`cannot write ${path}: ${fileProblem(error)}`)
  }
}

/** A single-vhost file (GET /api/definitions/{vhost}) has no vhost fields; --vhost says where it goes. */
function parseJson(text: string): Record<string, unknown> {
  const doc = JSON.parse(text) as unknown
  checkDepth(doc, 'The file')
  if (!doc || typeof doc !== 'object' || Array.isArray(doc))
    throw new DefinitionsError('expected a JSON object with queues, exchanges, bindings, policies, ...')
  return doc as Record<string, unknown>
}

function load(text: string, vhost: string | undefined) {
  const broker = createBroker({ clock: new ManualClock() })
  const doc = parseJson(text)
  const hasVhostFields = ['queues', 'exchanges', 'bindings', 'policies'].some(
    (k) => Array.isArray(doc[k]) && (doc[k] as Record<string, unknown>[]).some((e) => e && typeof e.vhost === 'string'),
  )
  const single = !hasVhostFields && !Array.isArray(doc.vhosts)
  const result = importDefinitions(broker, doc, single ? (vhost ?? '/') : null)
  return { broker, result, single }
}

function main(argv: string[]): number {
  const { command, flags, positional } = parse(argv)
  switch (command) {
    case 'lint': {
      const version = flags.version
      if (version !== undefined && !isBrokerVersion(version))
        throw new UsageError(`--version takes ${BROKER_VERSIONS.join(', ')}, not ${version}`)
      const doc = parseJson(readFile(positional[0]))
      const findings = version === undefined ? lintDefinitions(doc) : lintDefinitions(doc, null, version)
      for (const f of findings)
        console.log(
          `${f.severity.padEnd(7)} ${f.rule.padEnd(30)} ${f.vhost} ${f.entity.kind} ${f.entity.name}: ${f.message}${f.version ? ` (RabbitMQ ${f.version})` : ''}`,
        )
      const errors = findings.filter((f) => f.severity === 'error').length
      console.log(
        `${errors} error(s), ${findings.filter((f) => f.severity === 'warning').length} warning(s), ${findings.filter((f) => f.severity === 'info').length} note(s)`,
      )
      return errors > 0 ? 1 : 0
    }
    case 'export': {
      const { broker, result, single } = load(readFile(positional[0]), flags.vhost)
      for (const w of result.warnings) console.error(`warning: ${w}`)
      const out = single || flags.vhost ? exportVhostDefinitions(broker, flags.vhost ?? '/') : exportDefinitions(broker)
      const json = JSON.stringify(out, null, 2) + '\n'
      if (flags.out) writeFile(flags.out, json)
      else process.stdout.write(json)
      return 0
    }
    case 'route': {
      if (!flags.exchange && flags.exchange !== '') throw new UsageError('route needs --exchange')
      const { broker } = load(readFile(positional[0]), flags.vhost)
      let headers = {}
      if (flags.headers) {
        try {
          headers = JSON.parse(flags.headers)
        } catch {
          throw new InputError('--headers must be a JSON object, e.g. \'{"format":"pdf"}\'')
        }
        if (!headers || typeof headers !== 'object' || Array.isArray(headers))
          throw new InputError('--headers must be a JSON object, e.g. \'{"format":"pdf"}\'')
        checkTable(headers, '--headers')
      }
      const vhost = broker.vhosts.get(flags.vhost ?? '/')
      if (!vhost) throw new InputError(`no vhost "${flags.vhost}" in the file`)
      const explanation = explainRoute(vhost, flags.exchange, flags['routing-key'] ?? '', headers)
      for (const hop of explanation.hops) {
        const how =
          hop.via === 'publish'
            ? 'published to'
            : hop.via === 'binding'
              ? `bound from "${hop.from}" to`
              : `alternate exchange of "${hop.from}":`
        console.log(`${how} exchange "${hop.exchange}" (${hop.type})`)
        for (const b of hop.bindings)
          console.log(
            `  ${b.matched ? 'match ' : 'no    '} -> ${b.binding.destinationType} "${b.binding.destination}" [${b.binding.routingKey}]: ${b.reason}`,
          )
        if (hop.alternate) console.log(`  alternate exchange "${hop.alternate.name}": ${hop.alternate.outcome}`)
      }
      console.log(
        explanation.unroutable
          ? 'unroutable: no queue receives this message'
          : `queues: ${explanation.queues.join(', ')}`,
      )
      return 0
    }
    case 'code': {
      const lang = flags.lang
      if (lang !== 'node' && lang !== 'python') throw new UsageError('code needs --lang node or --lang python')
      const { broker } = load(readFile(positional[0]), flags.vhost)
      const vhost = flags.vhost ?? '/'
      if (!broker.vhosts.has(vhost)) throw new InputError(`no vhost "${vhost}" in the file`)
      process.stdout.write(lang === 'node' ? amqplibScript(broker, vhost) : pikaScript(broker, vhost))
      return 0
    }
    default:
      throw new UsageError(command ? `unknown command "${command}"` : 'no command given')
  }
}

async function run(argv: string[]): Promise<number> {
  const { command, flags, switches, positional } = parse(argv)
  if (MANAGEMENT_COMMANDS.has(command)) return runManagementCommand(command, positional, { ...flags, ...switches })
  return main(argv)
}

try {
  process.exitCode = await run(process.argv.slice(2))
} catch (error) {
  if (error instanceof UsageError) console.error(`warren: ${error.message}\n${USAGE}`)
  else if (error instanceof CommandError) console.error(`warren: ${error.message}`)
  else if (error instanceof DefinitionsError || error instanceof SyntaxError)
    console.error(`warren: this is not a definitions file Warren can read: ${error.message}`)
  else if (error instanceof InputError || error instanceof AmqpError || error instanceof InputLimitError)
    console.error(`warren: ${error.message}`)
  else console.error(`warren: ${oneLine(error)}`)
  process.exitCode = 2
}

/** Any other failure as one line: its message without a stack trace. */
function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.split('\n')[0] || 'unexpected error'
}
