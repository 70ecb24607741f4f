// Hostile or unlucky input stays harmless: nothing replaced without asking, bounded inputs refused in words,
// no command dropped silently, a page API that rejects instead of hanging.

import { readFile } from 'node:fs/promises'
import { expect, test, type Download, type Page } from '@playwright/test'
import { freshUrl, open, snapshot } from './designer-helpers.ts'

async function saveWarrenFile(page: Page): Promise<Buffer> {
  await page.getByTestId('file-menu').click()
  const [file] = (await Promise.all([page.waitForEvent('download'), page.getByTestId('file-save').click()])) as [
    Download,
    unknown,
  ]
  return readFile((await file.path())!)
}

/** A vhost besides "/" holding a durable queue with confirmed persistent messages; the canvas shows "/". */
async function fillOtherVhost(page: Page, messages: number): Promise<void> {
  await page.evaluate(async (count) => {
    await window.warren.client.send({ type: 'addVhost', name: 'other' })
    const ch = await (await window.warren.connect({ vhost: 'other' })).createConfirmChannel()
    await ch.assertQueue('keep', { durable: true })
    for (let i = 0; i < count; i++) ch.sendToQueue('keep', `m${i}`, { persistent: true })
    await ch.waitForConfirms()
  }, messages)
}

test('opening a Warren file asks when another vhost holds messages, and cancelling changes nothing', async ({
  page,
}) => {
  await open(page, freshUrl('hostile-open'))
  const empty = await saveWarrenFile(page)
  await fillOtherVhost(page, 3)
  await page
    .getByTestId('file-picker')
    .setInputFiles({ name: 'empty.warren.json', mimeType: 'application/json', buffer: empty })
  const dialog = page.getByTestId('confirm-dialog')
  await expect(dialog).toContainText('1 vhost besides "/"')
  await expect(dialog).toContainText('1 queue')
  await expect(dialog).toContainText('3 messages')
  await page.getByTestId('confirm-cancel').click()
  const after = await snapshot(page)
  expect(after.vhosts.sort()).toEqual(['/', 'other'])
  expect(after.queues.map((q) => [q.vhost, q.name, q.messages])).toEqual([['other', 'keep', 3]])
})

test('a share link asks before replacing a broker whose shown vhost is empty', async ({ page }) => {
  const url = freshUrl('hostile-share')
  await open(page, url)
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  await page.getByTestId('file-menu').click()
  await page.getByTestId('file-share').click()
  const link = await page.evaluate(() => navigator.clipboard.readText())
  await fillOtherVhost(page, 5)
  await page.goto(url + link.slice(link.indexOf('#')))
  await expect(page.getByTestId('confirm-dialog')).toContainText('5 messages')
  await page.getByTestId('confirm-cancel').click()
  await expect.poll(async () => (await snapshot(page)).queues.map((q) => q.messages)).toEqual([5])
})

test('page API: a command too deep to send is refused in words and the publish beside it is still confirmed', async ({
  page,
}) => {
  await open(page, freshUrl('hostile-deep'))
  const result = await page.evaluate(async () => {
    const ch = await (await window.warren.connect()).createConfirmChannel()
    await ch.assertQueue('safe', { durable: true })
    let deep: unknown = 1
    for (let i = 0; i < 4000; i++) deep = { a: deep }
    const refused = ch.assertQueue('deep', { arguments: { 'x-deep': deep as string } }).then(
      () => 'accepted',
      (e: Error) => e.message,
    )
    const confirmed = new Promise<string>((resolve) =>
      ch.sendToQueue('safe', 'persistent', { persistent: true }, (err) => resolve(err ? err.message : 'acked')),
    )
    let thrown = 'nothing thrown'
    try {
      ch.sendToQueue('safe', 'x', { headers: { deep } as Record<string, string> })
    } catch (e) {
      thrown = (e as Error).message
    }
    return { refused: await refused, confirmed: await confirmed, thrown }
  })
  expect(result.refused).toMatch(/nests deeper than 32 levels/)
  expect(result.thrown).toMatch(/The headers table nests deeper than 32 levels/)
  expect(result.confirmed).toBe('acked')
  expect((await snapshot(page)).queues.map((q) => [q.name, q.messages])).toEqual([['safe', 1]])
})

test('page API: a tab that does not hold the broker rejects at once', async ({ page, context }) => {
  const url = freshUrl('hostile-locked')
  await open(page, url)
  const second = await context.newPage()
  await second.goto(url)
  await expect(second.getByTestId('broker-state')).toHaveAttribute('data-state', 'locked')
  const answers = await second.evaluate(async () => {
    const settle = (p: Promise<unknown>) =>
      Promise.race([
        p.then(
          () => 'resolved',
          (e: Error) => e.message,
        ),
        new Promise((resolve) => setTimeout(() => resolve('still pending'), 5000)),
      ])
    return [await settle(window.warren.connect()), await settle(window.warren.snapshot())]
  })
  for (const answer of answers) expect(answer).toMatch(/does not hold the broker/)
})
