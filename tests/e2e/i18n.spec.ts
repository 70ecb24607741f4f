// Warren in French for a French browser, English on request, the choice remembered; and the French screens at
// three window sizes, checked for text that overflows its box (screenshots in tests/e2e/screenshots/).

import { expect, test, type Page } from '@playwright/test'
import { freshUrl, node, open } from './designer-helpers.ts'

test.use({ locale: 'fr-FR' })

const html = (page: Page) => page.locator('html')

test('a French browser gets Warren in French; English and back are remembered across reloads', async ({ page }) => {
  const url = freshUrl('i18n', '&example=1')
  await open(page, url)
  await expect(html(page)).toHaveAttribute('lang', 'fr')

  // Toolbar
  await expect(page.getByTestId('undo')).toHaveAttribute('aria-label', 'Annuler')
  await expect(page.getByTestId('restart-broker')).toHaveAttribute('aria-label', 'Redémarrer le broker')
  await expect(page.getByTestId('file-menu')).toContainText('Fichier')
  await expect(page.getByTestId('language-fr')).toHaveAttribute('aria-pressed', 'true')

  // Palette: RabbitMQ's words stay, the French is around them
  await expect(page.getByRole('navigation', { name: 'Ajouter au canevas' })).toBeVisible()
  await expect(page.getByTestId('palette-producer')).toContainText('Producteur')
  await expect(page.getByTestId('palette-direct')).toContainText('Exchange direct')
  await expect(page.getByTestId('palette-queue')).toHaveAttribute('aria-label', 'Ajouter une queue')

  // Drawer tabs
  await expect(page.getByTestId('tab-publish')).toHaveText('Publier')
  await expect(page.getByTestId('tab-events')).toHaveText('Événements')
  await page.getByTestId('tab-lint').click()
  await expect(page.getByTestId('tab-lint')).toHaveAttribute('aria-selected', 'true')

  // Inspector
  await node(page, 'queue:payment').getByTestId('node-name').click()
  const inspector = page.getByTestId('inspector')
  await expect(inspector.locator('.eyebrow')).toHaveText("Queue (file d'attente)")
  await expect(inspector.getByLabel('Nom', { exact: true })).toHaveValue('payment')
  await expect(inspector.getByText('Arguments', { exact: true })).toBeVisible()
  await expect(node(page, 'queue:payment')).toContainText('prêts')

  // A refused edit: the inspector says why in French
  await node(page, 'exchange:orders').getByTestId('node-name').click()
  await page.getByTestId('field-name').fill('')
  await page.getByTestId('inspector-apply').click()
  await expect(page.getByTestId('inspector-error')).toHaveText(
    "Un exchange a besoin d'un nom : celui qui n'en a pas est l'exchange par défaut.",
  )

  // English on request, remembered across a reload
  await page.getByTestId('language-en').click()
  await expect(html(page)).toHaveAttribute('lang', 'en')
  await expect(page.getByTestId('tab-publish')).toHaveText('Publish')
  await expect(page.getByTestId('undo')).toHaveAttribute('aria-label', 'Undo')
  await open(page, url)
  await expect(html(page)).toHaveAttribute('lang', 'en')
  await expect(page.getByTestId('tab-publish')).toHaveText('Publish')
  await expect(page.getByTestId('language-en')).toHaveAttribute('aria-pressed', 'true')

  // And back to French, remembered too
  await page.getByTestId('language-fr').click()
  await expect(html(page)).toHaveAttribute('lang', 'fr')
  await expect(page.getByTestId('tab-publish')).toHaveText('Publier')
  await open(page, url)
  await expect(html(page)).toHaveAttribute('lang', 'fr')
  await expect(page.getByTestId('palette-producer')).toContainText('Producteur')
})

/** Elements whose text is wider than their box and not meant to be cut with an ellipsis. */
function overflowing(page: Page) {
  return page.evaluate(() => {
    const selectors = [
      '.toolbar',
      '.toolbar .tool',
      '.palette-item',
      '.drawer-tab',
      '.drawer-tabs',
      '.inspector-form .button',
      '.inspector-form label',
      '.stat-row',
      '.stat-grid',
      '.stat span',
      '.node-head',
      '.node-controls .node-action',
      '.statusbar',
    ]
    const out: string[] = []
    for (const selector of selectors)
      for (const el of document.querySelectorAll<HTMLElement>(selector)) {
        if (el.offsetParent === null) continue
        const style = getComputedStyle(el)
        // Cut with an ellipsis on purpose, or a strip that scrolls (the drawer's tabs).
        if (style.textOverflow === 'ellipsis' || style.overflowX === 'auto' || style.overflowX === 'scroll') continue
        if (el.scrollWidth > el.clientWidth + 1)
          out.push(`${selector}: "${el.textContent?.trim().slice(0, 40)}" ${el.scrollWidth} > ${el.clientWidth}`)
      }
    return out
  })
}

for (const [width, height] of [
  [1100, 700],
  [1440, 900],
  [1920, 1080],
] as const) {
  test(`French screens at ${width}x${height} keep their words inside their boxes`, async ({ page }) => {
    await page.setViewportSize({ width, height })
    await open(page, freshUrl(`i18n-${width}`, '&example=1'))
    await expect(html(page)).toHaveAttribute('lang', 'fr')
    await page.getByRole('button', { name: 'Disposition automatique' }).click()
    // Below 1200 px the inspector (the overview with nothing selected) overlays the canvas only for a selection.
    await expect(page.getByTestId('overview')).toBeAttached()
    expect(await overflowing(page)).toEqual([])
    await node(page, 'queue:payment').getByTestId('node-name').click()
    await expect(page.getByTestId('queue-inspector')).toBeVisible()
    await page.getByTestId('tab-publish').click()
    await expect(page.getByTestId('publish-panel')).toBeVisible()
    await page.evaluate(() => document.fonts.ready)
    await page.screenshot({ path: `tests/e2e/screenshots/i18n-fr-${width}x${height}.png`, animations: 'disabled' })
    expect(await overflowing(page)).toEqual([])
  })
}
