// npm run bench:browser [-- --json FILE]: every browser benchmark in turn, against one build.
// Each writes its own figures; with --json they are merged into one file.

import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const argv = process.argv.slice(2)
const jsonAt = argv.indexOf('--json')
const jsonFile = jsonAt >= 0 ? argv[jsonAt + 1] : undefined
const passThrough = jsonAt >= 0 ? argv.filter((_, i) => i !== jsonAt && i !== jsonAt + 1) : argv

// The worker, the canvas, the animation under load, a 5,000-queue import, layout at real size and the first load,
// when they exist.
const benches: string[][] = [
  ['browser.bench.ts'],
  ['canvas.bench.ts'],
  ['animation.bench.ts'],
  // The designer with a 3-node cluster replicating every queue, at the 1,000 msg/s.
  ['animation.bench.ts', '--nodes', '3', '--rate', '1000'],
  ['import.bench.ts'],
  ['layout.bench.ts'],
  ['first-load.bench.ts'],
].filter(([f]) => existsSync(path.join(here, f)))
const scratch = mkdtempSync(path.join(tmpdir(), 'warren-bench-'))
const merged: Record<string, unknown> = {}
for (const [index, [bench, ...options]] of benches.entries()) {
  const out = path.join(scratch, `${index}-${bench}.json`)
  execFileSync('npx', ['tsx', path.join(here, bench), ...options, ...passThrough, '--json', out], { stdio: 'inherit' })
  if (existsSync(out)) Object.assign(merged, JSON.parse(readFileSync(out, 'utf8')))
}
if (jsonFile) writeFileSync(jsonFile, JSON.stringify(merged, null, 2) + '\n')
