// Two brokers in one design with a shovel between them: cut the link, publish, restore, and the messages arrive with
// the ack mode's guarantee, counted through warren.management on virtual time.

import { readFile } from 'node:fs/promises'
import { expect, type Page, test } from '@playwright/test'
import { copyShareLink, freshUrl, open } from './designer-helpers.ts'
import { advanceVirtualTime } from './virtual-time.ts'

async function depths(page: Page): Promise<[unknown, unknown]> {
  return page.evaluate(async () => {
    const ready = async (m: { get(path: string): Promise<{ body: unknown }> }, queue: string) =>
      ((await m.get(`/api/queues/%2F/${queue}`)).body as { messages_ready: number }).messages_ready
    return [
      await ready(window.warren.management, 'src'),
      await ready(window.warren.management.broker('dc-london'), 'dst'),
    ]
  })
}

async function twoBrokersWithShovel(page: Page, ackMode: string): Promise<void> {
  await page.evaluate(async (mode) => {
    await window.warren.clock({ kind: 'pause' })
    await window.warren.brokers.add('dc-london', { version: '4.3', nodes: 1 })
    await window.warren.management.put('/api/queues/%2F/src', { durable: true })
    await window.warren.management.broker('dc-london').put('/api/queues/%2F/dst', { durable: true })
    const value = {
      'src-uri': 'amqp://',
      'src-queue': 'src',
      'dest-uri': 'amqp://dc-london/%2F',
      'dest-queue': 'dst',
      'ack-mode': mode,
      'reconnect-delay': 1,
    }
    await window.warren.management.put('/api/parameters/shovel/%2F/to-london', { value })
  }, ackMode)
}

const publish = (page: Page, bodies: string[]) =>
  page.evaluate(async (list) => {
    for (const payload of list)
      await window.warren.management.post('/api/exchanges/%2F/amq.default/publish', {
        properties: {},
        routing_key: 'src',
        payload,
        payload_encoding: 'string',
      })
  }, bodies)

test('a cut link: messages wait in the source, then arrive once it is restored', async ({ page }) => {
  await open(page, freshUrl('links-cut'))
  await twoBrokersWithShovel(page, 'on-confirm')
  expect(await page.evaluate(() => window.warren.brokers.list())).toEqual([
    { name: 'local', version: '4.3', nodes: 1 },
    { name: 'dc-london', version: '4.3', nodes: 1 },
  ])
  await page.evaluate(() => window.warren.links.cut('local', 'dc-london'))
  await publish(page, ['1', '2', '3'])
  await advanceVirtualTime(page, 500)
  expect(await depths(page)).toEqual([3, 0])
  await page.evaluate(() => window.warren.links.restore('local', 'dc-london'))
  await advanceVirtualTime(page, 1500)
  expect(await depths(page)).toEqual([0, 3])
  const status = await page.evaluate(async () => (await window.warren.management.get('/api/shovels/%2F')).body)
  expect(status).toMatchObject([{ name: 'to-london', state: 'running', forwarded: 3 }])
})

for (const [mode, arrived] of [
  ['on-confirm', 2],
  ['on-publish', 0],
  ['no-ack', 0],
] as const)
  test(`${mode}: what was in flight when the link was cut arrives ${arrived ? 'all the same' : 'never'}`, async ({
    page,
  }) => {
    await open(page, freshUrl(`links-${mode}`))
    await twoBrokersWithShovel(page, mode)
    await page.evaluate(() => window.warren.links.pause('local', 'dc-london'))
    await publish(page, ['1', '2'])
    await advanceVirtualTime(page, 200)
    expect(await depths(page)).toEqual([0, 0])
    await page.evaluate(async () => {
      await window.warren.links.cut('local', 'dc-london')
      await window.warren.links.restore('local', 'dc-london')
    })
    await advanceVirtualTime(page, 1500)
    expect(await depths(page)).toEqual([0, arrived])
  })

test('the Links tab adds a broker, cuts and restores the link, and shows the shovel', async ({ page }) => {
  await open(page, freshUrl('links-tab'))
  await page.getByTestId('tab-links').click()
  await page.getByTestId('links-new-name').fill('dc-london')
  await page.getByTestId('links-add').click()
  await expect(page.getByTestId('links-broker-dc-london')).toBeVisible()
  const link = page.getByTestId('links-link-dc-london-local')
  await expect(link).toHaveAttribute('data-state', 'up')
  await page.evaluate(() =>
    window.warren.management.put('/api/parameters/shovel/%2F/to-london', {
      value: { 'src-uri': 'amqp://', 'src-queue': 'src', 'dest-uri': 'amqp://dc-london', 'dest-queue': 'dst' },
    }),
  )
  await expect(page.getByTestId('links-shovel-to-london')).toContainText('running')
  await link.getByRole('button', { name: 'Cut' }).click()
  await expect(link).toHaveAttribute('data-state', 'cut')
  await expect(page.getByTestId('links-shovel-to-london')).toContainText('terminated')
  await link.getByRole('button', { name: 'Restore' }).click()
  await expect(link).toHaveAttribute('data-state', 'up')
  await page.screenshot({ path: 'tests/e2e/screenshots/links-tab.png' })
})

test('a reload keeps the second broker, its durable queue and the persistent message in it', async ({ page }) => {
  const url = freshUrl('links-reload')
  await open(page, url)
  await page.evaluate(async () => {
    await window.warren.brokers.add('dc-london', { version: '4.0', nodes: 1 })
    const conn = await window.warren.connect({ broker: 'dc-london' })
    const ch = await conn.createConfirmChannel()
    await ch.assertQueue('orders', { durable: true })
    await ch.assertQueue('scratch', { durable: false })
    ch.sendToQueue('orders', 'kept', { persistent: true })
    ch.sendToQueue('orders', 'transient', { persistent: false })
    await ch.waitForConfirms() // a persistent message is confirmed once its broker's database has it
  })
  await page.reload()
  await expect(page.getByTestId('broker-state')).toHaveAttribute('data-state', 'ready')
  const after = await page.evaluate(async () => {
    const london = window.warren.management.broker('dc-london')
    const queues = ((await london.get('/api/queues/%2F')).body as { name: string }[]).map((q) => q.name)
    const conn = await window.warren.connect({ broker: 'dc-london' })
    const ch = await conn.createChannel()
    const bodies: string[] = []
    for (let m = await ch.get('orders', { noAck: true }); m; m = await ch.get('orders', { noAck: true }))
      bodies.push(m.content.toString())
    return { brokers: await window.warren.brokers.list(), queues, bodies }
  })
  expect(after).toEqual({
    brokers: [
      { name: 'local', version: '4.3', nodes: 1 },
      { name: 'dc-london', version: '4.0', nodes: 1 },
    ],
    queues: ['orders'],
    bodies: ['kept'],
  })
})

test('a share link carries every broker: the page that opens it has dc-london back with its queue', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await open(page, freshUrl('links-share-from'))
  await page.evaluate(async () => {
    await window.warren.brokers.add('dc-london', { version: '4.0', nodes: 1 })
    await window.warren.management.broker('dc-london').put('/api/queues/%2F/orders', { durable: true })
  })
  const link = await copyShareLink(page)

  const target = await context.newPage()
  await open(target, freshUrl('links-share-to') + link.slice(link.indexOf('#'))) // empty: opens without asking
  await expect.poll(() => target.url()).not.toContain('#share=')
  await expect
    .poll(() => target.evaluate(() => window.warren.brokers.list()))
    .toEqual([
      { name: 'local', version: '4.3', nodes: 1 },
      { name: 'dc-london', version: '4.0', nodes: 1 },
    ])
  const orders = await target.evaluate(
    async () => (await window.warren.management.broker('dc-london').get('/api/queues/%2F/orders')).status,
  )
  expect(orders).toBe(200)
})

test("the File menu exports each other broker's definitions on their own", async ({ page }) => {
  await open(page, freshUrl('links-export'))
  await page.evaluate(async () => {
    await window.warren.brokers.add('dc-london', { version: '4.3', nodes: 1 })
    await window.warren.management.broker('dc-london').put('/api/queues/%2F/orders', { durable: true })
    await window.warren.management.put('/api/queues/%2F/here-only', { durable: true })
  })
  await page.getByTestId('file-menu').click()
  const item = page.getByTestId('file-export-broker-dc-london')
  await expect(item).toHaveText('Export definitions (broker dc-london)')
  const [download] = await Promise.all([page.waitForEvent('download'), item.click()])
  expect(download.suggestedFilename()).toMatch(/^rabbit_dc-london_\d{4}-\d\d-\d\d\.json$/)
  const definitions = JSON.parse(await readFile((await download.path()) as string, 'utf8'))
  expect(definitions.queues.map((q: { name: string }) => q.name)).toEqual(['orders'])
})
