// The designer at real size: ELK auto-layout, parallel bindings as one counted edge, levels of detail.

import { expect, test, type Page } from '@playwright/test'
import { bigDefinitions } from '../bench/big-definitions.ts'
import { freshUrl, open, snapshot } from './designer-helpers.ts'

const SIZES = [
  { width: 1100, height: 700 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
]

/** Resolves once the example is declared in the broker: an import before that finds an empty broker and asks nothing. */
async function exampleDeclared(page: Page) {
  await expect
    .poll(async () => (await snapshot(page)).queues.map((q) => q.name).sort())
    .toEqual(['analytics', 'payment', 'payment.dlq'])
}

// 5 exchanges and 95 queues, each queue bound from its home exchange and the next one.
const HUNDRED = bigDefinitions({ exchanges: 5, queues: 95, bindingsPerQueue: 2 })

// 670 bindings between 3 exchanges and 2 queues, as the issue found them: 300 + 200 + 170.
const PARALLEL = {
  rabbit_version: '3.12.4',
  exchanges: ['a', 'b', 'c'].map((name) => ({ name, vhost: '/', type: 'direct', durable: true, arguments: {} })),
  queues: ['q', 'r'].map((name) => ({ name, vhost: '/', durable: true, arguments: {} })),
  bindings: [
    ...Array.from({ length: 300 }, (_, i) => ['a', 'q', `k-${i}`]),
    ...Array.from({ length: 200 }, (_, i) => ['b', 'q', `b-${i}`]),
    ...Array.from({ length: 170 }, (_, i) => ['c', 'r', `c-${i}`]),
  ].map(([source, destination, key]) => ({
    source,
    vhost: '/',
    destination,
    destination_type: 'queue',
    routing_key: key,
    arguments: {},
  })),
}

async function importFile(page: Page, name: string, doc: unknown) {
  await page
    .getByTestId('file-picker')
    .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) })
  await expect(page.getByTestId('io-report')).toBeVisible({ timeout: 30_000 })
  await page.getByTestId('io-report-close').click()
  await expect(page.getByTestId('io-report')).toBeHidden()
}

const zoom = (page: Page) =>
  page.locator('.react-flow__viewport').evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).a)

// Imports of a hundred entities take a while on a machine shared by several builds.
test.describe.configure({ timeout: 120_000 })

/** Resolves once the design has laid-out positions (the layout worker answers asynchronously). */
const laidOut = (page: Page) =>
  expect
    .poll(() => page.evaluate(() => Object.keys((window as any).warrenDesigner.store.getState().positions).length), {
      timeout: 20_000,
    })
    .toBeGreaterThan(0)

/** Resolves once the viewport stops moving (the fit animates), so a screenshot shows where it ends. */
async function viewSettled(page: Page) {
  let last: string | null = null
  await expect
    .poll(async () => {
      const now = await page.locator('.react-flow__viewport').getAttribute('style')
      const same = now === last
      last = now
      return same
    })
    .toBe(true)
}

interface Box {
  id: string
  x: number
  y: number
  w: number
  h: number
}

/** Laid-out boxes of every node, in flow coordinates, from the store. */
const boxes = (page: Page): Promise<Box[]> =>
  page.evaluate(() =>
    (window as any).warrenDesigner.store.getState().nodes.map((n: any) => ({
      id: n.id as string,
      x: n.position.x as number,
      y: n.position.y as number,
      w: n.measured?.width as number,
      h: n.measured?.height as number,
    })),
  )

test('a 100-entity import is laid out left to right by flow, in a block that reads, with no overlaps', async ({
  page,
}) => {
  await page.setViewportSize(SIZES[1])
  await open(page, freshUrl('scale-hundred'))
  await importFile(page, 'hundred.json', HUNDRED)
  const laid = await boxes(page)
  expect(laid).toHaveLength(100)
  const exchanges = laid.filter((b) => b.id.startsWith('exchange:'))
  const queues = laid.filter((b) => b.id.startsWith('queue:'))
  // Flow: every queue right of every exchange.
  expect(Math.min(...queues.map((q) => q.x))).toBeGreaterThan(Math.max(...exchanges.map((x) => x.x + x.w)))
  // Compact in both directions: not one tall column (95 queues at ~100 px each would be 9,500 px tall).
  const height = Math.max(...laid.map((b) => b.y + b.h)) - Math.min(...laid.map((b) => b.y))
  const width = Math.max(...laid.map((b) => b.x + b.w)) - Math.min(...laid.map((b) => b.x))
  expect(height).toBeLessThan(4000)
  expect(width / height).toBeGreaterThan(0.5)
  const overlapping: string[] = []
  for (let i = 0; i < laid.length; i++)
    for (let j = i + 1; j < laid.length; j++) {
      const [a, b] = [laid[i], laid[j]]
      const apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y
      if (!apart) overlapping.push(`${a.id} / ${b.id}`)
    }
  expect(overlapping).toEqual([])
  // The view keeps a readable zoom and shows where the flow starts.
  expect(await zoom(page)).toBeGreaterThanOrEqual(0.4 - 1e-6)
})

test('edges between laid-out exchanges follow ELK routes, and a moved node gets a curve again', async ({ page }) => {
  await open(page, freshUrl('scale-routes', '&example=1'))
  // Laid out once the example is drawn whole: a layout of a canvas still filling in routes nothing.
  await expect(page.locator('.react-flow__node[data-id="queue:payment.dlq"]')).toBeVisible()
  await expect(page.locator('.react-flow__node[data-id="exchange:orders"]')).toBeVisible()
  await page.getByTestId('auto-layout').click()
  const routed = page.locator('.react-flow__edge-path[d*=" Q "]')
  // The layout worker starts on first use: give it time on a loaded machine.
  await expect(routed.first()).toBeAttached({ timeout: 20_000 })
  const before = await routed.count()
  expect(before).toBeGreaterThan(0)
  const name = page.locator('.react-flow__node[data-id="exchange:orders"]').getByTestId('node-name')
  const box = (await name.boundingBox())!
  await page.mouse.move(box.x + 10, box.y + box.height / 2)
  await page.mouse.down()
  await page.mouse.move(box.x + 10, box.y + box.height / 2 + 80, { steps: 8 })
  await page.mouse.up()
  await expect.poll(() => routed.count()).toBeLessThan(before)
})

test('670 parallel bindings are drawn as 3 counted edges, listed, searchable and unbound one by one', async ({
  page,
}) => {
  await page.setViewportSize(SIZES[1])
  await open(page, freshUrl('scale-parallel'))
  await importFile(page, 'parallel.json', PARALLEL)
  const labels = page.locator('.edge-label-group')
  await expect(labels).toHaveCount(3)
  await expect(labels.filter({ hasText: '300 bindings' })).toHaveCount(1)
  await expect(labels.filter({ hasText: '200 bindings' })).toHaveCount(1)
  await expect(labels.filter({ hasText: '170 bindings' })).toHaveCount(1)
  // Hovering lists the first keys.
  await expect(labels.filter({ hasText: '300 bindings' })).toHaveAttribute('title', /^k-0\nk-1\n/)
  await page.screenshot({ path: 'tests/e2e/screenshots/scale-parallel.png' })

  // Click the a -> q edge where its path runs, as a user would.
  const groupEdge = page.getByTestId(`rf__edge-bindings:${JSON.stringify(['a', 'queue', 'q'])}`)
  const point = await groupEdge.locator('path.react-flow__edge-path').evaluate((path: SVGPathElement) => {
    const p = path.getPointAtLength(path.getTotalLength() / 3)
    const m = path.getScreenCTM()!
    return { x: p.x * m.a + m.e, y: p.y * m.d + m.f }
  })
  expect(point).not.toBeNull()
  await page.mouse.click(point!.x, point!.y)
  const inspector = page.getByTestId('binding-group-inspector')
  await expect(inspector).toBeVisible()
  await expect(page.getByTestId('binding-group-count')).toHaveText('300 bindings')
  await page.getByTestId('binding-group-search').fill('k-29')
  // k-29 and k-290 .. k-299
  await expect(page.getByTestId('binding-group-key')).toHaveCount(11)
  await page.screenshot({ path: 'tests/e2e/screenshots/scale-binding-group.png' })
  await page
    .getByTestId('binding-group-key')
    .filter({ hasText: /^k-295$/ })
    .click()
  await expect(page.getByTestId('binding-inspector')).toBeVisible()
  await page.getByTestId('binding-group-unbind').first().click()
  await expect(page.getByTestId('binding-group-count')).toHaveText('299 bindings')
  const snap = await snapshot(page)
  const keys = snap.bindings.filter((b) => b.source === 'a').map((b) => b.routingKey)
  expect(keys).toHaveLength(299)
  expect(keys).not.toContain('k-29')
})

test('zoomed out, nodes show their name in large type and lone keys give way to counts', async ({ page }) => {
  await page.setViewportSize(SIZES[1])
  await open(page, freshUrl('scale-lod'))
  await importFile(page, 'parallel.json', {
    ...PARALLEL,
    queues: [...PARALLEL.queues, { name: 'lone', vhost: '/', durable: true, arguments: {} }],
    bindings: [
      ...PARALLEL.bindings,
      { source: 'a', vhost: '/', destination: 'lone', destination_type: 'queue', routing_key: 'solo', arguments: {} },
    ],
  })
  const canvas = page.getByTestId('canvas')
  // Zoom with the wheel over the canvas until below the far threshold.
  const box = (await canvas.boundingBox())!
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  await expect(page.locator('.edge-label', { hasText: 'solo' })).toBeVisible()
  while ((await zoom(page)) >= 0.5) await page.mouse.wheel(0, 200)
  await expect(canvas).toHaveClass(/is-far/)
  await expect(page.locator('.edge-label', { hasText: 'solo' })).toHaveCount(0)
  await expect(page.locator('.edge-label-group')).toHaveCount(3)
  const nameSize = await page
    .locator('.react-flow__node[data-id="queue:q"] .node')
    .evaluate((el) => Number.parseFloat(getComputedStyle(el, '::after').fontSize))
  expect(nameSize * (await zoom(page))).toBeGreaterThanOrEqual(8)
  await page.screenshot({ path: 'tests/e2e/screenshots/scale-far.png' })
})

test("a file whose entities all live in another vhost is shown in that vhost, with the file's counts", async ({
  page,
}) => {
  await open(page, freshUrl('scale-vhost', '&example=1'))
  await exampleDeclared(page)
  const prod = {
    rabbit_version: '3.12.4',
    vhosts: [{ name: '/' }, { name: 'prod' }],
    exchanges: [{ name: 'billing', vhost: 'prod', type: 'topic', durable: true, arguments: {} }],
    queues: ['invoices', 'payment.dlq'].map((name) => ({ name, vhost: 'prod', durable: true, arguments: {} })),
    bindings: [
      {
        source: 'billing',
        vhost: 'prod',
        destination: 'invoices',
        destination_type: 'queue',
        routing_key: 'invoice.#',
        arguments: {},
      },
    ],
  }
  await page
    .getByTestId('file-picker')
    .setInputFiles({ name: 'prod.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(prod)) })
  // The broker holds the example: the file is previewed first, and merging is the default.
  const question = page.getByRole('dialog')
  await expect(question).toContainText("Vhost 'prod': 1 exchange, 2 queues, 1 binding, 0 policies, 0 parameters.")
  await expect(question).toContainText('merging adds it all')
  await page.getByTestId('confirm-ok').click()
  await expect(page.getByTestId('io-report')).toContainText('1 exchange, 2 queues, 1 binding and 0 policies were added')
  await page.getByTestId('io-report-close').click()
  await expect(page.getByTestId('vhost-switcher')).toContainText('prod')
  await expect(page.locator('.react-flow__node[data-id="queue:invoices"]')).toBeVisible()
  // The example's payment.dlq lives in '/': the file's own one in 'prod' is drawn, not merged into it.
  await expect(page.locator('.react-flow__node[data-id="queue:payment.dlq"]')).toBeVisible()
  await expect(page.locator('.react-flow__node[data-id="exchange:orders"]')).toHaveCount(0)
})

test('an import into a broker that holds something lists same-named entities, and can replace the design', async ({
  page,
}) => {
  await open(page, freshUrl('scale-replace', '&example=1'))
  await exampleDeclared(page)
  const file = {
    rabbit_version: '3.12.4',
    exchanges: [{ name: 'orders', vhost: '/', type: 'topic', durable: true, auto_delete: false, arguments: {} }],
    queues: [
      { name: 'payment.dlq', vhost: '/', durable: true, auto_delete: false, arguments: { 'x-max-length': 10 } },
      { name: 'refunds', vhost: '/', durable: true, auto_delete: false, arguments: {} },
    ],
    bindings: [],
  }
  await page
    .getByTestId('file-picker')
    .setInputFiles({ name: 'shop.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) })
  const question = page.getByRole('dialog')
  await expect(question).toContainText('2 exchanges and queues in the file already exist')
  await expect(question).toContainText("Exchange 'orders' in '/': the same in both, kept.")
  await expect(question).toContainText("Queue 'payment.dlq' in '/' is declared differently in the file")
  await page.screenshot({ path: 'tests/e2e/screenshots/scale-import-preview.png' })
  await page.getByTestId('confirm-option').check()
  await page.getByTestId('confirm-ok').click()
  await expect(page.getByTestId('io-report')).toContainText('1 exchange, 2 queues, 0 bindings')
  const snap = await snapshot(page)
  expect(snap.queues.map((q) => q.name).sort()).toEqual(['payment.dlq', 'refunds'])
  expect(snap.queues.find((q) => q.name === 'payment.dlq')?.arguments).toEqual({ 'x-max-length': 10 })
})

test('Ctrl+K finds a queue or a binding key and flies to it, selecting it', async ({ page }) => {
  await page.setViewportSize(SIZES[0])
  await open(page, freshUrl('scale-search'))
  await importFile(page, 'hundred.json', HUNDRED)
  // svc4.q99 is not on screen at first: the view starts where the flow starts.
  await page.keyboard.press('Control+k')
  await page.getByTestId('canvas-search-input').fill('svc4.q94')
  await expect(page.getByTestId('canvas-search-hit')).toHaveCount(1)
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('canvas-search')).toBeHidden()
  await expect(page.getByTestId('inspector-title')).toHaveText('svc4.q94')
  await viewSettled(page)
  const canvas = (await page.getByTestId('canvas').boundingBox())!
  const box = (await page.locator('.react-flow__node[data-id="queue:svc4.q94"]').boundingBox())!
  expect(box.x + box.width / 2).toBeGreaterThan(canvas.x)
  expect(box.x + box.width / 2).toBeLessThan(canvas.x + canvas.width)
  expect(box.y + box.height / 2).toBeGreaterThan(canvas.y)
  expect(box.y + box.height / 2).toBeLessThan(canvas.y + canvas.height)
  // '/' opens it too; a binding key selects the edge that draws it.
  await page.getByTestId('canvas').click({ position: { x: 5, y: 300 } })
  await page.keyboard.press('/')
  await page.getByTestId('canvas-search-input').fill('q7.k1')
  await page.screenshot({ path: 'tests/e2e/screenshots/scale-search.png' })
  await page.getByTestId('canvas-search-hit').first().click()
  await expect(page.getByTestId('binding-inspector')).toBeVisible()
})

for (const size of SIZES) {
  test(`screenshots at ${size.width}x${size.height}: the example and a 100-entity import`, async ({ page }) => {
    await page.setViewportSize(size)
    await open(page, freshUrl(`scale-shots-${size.width}`, '&example=1'))
    await exampleDeclared(page)
    await laidOut(page)
    await viewSettled(page)
    await page.screenshot({ path: `tests/e2e/screenshots/scale-example-${size.width}x${size.height}.png` })
    await page.getByTestId('file-picker').setInputFiles({
      name: 'hundred.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(HUNDRED)),
    })
    await page.getByTestId('confirm-ok').click()
    await expect(page.getByTestId('io-report')).toBeVisible({ timeout: 30_000 })
    await page.getByTestId('io-report-close').click()
    await viewSettled(page)
    expect(await zoom(page)).toBeGreaterThanOrEqual(0.4 - 1e-6)
    await page.screenshot({ path: `tests/e2e/screenshots/scale-hundred-${size.width}x${size.height}.png` })
  })
}
