// npm run conformance -- [--profile 3.10|4.0|4.3] [--json FILE] [PATH...]
// Runs recorded RabbitMQ scenarios against the engine under a version profile, prints PASS/FAIL per scenario
// and a summary line. Without --profile every profile runs over its own folders, <version>/{public,recorded,cluster}.

import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { runScenario } from './harness/runner.ts'
import { firstDifference } from './harness/normalize.ts'
import type { Scenario } from './harness/scenario.ts'
import { BROKER_VERSIONS, isBrokerVersion, type BrokerVersion } from '../../engine/profile.ts'

const here = path.dirname(fileURLToPath(import.meta.url))
const args = process.argv.slice(2)
let jsonOut: string | null = null
let profile: BrokerVersion | null = null
const paths: string[] = []
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--json') jsonOut = args[++i]
  else if (args[i] === '--profile') {
    const value = args[++i]
    if (!isBrokerVersion(value)) {
      console.error(`unknown profile ${value}: one of ${BROKER_VERSIONS.join(', ')}`)
      process.exit(2)
    }
    profile = value
  } else if (args[i].startsWith('--')) {
    console.error(`unknown option ${args[i]}`)
    process.exit(2)
  } else paths.push(args[i])
}

/** Which profile runs which folders: the given ones, or each profile's own. */
const runs: { version: BrokerVersion; paths: string[] }[] = []
const ownFolders = (version: BrokerVersion) => [
  path.join(here, version, 'public'),
  path.join(here, version, 'recorded'),
  path.join(here, version, 'links'),
  path.join(here, version, 'cluster'), // recorded from a 3-node cluster (recorder/rabbitmq-cluster.sh)
]
if (paths.length > 0) runs.push({ version: profile ?? '3.10', paths })
else for (const version of profile ? [profile] : BROKER_VERSIONS) runs.push({ version, paths: ownFolders(version) })

function load(p: string): { file: string; scenario: Scenario }[] {
  if (!fs.existsSync(p)) return []
  const files = fs.statSync(p).isDirectory()
    ? fs
        .readdirSync(p)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => path.join(p, f))
    : [p]
  return files.map((file) => ({ file, scenario: JSON.parse(fs.readFileSync(file, 'utf8')) as Scenario }))
}

/** known-failures.txt: "name  reason" per line; # starts a comment. */
function knownFailures(): Map<string, string> {
  const file = path.join(here, 'known-failures.txt')
  const known = new Map<string, string>()
  if (!fs.existsSync(file)) return known
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const text = line.trim()
    if (!text || text.startsWith('#')) continue
    const [name, ...reason] = text.split(/\s+/)
    known.set(name, reason.join(' '))
  }
  return known
}

const known = knownFailures()
const several = runs.length > 1
const observed: Record<string, unknown[]> = {}
let passed = 0
let failed = 0
let tolerated = 0
for (const { version, paths: folders } of runs) {
  const tag = several ? `[${version}] ` : ''
  for (const p of folders) {
    for (const { file, scenario } of load(p)) {
      let why: string | null
      try {
        const results = runScenario(scenario, version)
        observed[several ? `${version}/${scenario.name}` : scenario.name] = results
        why = firstDifference(scenario.steps, results)
      } catch (error) {
        why = `engine threw: ${(error as Error).stack?.split('\n').slice(0, 3).join(' | ')}`
      }
      if (!why) {
        passed++
        console.log(`PASS ${tag}${scenario.name}`)
        if (known.has(scenario.name)) console.log(`     (listed in known-failures.txt but passes: remove it)`)
      } else if (known.has(scenario.name)) {
        tolerated++
        console.log(`KNOWN-FAIL ${tag}${scenario.name}: ${known.get(scenario.name)} — ${why}`)
      } else {
        failed++
        console.log(`FAIL ${tag}${scenario.name} [${path.relative(process.cwd(), file)}]: ${why}`)
      }
    }
  }
}
if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify(observed, null, 1) + '\n')
if (tolerated) console.log(`${tolerated} known failure(s) tolerated (tests/conformance/known-failures.txt)`)
console.log(`conformance: ${passed} passed, ${failed} failed`)
process.exit(failed ? 1 : 0)
