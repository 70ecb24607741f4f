import { expect, test, type Page } from '@playwright/test'
import { LESSONS } from '../../app/lessons/lessons.ts'

// Each lesson opens on its own database, by URL, and its moment is checked through window.warren.

async function openLesson(page: Page, id: string, extra = '') {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(`/?db=lesson-${id}-${Date.now()}&lesson=${id}${extra}`)
  await expect(page.getByTestId('broker-state')).toHaveAttribute('data-state', 'ready')
  await expect(page.getByTestId('lesson-panel')).toHaveAttribute('data-lesson', id)
  await expect(page.getByTestId('lesson-panel')).toHaveAttribute('data-ready', 'true', { timeout: 15_000 })
  return errors
}

async function counts(page: Page): Promise<Record<string, number>> {
  return page.evaluate(async () => {
    const snap = await window.warren.snapshot()
    return Object.fromEntries(snap.queues.filter((q) => q.vhost === '/').map((q) => [q.name, q.messages + q.unacked]))
  })
}

const speed = (page: Page, factor: number) => page.evaluate((f) => window.warren.clock({ kind: 'speed', factor: f }), factor)

for (const lesson of LESSONS) {
  test(`lesson ${lesson.id} opens by URL, shows its topology and runs without errors`, async ({ page }) => {
    const errors = await openLesson(page, lesson.id)
    const c = await counts(page)
    expect(Object.keys(c).sort()).toEqual(lesson.queues.map((q) => q.name).sort())
    // Its simulated clients are nodes on the canvas, run by the same simulation as any drawn node.
    await expect(page.locator('.react-flow__node-producer')).toHaveCount(lesson.producers.length)
    await expect(page.locator('.react-flow__node-consumer')).toHaveCount(lesson.consumers.length)
    await page.waitForTimeout(1500)
    await expect(page.getByTestId('toast-error')).toHaveCount(0)
    expect(errors).toEqual([])
  })
}

test('retry: one order reaches the DLQ after exactly 3 attempts', async ({ page }) => {
  await openLesson(page, 'retry')
  await speed(page, 50)
  await expect.poll(async () => (await counts(page))['orders.dlq'], { timeout: 20_000 }).toBe(1)
  await page.waitForTimeout(1500) // 75 more virtual seconds: nothing else moves
  const c = await counts(page)
  expect(c).toMatchObject({ orders: 0, 'orders.retry.5s': 0, 'orders.attempt2': 0, 'orders.retry.30s': 0, 'orders.attempt3': 0, 'orders.dlq': 1 })
  const deaths = await page.evaluate(async () => {
    const ch = await (await window.warren.connect()).createChannel()
    const m = await ch.get('orders.dlq', { noAck: false })
    return m ? (m.properties.headers?.['x-death'] as unknown[]).length : -1
  })
  expect(deaths).toBe(5) // orders, retry.5s, attempt2, retry.30s, attempt3: three attempts, two delays
  await page.screenshot({ path: 'tests/e2e/screenshots/10-lesson-retry.png' })
})

test('durability: a restart keeps exactly the persistent messages in the durable queue', async ({ page }) => {
  await openLesson(page, 'durability')
  await expect.poll(() => counts(page)).toEqual({ temp: 5, 'durable.transient': 5, 'durable.persistent': 5 })
  await page.getByTestId('lesson-action-restart').click()
  await expect(page.getByTestId('broker-state')).toHaveAttribute('data-state', 'ready')
  await expect.poll(() => counts(page), { timeout: 15_000 }).toEqual({ 'durable.transient': 0, 'durable.persistent': 5 })
})

test('topic: each key reaches exactly the queues its patterns match', async ({ page }) => {
  await openLesson(page, 'topic')
  await expect.poll(async () => (await counts(page))['all-logs'], { timeout: 10_000 }).toBeGreaterThanOrEqual(3)
  // The lesson's producer is a node: its own button stops it.
  await page.locator('.react-flow__node[data-id="producer:app"]').getByTestId('producer-toggle-app').click()
  await expect(page.locator('.react-flow__node[data-id="producer:app"]').getByTestId('producer-toggle-app')).toHaveAttribute('aria-pressed', 'false')
  const c = await counts(page)
  const n = c['all-logs'] // cycle: error, warn, info, error, ...
  expect(c.errors).toBe(Math.ceil(n / 3))
  expect(c.warnings).toBe(Math.floor((n + 1) / 3))
  await page.getByTestId('lesson-action-log.info.user').click()
  await expect.poll(() => counts(page)).toEqual({ errors: c.errors, warnings: c.warnings, 'all-logs': n + 1 })
  await page.getByTestId('lesson-action-log.warn.api').click()
  await expect.poll(() => counts(page)).toEqual({ errors: c.errors, warnings: c.warnings + 1, 'all-logs': n + 2 })
})

test('dlq: rejected orders and overflowed messages land in orders.dlq', async ({ page }) => {
  await openLesson(page, 'dlq')
  await expect.poll(async () => (await counts(page))['orders.dlq'], { timeout: 10_000 }).toBe(5)
  await page.getByTestId('lesson-action-small').click()
  await expect.poll(() => counts(page)).toMatchObject({ orders: 0, 'orders.small': 3, 'orders.dlq': 7 })
  await page.screenshot({ path: 'tests/e2e/screenshots/10-lesson-dlq.png' })
})

test('the Lessons menu asks before replacing a design with content, then opens the lesson', async ({ page }) => {
  await page.goto(`/?db=lesson-menu-${Date.now()}&example=1`)
  await expect(page.getByTestId('broker-state')).toHaveAttribute('data-state', 'ready')
  await expect.poll(async () => Object.keys(await counts(page)).sort()).toEqual(['analytics', 'payment', 'payment.dlq'])
  await page.getByTestId('lessons-menu').selectOption('fanout')
  await page.getByRole('button', { name: 'Open lesson' }).click()
  await expect(page.getByTestId('lesson-panel')).toHaveAttribute('data-ready', 'true', { timeout: 15_000 })
  expect(Object.keys(await counts(page)).sort()).toEqual(['analytics', 'emails', 'logs'])
})
