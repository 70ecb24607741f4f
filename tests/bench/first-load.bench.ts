// First load: `npm run bench:browser` (or `tsx tests/bench/first-load.bench.ts --json FILE`).
//
// A first visit with a fresh profile (the e-commerce example), as a new user gets it. Counts the gzipped bytes
// of every script the page and its workers fetch until the canvas shows the example with the broker running,
// and the time from navigation to a running broker. Targets: <= 180 KB gzipped JS, cold start <= 800 ms.

import { writeFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { designerPage, launchChromium, startPreview } from './preview-browser.ts'

const argv = process.argv.slice(2)
const option = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined)
const JSON_FILE = option('--json')
const PORT = Number(process.env.BENCH_FIRST_LOAD_PORT ?? 4178)
const RUNS = 3

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

let stop = () => {}
try {
  stop = await startPreview(PORT)
  const browser = await launchChromium()
  const coldStarts: number[] = []
  let scripts: { url: string; gzip: number }[] = []
  for (let run = 0; run < RUNS; run++) {
    // A new context each run: no HTTP cache, no service worker, no IndexedDB.
    const page = await designerPage(browser)
    await page.addInitScript(() => {
      const seen = () => {
        const el = document.querySelector('[data-testid="broker-state"][data-state="ready"]')
        if (el && !(window as any).__readyAt) (window as any).__readyAt = performance.now()
      }
      new MutationObserver(seen).observe(document, { subtree: true, childList: true, attributes: true })
    })
    const fetched: Promise<{ url: string; gzip: number } | null>[] = []
    let counting = true
    page.context().on('response', (response) => {
      // The service worker's precache downloads everything once the page runs: not what the first view waits for.
      if (!counting || response.request().serviceWorker() || !new URL(response.url()).pathname.endsWith('.js')) return
      fetched.push(
        response.body().then(
          (body) => ({ url: response.url(), gzip: gzipSync(body, { level: 9 }).length }),
          () => null,
        ),
      )
    })
    await page.goto(`http://localhost:${PORT}/`)
    await page.getByTestId('broker-state').and(page.locator('[data-state="ready"]')).waitFor()
    await page.locator('.react-flow__node').first().waitFor()
    await page.getByTestId('save-state').and(page.locator('[data-state="saved"]')).waitFor()
    counting = false
    coldStarts.push(await page.evaluate(() => (window as any).__readyAt as number))
    scripts = (await Promise.all(fetched)).filter((s) => s !== null)
    await page.context().close()
  }
  await browser.close()
  const jsGzipBytes = scripts.reduce((a, s) => a + s.gzip, 0)
  const coldStartMs = Math.round(median(coldStarts))
  const report = { firstLoad: { jsGzipBytes, coldStartMs, scripts: scripts.length } }
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`
  console.log(`first load: ${scripts.length} scripts, ${kb(jsGzipBytes)} gzipped (target <= 180 KB)`)
  for (const s of [...scripts].sort((a, b) => b.gzip - a.gzip))
    console.log(`  ${kb(s.gzip).padStart(9)}  ${new URL(s.url).pathname}`)
  console.log(
    `  cold start to a running broker ${coldStarts.map((ms) => ms.toFixed(0)).join(' / ')} ms, median ${coldStartMs} ms (target <= 800)`,
  )
  if (JSON_FILE) writeFileSync(JSON_FILE, JSON.stringify(report, null, 2))
} finally {
  stop()
}
