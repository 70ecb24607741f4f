import { readFile, writeFile } from 'node:fs/promises'
import { expect, test, type Download, type Page } from '@playwright/test'
import { copyShareLink, freshUrl, node, open, snapshot } from './designer-helpers.ts'

type Json = Record<string, unknown>

// A whole-broker export as RabbitMQ 3.x writes it, with a plugin exchange type and a dangling binding
// (both accepted with a warning), a policy and a user.
const SHOP: Json = {
  rabbit_version: '3.12.4',
  rabbitmq_version: '3.12.4',
  users: [
    {
      name: 'shop',
      password_hash: 'kI3GCqW5JLMJa4iX1lo7X4D6XbYqlLgxIs30+P6tENUV2POR',
      hashing_algorithm: 'rabbit_password_hashing_sha256',
      tags: ['management'],
      limits: {},
    },
  ],
  vhosts: [{ name: '/' }],
  permissions: [{ user: 'shop', vhost: '/', configure: '.*', write: '.*', read: '.*' }],
  policies: [
    {
      vhost: '/',
      name: 'shop ttl',
      pattern: '^shop\\.',
      'apply-to': 'queues',
      definition: { 'message-ttl': 60000 },
      priority: 1,
    },
  ],
  exchanges: [
    {
      name: 'shop.events',
      vhost: '/',
      type: 'topic',
      durable: true,
      auto_delete: false,
      internal: false,
      arguments: {},
    },
    { name: 'shop.dlx', vhost: '/', type: 'fanout', durable: true, auto_delete: false, internal: false, arguments: {} },
    {
      name: 'shop.sharded',
      vhost: '/',
      type: 'x-consistent-hash',
      durable: true,
      auto_delete: false,
      internal: false,
      arguments: {},
    },
  ],
  queues: [
    {
      name: 'shop.orders',
      vhost: '/',
      durable: true,
      auto_delete: false,
      arguments: { 'x-queue-type': 'classic', 'x-dead-letter-exchange': 'shop.dlx' },
    },
    {
      name: 'shop.emails',
      vhost: '/',
      durable: true,
      auto_delete: false,
      arguments: { 'x-queue-type': 'quorum', 'x-delivery-limit': 5 },
    },
    { name: 'shop.dead', vhost: '/', durable: true, auto_delete: false, arguments: {} },
  ],
  bindings: [
    {
      source: 'shop.events',
      vhost: '/',
      destination: 'shop.orders',
      destination_type: 'queue',
      routing_key: 'order.*',
      arguments: {},
    },
    {
      source: 'shop.events',
      vhost: '/',
      destination: 'shop.emails',
      destination_type: 'queue',
      routing_key: '#.email',
      arguments: {},
    },
    {
      source: 'shop.dlx',
      vhost: '/',
      destination: 'shop.dead',
      destination_type: 'queue',
      routing_key: '',
      arguments: {},
    },
    {
      source: 'shop.events',
      vhost: '/',
      destination: 'shop.missing',
      destination_type: 'queue',
      routing_key: 'lost',
      arguments: {},
    },
  ],
}

const SHOP_NODES = [
  'exchange:shop.events',
  'exchange:shop.dlx',
  'exchange:shop.sharded',
  'queue:shop.orders',
  'queue:shop.emails',
  'queue:shop.dead',
]

const asFile = (name: string, doc: unknown) => ({
  name,
  mimeType: 'application/json',
  buffer: Buffer.from(JSON.stringify(doc, null, 2)),
})

async function importThroughPicker(page: Page, name: string, doc: unknown, screenshot?: string) {
  await page.getByTestId('file-menu').click()
  await expect(page.getByTestId('file-menu-popover')).toBeVisible()
  if (screenshot) await page.screenshot({ path: screenshot })
  const chooser = page.waitForEvent('filechooser')
  await page.getByTestId('file-import').click()
  await (await chooser).setFiles(asFile(name, doc))
}

async function download(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  await page.getByTestId('file-menu').click()
  const [file] = (await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()])) as [
    Download,
    unknown,
  ]
  return { name: file.suggestedFilename(), bytes: await readFile((await file.path())!) }
}

const designPositions = (page: Page) => page.evaluate(() => window.warrenDesigner.store.getState().positions)

/** No two node cards on the canvas overlap. */
async function expectNoOverlap(page: Page) {
  const boxes = await page.locator('.react-flow__node').evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect()
      return { id: e.getAttribute('data-id'), x: r.x, y: r.y, w: r.width, h: r.height }
    }),
  )
  expect(boxes.length).toBeGreaterThan(1)
  for (const [i, a] of boxes.entries()) {
    for (const b of boxes.slice(i + 1)) {
      const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
      expect(overlap, `${a.id} overlaps ${b.id}`).toBe(false)
    }
  }
}

/** Exchanges, queues, bindings and policies as comparable sorted strings. */
function topologyOf(doc: Json) {
  const list = (key: string) => (doc[key] as Json[] | undefined) ?? []
  return {
    exchanges: list('exchanges')
      .map(
        (x) =>
          `${x.vhost} ${x.name} ${x.type} ${x.durable} ${x.auto_delete} ${x.internal} ${JSON.stringify(x.arguments)}`,
      )
      .sort(),
    queues: list('queues')
      .map((q) => `${q.vhost} ${q.name} ${q.durable} ${q.auto_delete} ${JSON.stringify(q.arguments)}`)
      .sort(),
    bindings: list('bindings')
      .map(
        (b) =>
          `${b.vhost} ${b.source} ${b.destination} ${b.destination_type} ${b.routing_key} ${JSON.stringify(b.arguments)}`,
      )
      .sort(),
    policies: list('policies')
      .map((p) => `${p.vhost} ${p.name} ${p.pattern} ${p['apply-to']} ${p.priority} ${JSON.stringify(p.definition)}`)
      .sort(),
  }
}

test('a definitions file picked from the File menu is imported, drawn and laid out, with its warnings listed', async ({
  page,
}) => {
  await open(page, freshUrl('import-picker'))
  await importThroughPicker(page, 'shop.json', SHOP, 'tests/e2e/screenshots/import-file-menu.png')
  const report = page.getByTestId('io-report')
  await expect(report).toBeVisible()
  await expect(page.getByTestId('io-report-tone')).toHaveAttribute('data-tone', 'ok')
  await expect(report).toContainText('3 exchanges, 3 queues, 3 bindings and 1 policy were added')
  await expect(page.getByTestId('io-warnings')).toContainText('x-consistent-hash')
  await expect(page.getByTestId('io-warnings')).toContainText('destination queue "shop.missing" does not exist')
  for (const id of SHOP_NODES) await expect(node(page, id)).toBeVisible()
  await expect(page.locator('.edge-label', { hasText: 'order.*' })).toBeVisible()
  await expect(page.locator('.edge-deadLetter')).toHaveCount(1)
  await page.screenshot({ path: 'tests/e2e/screenshots/import.png' })
  await page.getByTestId('io-report-close').click()
  await expect(report).toBeHidden()
  await expectNoOverlap(page)
  await page.screenshot({ path: 'tests/e2e/screenshots/import-drawn.png' })
  const snap = await snapshot(page)
  expect(snap.queues.map((q) => q.name).sort()).toEqual(['shop.dead', 'shop.emails', 'shop.orders'])
})

test('a definitions file dropped on the app shows the drop overlay and is imported', async ({ page }) => {
  await open(page, freshUrl('import-drop'))
  const single = {
    rabbit_version: '3.9',
    exchanges: [{ name: 'logs', type: 'fanout' }],
    queues: [{ name: 'audit' }],
    bindings: [{ source: 'logs', destination: 'audit', destination_type: 'queue', routing_key: '' }],
  }
  const transfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer()
    dt.items.add(new File([text], 'logs.json', { type: 'application/json' }))
    return dt
  }, JSON.stringify(single))
  await page.dispatchEvent('[data-testid="canvas"]', 'dragenter', { dataTransfer: transfer })
  await page.dispatchEvent('[data-testid="canvas"]', 'dragover', { dataTransfer: transfer })
  await expect(page.getByTestId('io-drop-overlay')).toBeVisible()
  await page.screenshot({ path: 'tests/e2e/screenshots/import-drop.png' })
  await page.dispatchEvent('[data-testid="canvas"]', 'drop', { dataTransfer: transfer })
  await expect(page.getByTestId('io-drop-overlay')).toBeHidden()
  await expect(page.getByTestId('io-report')).toContainText('1 exchange, 1 queue, 1 binding')
  await page.getByTestId('io-report-close').click()
  await expect(node(page, 'exchange:logs')).toBeVisible()
  await expect(node(page, 'queue:audit')).toBeVisible()
  await expectNoOverlap(page)
  // A single-vhost file (no vhost fields) goes into the vhost the canvas shows.
  expect((await snapshot(page)).queues.find((q) => q.name === 'audit')?.vhost).toBe('/')
})

test('a large file imports with its steps shown, every entity drawn', async ({ page }) => {
  await open(page, freshUrl('import-large'))
  const exchanges = Array.from({ length: 10 }, (_, i) => ({ name: `ex${i}`, vhost: '/', type: 'topic', durable: true }))
  const queues = Array.from({ length: 150 }, (_, i) => ({ name: `q${i}`, vhost: '/', durable: true }))
  const bindings = queues.flatMap((q, i) =>
    [0, 1, 2, 3].map((k) => ({
      source: `ex${(i + k) % 10}`,
      vhost: '/',
      destination: q.name,
      destination_type: 'queue',
      routing_key: `k${k}.#`,
    })),
  )
  // Records every step the progress dialog shows, however briefly.
  await page.evaluate(() => {
    const seen = new Set<string>()
    window.ioSteps = seen
    new MutationObserver(() => {
      for (const li of document.querySelectorAll('[data-testid="io-step"].is-current')) seen.add(li.textContent ?? '')
    }).observe(document.body, { subtree: true, childList: true, attributes: true })
  })
  await importThroughPicker(page, 'large.json', { exchanges, queues, bindings })
  await expect(page.getByTestId('io-report')).toContainText('10 exchanges, 150 queues, 600 bindings', {
    timeout: 30_000,
  })
  const steps = await page.evaluate(() => [...window.ioSteps])
  expect(steps).toEqual(expect.arrayContaining(['Apply to the broker', 'Draw and lay out']))
  await page.getByTestId('io-report-close').click()
  await expect(page.locator('.react-flow__node')).toHaveCount(160)
})

test('a file the broker refuses names the entry and the reason, and changes nothing', async ({ page }) => {
  await open(page, freshUrl('import-reject'))
  await importThroughPicker(page, 'shop.json', SHOP)
  await page.getByTestId('io-report-close').click()
  const before = await snapshot(page)
  const bad = {
    exchanges: [{ name: 'fresh.exchange', vhost: '/', type: 'direct', durable: true }],
    queues: [
      { name: 'fresh.queue', vhost: '/', durable: true },
      { name: 'broken', vhost: '/', durable: true, arguments: { 'x-max-length': 'ten' } },
    ],
    policies: [
      { vhost: '/', name: 'shop ttl', pattern: '.*', 'apply-to': 'all', definition: { 'message-ttl': 1 }, priority: 9 },
    ],
  }
  await importThroughPicker(page, 'bad.json', bad)
  await expect(page.getByTestId('io-report-tone')).toHaveAttribute('data-tone', 'error')
  await expect(page.getByTestId('io-report')).toContainText('queues[1] "broken"')
  await expect(page.getByTestId('io-report')).toContainText('x-max-length')
  await expect(page.getByTestId('io-report')).toContainText('Nothing was changed.')
  await page.screenshot({ path: 'tests/e2e/screenshots/import-rejected.png' })
  await page.getByTestId('io-report-close').click()
  const after = await snapshot(page)
  expect(after.exchanges.map((x) => x.name).sort()).toEqual(before.exchanges.map((x) => x.name).sort())
  expect(after.queues.map((q) => q.name).sort()).toEqual(before.queues.map((q) => q.name).sort())
  const policies = await page.evaluate(() =>
    window.warrenDesigner.session.client.send({ type: 'listPolicies', vhost: '/' }),
  )
  expect(policies).toEqual([expect.objectContaining({ name: 'shop ttl', pattern: '^shop\\.' })])
  await expect(node(page, 'queue:fresh.queue')).toHaveCount(0)

  // Not JSON, and JSON that is not definitions: said so in words.
  await importThroughPicker(page, 'notes.json', 'just text')
  await expect(page.getByTestId('io-report')).toContainText('not an object')
  await page.getByTestId('io-report-close').click()
  await page
    .getByTestId('file-picker')
    .setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"queues": [') })
  await expect(page.getByTestId('io-report')).toContainText("'broken.json' is not valid JSON")
})

test('the exported definitions hold what was imported; the vhost export has no vhost fields', async ({ page }) => {
  await open(page, freshUrl('export'))
  await importThroughPicker(page, 'shop.json', SHOP)
  await page.getByTestId('io-report-close').click()
  const whole = await download(page, 'file-export-broker')
  expect(whole.name).toMatch(/^rabbit_warren_\d{4}-\d{2}-\d{2}\.json$/)
  expect(whole.bytes.toString()).toContain('\n  "rabbit_version"') // pretty-printed
  const exported = JSON.parse(whole.bytes.toString()) as Json
  const expected = topologyOf(SHOP)
  expected.bindings = expected.bindings.filter((b) => !b.includes('shop.missing')) // skipped on import, with a warning
  expect(topologyOf(exported)).toEqual(expected)

  const vhost = await download(page, 'file-export-vhost')
  const one = JSON.parse(vhost.bytes.toString()) as Json
  expect(one.vhosts).toBeUndefined()
  expect((one.queues as Json[]).map((q) => q.name).sort()).toEqual(['shop.dead', 'shop.emails', 'shop.orders'])
  expect((one.queues as Json[]).every((q) => !('vhost' in q))).toBe(true)
})

test('a saved Warren file opens into a fresh broker after asking, with the same design', async ({ page, context }) => {
  await open(page, freshUrl('warren-save'))
  await importThroughPicker(page, 'shop.json', SHOP)
  await page.getByTestId('io-report-close').click()
  await page.getByTestId('palette-producer').click()
  await expect(node(page, 'exchange:shop.events')).toBeVisible()
  const saved = await download(page, 'file-save')
  const file = JSON.parse(saved.bytes.toString()) as Json
  expect(file.warren).toBe(1)
  expect(Object.keys(file)).toEqual(['warren', 'definitions', 'design', 'simulation', 'brokerVersion', 'brokers'])
  expect(typeof (file.simulation as Json).seed).toBe('number')
  const positions = await designPositions(page)

  const other = await context.newPage()
  await open(other, freshUrl('warren-open'))
  await other.getByTestId('palette-queue').click()
  await expect(node(other, 'queue:queue')).toBeVisible()
  await other
    .getByTestId('file-picker')
    .setInputFiles({ name: saved.name, mimeType: 'application/json', buffer: saved.bytes })
  await expect(other.getByTestId('confirm-dialog')).toContainText('It replaces the current work')
  await other.getByTestId('confirm-ok').click()
  for (const id of SHOP_NODES) await expect(node(other, id)).toBeVisible()
  await expect(node(other, 'queue:queue')).toHaveCount(0)
  await expect(other.getByTestId('producer-node')).toHaveCount(1)
  expect(await designPositions(other)).toEqual(positions)
  expect((await snapshot(other)).queues.map((q) => q.name).sort()).toEqual(['shop.dead', 'shop.emails', 'shop.orders'])
  // The scratch broker that tried the definitions first leaves no database behind.
  await expect
    .poll(() =>
      other.evaluate(async () => (await indexedDB.databases()).filter((d) => d.name?.includes('scratch')).length),
    )
    .toBe(0)

  // A damaged Warren file: a clear message, nothing replaced and nothing asked.
  const damaged = {
    ...file,
    definitions: {
      ...(file.definitions as Json),
      queues: [{ name: 'q', vhost: '/', arguments: { 'x-queue-type': 'sideways' } }],
    },
  }
  await other.getByTestId('file-picker').setInputFiles(asFile('damaged.warren.json', damaged))
  await expect(other.getByTestId('io-report-tone')).toHaveAttribute('data-tone', 'error')
  await expect(other.getByTestId('io-report')).toContainText('queues[0] "q"')
  await expect(other.getByTestId('confirm-dialog')).toHaveCount(0)
  await other.getByTestId('io-report-close').click()
  expect((await snapshot(other)).queues.map((q) => q.name).sort()).toEqual(['shop.dead', 'shop.emails', 'shop.orders'])
})

test('a share link opens the design in a new page after asking, then leaves the address', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await open(page, freshUrl('share-from', '&example=1'))
  await expect(node(page, 'queue:payment')).toBeVisible()
  const example = await copyShareLink(page)
  console.info(
    `share link for the e-commerce example: ${example.length} characters (${example.length - example.indexOf('#')} in the fragment)`,
  )
  expect(example.length).toBeLessThan(2000)

  await page.getByTestId('palette-queue').click()
  await expect(node(page, 'queue:queue')).toBeVisible()
  const link = await copyShareLink(page)
  const fragment = link.slice(link.indexOf('#'))

  const target = await context.newPage()
  await target.goto(freshUrl('share-to', '&example=1') + fragment)
  await expect(target.getByTestId('confirm-dialog')).toContainText('It replaces the current work')
  await target.getByTestId('confirm-ok').click()
  await expect(node(target, 'queue:queue')).toBeVisible()
  await expect(node(target, 'consumer:payment-worker-1')).toBeVisible()
  await expect.poll(() => target.url()).not.toContain('#share=')
  await expect
    .poll(async () => (await snapshot(target)).queues.map((q) => q.name).sort())
    .toEqual(['analytics', 'payment', 'payment.dlq', 'queue'])
  // The shared design's consumers run again in the new page.
  await expect.poll(async () => (await snapshot(target)).consumers.length).toBe(3)

  // A damaged link: a clear message, the current work stays.
  const broken = await context.newPage()
  await broken.goto(freshUrl('share-broken', '&example=1') + fragment.slice(0, 60))
  await expect(broken.getByTestId('io-report')).toContainText('The share link is damaged')
  await expect(broken.getByTestId('confirm-dialog')).toHaveCount(0)
  await broken.getByTestId('io-report-close').click()
  await expect(node(broken, 'queue:payment')).toBeVisible()
  await expect(node(broken, 'queue:queue')).toHaveCount(0)
})

test('without a clipboard the share link is shown in a dialog to copy by hand', async ({ page }) => {
  await open(page, freshUrl('share-fallback', '&example=1'))
  await expect(node(page, 'queue:payment')).toBeVisible()
  await page.evaluate(() => {
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) },
      configurable: true,
    })
  })
  await page.getByTestId('file-menu').click()
  await page.getByTestId('file-share').click()
  const shown = page.getByTestId('io-share-link')
  await expect(shown).toBeVisible()
  expect(await shown.inputValue()).toMatch(/^http:\/\/localhost:\d+\/#share=[A-Za-z0-9_-]+$/)
  await expect(page.getByTestId('io-report')).toContainText('copy the link below')
})

test('the diagram downloads as an SVG that parses and a PNG that is an image', async ({ page }) => {
  await open(page, freshUrl('diagram', '&example=1'))
  await expect(node(page, 'queue:payment')).toBeVisible()
  const svg = await download(page, 'file-svg')
  expect(svg.name).toMatch(/\.svg$/)
  expect(svg.bytes.length).toBeGreaterThan(1000)
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml')
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      root: doc.documentElement.nodeName,
      nodes: doc.querySelectorAll('g.node').length,
      edges: doc.querySelectorAll('g.edge').length,
      text: [...doc.querySelectorAll('text')].map((t) => t.textContent),
    }
  }, svg.bytes.toString())
  expect(parsed.error).toBeNull()
  expect(parsed.root).toBe('svg')
  expect(parsed.nodes).toBe(9)
  expect(parsed.edges).toBe(8)
  expect(parsed.text).toEqual(expect.arrayContaining(['orders', 'topic', 'payment.dlq', 'order.paid', 'order.#']))

  const png = await download(page, 'file-png')
  expect(png.name).toMatch(/\.png$/)
  expect(png.bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  expect(png.bytes.length).toBeGreaterThan(5000)
  await writeFile('tests/e2e/screenshots/diagram-export.png', png.bytes)

  // The picture follows the app's theme.
  await page.getByTestId('theme-toggle').click()
  const dark = await download(page, 'file-svg')
  expect(dark.bytes.toString()).toContain('fill="#131519"')
  await writeFile('tests/e2e/screenshots/diagram-export-dark.png', (await download(page, 'file-png')).bytes)
})
