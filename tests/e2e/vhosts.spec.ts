import { expect, test, type Page } from '@playwright/test'
import { freshUrl, node, open, snapshot } from './designer-helpers.ts'

// A whole-broker export with two vhosts, as `rabbitmqctl export_definitions` writes it.
const TWO_VHOSTS = {
  rabbit_version: '3.10.8',
  vhosts: [{ name: '/' }, { name: 'staging' }],
  exchanges: [
    {
      name: 'jobs.in',
      vhost: 'staging',
      type: 'direct',
      durable: true,
      auto_delete: false,
      internal: false,
      arguments: {},
    },
  ],
  queues: [{ name: 'jobs', vhost: 'staging', durable: true, auto_delete: false, arguments: {} }],
  bindings: [
    {
      source: 'jobs.in',
      vhost: 'staging',
      destination: 'jobs',
      destination_type: 'queue',
      routing_key: 'job',
      arguments: {},
    },
  ],
}

async function pickVhost(page: Page, name: string) {
  await page.getByTestId('vhost-switcher').click()
  await page.getByTestId(`vhost-option-${name}`).click()
  await expect(page.getByTestId('overview-vhost')).toHaveText(`Virtual host ${name}`)
}

const depthIn = async (page: Page, vhost: string) =>
  (await snapshot(page)).queues.filter((q) => q.vhost === vhost).reduce((n, q) => n + q.messages + q.unacked, 0)

test('the canvas shows one vhost at a time; the one left keeps running; the choice survives a reload', async ({
  page,
}) => {
  const url = freshUrl('vhosts', '&example=1')
  await open(page, url)
  await expect(node(page, 'queue:payment')).toBeVisible()

  // Definitions with a second vhost, through the File menu.
  await page.getByTestId('file-menu').click()
  const chooser = page.waitForEvent('filechooser')
  await page.getByTestId('file-import').click()
  await (await chooser).setFiles({
    name: 'two-vhosts.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(TWO_VHOSTS)),
  })
  // The broker holds the example: merge, as the preview offers by default.
  await page.getByTestId('confirm-ok').click()
  await expect(page.getByTestId('io-report')).toContainText('pick a vhost in the toolbar')
  await page.getByTestId('io-report-close').click()
  // The canvas shows the vhost that holds the file's entities.
  await expect(page.getByTestId('overview-vhost')).toHaveText('Virtual host staging')
  await pickVhost(page, '/')

  // The example's producer runs in '/' while 'staging' is on screen.
  await page.getByTestId('producer-toggle-checkout').click()
  await expect.poll(() => depthIn(page, '/')).toBeGreaterThan(0)
  await pickVhost(page, 'staging')
  await expect(node(page, 'queue:jobs')).toBeVisible()
  await expect(node(page, 'exchange:jobs.in')).toBeVisible()
  await expect(node(page, 'queue:payment')).toHaveCount(0)
  await expect(node(page, 'producer:checkout')).toHaveCount(0)
  const before = await depthIn(page, '/')
  await expect.poll(() => depthIn(page, '/'), { timeout: 10_000 }).toBeGreaterThan(before)
  expect(await depthIn(page, 'staging')).toBe(0)

  // A new vhost: what is drawn there is declared there.
  await page.getByTestId('vhost-switcher').click()
  await page.getByTestId('vhost-new-name').fill('staging')
  await page.getByTestId('vhost-add').click()
  await expect(page.getByTestId('vhost-error')).toContainText("'staging' already exists")
  await page.getByTestId('vhost-new-name').fill('qa')
  await page.screenshot({ path: 'tests/e2e/screenshots/vhosts.png' })
  await page.getByTestId('vhost-add').click()
  await expect(page.getByTestId('overview-vhost')).toHaveText('Virtual host qa')
  await page.getByTestId('palette-queue').click()
  await expect(node(page, 'queue:queue')).toBeVisible()
  await expect
    .poll(async () => (await snapshot(page)).queues.filter((q) => q.vhost === 'qa').map((q) => q.name))
    .toEqual(['queue'])

  // Back to '/': its own nodes, its producer still running; nothing of 'qa'.
  await pickVhost(page, '/')
  await expect(node(page, 'queue:payment')).toBeVisible()
  await expect(node(page, 'queue:queue')).toHaveCount(0)
  await expect(page.getByTestId('producer-toggle-checkout')).toHaveAttribute('aria-pressed', 'true')

  // The vhost on screen is remembered across a reload, with its design.
  await pickVhost(page, 'qa')
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved')
  await open(page, url)
  await expect(page.getByTestId('overview-vhost')).toHaveText('Virtual host qa')
  await expect(node(page, 'queue:queue')).toBeVisible()
  await pickVhost(page, '/')
  await expect(node(page, 'producer:checkout')).toBeVisible()

  // A vhost is durable even while empty; deleting one takes everything in it.
  await page.getByTestId('vhost-switcher').click()
  await page.getByTestId('vhost-new-name').fill('empty')
  await page.getByTestId('vhost-add').click()
  await expect(page.getByTestId('overview-vhost')).toHaveText('Virtual host empty')
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved')
  await open(page, url)
  await expect(page.getByTestId('overview-vhost')).toHaveText('Virtual host empty')
  await pickVhost(page, 'qa')
  await page.getByTestId('vhost-switcher').click()
  await page.getByTestId('vhost-delete').click()
  await expect(page.getByTestId('confirm-dialog')).toContainText("Delete vhost 'qa'?")
  await page.getByTestId('confirm-ok').click()
  await expect(page.getByTestId('overview-vhost')).toHaveText('Virtual host /')
  await expect.poll(async () => (await snapshot(page)).vhosts.sort()).toEqual(['/', 'empty', 'staging'])
  expect((await snapshot(page)).queues.filter((q) => q.vhost === 'qa')).toEqual([])
  await page.getByTestId('vhost-switcher').click()
  await expect(page.getByTestId('vhost-option-qa')).toHaveCount(0)
  await expect(page.getByTestId('vhost-delete')).toHaveCount(0)
})
