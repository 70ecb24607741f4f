// Two tabs on one database (one browser context: real Web Locks, real IndexedDB): a link opened in the tab
// without the broker waits for it, the banner offering to take it stays above any dialog, and a tab that
// lost the broker can take it back with nothing stored lost.

import { expect, test, type Page } from '@playwright/test'
import { copyShareLink, freshUrl, node, open, snapshot } from './designer-helpers.ts'

const state = (page: Page) => page.getByTestId('broker-state')
const queueNames = async (page: Page) => (await snapshot(page)).queues.map((q) => q.name).sort()

async function shots(page: Page, name: string) {
  for (const [width, height] of [
    [1100, 700],
    [1440, 900],
    [1920, 1080],
  ]) {
    await page.setViewportSize({ width, height })
    await page.screenshot({ path: `tests/e2e/screenshots/tabs-${name}-${width}x${height}.png` })
  }
}

test('a share link in a second tab waits for the broker, opens once taken over, and the first tab takes it back', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  const url = freshUrl('tabs-share', '&example=1')
  await open(page, url)
  await page.getByTestId('palette-queue').click()
  await expect(node(page, 'queue:queue')).toBeVisible()
  const link = await copyShareLink(page)
  // After the link was made: the shared design does not have this one, the broker does.
  await page.getByTestId('palette-queue').click()
  await expect(node(page, 'queue:queue-2')).toBeVisible()
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved')

  const second = await context.newPage()
  await second.goto(url + link.slice(link.indexOf('#')))
  await expect(state(second)).toHaveAttribute('data-state', 'locked')
  await expect(state(second)).toHaveAttribute('data-waiting', 'share')
  await expect(state(second)).toContainText('already open in another tab')
  await expect(state(second)).toContainText('The shared design in this link opens here')
  // Nothing is opened against a broker this tab does not hold, and the link is kept.
  await expect(second.getByTestId('confirm-dialog')).toHaveCount(0)
  expect(second.url()).toContain('#share=')
  await expect(second.getByTestId('workspace')).toHaveAttribute('inert', '')
  await expect(second.getByTestId('toolbar-broker')).toHaveAttribute('inert', '')
  await expect(second.getByTestId('save-state')).toHaveCount(0)
  // A dialog open over the page: the offer stays above it and takes the click.
  await second.getByTestId('help').click()
  await expect(second.getByTestId('help-panel')).toBeVisible()
  await shots(second, 'waiting-share')
  await second.getByTestId('take-over').click()
  await second.keyboard.press('Escape')
  await expect(state(second)).toHaveAttribute('data-state', 'ready')

  // The broker held the example and two queues: replacing it still asks.
  await expect(second.getByTestId('confirm-dialog')).toContainText('It replaces the current work')
  await second.getByTestId('confirm-ok').click()
  await expect(node(second, 'queue:queue')).toBeVisible()
  await expect(node(second, 'queue:queue-2')).toHaveCount(0)
  await expect.poll(() => second.url()).not.toContain('#share=')
  await expect.poll(() => queueNames(second)).toEqual(['analytics', 'payment', 'payment.dlq', 'queue'])
  await second.evaluate(async () => {
    const conn = await window.warren.connect()
    const ch = await conn.createChannel()
    ch.sendToQueue('queue', 'kept across the take-back', { persistent: true })
    await ch.close()
    await conn.close()
  })
  await expect(second.getByTestId('save-state')).toHaveAttribute('data-state', 'saved')
  const kept = async (p: Page) => (await snapshot(p)).queues.find((q) => q.name === 'queue')?.messages
  await expect.poll(() => kept(second)).toBe(1)

  // The first tab says it lost the broker, and nothing in it can change the broker.
  await expect(state(page)).toHaveAttribute('data-state', 'locked')
  await expect(state(page)).toHaveAttribute('data-lost', 'true')
  await expect(state(page)).toContainText('Another tab took over the broker')
  await expect(page.getByTestId('workspace')).toHaveAttribute('inert', '')
  await page.keyboard.press('q')
  await expect(node(page, 'queue:queue-3')).toHaveCount(0)
  await shots(page, 'lost')
  await page.getByRole('button', { name: 'Take it back here' }).click()
  await expect(state(page)).toHaveAttribute('data-state', 'ready')
  await expect(page.getByTestId('workspace')).not.toHaveAttribute('inert')
  // It shows what the other tab left, not what it drew before losing the broker.
  await expect(node(page, 'queue:queue')).toBeVisible()
  await expect(node(page, 'queue:queue-2')).toHaveCount(0)
  expect(await queueNames(page)).toEqual(['analytics', 'payment', 'payment.dlq', 'queue'])
  expect(await kept(page)).toBe(1)
  await expect(state(second)).toHaveAttribute('data-lost', 'true')
})

test('a lesson link in a second tab opens its lesson once the broker is taken over', async ({ page, context }) => {
  const url = freshUrl('tabs-lesson')
  await open(page, url)
  const second = await context.newPage()
  await second.goto(`${url}&lesson=fanout`)
  await expect(state(second)).toHaveAttribute('data-state', 'locked')
  await expect(state(second)).toHaveAttribute('data-waiting', 'lesson')
  await expect(state(second)).toContainText('The lesson in this link opens here')
  await expect(second.getByTestId('lesson-panel')).toHaveCount(0)
  await second.getByTestId('take-over').click()
  await expect(state(second)).toHaveAttribute('data-state', 'ready')
  await expect(second.getByTestId('lesson-panel')).toHaveAttribute('data-lesson', 'fanout')
  await expect(second.getByTestId('lesson-panel')).toHaveAttribute('data-ready', 'true', { timeout: 15_000 })
  await expect(state(page)).toHaveAttribute('data-lost', 'true')
})

test('in French, the second tab says the same in the words of the course', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'fr-FR' })
  const page = await context.newPage()
  const url = freshUrl('tabs-fr')
  await open(page, url)
  const second = await context.newPage()
  await second.goto(`${url}&lesson=fanout`)
  await expect(state(second)).toContainText('Warren est déjà ouvert dans un autre onglet')
  await expect(state(second)).toContainText("La leçon de ce lien s'ouvrira ici")
  await second.setViewportSize({ width: 1100, height: 700 })
  await second.screenshot({ path: 'tests/e2e/screenshots/tabs-waiting-lesson-fr-1100x700.png' })
  await second.getByTestId('take-over').click()
  await expect(state(page)).toContainText('Un autre onglet a pris le broker')
  await expect(page.getByRole('button', { name: 'Le reprendre ici' })).toBeVisible()
  await context.close()
})
