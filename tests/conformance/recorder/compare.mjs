#!/usr/bin/env node
// Compare another engine's observed results with recorded scenarios (see FORMAT.md).
//
//   node compare.mjs OBSERVED.json DIR|FILE...     (default dir: cases)
//
// OBSERVED.json: {"<scenario name>": [<result of step 0>, <result of step 1>, ...], ...}
// Both sides are normalised (FORMAT.md "Normalisation") and compared with object keys sorted.
// Exit status 0 when every scenario passes, 1 otherwise. A scenario missing from OBSERVED fails.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadScenarios, normResult, canonical } from './lib.mjs'

const HERE = path.dirname(fileURLToPath(import.meta.url))
const [obsFile, ...dirsArg] = process.argv.slice(2)
if (!obsFile) {
  console.error('usage: node compare.mjs OBSERVED.json [DIR|FILE...]')
  process.exit(2)
}
const dirs = dirsArg.length ? dirsArg : ['cases'].map((d) => path.join(HERE, d))
const observed = JSON.parse(fs.readFileSync(obsFile, 'utf8'))
let passed = 0
let failed = 0
for (const { scenario } of loadScenarios(dirs)) {
  const got = observed[scenario.name]
  let why = null
  if (!Array.isArray(got)) {
    why = 'no results'
  } else {
    for (let k = 0; k < scenario.steps.length; k++) {
      const st = scenario.steps[k]
      if (!('expect' in st)) {
        why = `step ${k} (${st.op}) has no recorded expect`
        break
      }
      const exp = canonical(normResult(st, st.expect))
      const act = k < got.length ? canonical(normResult(st, got[k])) : '<missing>'
      if (exp !== act) {
        why = `step ${k} (${st.op}${st.as ? ` as ${st.as}` : ''}): expected ${exp} got ${act}`
        break
      }
    }
  }
  if (why) {
    failed++
    console.log(`FAIL ${scenario.name}: ${why}`)
  } else {
    passed++
    console.log(`PASS ${scenario.name}`)
  }
}
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed ? 1 : 0)
