// Issue 19: a 5,000-queue import completes with every entity in the broker while the canvas renders only what
// is on screen (rendering all 5,000 nodes at once is what froze the page), and the imported design stays usable.

import { expect, test, type Page } from '@playwright/test'
import { freshUrl, open, snapshot } from './designer-helpers.ts'

const QUEUES = 5000
const names = Array.from({ length: QUEUES }, (_, i) => `bench.q${String(i).padStart(5, '0')}`)
const DEFINITIONS = {
  rabbit_version: '3.10.8',
  vhosts: [{ name: '/' }],
  exchanges: [{ name: 'bench.events', vhost: '/', type: 'topic', durable: true, auto_delete: false, arguments: {} }],
  queues: names.map((name) => ({ name, vhost: '/', durable: true, auto_delete: false, arguments: {} })),
  bindings: names.map((name) => ({
    source: 'bench.events',
    vhost: '/',
    destination: name,
    destination_type: 'queue',
    routing_key: `${name}.#`,
    arguments: {},
  })),
}

/** The most nodes and edges the canvas held in the DOM at any moment, recorded on every DOM change. */
async function watchRenderedPeak(page: Page) {
  await page.evaluate(() => {
    const peak = { nodes: 0, edges: 0 }
    ;(window as unknown as { renderedPeak: typeof peak }).renderedPeak = peak
    new MutationObserver(() => {
      peak.nodes = Math.max(peak.nodes, document.querySelectorAll('.react-flow__node').length)
      peak.edges = Math.max(peak.edges, document.querySelectorAll('.react-flow__edge').length)
    }).observe(document.body, { subtree: true, childList: true })
  })
}

test('5,000 queues import whole while the canvas renders only what is on screen', async ({ page }) => {
  test.setTimeout(240_000)
  await open(page, freshUrl('import-5k'))
  await watchRenderedPeak(page)
  await page.getByTestId('file-picker').setInputFiles({
    name: 'five-thousand.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(DEFINITIONS)),
  })
  await expect(page.getByTestId('io-report')).toContainText(/1 exchange, 5,?000 queues, 5,?000 bindings/, {
    timeout: 200_000,
  })
  const snap = await snapshot(page)
  expect(snap.queues.filter((q) => q.name.startsWith('bench.q'))).toHaveLength(QUEUES)
  expect(snap.bindings.filter((b) => b.source === 'bench.events')).toHaveLength(QUEUES)

  const peak = await page.evaluate(
    () => (window as unknown as { renderedPeak: { nodes: number; edges: number } }).renderedPeak,
  )
  expect(peak.nodes).toBeGreaterThan(0)
  expect(peak.nodes).toBeLessThan(QUEUES / 5)
  expect(peak.edges).toBeLessThan(QUEUES / 5)

  // A queue far off screen is found, flown to and drawn.
  await page.getByTestId('io-report-close').click()
  await page.keyboard.press('Control+k')
  await page.getByTestId('canvas-search-input').fill('bench.q04999')
  // The queue, then the binding whose key holds its name.
  await expect(page.getByTestId('canvas-search-hit')).toHaveCount(2)
  await page.keyboard.press('Enter')
  // The inspector's editors are a chunk of their own, fetched while the page is still busy with 5,000 queues.
  await expect(page.getByTestId('inspector-title')).toHaveText('bench.q04999', { timeout: 30_000 })
  await expect(page.locator('.react-flow__node[data-id="queue:bench.q04999"]')).toBeVisible()
  for (const size of [
    { width: 1100, height: 700 },
    { width: 1440, height: 900 },
    { width: 1920, height: 1080 },
  ]) {
    await page.setViewportSize(size)
    await page.screenshot({ path: test.info().outputPath(`import-5k-${size.width}.png`) })
  }
})
