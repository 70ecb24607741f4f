// The designer without a mouse: Tab reaches a node, Enter selects it, and its inspector binds it.

import { expect, test, type Page } from '@playwright/test'
import { freshUrl, open } from './designer-helpers.ts'

/** Presses Tab until the focused element matches, as a keyboard user would; fails after `limit` presses. */
async function tabTo(page: Page, matches: (el: Element) => boolean, limit = 120) {
  const fn = `(${matches.toString()})(document.activeElement)`
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab')
    if (await page.evaluate(fn)) return
  }
  throw new Error('Tab never reached the element')
}

test('an exchange is bound to a queue with the keyboard alone, and the broker has the binding', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  await open(page, freshUrl('keyboard-bind', '&example=1'))
  await tabTo(page, (el) => el.getAttribute('data-id') === 'exchange:orders')
  // The focused node shows a ring: the card's outline is drawn only under :focus-visible.
  const ring = await page
    .locator('.react-flow__node[data-id="exchange:orders"] > .node')
    .evaluate((el) => getComputedStyle(el).outlineStyle)
  expect(ring).toBe('solid')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('inspector-title')).toHaveText('orders')

  await tabTo(page, (el) => el.getAttribute('data-testid') === 'add-binding-destination')
  const destination = page.getByTestId('add-binding-destination')
  for (let i = 0; i < 20 && (await destination.inputValue()) !== 'queue:payment.dlq'; i++)
    await page.keyboard.press('ArrowDown')
  await expect(destination).toHaveValue('queue:payment.dlq')
  await page.keyboard.press('Tab')
  await expect(page.getByTestId('add-binding-key')).toBeFocused()
  await page.keyboard.type('order.refunded')
  await page.keyboard.press('Enter')

  await expect
    .poll(() =>
      page.evaluate(async () => {
        const { body } = await window.warren.management.get('/api/exchanges/%2F/orders/bindings/source')
        return (body as { destination: string; routing_key: string }[]).map((b) => `${b.destination} ${b.routing_key}`)
      }),
    )
    .toContain('payment.dlq order.refunded')
  await expect(page.getByTestId('edge-label').filter({ hasText: 'order.refunded' })).toHaveCount(1)
})

test('a headers exchange takes its header match from the same form', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  await open(page, freshUrl('keyboard-headers', '&example=1'))
  await page.evaluate(async () => {
    const ch = await (await window.warren.connect()).createChannel()
    await ch.assertExchange('by-region', 'headers')
  })
  await expect(page.locator('.react-flow__node[data-id="exchange:by-region"]')).toBeVisible()
  await page.locator('.react-flow__node[data-id="exchange:by-region"]').getByTestId('node-name').click()
  const form = page.getByTestId('add-binding')
  await form.getByTestId('add-binding-destination').selectOption('queue:analytics')
  await form.getByTestId('add-binding-x-match').selectOption('any')
  await form.getByRole('button', { name: 'Add header' }).click()
  await form.getByRole('textbox', { name: /1 name$/ }).fill('region')
  await form.getByRole('textbox', { name: /1 value$/ }).fill('eu')
  await form.getByTestId('add-binding-submit').click()
  await expect
    .poll(() =>
      page.evaluate(async () => {
        const { body } = await window.warren.management.get('/api/exchanges/%2F/by-region/bindings/source')
        return (body as { destination: string; arguments: Record<string, unknown> }[]).map((b) => [
          b.destination,
          b.arguments,
        ])
      }),
    )
    .toEqual([['analytics', { 'x-match': 'any', region: 'eu' }]])
})
