import { expect, test } from '@playwright/test'
import { counts, openLesson, press } from './lesson-helpers.ts'

// What a learner does around the lessons: meet a challenge through the UI, answer a question the broker
// replays, keep their own design when a lesson opens and return to it, and the progress that is saved.

test('a challenge is met through the UI: not yet, then met once the learner sends each key', async ({ page }) => {
  await openLesson(page, 'direct')
  const challenge = page.getByTestId('challenge-each-key')
  await expect(challenge).toHaveAttribute('data-met', 'false')
  await press(page, 'order.paid')
  await expect(page.getByTestId('condition-each-key-0')).toHaveAttribute('data-met', 'true')
  await expect(challenge).toHaveAttribute('data-met', 'false') // two conditions are still open
  await expect(page.getByTestId('condition-each-key-1')).toHaveAttribute('data-met', 'false')
  await press(page, 'order.new')
  await press(page, 'order.cancelled')
  await expect(challenge).toHaveAttribute('data-met', 'true')
  await expect(page.getByTestId('progress-summary')).toContainText('1 challenges met')
  // Saved in IndexedDB: a reload of the same lesson still counts it.
  await page.reload()
  await expect(page.getByTestId('lesson-panel')).toHaveAttribute('data-ready', 'true', { timeout: 15_000 })
  await expect(page.getByTestId('progress-summary')).toContainText('1 challenges met')
  await page.getByTestId('progress-reset').click()
  await page.getByRole('button', { name: 'Reset', exact: true }).click()
  await expect(page.getByTestId('progress-summary')).toContainText('0 challenges met')
})

test('a challenge met by editing a node: the slow consumer, set to prefetch 1, never holds more than one', async ({
  page,
}) => {
  await openLesson(page, 'prefetch')
  const challenge = page.getByTestId('challenge-slow-holds-one')
  await press(page, 'burst')
  // With unlimited prefetch the slow consumer takes half the queue at once: the check says so.
  await expect(page.getByTestId('condition-slow-holds-one-0')).toContainText('(held 20 at once)')
  await expect(challenge).toHaveAttribute('data-met', 'false')
  await page.locator('.react-flow__node[data-id="consumer:slow-0"]').getByTestId('node-name').click()
  await page.getByTestId('field-prefetch').fill('1')
  await page.getByTestId('inspector-apply').click()
  await press(page, 'burst')
  await expect(challenge).toHaveAttribute('data-met', 'true', { timeout: 15_000 })
})

test('a question is answered by running the case: the broker replays it and Explain shows why', async ({ page }) => {
  await openLesson(page, 'topic')
  await page.getByTestId('choice-hash-b-no').click()
  const result = page.getByTestId('question-result-hash-b')
  await expect(result).toHaveAttribute('data-right', 'false')
  await expect(result).toContainText('Yes') // the broker's answer
  await expect(result.getByTestId('quiz-explain').locator('li[data-matched="true"]')).toHaveCount(1)
  await page.getByTestId('choice-star-needs-a-word-no').click()
  await expect(page.getByTestId('question-result-star-needs-a-word')).toHaveAttribute('data-right', 'true')
  // The case's own exchange and queues are gone again and were never drawn.
  expect(Object.keys(await counts(page)).sort()).toEqual(['all-logs', 'errors', 'eu-orders', 'warnings'])
})

test('settle, overflow and prefetch cases run on the broker too', async ({ page }) => {
  await openLesson(page, 'acks')
  await page.getByTestId('choice-nack-no-dlx-requeued').click()
  await expect(page.getByTestId('question-result-nack-no-dlx')).toHaveAttribute('data-right', 'false')
  await expect(page.getByTestId('question-result-nack-no-dlx')).toContainText('not in the queue, not dead-lettered')
  await page.getByTestId('choice-reject-requeue-flag-flagged').click()
  await expect(page.getByTestId('question-result-reject-requeue-flag')).toHaveAttribute('data-right', 'true')
  await openLesson(page, 'prefetch')
  await page.getByTestId('choice-prefetch-two-two').click()
  await expect(page.getByTestId('question-result-prefetch-two')).toHaveAttribute('data-right', 'true')
  await openLesson(page, 'queues')
  await page.getByTestId('choice-max-length-drops-oldest').click()
  await expect(page.getByTestId('question-result-max-length-drops')).toHaveAttribute('data-right', 'true')
  expect(Object.keys(await counts(page)).filter((q) => q.includes('quiz'))).toEqual([])
})

test('opening a lesson over a design keeps it, and one click brings it back', async ({ page }) => {
  await page.goto(`/?db=lesson-keep-${Date.now()}&example=1`)
  await expect(page.getByTestId('broker-state')).toHaveAttribute('data-state', 'ready')
  await expect.poll(async () => Object.keys(await counts(page)).sort()).toEqual(['analytics', 'payment', 'payment.dlq'])
  // The learner's own work: a queue of their own, bound to the example's exchange.
  await page.evaluate(async () => {
    const ch = await (await window.warren.connect()).createChannel()
    await ch.assertQueue('my.queue', { durable: true, arguments: { 'x-max-length': 7 } })
    await ch.bindQueue('my.queue', 'orders', 'order.#')
  })
  await expect(page.locator('.react-flow__node[data-id="queue:my.queue"]')).toHaveCount(1)
  // The menu's lessons load when it is reached, as a hover does.
  await page.getByTestId('lessons-menu').hover()
  await page.getByTestId('lessons-menu').selectOption('fanout')
  await expect(page.getByText('Your design is kept')).toBeVisible()
  await page.getByRole('button', { name: 'Open lesson' }).click()
  await expect(page.getByTestId('lesson-panel')).toHaveAttribute('data-ready', 'true', { timeout: 15_000 })
  expect(Object.keys(await counts(page)).sort()).toEqual(['analytics', 'emails', 'logs'])
  // Listed in File → Recent designs.
  await page.getByTestId('file-menu').click()
  await expect(page.getByTestId('recent-designs').getByRole('menuitem')).toHaveCount(1)
  await page.keyboard.press('Escape')
  await page.getByTestId('lesson-back').click()
  await expect(page.getByTestId('lesson-panel')).toHaveCount(0)
  await expect
    .poll(() => counts(page), { timeout: 15_000 })
    .toEqual({ analytics: 0, payment: 0, 'payment.dlq': 0, 'my.queue': 0 })
  await expect(page.locator('.react-flow__node[data-id="queue:my.queue"]')).toHaveCount(1)
  const restored = await page.evaluate(async () => {
    const snap = await window.warren.snapshot()
    return {
      args: snap.queues.find((q) => q.name === 'my.queue')?.arguments,
      keys: snap.bindings.filter((b) => b.destination === 'my.queue').map((b) => b.routingKey),
    }
  })
  expect(restored).toEqual({ args: { 'x-max-length': 7 }, keys: ['order.#'] })
})

test('a lesson link on a fresh profile opens without warning about the untouched example', async ({ page }) => {
  await page.goto('/?lesson=fanout')
  await expect(page.getByTestId('lesson-panel')).toHaveAttribute('data-ready', 'true', { timeout: 20_000 })
  await expect(page.getByRole('dialog')).toHaveCount(0)
  expect(Object.keys(await counts(page)).sort()).toEqual(['analytics', 'emails', 'logs'])
  await expect(page.getByTestId('lesson-back')).toHaveCount(0) // nothing of the learner's was replaced
})

test("moving from lesson to lesson asks nothing and keeps nothing: a lesson as opened is not the learner's work", async ({
  page,
}) => {
  for (const [from, to] of [
    ['quorum', 'headers'],
    ['durability', 'acks'],
  ]) {
    await openLesson(page, from)
    await page.getByTestId('lessons-menu').hover()
    await page.getByTestId('lessons-menu').selectOption(to)
    await expect(page.getByTestId('lesson-panel')).toHaveAttribute('data-lesson', to)
    await expect(page.getByTestId('lesson-panel')).toHaveAttribute('data-ready', 'true', { timeout: 15_000 })
    await expect(page.getByRole('dialog')).toHaveCount(0)
    await expect(page.getByTestId('lesson-back')).toHaveCount(0)
  }
})

test.describe('in French', () => {
  test.use({ locale: 'fr-FR' })

  test('hello-world: the lesson reads in French and its moment happens', async ({ page }) => {
    await openLesson(page, 'hello-world')
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr')
    await expect(page.getByTestId('lesson-section')).toHaveText('Section 1 du cours : Hello world')
    await expect(page.getByTestId('lesson-start')).toContainText('Démarre au calme')
    await expect(page.getByTestId('lesson-action-send')).toHaveText('Envoyer hello')
    await press(page, 'send')
    await expect(page.getByTestId('challenge-first-message')).toHaveAttribute('data-met', 'true', { timeout: 10_000 })
    await expect(page.getByTestId('challenge-first-message')).toContainText('Réussi')
  })

  test('direct: the keys reach their queues, the conditions read in French', async ({ page }) => {
    await openLesson(page, 'direct')
    await expect(page.getByTestId('lesson-title')).toHaveText('3. Exchange direct')
    await expect(page.getByTestId('condition-each-key-0')).toContainText('routing key (clé de routage) order.paid')
    await press(page, 'order.paid')
    await press(page, 'order.new')
    await press(page, 'order.cancelled')
    await expect.poll(() => counts(page)).toEqual({ payment: 1, notify: 1, refund: 1 })
    await expect(page.getByTestId('challenge-each-key')).toHaveAttribute('data-met', 'true')
    await page.getByTestId('choice-case-matters-reaches').click()
    await expect(page.getByTestId('question-result-case-matters')).toContainText(
      'Pas tout à fait : le broker répond « Non, les clés sont comparées exactement ».',
    )
    await expect(page.getByTestId('question-result-case-matters')).toContainText(
      "le message n'arrive dans aucune queue",
    )
  })

  test('dlq: rejected orders reach the DLQ, the panel reads in French', async ({ page }) => {
    await openLesson(page, 'dlq')
    await expect(page.getByTestId('lesson-action-orders')).toHaveText('Envoyer 5 commandes (rejetées)')
    await press(page, 'orders')
    await expect.poll(async () => (await counts(page))['orders.dlq'], { timeout: 10_000 }).toBe(5)
    await expect(page.getByTestId('challenge-only-failed-orders')).toContainText('Réussi')
  })
})
