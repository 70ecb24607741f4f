// A key typed as order.{created|paid} in the producer's connect dialog is the pattern it looks like: the dialog
// says so, and the producer publishes one of the choices each time, never the braces themselves.

import { expect, test } from '@playwright/test'
import { drag, freshUrl, node, open, snapshot } from './designer-helpers.ts'

test('a producer key with choices in braces, typed in the connect dialog, publishes each choice', async ({ page }) => {
  await open(page, freshUrl('connect-pattern'))
  await page.evaluate(async () => {
    const conn = await window.warren.connect()
    const ch = await conn.createChannel()
    await ch.assertExchange('orders', 'topic', { durable: true })
    for (const key of ['order.created', 'order.paid', 'order.{created|paid}']) {
      await ch.assertQueue(key, { durable: true })
      await ch.bindQueue(key, 'orders', key)
    }
    await ch.close()
    await conn.close()
  })
  await expect(node(page, 'exchange:orders')).toBeVisible()
  await page.getByTestId('palette-producer').click()
  const producer = page.locator('.react-flow__node[data-id^="producer:"]')
  await expect(producer).toHaveCount(1)
  const producerId = (await producer.getAttribute('data-id'))!

  await drag(page, producerId, 'out', 'exchange:orders')
  const dialog = page.getByTestId('connect-dialog')
  await expect(dialog).toContainText(
    'A key with choices in braces, such as order.{created|paid}, publishes one of them',
  )
  await page.getByTestId('connect-key').fill('order.{created|paid}')
  await page.getByTestId('connect-confirm').click()
  await expect(dialog).toHaveCount(0)

  await page.getByTestId('producer-burst-producer').click()
  const depth = async (queue: string) => (await snapshot(page)).queues.find((q) => q.name === queue)?.messages ?? 0
  await expect.poll(async () => (await depth('order.created')) + (await depth('order.paid'))).toBe(10)
  expect(await depth('order.created')).toBeGreaterThan(0)
  expect(await depth('order.paid')).toBeGreaterThan(0)
  expect(await depth('order.{created|paid}')).toBe(0)
})
