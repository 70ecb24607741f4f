// Hostile or unlucky input stays harmless: nothing replaced without asking, bounded inputs refused in words,
// no command dropped silently, a page API that rejects instead of hanging.

import { readFile } from 'node:fs/promises'
import { expect, test, type Download, type Page } from '@playwright/test'
import { copyShareLink, freshUrl, open, snapshot } from './designer-helpers.ts'

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
  const link = await copyShareLink(page)
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

test('the broker worker is served with its own CSP, and framing is refused by header and by the page', async ({
  page,
}) => {
  const workerResponse = page.waitForResponse((r) => /\/assets\/main-[^/]*\.js$/.test(new URL(r.url()).pathname))
  await open(page, freshUrl('hostile-csp'))
  const csp = (await workerResponse).headers()['content-security-policy'] ?? ''
  expect(csp).toContain("script-src 'self'")
  expect(csp).not.toContain('unsafe-eval')
  expect(csp).toContain("frame-ancestors 'none'")

  const frameText = (url: string) =>
    page.evaluate(async (src) => {
      const frame = document.createElement('iframe')
      frame.src = src
      document.body.append(frame)
      await new Promise((resolve) => frame.addEventListener('load', resolve))
      const doc = frame.contentDocument
      return doc ? { text: (doc.body.textContent ?? '').trim(), broker: 'warren' in (frame.contentWindow ?? {}) } : null
    }, url)
  // The header refuses the frame outright (a blocked frame holds an error page this page cannot read).
  expect(await frameText(freshUrl('hostile-framed'))).toBeNull()

  // A host that cannot send headers: the page itself refuses to run framed, and starts no broker.
  await page.route('**/?db=designer-hostile-unheaded*', async (route) => {
    const response = await route.fetch()
    const headers = { ...response.headers() }
    delete headers['content-security-policy']
    delete headers['x-frame-options']
    await route.fulfill({ response, headers })
  })
  expect(await frameText(freshUrl('hostile-unheaded'))).toEqual({
    text: 'Warren does not run inside another page. Open it in its own tab: open Warren',
    broker: false,
  })
})

test('a share link that inflates past 16 MiB is refused as too large, and the broker is untouched', async ({
  page,
}) => {
  const url = freshUrl('hostile-bomb')
  await open(page, url)
  await fillOtherVhost(page, 1)
  const fragment = await page.evaluate(async () => {
    // 40 MiB of spaces, deflated by the browser's own CompressionStream, as base64url.
    const stream = new Blob([new Uint8Array(40 * 1024 * 1024).fill(32)])
      .stream()
      .pipeThrough(new CompressionStream('deflate-raw'))
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer())
    let binary = ''
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
    return `#share=${btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`
  })
  expect(fragment.length).toBeLessThan(200_000)
  await page.goto(url + fragment)
  await expect(page.getByTestId('io-report')).toContainText('The share link is too large')
  expect((await snapshot(page)).queues.map((q) => [q.vhost, q.name, q.messages])).toEqual([['other', 'keep', 1]])
})
