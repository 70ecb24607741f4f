import { expect, test, type Page } from '@playwright/test'

// A broker made as 3.10 is switched to 4.3 from the toolbar: the list of what changes comes first, then the
// broker restarts as 4.3 and behaves as the 4.3 recordings say (x-last-death-*, redelivered dead letters).

async function brokerVersion(page: Page, version: string) {
  await expect(page.getByTestId('broker-state')).toHaveAttribute('data-state', 'ready')
  await expect(page.getByTestId('broker-version')).toHaveAttribute('data-version', version)
}

test('switching a design from 3.10 to 4.3 lists the changes, then the broker behaves as 4.3', async ({ page }) => {
  await page.goto(`/?db=versions-${Date.now()}&version=3.10`)
  await brokerVersion(page, '3.10')
  await expect(page.getByTestId('version-select')).toHaveValue('3.10')

  const before = await page.evaluate(async () => {
    const conn = await window.warren.connect()
    const ch = await conn.createConfirmChannel()
    await ch.assertExchange('dlx', 'fanout', { durable: true })
    await ch.assertQueue('dead', { durable: true })
    await ch.bindQueue('dead', 'dlx', '')
    await ch.assertQueue('work', { durable: true, arguments: { 'x-dead-letter-exchange': 'dlx' } })
    await ch.assertQueue('orders', {
      durable: true,
      arguments: { 'x-queue-type': 'quorum', 'x-dead-letter-exchange': 'dlx' },
    })
    await ch.assertQueue('tmp', { durable: false })
    ch.sendToQueue('work', 'before', { persistent: true })
    await ch.waitForConfirms()
    const got = await ch.get('work')
    if (!got) throw new Error('no message in work')
    ch.reject(got, false)
    const dead = await ch.get('dead', { noAck: true })
    if (!dead) throw new Error('nothing dead-lettered')
    await conn.close()
    return {
      server: conn.serverProperties.version,
      headers: Object.keys(dead.properties.headers ?? {}).sort(),
      redelivered: dead.fields.redelivered,
    }
  })
  expect(before).toEqual({
    server: '3.10.8',
    headers: ['x-death', 'x-first-death-exchange', 'x-first-death-queue', 'x-first-death-reason'],
    redelivered: false,
  })

  await page.getByTestId('version-select').selectOption('4.3')
  const dialog = page.getByTestId('confirm-dialog')
  await expect(dialog).toBeVisible()
  const items = page.getByTestId('confirm-items')
  await expect(items).toContainText('quorum queue "orders": messages are dead-lettered after 20 deliveries in 4.3')
  await expect(items).toContainText('queue "work": its dead letters carry x-last-death-reason')
  await expect(items).toContainText('queue "tmp": transient and not exclusive')
  await expect(items).toContainText('amqplib 0.10.7')
  await page.getByTestId('confirm-ok').click()
  await brokerVersion(page, '4.3')
  await expect(page.getByTestId('version-select')).toHaveValue('4.3')

  const after = await page.evaluate(async () => {
    const conn = await window.warren.connect()
    const ch = await conn.createConfirmChannel()
    const names = (await window.warren.snapshot()).queues.map((q) => q.name).sort()
    ch.sendToQueue('work', 'after', { persistent: true })
    await ch.waitForConfirms()
    const got = await ch.get('work')
    if (!got) throw new Error('no message in work')
    ch.reject(got, false)
    const dead = await ch.get('dead', { noAck: true })
    if (!dead) throw new Error('nothing dead-lettered')
    return {
      names,
      server: conn.serverProperties.version,
      lastDeath: dead.properties.headers?.['x-last-death-reason'],
      redelivered: dead.fields.redelivered,
    }
  })
  // A switch is a restart: the transient queue is gone, as after a real upgrade.
  expect(after).toEqual({
    names: ['dead', 'orders', 'work'],
    server: '4.3.6',
    lastDeath: 'rejected',
    redelivered: true,
  })

  // The version is stored with the broker: a reload keeps 4.3 even though the URL still asks for 3.10.
  await page.reload()
  await brokerVersion(page, '4.3')
})

test('importing definitions from another version offers to switch to it', async ({ page }) => {
  await page.goto(`/?db=versions-import-${Date.now()}`)
  await brokerVersion(page, '4.3') // a new broker runs the default version
  const doc = {
    rabbit_version: '3.10.8',
    queues: [{ name: 'jobs', vhost: '/', durable: true, auto_delete: false, arguments: {} }],
  }
  await page.getByTestId('file-menu').click()
  const chooser = page.waitForEvent('filechooser')
  await page.getByTestId('file-import').click()
  await (await chooser).setFiles({
    name: 'old.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(doc)),
  })
  await expect(page.getByTestId('io-report')).toContainText('exported by RabbitMQ 3.10.8')
  await page.getByTestId('io-report-offer').click()
  await expect(page.getByTestId('confirm-dialog')).toContainText('Switch from RabbitMQ 4.3 to 3.10?')
  await page.getByTestId('confirm-ok').click()
  await brokerVersion(page, '3.10')
  const queues = await page.evaluate(async () => (await window.warren.snapshot()).queues.map((q) => q.name))
  expect(queues).toEqual(['jobs'])
})
