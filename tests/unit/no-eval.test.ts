// The CSP gives the page and the worker no 'unsafe-eval': no code in app/ or engine/ may need it, so none
// compiles strings (eval, new Function, string timers).

import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const STRING_CODE = [
  /(?<![\w.])eval\s*\(/,
  /\bnew\s+Function\s*\(/,
  /(?<![\w.])Function\s*\(\s*['"`]/,
  /\bset(?:Timeout|Interval)\s*\(\s*['"`]/,
]

function* sources(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) yield* sources(path)
    else if (/\.(ts|tsx|mjs|js)$/.test(name)) yield path
  }
}

describe('no code from strings', () => {
  it('app/ and engine/ never eval, build functions from text or pass a string to a timer', () => {
    const found: string[] = []
    for (const area of ['app', 'engine']) {
      for (const file of sources(join(ROOT, area))) {
        readFileSync(file, 'utf8')
          .split('\n')
          .forEach((line, i) => {
            if (!/^\s*(\/\/|\*)/.test(line) && STRING_CODE.some((p) => p.test(line)))
              found.push(`${file.slice(ROOT.length)}:${i + 1}: ${line.trim()}`)
          })
      }
    }
    expect(found).toEqual([])
  })

  it('the pattern catches what it is meant to', () => {
    for (const line of ['eval(x)', 'new Function("a", "b")', "setTimeout('tick()', 5)", 'setInterval(`x`, 1)'])
      expect(
        STRING_CODE.some((p) => p.test(line)),
        line,
      ).toBe(true)
    for (const line of ['setTimeout(() => x, 5)', 'retrieval(x)', 'obj.eval(x)'])
      expect(
        STRING_CODE.some((p) => p.test(line)),
        line,
      ).toBe(false)
  })
})
