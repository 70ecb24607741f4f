// Screenshots of the designer's main states, in both themes, for people to look at (tests/e2e/screenshots/).

import { expect, test, type Page } from '@playwright/test'
import { drag, freshUrl, node, open } from './designer-helpers.ts'

const dir = 'tests/e2e/screenshots'
test.use({ viewport: { width: 1440, height: 900 } })

async function shoot(page: Page, name: string, theme: string) {
  await page.waitForTimeout(350)
  await page.screenshot({ path: `${dir}/${name}-${theme}.png` })
}

for (const theme of ['light', 'dark'] as const) {
  test(`main states, ${theme} theme`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme })
    await open(page, freshUrl(`screens-${theme}`, '&example=1'))
    await shoot(page, '01-example', theme)

    // Virtual time is paused before publishing: the consumers then hold their first messages and no more, so some
    // are still ready when the queue browser opens, however slow the machine.
    await page.getByTestId('time-play').click()
    await expect(page.getByTestId('time-play')).toHaveAttribute('data-paused', 'true')
    await node(page, 'producer:checkout').getByRole('button', { name: 'Publish as checkout' }).click()
    await page.getByTestId('publish-count').fill('5')
    await page.getByTestId('publish-submit').click()
    await expect(page.getByTestId('publish-result').first()).toContainText('5 published')
    await node(page, 'queue:payment').getByTestId('node-name').click()
    await shoot(page, '02-publish-and-inspector', theme)

    await page.getByTestId('tab-messages').click()
    await page.getByTestId('browser-get').click()
    await page.getByTestId('browser-row').first().click()
    await shoot(page, '03-queue-browser', theme)
    await page.getByTestId('browser-nack').click()

    await page.getByTestId('tab-queues').click()
    await shoot(page, '04-queue-list', theme)
    await page.keyboard.press('Escape')

    await page.getByTestId('palette-headers').click()
    await page.getByTestId('palette-queue').click()
    await drag(page, 'exchange:headers-exchange', 'out', 'queue:queue')
    await expect(page.getByTestId('connect-dialog')).toBeVisible()
    await shoot(page, '05-connect-dialog', theme)
    await page.getByRole('button', { name: 'Cancel' }).click()

    await node(page, 'queue:analytics').getByTestId('node-name').click()
    await page.getByTestId('field-x-message-ttl').fill('60000')
    await page.getByTestId('inspector-apply').click()
    await expect(page.getByTestId('confirm-dialog')).toBeVisible()
    await shoot(page, '06-redeclare-confirm', theme)
    await page.getByTestId('confirm-ok').click()

    await page.keyboard.press('?')
    await expect(page.getByTestId('help-panel')).toBeVisible()
    await shoot(page, '07-help', theme)
  })
}
