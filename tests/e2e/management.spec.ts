// The management API and pages of the broker in the tab: warren.management answers RabbitMQ's paths, and the
// Management tab shows the same numbers, moving when messages are published.

import { expect, test } from '@playwright/test'
import { freshUrl, open } from './designer-helpers.ts'

test.use({ viewport: { width: 1440, height: 900 } })

test('warren.management answers RabbitMQ paths from the broker in the tab', async ({ page }) => {
  await open(page, freshUrl('management-api'))
  const answers = await page.evaluate(async () => {
    const m = window.warren.management
    const put = await m.put('/api/queues/%2F/orders', { durable: true, arguments: { 'x-message-ttl': 60000 } })
    const published = await m.post('/api/exchanges/%2F/amq.default/publish', {
      properties: { delivery_mode: 2 },
      routing_key: 'orders',
      payload: 'one',
      payload_encoding: 'string',
    })
    const queue = await m.get('/api/queues/%2F/orders')
    const missing = await m.get('/api/queues/%2F/nope')
    return { put: put.status, published: published.body, queue: queue.body as Record<string, unknown>, missing }
  })
  expect(answers.put).toBe(201)
  expect(answers.published).toEqual({ routed: true })
  expect(answers.queue).toMatchObject({ name: 'orders', messages: 1, messages_ready: 1, durable: true })
  expect(answers.missing).toEqual({ status: 404, body: { error: 'Object Not Found', reason: 'Not Found' } })
})

test('the Management tab lists queues with RabbitMQ columns, and a queue page gets and purges', async ({ page }) => {
  await open(page, freshUrl('management-pages', '&example=1'))
  await page.getByTestId('tab-management').click()
  await expect(page.getByTestId('mgmt-overview')).toBeVisible()
  await page.screenshot({ path: 'tests/e2e/screenshots/management-overview.png' })
  await page.getByTestId('mgmt-tab-queues').click()
  const queues = page.getByTestId('mgmt-queues')
  await expect(queues.locator(`tr[data-row='["/","payment"]']`)).toBeVisible()

  await page.evaluate(async () => {
    const m = window.warren.management
    await m.put('/api/queues/%2F/browse.me', { durable: true, arguments: {} })
    for (let i = 0; i < 3; i++)
      await m.post('/api/exchanges/%2F/amq.default/publish', {
        properties: {},
        routing_key: 'browse.me',
        payload: `m${i}`,
        payload_encoding: 'string',
      })
  })
  const row = queues.locator(`tr[data-row='["/","browse.me"]']`)
  await expect(row).toContainText('3')
  await row.click()
  await expect(page.getByTestId('mgmt-queue-ready')).toHaveText('3')
  await page.getByRole('button', { name: 'Get message(s)' }).click()
  await expect(page.getByTestId('mgmt-got')).toContainText('m0')
  await page.getByRole('button', { name: 'Purge messages' }).click()
  await expect(page.getByTestId('mgmt-queue-ready')).toHaveText('0')
  await page.screenshot({ path: 'tests/e2e/screenshots/management-queue.png' })
})

test('connecting to a broker that does not answer says so in words', async ({ page }) => {
  await open(page, freshUrl('management-connect'))
  await page.getByTestId('tab-management').click()
  await page.getByTestId('mgmt-open-connect').click()
  await page.getByTestId('mgmt-url').fill('http://127.0.0.1:9')
  await page.getByTestId('mgmt-password').fill('guest')
  await page.getByTestId('mgmt-connect-submit').click()
  await expect(page.getByTestId('mgmt-connect-error')).toContainText('Nothing answered at http://127.0.0.1:9')
})

test('Export AsyncAPI downloads an AsyncAPI 3.0 document of the vhost on screen', async ({ page }) => {
  await open(page, freshUrl('management-asyncapi', '&example=1'))
  await page.getByTestId('tab-management').click()
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('mgmt-asyncapi').click()])
  expect(download.suggestedFilename()).toMatch(/^asyncapi_default_vhost_\d{4}-\d{2}-\d{2}\.json$/)
  const doc = JSON.parse(await (await download.createReadStream()).toArray().then((c) => Buffer.concat(c).toString()))
  expect(doc.asyncapi).toBe('3.0.0')
  const queueChannels = Object.values(doc.channels as Record<string, { bindings: { amqp: { is: string } } }>).filter(
    (c) => c.bindings.amqp.is === 'queue',
  )
  expect(queueChannels).toHaveLength(3)
  const actions = Object.values(doc.operations as Record<string, { action: string }>).map((o) => o.action)
  expect(actions).toContain('send')
  expect(actions).toContain('receive')
})
