import { expect, type Page } from '@playwright/test'

// Opening a lesson, pressing its buttons and reading what the broker and its simulated clients did.

export async function openLesson(page: Page, id: string, extra = '') {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(`/?db=lesson-${id}-${Date.now()}&lesson=${id}${extra}`)
  await expect(page.getByTestId('broker-state')).toHaveAttribute('data-state', 'ready')
  await expect(page.getByTestId('lesson-panel')).toHaveAttribute('data-lesson', id)
  await expect(page.getByTestId('lesson-panel')).toHaveAttribute('data-ready', 'true', { timeout: 15_000 })
  return errors
}

/** Messages in each queue of the default vhost, ready and unacked together. */
export async function counts(page: Page): Promise<Record<string, number>> {
  return page.evaluate(async () => {
    const snap = await window.warren.snapshot()
    return Object.fromEntries(
      snap.queues
        .filter((q) => q.vhost === '/' && !q.name.startsWith('warren.designer.probe.'))
        .map((q) => [q.name, q.messages + q.unacked]),
    )
  })
}

export const producer = (page: Page, id: string) =>
  page.evaluate((pid) => window.warrenDesigner.store.getState().producerStatus[pid] ?? null, id)

export const consumer = (page: Page, id: string) =>
  page.evaluate((cid) => window.warrenDesigner.store.getState().consumerStatus[cid] ?? null, id)

/** Presses a button of the lesson panel and waits until its steps have run. */
export async function press(page: Page, actionId: string) {
  await page.getByTestId(`lesson-action-${actionId}`).click()
  await expect(page.getByTestId('lesson-panel')).toHaveAttribute('data-ready', 'true', { timeout: 15_000 })
}

/** Sets the speed of virtual time with the toolbar's select. */
export async function speed(page: Page, factor: number) {
  await page.getByTestId('time-speed').selectOption(String(factor))
  await expect(page.getByTestId('time-speed')).toHaveValue(String(factor))
}

/** Stops a running producer node with its own button. */
export async function stopProducer(page: Page, id: string) {
  const toggle = page.locator(`.react-flow__node[data-id="producer:${id}"]`).getByTestId(`producer-toggle-${id}`)
  await toggle.click()
  await expect(toggle).toHaveAttribute('aria-pressed', 'false')
}
