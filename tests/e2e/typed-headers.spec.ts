// The publish panel's header editor takes every AMQP field type, and the queue's message view shows each with it.

import { expect, test } from '@playwright/test'
import { freshUrl, open, snapshot } from './designer-helpers.ts'

const HEADERS: [key: string, type: string, value: string, shown: string][] = [
  ['tiny', 'int8', '-7', '-7'],
  ['small', 'int16', '300', '300'],
  ['medium', 'int32', '70000', '70000'],
  ['large', 'int64', '5000000000', '5000000000'],
  ['ratio', 'float', '0.5', '0.5'],
  ['precise', 'double', '2.25', '2.25'],
  ['price', 'decimal', '12.50', '12.50'],
  ['paid', 'boolean', 'true', 'true'],
  ['at', 'timestamp', '2026-12-03T17:00:00Z', '2026-12-03T17:00:00.000Z'],
  ['digest', 'bytes', 'de ad be ef', 'de ad be ef'],
  ['nothing', 'void', '', ''],
  ['geo', 'table', '{"region":"eu"}', '"region": "eu"'],
  ['ids', 'array', '[1,"two"]', '"two"'],
  ['note', 'string', 'hello', 'hello'],
]

test('headers of every AMQP type are published and shown with their types', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  await open(page, freshUrl('typed-headers', '&example=1'))
  await expect.poll(async () => (await snapshot(page)).queues.some((q) => q.name === 'payment.dlq')).toBe(true)
  await page.getByTestId('tab-publish').click()
  // payment.dlx is a fanout with only payment.dlq behind it, which no consumer reads.
  await page.getByTestId('publish-exchange').selectOption('payment.dlx')
  const editor = page.getByTestId('publish-headers')
  for (const [i, [key, type, value]] of HEADERS.entries()) {
    await editor.getByRole('button', { name: 'Add header' }).click()
    const n = i + 1
    await editor.getByRole('textbox', { name: new RegExp(` ${n} name$`) }).fill(key)
    await editor.getByRole('combobox', { name: new RegExp(` ${n} type$`) }).selectOption(type)
    if (type === 'boolean') await editor.getByRole('combobox', { name: new RegExp(` ${n} value$`) }).selectOption(value)
    else if (type !== 'void') await editor.getByRole('textbox', { name: new RegExp(` ${n} value$`) }).fill(value)
  }
  await page.getByTestId('publish-submit').click()
  await expect(page.getByTestId('publish-result').first()).toContainText('payment.dlq')

  await page.getByTestId('tab-messages').click()
  await page.getByTestId('browser-queue').selectOption('payment.dlq')
  await page.getByTestId('browser-row').click()
  for (const [key, type, , shown] of HEADERS) {
    const header = page.getByTestId(`header-${key}`)
    await expect(header).toHaveAttribute('data-type', type === 'string' ? 'longstr' : type)
    await expect(header.locator('dd')).toContainText(shown)
  }
})

test('a value out of its type range is refused with the header named', async ({ page }) => {
  await open(page, freshUrl('typed-headers-range', '&example=1'))
  await page.getByTestId('tab-publish').click()
  const editor = page.getByTestId('publish-headers')
  await editor.getByRole('button', { name: 'Add header' }).click()
  await editor.getByRole('textbox', { name: / 1 name$/ }).fill('tiny')
  await editor.getByRole('combobox', { name: / 1 type$/ }).selectOption('int8')
  await editor.getByRole('textbox', { name: / 1 value$/ }).fill('300')
  await page.getByTestId('publish-submit').click()
  await expect(
    page.getByRole('alert').filter({ hasText: "The header 'tiny' is out of range for int8: '300'." }),
  ).toBeVisible()
})
