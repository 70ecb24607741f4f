// The toolbar's version stays readable in the narrowest window in both languages, and binding keys draw above
// the nodes their edges pass under. Screenshots in tests/e2e/screenshots/ for people to look at.

import { expect, test, type Page } from '@playwright/test'
import { freshUrl, node, open } from './designer-helpers.ts'

/** The version face is whole: its text is not cut, and it reads the broker's version. */
async function versionReadable(page: Page) {
  const face = page.locator('.version-face')
  await expect(face).toHaveText(/4\.3/)
  expect(await face.evaluate((el) => el.scrollWidth <= el.clientWidth && el.getBoundingClientRect().width >= 32)).toBe(
    true,
  )
}

for (const [language, locale] of [
  ['en', 'en-US'],
  ['fr', 'fr-FR'],
] as const) {
  test.describe(`in ${language}`, () => {
    test.use({ locale })
    for (const [width, height] of [
      [1100, 700],
      [1440, 900],
      [1920, 1080],
    ] as const) {
      test(`the version select reads at ${width}x${height}`, async ({ page }) => {
        await page.setViewportSize({ width, height })
        await open(page, freshUrl(`version-${language}-${width}`, '&example=1'))
        await versionReadable(page)
        // Every toolbar control stays on the one line.
        expect(await page.locator('.toolbar').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true)
        await page.screenshot({ path: `tests/e2e/screenshots/toolbar-${language}-${width}x${height}.png` })
      })
    }
  })
}

test('the version select still switches the version from the keyboard', async ({ page }) => {
  await page.setViewportSize({ width: 1100, height: 700 })
  await open(page, freshUrl('version-keyboard', '&example=1'))
  await page.getByTestId('version-select').focus()
  await expect(page.locator('.version-face')).toHaveCSS('outline-style', 'solid')
})

test('binding keys draw above the nodes, a selected one included', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  await open(page, freshUrl('labels-above', '&example=1'))
  await expect(page.locator('.edge-label-binding').first()).toBeVisible()
  // A selected node is raised (React Flow gives it z-index 1000): the labels stay above it too.
  await node(page, 'queue:payment').getByTestId('node-name').click()
  const [labels, nodes] = await page.evaluate(() => {
    const z = (el: Element | null) => Number.parseInt(el ? getComputedStyle(el).zIndex : '', 10) || 0
    const renderer = document.querySelector('.react-flow__edgelabel-renderer')
    return [z(renderer), Math.max(...Array.from(document.querySelectorAll('.react-flow__node'), z))]
  })
  expect(labels).toBeGreaterThan(nodes)
  await page.screenshot({ path: 'tests/e2e/screenshots/edge-labels-above-nodes.png' })
})
