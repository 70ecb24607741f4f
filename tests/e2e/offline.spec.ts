// The built site as a PWA: offline after one visit, a valid manifest, any base path, the update prompt.
// Needs `npm run build` first (the preview server and the sub-path server both serve dist/).

import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { extname, join, normalize } from 'node:path'
import { expect, test, type Page } from '@playwright/test'

let n = 0
const fresh = (name: string) => `?db=pwa-${name}-${Date.now()}-${++n}&example=none`

async function ready(page: Page) {
  await expect(page.getByTestId('broker-state')).toHaveAttribute('data-state', 'ready')
}

/** Console errors and CSP violations, to check that a load (online or offline) is clean. */
function watchErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text())
  })
  page.on('pageerror', (e) => errors.push(String(e)))
  return errors
}

/** Waits until a service worker is active, then reloads once if it does not control the page yet. */
async function waitForServiceWorker(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready
  })
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) await page.reload()
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null))
    .toMatch(/\/sw\.js$/)
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json',
}

/** A copy of dist/ served by a minimal static server under `prefix`, as a host with no special config would. */
async function serveDist(prefix: string) {
  const root = await mkdtemp(join(tmpdir(), 'warren-dist-'))
  await cp('dist', root, { recursive: true })
  const outside: string[] = []
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    if (!path.startsWith(prefix)) {
      outside.push(path)
      res.writeHead(404).end()
      return
    }
    let rel = normalize(path.slice(prefix.length))
    if (rel === '.') rel = 'index.html'
    else if (rel.endsWith('/')) rel += 'index.html'
    const file = join(root, rel)
    try {
      if (!file.startsWith(root) || !(await stat(file)).isFile()) throw new Error('not a file')
      const body = await readFile(file)
      res
        .writeHead(200, {
          'content-type': MIME[extname(file)] ?? 'application/octet-stream',
          'cache-control': 'no-cache',
        })
        .end(body)
    } catch {
      res.writeHead(404).end()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    root,
    /** Requests for paths outside the prefix: an absolute URL somewhere in the build. */
    outside,
    async close() {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
      await rm(root, { recursive: true, force: true })
    },
  }
}

test('after one visit the app, the broker and the stored data work offline', async ({ page, context }) => {
  const url = `/${fresh('offline')}`
  await page.goto(url)
  await ready(page)
  const before = await page.evaluate(async () => {
    const conn = await window.warren.connect()
    const ch = await conn.createConfirmChannel()
    await ch.assertQueue('offline-q', { durable: true })
    ch.sendToQueue('offline-q', 'kept offline', { persistent: true })
    await ch.waitForConfirms()
    return (await ch.checkQueue('offline-q')).messageCount
  })
  expect(before).toBe(1)
  await waitForServiceWorker(page)
  await ready(page)

  const errors = watchErrors(page)
  await context.setOffline(true)
  await page.reload()
  await ready(page)
  expect(await page.evaluate(() => navigator.onLine)).toBe(false)
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true)
  const after = await page.evaluate(async () => {
    const conn = await window.warren.connect()
    const ch = await conn.createChannel()
    const { messageCount } = await ch.checkQueue('offline-q')
    const m = await ch.get('offline-q', { noAck: true })
    return { messageCount, body: m && m.content.toString() }
  })
  expect(after).toEqual({ messageCount: 1, body: 'kept offline' })
  // The designer renders too, not only the broker.
  await expect(page.locator('.react-flow')).toBeVisible()
  expect(errors).toEqual([])
  await context.setOffline(false)
})

test('the web app manifest is valid and its icons are reachable', async ({ page, request }) => {
  await page.goto(`/${fresh('manifest')}`)
  await ready(page)
  const href = await page.evaluate(
    () => (document.querySelector('link[rel="manifest"]') as HTMLLinkElement | null)?.href,
  )
  expect(href).toBeTruthy()
  const response = await request.get(href!)
  expect(response.ok()).toBe(true)
  const manifest = JSON.parse(await response.text())
  expect(manifest).toMatchObject({
    name: 'Warren',
    short_name: expect.any(String),
    description: expect.any(String),
    theme_color: expect.stringMatching(/^#[0-9a-f]{6}$/i),
    background_color: expect.stringMatching(/^#[0-9a-f]{6}$/i),
    display: 'standalone',
    start_url: '.',
    scope: '.',
  })
  const icons = manifest.icons as { src: string; sizes: string; type: string; purpose?: string }[]
  expect(icons.some((i) => i.type === 'image/svg+xml')).toBe(true)
  for (const size of [192, 512])
    expect(icons.some((i) => i.type === 'image/png' && i.sizes === `${size}x${size}`)).toBe(true)
  for (const icon of icons) {
    expect(icon.src).not.toMatch(/^\//) // relative, so any base path works
    const res = await request.get(new URL(icon.src, href).href)
    expect(res.ok(), icon.src).toBe(true)
    expect(res.headers()['content-type']).toContain(icon.type)
    const bytes = await res.body()
    if (icon.type === 'image/png') {
      // PNG IHDR: width and height are big-endian at bytes 16 and 20.
      const [w, h] = icon.sizes.split('x').map(Number)
      expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)], icon.src).toEqual([w, h])
    }
  }
  // The page links a favicon and a theme colour, also relative.
  expect(await page.locator('link[rel="icon"]').getAttribute('href')).toMatch(/^\.\//)
  expect(await page.locator('meta[name="theme-color"]').getAttribute('content')).toBe(manifest.theme_color)
})

test('the build works under a sub-path of a plain static host, offline too', async ({ page, context }) => {
  const site = await serveDist('/sub/warren/')
  try {
    const errors = watchErrors(page)
    await page.goto(`${site.url}${fresh('subpath')}`)
    await ready(page)
    await waitForServiceWorker(page)
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.scope)
    expect(scope).toBe(site.url)
    await context.setOffline(true)
    await page.reload()
    await ready(page)
    await context.setOffline(false)
    expect(site.outside).toEqual([])
    expect(errors).toEqual([])
  } finally {
    await site.close()
  }
})

test('a new version shows the update prompt; Reload switches to it', async ({ page }) => {
  const site = await serveDist('/app/')
  try {
    await page.goto(`${site.url}${fresh('update')}`)
    await ready(page)
    await waitForServiceWorker(page)
    await expect(page.getByTestId('update-prompt')).toHaveCount(0)
    const first = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.active!.scriptURL)

    // Deploy a "new version": a changed service worker script.
    const sw = join(site.root, 'sw.js')
    await writeFile(sw, `${await readFile(sw, 'utf8')}\n// new version ${Date.now()}\n`)
    await page.evaluate(async () => {
      await (await navigator.serviceWorker.getRegistration())!.update()
    })
    const prompt = page.getByTestId('update-prompt')
    await expect(prompt).toBeVisible()
    await expect(prompt).toContainText('A new version of Warren is ready')
    await expect(page.getByRole('status').getByRole('button', { name: 'Reload', exact: true })).toBeVisible()

    await Promise.all([page.waitForEvent('load'), prompt.getByRole('button', { name: 'Reload', exact: true }).click()])
    await ready(page)
    await expect(page.getByTestId('update-prompt')).toHaveCount(0)
    const after = await page.evaluate(async () => {
      const registration = (await navigator.serviceWorker.getRegistration())!
      return { waiting: registration.waiting !== null, controlled: navigator.serviceWorker.controller?.scriptURL }
    })
    expect(after).toEqual({ waiting: false, controlled: first })
  } finally {
    await site.close()
  }
})
