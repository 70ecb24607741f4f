// axe-core over the designer's three usual views, in both themes: no critical or serious violation.

import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { freshUrl, node, open } from './designer-helpers.ts'
import { openLesson } from './lesson-helpers.ts'

type Theme = 'light' | 'dark'

/** The critical and serious violations axe finds on the page, one line per rule with its node count. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze()
  return violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => `${v.impact} ${v.id} ×${v.nodes.length}: ${v.nodes[0]?.target.join(' ')}`)
}

for (const theme of ['light', 'dark'] as Theme[]) {
  test.describe(`${theme} theme`, () => {
    test.use({ viewport: { width: 1440, height: 900 }, colorScheme: theme })

    test('the main view has no critical or serious violation', async ({ page }) => {
      await open(page, freshUrl(`axe-main-${theme}`, '&example=1'))
      await expect(node(page, 'queue:payment')).toBeVisible()
      // A node is named by its card's kind and name, which assistive technology reads as "Queue payment".
      await expect(node(page, 'queue:payment')).toHaveAccessibleName('Queue payment')
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Warren')
      expect(await seriousViolations(page)).toEqual([])
    })

    test('a lesson has no critical or serious violation', async ({ page }) => {
      await openLesson(page, 'dlq')
      expect(await seriousViolations(page)).toEqual([])
    })

    test('the inspector of a queue has no critical or serious violation', async ({ page }) => {
      await open(page, freshUrl(`axe-inspector-${theme}`, '&example=1'))
      await node(page, 'queue:payment').getByTestId('node-name').click()
      await expect(page.getByTestId('inspector-title')).toHaveText('payment')
      expect(await seriousViolations(page)).toEqual([])
    })
  })
}
