// npm run conformance -- [--json FILE] [PATH...]
// Runs recorded RabbitMQ scenarios against the engine, prints PASS/FAIL per scenario and a summary line.

import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { runScenario } from './harness/runner.ts'
import { firstDifference } from './harness/normalize.ts'
import type { Scenario } from './harness/scenario.ts'

const here = path.dirname(fileURLToPath(import.meta.url))
const args = process.argv.slice(2)
let jsonOut: string | null = null
const paths: string[] = []
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--json') jsonOut = args[++i]
  else if (args[i].startsWith('--')) {
    console.error(`unknown option ${args[i]}`)
    process.exit(2)
  } else paths.push(args[i])
}
const usingDefaults = paths.length === 0
if (usingDefaults) paths.push(path.join(here, '3.10', 'public'), path.join(here, '3.10', 'recorded'))

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
const observed: Record<string, unknown[]> = {}
let passed = 0
let failed = 0
let tolerated = 0
for (const p of paths) {
  for (const { file, scenario } of load(p)) {
    let why: string | null
    try {
      const results = runScenario(scenario)
      observed[scenario.name] = results
      why = firstDifference(scenario.steps, results)
    } catch (error) {
      why = `engine threw: ${(error as Error).stack?.split('\n').slice(0, 3).join(' | ')}`
    }
    if (!why) {
      passed++
      console.log(`PASS ${scenario.name}`)
      if (known.has(scenario.name)) console.log(`     (listed in known-failures.txt but passes: remove it)`)
    } else if (known.has(scenario.name)) {
      tolerated++
      console.log(`KNOWN-FAIL ${scenario.name}: ${known.get(scenario.name)} — ${why}`)
    } else {
      failed++
      console.log(`FAIL ${scenario.name} [${path.relative(process.cwd(), file)}]: ${why}`)
    }
  }
}
if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify(observed, null, 1) + '\n')
if (tolerated) console.log(`${tolerated} known failure(s) tolerated (tests/conformance/known-failures.txt)`)
console.log(`conformance: ${passed} passed, ${failed} failed`)
process.exit(failed ? 1 : 0)
