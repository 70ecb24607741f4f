// The Management tab against a real RabbitMQ (the throw-away node of tests/rabbitmq/start.sh, its management
// plugin on 127.0.0.1:$WARREN_RMQ_MANAGEMENT_PORT, CORS open to http://localhost:4173 only): connect, counts that
// move when a real amqplib client publishes, deploy a design and read it back with rabbitmqctl, drift after a
// change rabbitmqctl makes, and each refusal in words (wrong password, missing CORS setting).

import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, type Page, test } from '@playwright/test'
import amqp from 'amqplib'

const here = path.dirname(fileURLToPath(import.meta.url))
const managementUrl = `http://127.0.0.1:${process.env.WARREN_RMQ_MANAGEMENT_PORT ?? 15673}`
const amqpUrl = `amqp://guest:guest@127.0.0.1:${process.env.WARREN_RMQ_PORT ?? 5673}`
const VHOST = 'live-e2e'

function ctl(...args: string[]): string {
  const r = spawnSync('sh', [path.join(here, '..', 'ctl.sh'), '-q', ...args], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`rabbitmqctl ${args.join(' ')}: ${r.stdout}${r.stderr}`)
  return r.stdout
}

let n = 0
async function openApp(page: Page, base = '') {
  await page.goto(`${base}/?db=live-${Date.now()}-${++n}`)
  await expect(page.getByTestId('broker-state')).toHaveAttribute('data-state', 'ready')
  await page.getByTestId('tab-management').click()
}

async function connect(page: Page, password: string) {
  await page.getByTestId('mgmt-open-connect').click()
  await page.getByTestId('mgmt-url').fill(managementUrl)
  await page.getByTestId('mgmt-password').fill(password)
  await page.getByTestId('mgmt-connect-submit').click()
}

test.use({ viewport: { width: 1440, height: 900 } })

test.beforeAll(() => {
  spawnSync('sh', [path.join(here, '..', 'ctl.sh'), '-q', 'delete_vhost', VHOST], { encoding: 'utf8' })
})
test.afterAll(() => {
  spawnSync('sh', [path.join(here, '..', 'ctl.sh'), '-q', 'delete_vhost', VHOST], { encoding: 'utf8' })
})

test('a wrong password is refused in words, and nothing is connected', async ({ page }) => {
  await openApp(page)
  await connect(page, 'not-the-password')
  await expect(page.getByTestId('mgmt-connect-error')).toContainText('the username or the password is wrong')
  await expect(page.getByTestId('mgmt-source-remote')).toHaveCount(0)
})

test('a page whose origin CORS does not allow is told the rabbitmq.conf lines to add', async ({ page }) => {
  await openApp(page, 'http://localhost:4174')
  await connect(page, 'guest')
  const error = page.getByTestId('mgmt-connect-error')
  await expect(error).toContainText('does not allow this page (http://localhost:4174)')
  await expect(error.locator('pre')).toHaveText(
    'management.cors.allow_origins.1 = http://localhost:4174\nmanagement.cors.max_age = 3600',
  )
})

test('live view: the queues of the real broker, with counts that move when an amqplib client publishes', async ({
  page,
}) => {
  await openApp(page)
  await connect(page, 'guest')
  await expect(page.getByTestId('mgmt-source-remote')).toBeVisible()
  await expect(page.getByTestId('mgmt-overview')).toContainText('RabbitMQ 3.10')
  const conn = await amqp.connect(amqpUrl)
  const ch = await conn.createConfirmChannel()
  await ch.assertQueue('live.view', { durable: true })
  for (let i = 0; i < 3; i++) ch.sendToQueue('live.view', Buffer.from(`m${i}`))
  await ch.waitForConfirms()
  await page.getByTestId('mgmt-tab-queues').click()
  const row = page.getByTestId('mgmt-queues').locator(`tr[data-row='["/","live.view"]']`)
  // The broker collects statistics every 5 s and the page polls every 5 s: within about 10 s the count shows.
  await expect(row).toContainText('3', { timeout: 30_000 })
  await page.screenshot({ path: 'tests/e2e/screenshots/management-live.png' })
  await ch.deleteQueue('live.view')
  await conn.close()
})

test('deploy a design with a plan, read it back with rabbitmqctl, then see drift after rabbitmqctl changes it', async ({
  page,
}) => {
  await openApp(page)
  await page.evaluate(async (vhost) => {
    await window.warren.client.send({ type: 'addVhost', name: vhost })
    const conn = await window.warren.connect({ vhost })
    const ch = await conn.createChannel()
    await ch.assertExchange('orders', 'topic', { durable: true })
    await ch.assertQueue('payments', { durable: true, arguments: { 'x-message-ttl': 60000 } })
    await ch.bindQueue('payments', 'orders', 'order.paid')
  }, VHOST)
  await page.getByTestId('vhost-switcher').click()
  await page.getByTestId(`vhost-option-${VHOST}`).click()
  await connect(page, 'guest')
  await expect(page.getByTestId('mgmt-source-remote')).toBeVisible()
  await page.getByTestId('mgmt-tab-deploy').click()
  await page.getByTestId('mgmt-plan').click()
  const steps = page.getByTestId('mgmt-steps')
  await expect(steps).toContainText('create vhost')
  await expect(steps).toContainText('create queue payments')
  await page.getByTestId('mgmt-apply').click()
  await expect(steps.locator('li.ok')).toHaveCount(4)
  const queues = ctl('list_queues', '-p', VHOST, 'name', 'arguments')
  expect(queues).toContain('payments')
  expect(queues).toContain('x-message-ttl')
  expect(ctl('list_bindings', '-p', VHOST, 'source_name', 'routing_key')).toContain('order.paid')

  await page.getByTestId('mgmt-tab-live').click()
  await expect(page.getByTestId('mgmt-live').locator('.react-flow__node')).toHaveCount(2)
  await expect(page.getByTestId('mgmt-live')).toContainText('payments: 0 ready')

  ctl('set_policy', '-p', VHOST, 'cap', '^payments$', '{"max-length":5}', '--apply-to', 'queues')
  ctl('delete_queue', '-p', VHOST, 'payments')
  await page.getByTestId('mgmt-tab-deploy').click()
  await page.getByTestId('mgmt-audit').click()
  await expect(page.getByTestId('mgmt-drift')).toContainText('extra policy cap')
  await expect(page.getByTestId('mgmt-drift')).toContainText('missing queue payments')
  // The audit marks the design's canvas too.
  await expect(page.locator('.react-flow__node[data-id="queue:payments"] [data-testid="drift-badge"]')).toHaveAttribute(
    'data-status',
    'missing',
  )
  await page.screenshot({ path: 'tests/e2e/screenshots/management-drift.png' })
})
