// warren pull | diff | deploy: a design against a real RabbitMQ through its management API, for pipelines.
//   warren pull --url URL --user U [--vhost V] --out FILE     the broker's definitions into FILE
//   warren diff FILE --url URL --user U [--vhost V]           exit 0 when the broker matches, 1 on drift, 2 on error
//   warren deploy FILE --url URL --user U [--vhost V] [--dry-run] [--prune]
// The password comes from WARREN_PASSWORD or a prompt that does not echo it; it is never printed.

import fs from 'node:fs'
import readline from 'node:readline'
import { remoteManagement, type ManagementApi } from '../app/broker/management.ts'
import { ManagementConnectError } from '../app/broker/management-errors.ts'
import { initI18n } from '../app/i18n/index.ts'
import { createBroker, ManualClock } from '../engine/index.ts'
import { applyPlan, isMissingVhost } from '../app/broker/apply-plan.ts'
import { driftOf, planDeploy, type PlanStep } from '../engine/definitions/deploy-plan.ts'
import { exportDefinitions, exportVhostDefinitions } from '../engine/definitions/export.ts'
import { importDefinitions } from '../engine/definitions/import.ts'

export const MANAGEMENT_COMMANDS = new Set(['pull', 'diff', 'deploy'])

/** A mistake in how the command was called or what it was given: one line, exit 2. */
export class CommandError extends Error {}

type Flags = Record<string, string | true>

const FILE_PROBLEMS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a part of the path is not a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOSPC: 'the disk is full',
}
const fileProblem = (error: unknown) =>
  FILE_PROBLEMS[(error as NodeJS.ErrnoException).code ?? ''] ?? 'it cannot be used'

async function password(): Promise<string> {
  const fromEnv = process.env.WARREN_PASSWORD
  if (fromEnv !== undefined) return fromEnv
  if (!process.stdin.isTTY) throw new CommandError('no password: set WARREN_PASSWORD, or run in a terminal to be asked')
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true })
  const muted = rl as unknown as { _writeToOutput: (s: string) => void }
  process.stdout.write('password: ')
  muted._writeToOutput = () => {}
  const answer = await new Promise<string>((resolve) => rl.question('', resolve))
  rl.close()
  process.stdout.write('\n')
  return answer
}

async function connect(flags: Flags): Promise<ManagementApi> {
  const url = flags.url
  const user = flags.user
  if (typeof url !== 'string') throw new CommandError('--url is required, e.g. --url http://localhost:15672')
  if (typeof user !== 'string') throw new CommandError('--user is required')
  await initI18n('en')
  try {
    return await remoteManagement(
      { url, username: user, password: await password() },
      { origin: 'cli', protocol: 'http:' },
    )
  } catch (error) {
    if (error instanceof ManagementConnectError) throw new CommandError(error.message)
    throw error
  }
}

const vhostPath = (flags: Flags) => (typeof flags.vhost === 'string' ? `/${encodeURIComponent(flags.vhost)}` : '')

async function liveDefinitions(api: ManagementApi, flags: Flags): Promise<Record<string, unknown>> {
  const answer = await api.get(`/api/definitions${vhostPath(flags)}`)
  // A vhost the broker does not have yet is an empty one: a deploy starts by creating it.
  if (isMissingVhost(answer) && typeof flags.vhost === 'string') return { vhosts: [] }
  if (answer.status !== 200) {
    const reason = (answer.body as { reason?: string } | null)?.reason ?? ''
    throw new CommandError(`the broker answered ${answer.status} ${reason}`.trim())
  }
  return answer.body as Record<string, unknown>
}

/** The design file as Warren normalises it (through the engine), so both sides are compared alike. */
function designOf(file: string | undefined, flags: Flags): Record<string, unknown> {
  if (!file) throw new CommandError('a design FILE is required (definitions JSON or a Warren file)')
  let text: string
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch (error) {
    throw new CommandError(`cannot read ${file}: ${fileProblem(error)}`)
  }
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch {
    throw new CommandError(`${file} is not JSON`)
  }
  const definitions = (doc as { definitions?: unknown })?.definitions ?? doc
  if (!definitions || typeof definitions !== 'object' || Array.isArray(definitions))
    throw new CommandError(`${file} holds no definitions (queues, exchanges, bindings, ...)`)
  const broker = createBroker({ clock: new ManualClock() })
  const vhost = typeof flags.vhost === 'string' ? flags.vhost : null
  try {
    importDefinitions(broker, definitions, vhost)
  } catch (error) {
    throw new CommandError(`${file}: ${(error as Error).message}`)
  }
  return (vhost ? exportVhostDefinitions(broker, vhost) : exportDefinitions(broker)) as Record<string, unknown>
}

function describeStep(s: PlanStep): string {
  const lost = s.messagesLost > 0 ? ` (loses ${s.messagesLost} message${s.messagesLost === 1 ? '' : 's'})` : ''
  const why = s.differences.length > 0 ? `: ${s.differences.join('; ')}` : ''
  return `${s.action.padEnd(8)} ${s.kind.padEnd(8)} ${s.vhost} ${s.name}${lost}${why}`
}

async function depthsOf(api: ManagementApi): Promise<Map<string, number>> {
  const answer = await api.get('/api/queues')
  const rows = Array.isArray(answer.body) ? (answer.body as { vhost: string; name: string; messages?: number }[]) : []
  return new Map(rows.map((q) => [`${q.vhost}\u0000${q.name}`, q.messages ?? 0]))
}

export async function runManagementCommand(command: string, positional: string[], flags: Flags): Promise<number> {
  const vhost = typeof flags.vhost === 'string' ? flags.vhost : null
  switch (command) {
    case 'pull': {
      if (typeof flags.out !== 'string') throw new CommandError('--out FILE is required')
      const api = await connect(flags)
      const definitions = await liveDefinitions(api, flags)
      try {
        fs.writeFileSync(flags.out, `${JSON.stringify(definitions, null, 2)}\n`)
      } catch (error) {
        throw new CommandError(`cannot write ${flags.out}: ${fileProblem(error)}`)
      }
      console.log(`wrote the definitions of ${vhost ?? 'every vhost'} to ${flags.out}`)
      return 0
    }
    case 'diff': {
      const design = designOf(positional[0], flags)
      const api = await connect(flags)
      const drift = driftOf(design, await liveDefinitions(api, flags), vhost)
      for (const d of drift)
        console.log(
          `${d.status.padEnd(9)} ${d.kind.padEnd(8)} ${d.vhost} ${d.name}${d.differences.length ? `: ${d.differences.join('; ')}` : ''}`,
        )
      console.log(drift.length === 0 ? 'the broker matches the design' : `${drift.length} difference(s)`)
      return drift.length === 0 ? 0 : 1
    }
    case 'deploy': {
      const design = designOf(positional[0], flags)
      const api = await connect(flags)
      const steps = planDeploy(design, await liveDefinitions(api, flags), vhost, {
        prune: flags.prune === true,
        depths: await depthsOf(api),
      })
      for (const s of steps) console.log(describeStep(s))
      if (steps.length === 0) {
        console.log('nothing to do: the broker matches the design')
        return 0
      }
      if (flags['dry-run'] === true) {
        console.log(`${steps.length} step(s) planned, none applied (--dry-run)`)
        return 0
      }
      const reports = await applyPlan(api, steps)
      const failedStep = reports.find((r) => !r.ok)
      if (failedStep) {
        console.log(`refused: ${describeStep(failedStep.step)}: ${failedStep.error}`)
        console.log(`${reports.length - 1} of ${steps.length} step(s) applied; the rest were not tried`)
        return 2
      }
      console.log(`${steps.length} step(s) applied`)
      return 0
    }
    default:
      throw new CommandError(`unknown command ${command}`)
  }
}
