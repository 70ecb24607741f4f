// Part of npm run check:rabbitmq: warren.management.connect() against the throw-away node's management plugin
// (start.sh enables it on 127.0.0.1:$WARREN_RMQ_MANAGEMENT_PORT). Each refusal a user can meet is provoked for
// real and must be told apart: wrong password, a user without the management tag, nothing listening; and the same
// requests answered by a connected API. Prints PASS/FAIL per check and "N passed, N failed".

import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { remoteManagement } from '../../app/broker/management.ts'
import { ManagementConnectError } from '../../app/broker/management-errors.ts'
import { initI18n } from '../../app/i18n/index.ts'

const here = path.dirname(fileURLToPath(import.meta.url))
const port = Number(process.env.WARREN_RMQ_MANAGEMENT_PORT ?? 15673)
const url = `http://127.0.0.1:${port}`
const page = { origin: 'http://localhost:4173', protocol: 'http:' }

let passed = 0
let failed = 0
function report(ok: boolean, name: string, detail = ''): void {
  if (ok) passed++
  else failed++
  console.log(`${ok ? 'PASS' : 'FAIL'} management: ${name}${ok || !detail ? '' : `\n     ${detail}`}`)
}

function ctl(...args: string[]): void {
  const r = spawnSync('sh', [path.join(here, 'ctl.sh'), '-q', ...args], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`rabbitmqctl ${args.join(' ')}: ${r.stdout}${r.stderr}`)
}

async function refusal(options: { url: string; username: string; password: string }): Promise<string> {
  try {
    await remoteManagement(options, page)
    return 'connected'
  } catch (error) {
    return error instanceof ManagementConnectError ? error.problem : `threw ${String(error)}`
  }
}

await initI18n('en')
ctl('add_user', 'warren-plain', 'secret')

const api = await remoteManagement({ url, username: 'guest', password: 'guest' }, page)
const overview = await api.get('/api/overview')
const version = (overview.body as { rabbitmq_version?: string }).rabbitmq_version
report(overview.status === 200 && typeof version === 'string', `GET /api/overview answers (RabbitMQ ${version})`)

const put = await api.put('/api/queues/%2F/warren.management.check', { durable: true, arguments: {} })
const queue = await api.get('/api/queues/%2F/warren.management.check')
report(
  put.status === 201 && queue.status === 200 && (queue.body as { name?: string }).name === 'warren.management.check',
  'PUT then GET a queue',
  JSON.stringify([put, queue.status]),
)
const publish = await api.post('/api/exchanges/%2F/amq.default/publish', {
  properties: {},
  routing_key: 'warren.management.check',
  payload: 'hello',
  payload_encoding: 'string',
})
report(JSON.stringify(publish.body) === '{"routed":true}', 'publish answers {"routed": true}', JSON.stringify(publish))
const missing = await api.get('/api/queues/%2F/no-such-queue')
report(missing.status === 404, 'a missing queue is 404', JSON.stringify(missing))
await api.delete('/api/queues/%2F/warren.management.check')

const wrong = await refusal({ url, username: 'guest', password: 'not-the-password' })
report(wrong === 'login-failed', 'a wrong password is told as such', wrong)
const plain = await refusal({ url, username: 'warren-plain', password: 'secret' })
report(plain === 'not-management-user', 'a user without the management tag is told as such', plain)
const nobody = await refusal({ url: 'http://127.0.0.1:9', username: 'guest', password: 'guest' })
report(nobody === 'unreachable', 'nothing listening is told as unreachable', nobody)
const mixed = await remoteManagement(
  { url: 'http://rabbit.example:15672', username: 'g', password: 'g' },
  {
    origin: 'https://warren.example',
    protocol: 'https:',
  },
).then(
  () => 'connected',
  (error) => (error instanceof ManagementConnectError ? error.problem : String(error)),
)
report(mixed === 'mixed-content', 'an https page and a remote plain-http broker is refused before any request', mixed)

// The CLI for pipelines: deploy a design, read it back with rabbitmqctl, then drift after a change rabbitmqctl makes.
const design = path.join(here, 'deploy', 'design.json')
const cli = (...args: string[]) =>
  spawnSync('node', [path.join(here, '../../cli/warren.mjs'), ...args, '--url', url, '--user', 'guest'], {
    encoding: 'utf8',
    env: { ...process.env, WARREN_PASSWORD: 'guest' },
  })
const deployed = cli('deploy', design)
report(
  deployed.status === 0 && deployed.stdout.includes('step(s) applied'),
  'warren deploy applies its plan',
  deployed.stdout + deployed.stderr,
)
const listed = spawnSync(
  'sh',
  [path.join(here, 'ctl.sh'), '-q', 'list_queues', '-p', 'deployed', 'name', 'arguments'],
  {
    encoding: 'utf8',
  },
)
report(
  listed.stdout.includes('payments') && listed.stdout.includes('x-message-ttl'),
  'rabbitmqctl lists the deployed queue with its arguments',
  listed.stdout,
)
const same = cli('diff', design)
report(same.status === 0, 'warren diff exits 0 on a broker that matches', same.stdout + same.stderr)
ctl('set_policy', '-p', 'deployed', 'cap', '^payments$', '{"max-length":5}', '--apply-to', 'queues')
const drifted = cli('diff', design)
report(
  drifted.status === 1 && drifted.stdout.includes('extra     policy'),
  'warren diff exits 1 and names the policy rabbitmqctl added',
  drifted.stdout,
)
const again = cli('deploy', design)
report(
  again.stdout.includes('nothing to do'),
  'a second deploy without --prune leaves the extra policy alone',
  again.stdout,
)
const pruned = cli('deploy', design, '--prune')
report(
  pruned.status === 0 && cli('diff', design).status === 0,
  'deploy --prune deletes it, and the broker matches again',
  pruned.stdout,
)
const badPassword = spawnSync(
  'node',
  [path.join(here, '../../cli/warren.mjs'), 'diff', design, '--url', url, '--user', 'guest'],
  {
    encoding: 'utf8',
    env: { ...process.env, WARREN_PASSWORD: 'wrong' },
  },
)
report(
  badPassword.status === 2 && /password is wrong/.test(badPassword.stderr) && !badPassword.stderr.includes('wrong\n'),
  'a wrong password: one line, exit 2, never echoed',
  badPassword.stderr,
)
const notDefinitions = spawnSync(
  'node',
  [path.join(here, '../../cli/warren.mjs'), 'deploy', path.join(here, 'run.sh'), '--url', url, '--user', 'guest'],
  {
    encoding: 'utf8',
    env: { ...process.env, WARREN_PASSWORD: 'guest' },
  },
)
report(
  notDefinitions.status === 2 && /is not JSON/.test(notDefinitions.stderr),
  'a file that is not definitions: one line, exit 2',
  notDefinitions.stderr,
)
const unreachable = spawnSync(
  'node',
  [path.join(here, '../../cli/warren.mjs'), 'diff', design, '--url', 'http://127.0.0.1:9', '--user', 'guest'],
  {
    encoding: 'utf8',
    env: { ...process.env, WARREN_PASSWORD: 'guest' },
  },
)
report(
  unreachable.status === 2 && /Nothing answered/.test(unreachable.stderr),
  'an unreachable URL: one line, exit 2',
  unreachable.stderr,
)
ctl('delete_vhost', 'deployed')

ctl('delete_user', 'warren-plain')
console.log(`management: ${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
