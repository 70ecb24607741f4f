// What the first view loads, and what waits until it is used: the inspector's editors, the lessons' and management
// pages' words, the other language's words (the worker's extras are tested in tests/unit/worker-extras.test.ts:
// the lint that follows a quiet topology loads them a moment after the first view). A lazy panel says in words
// that it is loading.

import { expect, test, type Page } from '@playwright/test'
import { freshUrl, node, open } from './designer-helpers.ts'

const dir = 'tests/e2e/screenshots'
const SIZES = [
  [1100, 700],
  [1440, 900],
  [1920, 1080],
] as const

/** Every script and locale chunk the page and its workers fetched, by file name (not the service worker's precache). */
function fetchedScripts(page: Page): string[] {
  const names: string[] = []
  page.context().on('request', (request) => {
    if (request.serviceWorker()) return
    const path = new URL(request.url()).pathname
    if (path.endsWith('.js')) names.push(path.split('/').pop() ?? path)
  })
  return names
}

const some = (names: string[], prefix: string) => names.some((n) => n.startsWith(prefix))

test('the first view loads one language and no editor; the editors come with the first selection', async ({ page }) => {
  const names = fetchedScripts(page)
  await open(page, freshUrl('first-load', '&example=1'))
  await expect(node(page, 'queue:payment')).toBeVisible()
  expect(names.filter((n) => n.startsWith('main-'))).toHaveLength(1) // the worker's first chunk
  expect(some(names, 'editors-'), 'inspector editors').toBe(false)
  expect(
    names.filter((n) => n.startsWith('common-')),
    'one language',
  ).toHaveLength(1)
  expect(some(names, 'management-'), 'management words').toBe(false)
  // The overview's steps keep their <kbd> and <b> (app/ui/RichText.tsx).
  await expect(page.getByTestId('overview').locator('kbd')).toHaveText(['E', 'Q', '?'])
  for (const [width, height] of SIZES) {
    await page.setViewportSize({ width, height })
    await page.screenshot({ path: `${dir}/first-view-${width}x${height}.png` })
  }

  // Selecting a queue brings its editor.
  await node(page, 'queue:payment').getByTestId('node-name').click()
  await expect(page.getByTestId('inspector-title')).toHaveText('payment')
  expect(some(names, 'editors-')).toBe(true)
})

for (const [language, words] of [
  ['en-US', 'Loading…'],
  ['fr-FR', 'Chargement…'],
] as const) {
  test.describe(`in ${language}`, () => {
    test.use({ locale: language })
    test(`a lazy panel says it is loading (${words})`, async ({ page }) => {
      // The editors' chunk is held until the loading line has been seen.
      let release = () => {}
      const held = new Promise<void>((resolve) => {
        release = resolve
      })
      await page.route('**/editors-*.js', async (route) => {
        await held
        await route.continue()
      })
      await open(page, freshUrl(`loading-${language}`, '&example=1'))
      await node(page, 'queue:payment').getByTestId('node-name').click()
      const loading = page.getByTestId('inspector').getByTestId('panel-loading')
      await expect(loading).toHaveText(words)
      await expect(loading).toHaveAttribute('role', 'status')
      for (const [width, height] of SIZES) {
        await page.setViewportSize({ width, height })
        await page.screenshot({ path: `${dir}/panel-loading-${language}-${width}x${height}.png` })
      }
      release()
      await expect(page.getByTestId('inspector-title')).toHaveText('payment')
      await expect(loading).toHaveCount(0)
    })
  })
}
