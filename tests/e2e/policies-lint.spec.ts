// Policies edited in the drawer, effective settings in the inspector, lint findings on nodes and in
// their tab, and the client code for the drawn topology.

import { expect, test, type Page } from '@playwright/test'
import { freshUrl, node, open } from './designer-helpers.ts'

const effectiveRow = (page: Page, key: string) =>
  page.getByTestId('effective-settings').locator(`[data-testid="effective-row"][data-key="${key}"]`)

async function selectNode(page: Page, id: string) {
  await node(page, id).getByTestId('node-name').click()
}

test.use({ viewport: { width: 1440, height: 900 } })

test('a policy from the editor shows in the inspector with its source; an argument wins over it', async ({ page }) => {
  await open(page, freshUrl('policies', '&example=1'))
  await page.getByTestId('tab-policies').click()
  await page.getByTestId('policy-add').click()
  const editor = page.getByTestId('policy-editor')
  await editor.getByTestId('policy-name').fill('orders-ttl')
  await editor.getByTestId('policy-pattern').fill('^(analytics|payment')
  await expect(editor.getByTestId('policy-pattern-problem')).toContainText('not a valid regular expression')
  await editor.getByTestId('policy-save').click()
  await expect(editor.getByTestId('policy-error')).toContainText('not a valid regular expression')

  await editor.getByTestId('policy-pattern').fill('^(analytics|payment)$')
  await expect(editor.getByTestId('policy-pattern-problem')).toHaveCount(0)
  await editor.getByTestId('policy-key-message-ttl').fill('60000')
  await editor.getByTestId('policy-key-dead-letter-exchange').fill('payment.dlx')
  await editor.getByTestId('policy-key-overflow').selectOption('reject-publish')
  await editor.getByTestId('policy-save').click()
  await expect(editor).toHaveCount(0)

  const row = page.locator('[data-testid="policy-row"][data-name="orders-ttl"]')
  await expect(row).toBeVisible()
  await expect(row.getByTestId('policy-targets')).toContainText('queue analytics')
  await expect(row.getByTestId('policy-targets')).toContainText('queue payment')
  await expect(row.getByTestId('policy-targets')).not.toContainText('payment.dlq')

  await selectNode(page, 'queue:analytics')
  await expect(effectiveRow(page, 'message-ttl').getByTestId('effective-value')).toHaveText('60000')
  await expect(effectiveRow(page, 'message-ttl').getByTestId('effective-source')).toHaveText('policy: orders-ttl')
  await expect(effectiveRow(page, 'dead-letter-exchange').getByTestId('effective-source')).toHaveText(
    'policy: orders-ttl',
  )

  // payment declares x-dead-letter-exchange itself: the argument wins over the policy.
  await selectNode(page, 'queue:payment')
  await expect(effectiveRow(page, 'dead-letter-exchange').getByTestId('effective-source')).toHaveText('argument')
  await expect(effectiveRow(page, 'message-ttl').getByTestId('effective-source')).toHaveText('policy: orders-ttl')

  // An operator policy with a lower limit wins over the user policy.
  await page.getByTestId('policy-add').click()
  await editor.getByTestId('policy-name').fill('ops-cap')
  await editor.getByTestId('policy-pattern').fill('^payment$')
  await editor.getByTestId('policy-operator').check()
  await expect(editor.getByTestId('policy-apply-to')).toHaveValue('queues')
  await expect(editor.getByTestId('policy-key-dead-letter-exchange')).toHaveCount(0)
  await editor.getByTestId('policy-key-message-ttl').fill('1000')
  await editor.getByTestId('policy-save').click()
  await expect(
    page.locator('[data-testid="policy-row"][data-name="ops-cap"]').getByTestId('policy-targets'),
  ).toHaveText('queue payment')
  await expect(effectiveRow(page, 'message-ttl').getByTestId('effective-value')).toHaveText('1000')
  await expect(effectiveRow(page, 'message-ttl').getByTestId('effective-source')).toHaveText('operator policy: ops-cap')

  // An exchange takes alternate-exchange from a policy applied to exchanges.
  await page.getByTestId('policy-add').click()
  await editor.getByTestId('policy-name').fill('orders-ae')
  await editor.getByTestId('policy-pattern').fill('^orders$')
  await editor.getByTestId('policy-apply-to').selectOption('exchanges')
  await expect(editor.getByTestId('policy-key-message-ttl')).toHaveCount(0)
  await editor.getByTestId('policy-key-alternate-exchange').fill('payment.dlx')
  await editor.getByTestId('policy-save').click()
  await expect(
    page.locator('[data-testid="policy-row"][data-name="orders-ae"]').getByTestId('policy-targets'),
  ).toHaveText('exchange orders')
  await selectNode(page, 'exchange:orders')
  await expect(effectiveRow(page, 'alternate-exchange').getByTestId('effective-value')).toHaveText('payment.dlx')
  await expect(effectiveRow(page, 'alternate-exchange').getByTestId('effective-source')).toHaveText('policy: orders-ae')
  await selectNode(page, 'queue:payment')

  // A broker refusal comes back in words: an operator-style limit that is not a number of 1 or more.
  await page.getByTestId('policy-add').click()
  await editor.getByTestId('policy-name').fill('never')
  await editor.getByTestId('policy-pattern').fill('.*')
  await editor.getByTestId('policy-key-expires').fill('0')
  await editor.getByTestId('policy-save').click()
  await expect(editor.getByTestId('policy-error')).toContainText("'expires' must be an integer of 1 or more")
  await editor.getByRole('button', { name: 'Cancel' }).click()

  await row.getByTestId('policy-edit').click()
  await expect(editor.getByTestId('policy-key-message-ttl')).toHaveValue('60000')
  await page.screenshot({ path: 'tests/e2e/screenshots/policies-editor.png' })
  await editor.getByTestId('policy-key-message-ttl').fill('500')
  await editor.getByTestId('policy-save').click()
  // Now the user policy's 500 is the lower limit.
  await expect(effectiveRow(page, 'message-ttl').getByTestId('effective-value')).toHaveText('500')
  await expect(effectiveRow(page, 'message-ttl').getByTestId('effective-source')).toHaveText('policy: orders-ttl')
  await page.getByTestId('effective-settings').scrollIntoViewIfNeeded()
  await page.screenshot({ path: 'tests/e2e/screenshots/policies.png' })

  await row.getByTestId('policy-delete').click()
  await page.getByRole('button', { name: 'Delete', exact: true }).click()
  await expect(row).toHaveCount(0)
  await expect(effectiveRow(page, 'message-ttl').getByTestId('effective-source')).toHaveText('operator policy: ops-cap')
  await expect(effectiveRow(page, 'overflow')).toHaveCount(0)
  await expect(effectiveRow(page, 'dead-letter-exchange').getByTestId('effective-source')).toHaveText('argument')
})

test('a queue dead-lettering to a missing exchange is a lint finding on its node and in the Lint tab; the code tab declares the topology', async ({
  page,
}) => {
  await open(page, freshUrl('lint', '&example=1'))
  await page.evaluate(async () => {
    const ch = await (await window.warren.connect()).createChannel()
    await ch.assertQueue('orphans', { durable: true, arguments: { 'x-dead-letter-exchange': 'nowhere' } })
  })
  await expect(node(page, 'queue:orphans')).toBeVisible()
  const badge = node(page, 'queue:orphans').getByTestId('lint-badge')
  await expect(badge).toBeVisible()
  await expect(badge).toHaveAttribute('title', /dead-letters to exchange "nowhere", which does not exist/)
  await expect(badge).toHaveClass(/lint-mark-warning/)
  await expect(page.getByTestId('lint-count')).toHaveText(/^[1-9]\d*$/)

  await page.getByTestId('tab-lint').click()
  const finding = page.locator(
    '[data-testid="lint-row"][data-rule="missing-dead-letter-exchange"][data-entity="orphans"]',
  )
  await expect(finding).toContainText('warning')
  await expect(finding).toContainText('"nowhere", which does not exist')
  await finding.click()
  await expect(node(page, 'queue:orphans').locator('.node')).toHaveClass(/is-selected/)
  await expect(page.getByTestId('queue-inspector')).toBeVisible()
  await page.screenshot({ path: 'tests/e2e/screenshots/lint.png' })

  // Fixing it (declaring the exchange) clears the finding without a reload.
  await page.evaluate(async () => {
    const ch = await (await window.warren.connect()).createChannel()
    await ch.assertExchange('nowhere', 'fanout', { durable: true })
  })
  await expect(finding).toHaveCount(0)
  // What is left on the node is the note that nothing routes to it.
  await expect(badge).toHaveClass(/lint-mark-info/)
  await expect(badge).not.toHaveAttribute('title', /nowhere/)

  await page.getByTestId('tab-code').click()
  const code = page.getByTestId('code-text')
  await expect(code).toContainText('assertExchange("orders", "topic"')
  await expect(code).toContainText('"payment.dlx"')
  await expect(code).toContainText('orphans')
  await page.screenshot({ path: 'tests/e2e/screenshots/code.png' })
  await page.getByTestId('code-lang-pika').click()
  await expect(code).toContainText('exchange_declare(exchange="orders", exchange_type="topic"')
  const download = page.waitForEvent('download')
  await page.getByTestId('code-download').click()
  expect((await download).suggestedFilename()).toBe('topology.py')
})
