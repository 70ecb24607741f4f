#!/usr/bin/env node
// The one boundary of STYLE.md: engine/ never imports app/, and app/ takes from engine/ only types,
// the worker protocol and the worker entry. Biome checks cycles; this checks direction.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'

const root = resolve(dirname(new URL(import.meta.url).pathname), '../..')
const APP_MAY_IMPORT_FROM_ENGINE = new Set(['engine/worker/protocol.ts', 'engine/worker/main.ts'])
const SOURCE = /\.(ts|tsx|mjs|js)$/

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) yield* files(path)
    else if (SOURCE.test(name)) yield path
  }
}

// Static imports and re-exports (possibly over several lines), dynamic imports and `new URL(..., import.meta.url)`.
const STATEMENT = /(?:^|\n)\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*'([^']+)'/g
const DYNAMIC = /(?:import\(|new URL\()\s*'([^']+)'/g

function importsOf(text) {
  const found = []
  for (const m of text.matchAll(STATEMENT)) {
    const specifiers = m[3]
    const braces = specifiers.match(/^\{([\s\S]*)\}$/)
    const allTypes =
      braces !== null &&
      braces[1]
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .every((s) => s.startsWith('type '))
    found.push({ path: m[4], typeOnly: Boolean(m[2]) || allTypes })
  }
  for (const m of text.matchAll(DYNAMIC)) found.push({ path: m[1], typeOnly: false })
  return found
}

const problems = []
for (const area of ['engine', 'app']) {
  for (const file of files(join(root, area))) {
    const from = relative(root, file)
    for (const { path, typeOnly } of importsOf(readFileSync(file, 'utf8'))) {
      if (!path.startsWith('.')) continue
      const target = relative(root, resolve(dirname(file), path))
      if (area === 'engine' && target.startsWith('app/')) problems.push(`${from}: imports ${target} (engine/ must not know app/)`)
      if (area === 'app' && target.startsWith('engine/') && !typeOnly && !APP_MAY_IMPORT_FROM_ENGINE.has(target))
        problems.push(`${from}: imports values from ${target} (app/ takes only types, the protocol and the worker entry)`)
    }
  }
}
for (const p of problems) console.error(p)
if (problems.length > 0) process.exit(1)
console.log('boundaries: engine/ and app/ import only what they may')
