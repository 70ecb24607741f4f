// Messages in motion: dots along the edges they take, counts instead with reduced motion.

import { expect, test, type Page } from '@playwright/test'
import { freshUrl, open } from './designer-helpers.ts'

/** Publishes `count` messages to orders/order.paid, one every `everyMs`, from the page API. */
async function publishSome(page: Page, count: number, everyMs: number) {
  await page.evaluate(
    async ({ count, everyMs }) => {
      const conn = await window.warren.connect()
      const ch = await conn.createChannel()
      let n = 0
      const timer = setInterval(() => {
        ch.publish('orders', 'order.paid', `order ${++n}`)
        if (n >= count) clearInterval(timer)
      }, everyMs)
    },
    { count, everyMs },
  )
}

const overlayDots = (page: Page) =>
  page.locator('[data-testid="flight-overlay"] .flight-dot, [data-testid="flight-overlay"] .flight-mark')

test('published messages move along the edges as dots, coloured by outcome', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  await open(page, freshUrl('animation', '&example=1'))
  await expect(page.locator('.react-flow__node[data-id="producer:checkout"]')).toBeVisible()
  await expect(page.getByTestId('flight-legend')).toBeVisible()
  await publishSome(page, 60, 50)
  await expect.poll(() => overlayDots(page).count()).toBeGreaterThan(0)
  // Producer -> exchange dots and exchange -> queue dots both show up while publishing.
  const dotsOn = (prefix: string) =>
    page.locator(`[data-testid="flight-overlay"] .flight-dot[data-edge^="${prefix}"]`).count()
  await expect.poll(() => dotsOn('publish:')).toBeGreaterThan(0)
  await expect.poll(() => dotsOn('binding:')).toBeGreaterThan(0)
  await expect.poll(() => dotsOn('consume:')).toBeGreaterThan(0)
  await page.screenshot({ path: 'tests/e2e/screenshots/09-animation-light.png' })
  // Turning motion off removes the dots and shows counts on the edges instead.
  await page.getByTestId('motion-toggle').uncheck()
  await expect(overlayDots(page)).toHaveCount(0)
  await expect(page.locator('[data-testid="edge-rate"][data-edge="publish:checkout"]')).toContainText('msgs')
})

test('with prefers-reduced-motion there are no dots, only counts on the edges', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' })
  await open(page, freshUrl('animation-reduced', '&example=1'))
  await expect(page.locator('.react-flow__node[data-id="producer:checkout"]')).toBeVisible()
  await publishSome(page, 5, 20)
  const publishCount = page.locator('[data-testid="edge-rate"][data-edge="publish:checkout"]')
  await expect(publishCount).toContainText('5 msgs')
  await expect(page.locator('[data-testid="edge-rate"]').filter({ hasText: 'msgs' })).not.toHaveCount(0)
  await expect(overlayDots(page)).toHaveCount(0)
  await expect(page.getByTestId('motion-toggle')).toBeDisabled()
  await page.screenshot({ path: 'tests/e2e/screenshots/09-animation-reduced-motion.png' })
})

test('queue metrics: live uPlot charts in the inspector and the Metrics tab', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  await open(page, freshUrl('animation-metrics', '&example=1'))
  await expect(page.locator('.react-flow__node[data-id="queue:payment"]')).toBeVisible()
  await publishSome(page, 30, 40)
  await page.locator('.react-flow__node[data-id="queue:payment"]').getByTestId('node-name').click()
  await expect(page.getByTestId('inspector-title')).toHaveText('payment')
  const metrics = page.getByTestId('queue-metrics')
  await expect(metrics.locator('canvas')).toHaveCount(2)
  await expect(metrics).toContainText('publish/s')
  await page.getByTestId('tab-metrics').click()
  await expect(page.getByTestId('metrics-dashboard').locator('canvas')).toHaveCount(2)
  await expect(page.getByTestId('metrics-row')).toHaveCount(3)
  // Within a couple of seconds the publishes show in the per-second buckets.
  await expect
    .poll(
      async () =>
        Number(
          await page
            .getByTestId('metrics-row')
            .filter({ hasText: 'payment' })
            .first()
            .locator('td')
            .nth(3)
            .textContent(),
        ),
      { timeout: 5000 },
    )
    .toBeGreaterThan(0)
  await page.screenshot({ path: 'tests/e2e/screenshots/09-animation-metrics.png' })
})
