// Auto-layout and panning at real size: `npm run bench:browser` (or `tsx tests/bench/layout.bench.ts --json FILE`).
//
// Imports 1,000 queues and 3,000 bindings from 40 topic exchanges through the File menu, then times
// "Auto-layout" (ELK in its worker, then the commit) and the frame times while the canvas is dragged across.
// Targets: layout <= 2 s, pan frame p95 <= 16.7 ms.

import { writeFileSync } from 'node:fs'
import { bigDefinitions, LAYOUT_1K } from './big-definitions.ts'
import { designerPage, launchChromium, startPreview } from './preview-browser.ts'

const argv = process.argv.slice(2)
const option = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined)
const JSON_FILE = option('--json')
const PORT = Number(process.env.BENCH_LAYOUT_PORT ?? 4176)
const RUNS = 3
const PAN_MS = 3000
const SETTLE_FRAMES = 10

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

let stop = () => {}
try {
  stop = await startPreview(PORT)
  const browser = await launchChromium()
  const page = await designerPage(browser)
  await page.goto(`http://localhost:${PORT}/?db=bench-layout-${Date.now()}&example=none`)
  await page.getByTestId('broker-state').and(page.locator('[data-state="ready"]')).waitFor()
  const definitions = Buffer.from(JSON.stringify(bigDefinitions(LAYOUT_1K)))
  const importStart = Date.now()
  await page
    .getByTestId('file-picker')
    .setInputFiles({ name: 'layout-1k.json', mimeType: 'application/json', buffer: definitions })
  await page.getByTestId('io-report').waitFor({ timeout: 120_000 })
  const importMs = Date.now() - importStart
  await page.keyboard.press('Escape')
  const drawn = await page.evaluate(() => {
    const { store } = (window as any).warrenDesigner
    return { nodes: store.getState().nodes.length, edges: store.getState().edges.length }
  })

  const layouts: number[] = []
  for (let run = 0; run < RUNS; run++)
    layouts.push(
      await page.evaluate(async () => {
        const { actions } = (window as any).warrenDesigner
        const t0 = performance.now()
        await actions.autoLayout()
        return performance.now() - t0
      }),
    )

  // The pan is timed on its own: first the fit that follows the layout ends (the viewport holds still for
  // SETTLE_FRAMES frames in a row), then the pointer drags the empty canvas while the page records frame times.
  await page.evaluate(
    (frames) =>
      new Promise<void>((resolve) => {
        const viewport = document.querySelector('.react-flow__viewport') as HTMLElement
        let last = ''
        let still = 0
        const tick = () => {
          const now = viewport.style.transform
          still = now === last ? still + 1 : 0
          last = now
          if (still >= frames) resolve()
          else requestAnimationFrame(tick)
        }
        requestAnimationFrame(tick)
      }),
    SETTLE_FRAMES,
  )
  const pane = page.locator('.react-flow__pane')
  const box = await pane.boundingBox()
  if (!box) throw new Error('no canvas')
  const frames = page.evaluate(
    (ms) =>
      new Promise<number[]>((resolve) => {
        const out: number[] = []
        let last = performance.now()
        const start = last
        const tick = (now: number) => {
          out.push(now - last)
          last = now
          if (now - start < ms) requestAnimationFrame(tick)
          else resolve(out)
        }
        requestAnimationFrame(tick)
      }),
    PAN_MS,
  )
  const cx = box.x + box.width / 2
  const cy = box.y + box.height / 2
  await page.mouse.move(cx, cy)
  await page.mouse.down()
  const until = Date.now() + PAN_MS
  for (let step = 0; Date.now() < until; step++) {
    const angle = step / 20
    await page.mouse.move(cx + Math.cos(angle) * 200, cy + Math.sin(angle) * 120)
  }
  await page.mouse.up()
  const times = (await frames).slice(1).sort((a, b) => a - b)
  const panP95Ms = times[Math.min(times.length - 1, Math.floor(times.length * 0.95))]
  await browser.close()

  const layoutMs = median(layouts)
  const report = {
    layout1k: { layoutMs: Math.round(layoutMs), panP95Ms: Number(panP95Ms.toFixed(1)), importMs, ...drawn },
  }
  console.log(
    `layout: ${LAYOUT_1K.queues} queues, ${LAYOUT_1K.queues * LAYOUT_1K.bindingsPerQueue} bindings -> ${drawn.nodes} nodes, ${drawn.edges} edges`,
  )
  console.log(`  import through the File menu, drawn and laid out: ${importMs} ms`)
  console.log(
    `  auto-layout ${layouts.map((ms) => ms.toFixed(0)).join(' / ')} ms, median ${layoutMs.toFixed(0)} ms (target <= 2000)`,
  )
  console.log(`  pan frame p95 ${panP95Ms.toFixed(1)} ms over ${times.length} frames (target <= 16.7)`)
  if (JSON_FILE) writeFileSync(JSON_FILE, JSON.stringify(report, null, 2))
} finally {
  stop()
}
