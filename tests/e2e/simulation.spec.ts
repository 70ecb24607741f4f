import { expect, test, type Page } from '@playwright/test'
import { freshUrl, node, open, snapshot } from './designer-helpers.ts'
import { advanceVirtualTime, resumeVirtualTime, simulationStatus } from './virtual-time.ts'

// Producer and consumer nodes are the broker's simulated clients: they run in the worker, on its clock.

async function queueCounts(page: Page, name: string) {
  const q = (await snapshot(page)).queues.find((x) => x.name === name)
  return q ? { ready: q.messages, unacked: q.unacked } : null
}

test('a producer node started from the canvas publishes; the counts move on its queues', async ({ page }) => {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await open(page, freshUrl('sim-producer', '&example=1'))
  const checkout = node(page, 'producer:checkout')
  await expect(checkout.getByTestId('producer-published')).toHaveText('0')
  await checkout.getByTestId('producer-toggle-checkout').click()
  await expect(checkout.getByTestId('producer-toggle-checkout')).toHaveAttribute('aria-pressed', 'true')
  await expect
    .poll(async () => Number(await checkout.getByTestId('producer-published').textContent()), { timeout: 10_000 })
    .toBeGreaterThanOrEqual(3)
  // order.paid reaches payment (two workers, 1.5 s each) and analytics (order.#).
  await expect(node(page, 'queue:payment').getByTestId('queue-unacked')).toHaveText('2', { timeout: 10_000 })
  await expect
    .poll(
      async () => Number(await node(page, 'consumer:analytics-worker').getByTestId('consumer-received').textContent()),
      { timeout: 10_000 },
    )
    .toBeGreaterThanOrEqual(2)
  await checkout.getByTestId('producer-toggle-checkout').click()
  await expect(checkout.getByTestId('producer-toggle-checkout')).toHaveAttribute('aria-pressed', 'false')
  // The button follows the design at once; the count is final once the worker's status says it stopped.
  await expect
    .poll(() => page.evaluate(() => window.warrenDesigner.store.getState().producerStatus.checkout?.running))
    .toBe(false)
  // Stopped stays stopped: a minute of virtual time later, stepped timer by timer, nothing more was published.
  const published = async () => (await simulationStatus(page)).producers.find((p) => p.id === 'checkout')?.published
  const stopped = await published()
  await expect(checkout.getByTestId('producer-published')).toHaveText(String(stopped))
  await advanceVirtualTime(page, 60_000)
  expect(await published()).toBe(stopped)
  await expect(checkout.getByTestId('producer-published')).toHaveText(String(stopped))
  await resumeVirtualTime(page)

  // The running state is part of the design: a reload (a broker restart) resumes a started producer.
  await checkout.getByTestId('producer-toggle-checkout').click()
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved')
  await page.reload()
  await expect(page.getByTestId('broker-state')).toHaveAttribute('data-state', 'ready')
  await expect(node(page, 'producer:checkout').getByTestId('producer-toggle-checkout')).toHaveAttribute(
    'aria-pressed',
    'true',
  )
  await expect
    .poll(async () => Number(await node(page, 'producer:checkout').getByTestId('producer-published').textContent()), {
      timeout: 10_000,
    })
    .toBeGreaterThan(0)
  expect(errors).toEqual([])
})

test('a crashed consumer gives back what it held: ready again, then redelivered', async ({ page }) => {
  await open(page, freshUrl('sim-crash', '&example=1'))
  // payment worker 1 holds up to 5 messages for a minute each; worker 2 is offline.
  await node(page, 'consumer:payment-worker-2').getByTestId('consumer-offline-payment worker 2').click()
  await expect(node(page, 'consumer:payment-worker-2').getByTestId('consumer-state-payment worker 2')).toHaveText(
    'offline',
  )
  await node(page, 'consumer:payment-worker-1').getByTestId('node-name').click()
  await page.getByTestId('field-prefetch').fill('5')
  await page.getByTestId('field-processing').fill('60000')
  await page.getByTestId('inspector-apply').click()
  await expect(node(page, 'consumer:payment-worker-1').getByTestId('consumer-state-payment worker 1')).toHaveText(
    'consuming',
  )

  await node(page, 'producer:checkout').getByTestId('producer-burst-checkout').click()
  await expect.poll(() => queueCounts(page, 'payment')).toEqual({ ready: 5, unacked: 5 })
  await expect(node(page, 'consumer:payment-worker-1').getByTestId('consumer-unacked')).toHaveText('5')
  await expect(node(page, 'queue:payment').getByTestId('queue-ready')).toHaveText('5')

  await node(page, 'consumer:payment-worker-1').getByTestId('consumer-crash-payment worker 1').click()
  await expect(node(page, 'consumer:payment-worker-1').getByTestId('consumer-state-payment worker 1')).toHaveText(
    'crashed',
  )
  await expect.poll(() => queueCounts(page, 'payment')).toEqual({ ready: 10, unacked: 0 })
  await expect(node(page, 'queue:payment').getByTestId('queue-ready')).toHaveText('10')
  await page.screenshot({ path: 'tests/e2e/screenshots/simulation.png' })

  // The five it held come back first, marked redelivered; the five it never had are not.
  const redelivered = await page.evaluate(async () => {
    const ch = await (await window.warren.connect()).createChannel()
    const flags: boolean[] = []
    for (let i = 0; i < 10; i++) {
      const m = await ch.get('payment', { noAck: true })
      if (m) flags.push(m.fields.redelivered)
    }
    return flags
  })
  expect(redelivered.filter(Boolean)).toHaveLength(5)
  expect(redelivered).toHaveLength(10)

  // Back online, it consumes again.
  await node(page, 'consumer:payment-worker-1').getByTestId('consumer-online-payment worker 1').click()
  await expect(node(page, 'consumer:payment-worker-1').getByTestId('consumer-state-payment worker 1')).toHaveText(
    'consuming',
  )
})

test('inspectors refuse bad simulation settings with a clear reason', async ({ page }) => {
  // Wide enough that the example fits above the far-view zoom, where edges show their keys.
  await page.setViewportSize({ width: 1920, height: 1080 })
  await open(page, freshUrl('sim-inspector', '&example=1'))
  await node(page, 'producer:checkout').getByTestId('node-name').click()
  await page.getByTestId('field-routing-key-mode').selectOption('pattern')
  await page.getByTestId('field-routing-key').fill('order.{created|paid')
  await page.getByTestId('inspector-apply').click()
  await expect(page.getByTestId('inspector-error')).toContainText("never closes it with '}'")
  await page.getByTestId('field-routing-key').fill('order.{created|paid|cancelled}')
  await page.getByTestId('field-rate').fill('-2')
  await page.getByTestId('inspector-apply').click()
  await expect(page.getByTestId('inspector-error')).toContainText('The rate must be a number')
  await page.getByTestId('field-rate').fill('5')
  await page.getByTestId('inspector-apply').click()
  await expect(page.getByTestId('inspector-error')).toHaveCount(0)
  await expect(page.getByTestId('edge-label').filter({ hasText: 'order.{created|paid|cancelled}' })).toHaveCount(1)

  await node(page, 'consumer:analytics-worker').getByTestId('node-name').click()
  await page.getByTestId('field-behaviour').selectOption('fail-randomly')
  await page.getByTestId('field-probability').fill('1.5')
  await page.getByTestId('inspector-apply').click()
  await expect(page.getByTestId('inspector-error')).toContainText('probability must be a number from 0 to 1')
})
