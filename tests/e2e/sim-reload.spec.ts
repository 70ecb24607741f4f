// A reload restarts the broker: the simulated nodes take up what they had done. Consumers the user set offline
// stay offline (their queue keeps its messages), and every node's counts are the ones it had.

import { expect, test, type Page } from '@playwright/test'
import { freshUrl, open, snapshot } from './designer-helpers.ts'

const depth = async (page: Page, queue: string) => (await snapshot(page)).queues.find((q) => q.name === queue)
const savedRun = (page: Page) =>
  page.evaluate(async () => {
    const saved = (await window.warrenDesigner.session.client.send({ type: 'designGet' })) as {
      run?: Record<string, { producers: Record<string, { published: number }>; consumers: Record<string, unknown> }>
    } | null
    return saved?.run?.['/'] ?? null
  })

test('after a reload, consumers set offline stay offline, the queue keeps its messages and the counts are kept', async ({
  page,
}) => {
  const url = freshUrl('sim-reload', '&example=1')
  await open(page, url)
  for (const name of ['payment worker 1', 'payment worker 2']) {
    await page.getByTestId(`consumer-offline-${name}`).click()
    await expect(page.getByTestId(`consumer-state-${name}`)).toHaveText('offline')
  }
  await page.getByTestId('producer-burst-checkout').click()
  await expect(page.getByTestId('producer-status-checkout').getByTestId('producer-published')).toHaveText('10')
  await expect(page.getByTestId('consumer-status-analytics')).toContainText('10 received · 10 acked')
  await expect.poll(async () => (await depth(page, 'payment'))?.messages).toBe(10)
  // Saved once the counts settle (at most a second later), beside the design.
  await expect
    .poll(() => savedRun(page), { timeout: 10_000 })
    .toMatchObject({
      producers: { checkout: { published: 10 } },
      consumers: {
        'payment-worker-1': { offline: true, received: 0 },
        'payment-worker-2': { offline: true, received: 0 },
        'analytics-worker': { offline: false, received: 10, acked: 10 },
      },
    })

  await page.reload()
  await expect(page.getByTestId('broker-state')).toHaveAttribute('data-state', 'ready')
  for (const name of ['payment worker 1', 'payment worker 2'])
    await expect(page.getByTestId(`consumer-state-${name}`)).toHaveText('offline')
  await expect(page.getByTestId('consumer-state-analytics')).toHaveText('consuming')
  await expect(page.getByTestId('producer-status-checkout').getByTestId('producer-published')).toHaveText('10')
  await expect(page.getByTestId('consumer-status-analytics')).toContainText('10 received · 10 acked')
  // Nobody consumes the queue whose consumers stayed offline: its persistent messages wait there.
  expect(await depth(page, 'payment')).toMatchObject({ messages: 10, unacked: 0, consumers: 0 })
  await page.screenshot({ path: 'tests/e2e/screenshots/sim-reload-offline-kept.png' })

  // Back online, a consumer counts on from where it was.
  await page.getByTestId('consumer-online-payment worker 1').click()
  await expect(page.getByTestId('consumer-status-payment worker 1')).toContainText('1 received')
})
