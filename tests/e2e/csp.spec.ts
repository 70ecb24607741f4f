// The Content-Security-Policy in index.html: the app loads without a violation, inline script is
// blocked, and names, bodies and headers carrying markup render as text.

import { expect, test, type Page } from '@playwright/test'

const HOSTILE = '<img src=x onerror="window.__pwned=1">'
const HEADER = '<script>window.__pwned=2</script><b>bold</b>'

/** Records every securitypolicyviolation from the first byte of the page (init scripts are not subject to the CSP). */
async function recordViolations(page: Page) {
  await page.addInitScript(() => {
    window.__cspViolations = []
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample })
    })
  })
  const console: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content.Security.Policy/i.test(m.text())) console.push(m.text())
  })
  page.on('pageerror', (e) => console.push(String(e)))
  return { console, violations: () => page.evaluate(() => window.__cspViolations) }
}

test('the policy is set by a meta tag and the app loads without a violation', async ({ page }) => {
  const seen = await recordViolations(page)
  await page.goto(`/?db=csp-load-${Date.now()}&example=1`) // with the example design: canvas, nodes, edges, icons
  await expect(page.getByTestId('broker-state')).toHaveAttribute('data-state', 'ready')
  await expect(page.locator('.react-flow__node').first()).toBeVisible()
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')
  expect(csp).toContain("script-src 'self'")
  expect(csp).not.toContain('unsafe-eval')
  expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/)
  // Let the service worker register and the worker settle before counting.
  await page.evaluate(() => navigator.serviceWorker.ready)
  expect(await seen.violations()).toEqual([])
  expect(seen.console).toEqual([])
})

test('inline script, inline handlers and eval are blocked', async ({ page }) => {
  const seen = await recordViolations(page)
  await page.goto(`/?db=csp-inline-${Date.now()}&example=none`)
  await expect(page.getByTestId('broker-state')).toHaveAttribute('data-state', 'ready')
  expect(await seen.violations()).toEqual([])

  const inline = await page.evaluate(() => {
    const s = document.createElement('script')
    s.textContent = 'window.__inline = 1'
    document.body.append(s)
    return window.__inline
  })
  expect(inline).toBeUndefined()
  await expect.poll(async () => (await seen.violations()).map((v) => v.directive)).toContain('script-src-elem')
  // The page's <meta> policy and the host's header policy (public/_headers) each report the same refusal.
  const violations = [...new Map((await seen.violations()).map((v) => [`${v.directive} ${v.blocked}`, v])).values()]
  expect(violations).toEqual([{ directive: 'script-src-elem', blocked: 'inline', sample: expect.any(String) }])

  // eval: a string timer is compiled as page script later (page.evaluate itself runs through DevTools,
  // which bypasses the CSP, so an eval() called directly inside it would not show the policy).
  await page.evaluate(() => {
    ;(setTimeout as (code: string) => number)('window.__inline = 2')
  })
  await expect.poll(async () => (await seen.violations()).map((v) => v.directive)).toContain('script-src')
  expect((await seen.violations()).find((v) => v.directive === 'script-src')?.blocked).toBe('eval')

  // An inline event handler attribute is blocked too.
  await page.evaluate(() => {
    const img = document.createElement('img')
    img.setAttribute('onerror', 'window.__inline = 3')
    img.src = 'data:,not-an-image'
    document.body.append(img)
  })
  await expect.poll(async () => (await seen.violations()).some((v) => v.directive === 'script-src-attr')).toBe(true)
  expect(await page.evaluate(() => window.__inline)).toBeUndefined()
})

test('names, bodies and headers with markup render as text', async ({ page }) => {
  const seen = await recordViolations(page)
  await page.goto(`/?db=csp-hostile-${Date.now()}&example=none`)
  await expect(page.getByTestId('broker-state')).toHaveAttribute('data-state', 'ready')
  await page.evaluate(
    async ({ name, header }) => {
      const conn = await window.warren.connect()
      const ch = await conn.createConfirmChannel()
      await ch.assertExchange(name, 'fanout', { durable: true })
      await ch.assertQueue(name, { durable: true })
      await ch.bindQueue(name, name, '')
      ch.publish(name, name, name, { persistent: true, headers: { [header]: header, note: name } })
      await ch.waitForConfirms()
    },
    { name: HOSTILE, header: HEADER },
  )

  // The designer shows the queue and the exchange by name, as literal text.
  await expect(page.getByText(HOSTILE, { exact: true }).first()).toBeVisible()
  expect(await page.getByText(HOSTILE, { exact: true }).count()).toBeGreaterThanOrEqual(2)

  // The queue browser shows the body and the headers as text.
  await page.evaluate((name) => window.warrenDesigner.store.getState().browseQueue(name), HOSTILE)
  await page.getByTestId('browser-row').first().click()
  await expect(page.getByTestId('message-body')).toHaveText(HOSTILE)
  await expect(page.getByText(HEADER, { exact: true }).first()).toBeVisible()

  const dom = await page.evaluate(() => ({
    pwned: window.__pwned,
    injectedImages: document.querySelectorAll('img[src="x"]').length,
    injectedBold: [...document.querySelectorAll('b')].filter((b) => b.textContent === 'bold').length,
  }))
  expect(dom).toEqual({ pwned: undefined, injectedImages: 0, injectedBold: 0 })
  expect(await seen.violations()).toEqual([])
  expect(seen.console).toEqual([])
})
