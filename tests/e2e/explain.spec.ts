// Virtual time, the event log and the explain view: a message's journey and why each binding matched.

import { expect, test, type Page } from '@playwright/test'
import { freshUrl, open } from './designer-helpers.ts'

/** Publishes through the page API, as a client would; resolves once the broker has the messages. */
async function publish(
  page: Page,
  messages: { exchange: string; routingKey: string; body: string; expiration?: string }[],
) {
  await page.evaluate(async (list) => {
    const conn = await window.warren.connect()
    const ch = await conn.createConfirmChannel()
    for (const m of list) ch.publish(m.exchange, m.routingKey, m.body, m.expiration ? { expiration: m.expiration } : {})
    await ch.waitForConfirms()
  }, messages)
}

const clockText = (page: Page) => page.getByTestId('time-clock').textContent()

test('pause and step virtual time; the seed can be read and set', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  await open(page, freshUrl('time', '&example=1'))
  const clock = page.getByTestId('time-clock')
  await expect(clock).toHaveText(/^\d\d:\d\d:\d\d\.\d$/)
  // Running: the display moves on its own.
  const first = await clockText(page)
  await expect.poll(() => clockText(page)).not.toBe(first)

  await page.getByTestId('time-play').click()
  await expect(page.getByTestId('time-play')).toHaveAttribute('data-paused', 'true')
  const paused = await clockText(page)
  await expect(clock).toHaveClass(/is-paused/)
  // A message that expires in a minute of virtual time is the next timer; a step jumps to it.
  await publish(page, [{ exchange: '', routingKey: 'payment.dlq', body: 'expires', expiration: '60000' }])
  await expect(clock).toHaveText(paused!)
  const before = await page.evaluate(() => window.warren.clock({ kind: 'state' }))
  await page.getByTestId('time-step').click()
  await expect.poll(() => clockText(page)).not.toBe(paused)
  const after = await page.evaluate(() => window.warren.clock({ kind: 'state' }))
  expect(after.paused).toBe(true)
  expect(after.now - before.now).toBeGreaterThanOrEqual(59_000)

  // Space plays again.
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } })
  await page.keyboard.press('Space')
  await expect(page.getByTestId('time-play')).toHaveAttribute('data-paused', 'false')

  await page.getByTestId('time-speed').selectOption('10')
  await expect.poll(() => page.evaluate(() => window.warren.clock({ kind: 'state' }).then((s) => s.speed))).toBe(10)

  await page.getByTestId('time-seed').click()
  await expect(page.getByTestId('seed-popover')).toContainText('The same seed and the same design replay the same run')
  await page.getByTestId('seed-input').fill('nope')
  await page.getByTestId('seed-apply').click()
  await expect(page.getByTestId('seed-error')).toContainText('whole number')
  await page.getByTestId('seed-input').fill('1234')
  await page.getByTestId('seed-apply').click()
  await expect(page.getByTestId('seed-error')).toHaveCount(0)
  const status = await page.evaluate(() => window.warren.client.send({ type: 'simStatus' }))
  expect(status.seed).toBe(1234)
  await page.screenshot({ path: 'tests/e2e/screenshots/time-controls.png' })
})

test('the event log shows what happened and a message is explained binding by binding', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  await open(page, freshUrl('explain', '&example=1'))
  await expect(page.locator('.react-flow__node[data-id="exchange:orders"]')).toBeVisible()
  await page.getByTestId('time-play').click()
  await expect(page.getByTestId('time-play')).toHaveAttribute('data-paused', 'true')

  await page.getByTestId('tab-events').click()
  await expect(page.getByTestId('event-log')).toBeVisible()
  await publish(page, [
    { exchange: 'orders', routingKey: 'order.paid', body: 'paid 1' },
    { exchange: 'orders', routingKey: 'order.created', body: 'created 1' },
  ])
  const rows = page.getByTestId('event-row')
  await expect(rows.filter({ hasText: 'Published' })).toHaveCount(2)
  await expect(rows.filter({ hasText: 'Routed' }).first()).toBeVisible()

  // Filter: only events about the analytics queue.
  await page.getByTestId('event-filter-entity').fill('analytics')
  await expect(rows.filter({ hasText: 'Published' })).toHaveCount(0)
  await expect(rows.filter({ hasText: 'Delivered' }).first()).toContainText('analytics')
  await page.getByTestId('event-filter-entity').fill('')

  // The order.created message: routed by "order.#" to analytics, not by "order.paid" to payment.
  const createdRow = rows.filter({ hasText: '"order.created"' }).first()
  const id = await createdRow.getAttribute('data-message-id')
  await createdRow.click()
  const panel = page.getByTestId('explain-panel')
  await expect(page.getByTestId('explain-title')).toHaveText(`Message #${id}`)
  await expect(panel.getByTestId('journey-step').first()).toHaveAttribute('data-type', 'published')
  await expect(panel.locator('[data-testid="journey-step"][data-type="routed"]')).toContainText(
    '"orders" → "analytics"',
  )
  await expect(panel.locator('[data-testid="journey-step"][data-type="delivered"]')).toContainText('analytics')
  const hit = panel.locator('[data-testid="binding-verdict"][data-destination="analytics"]')
  const miss = panel.locator('[data-testid="binding-verdict"][data-destination="payment"]')
  await expect(hit).toHaveAttribute('data-matched', 'true')
  await expect(hit).toContainText('"order.#" matches "order.created": "order" = "order", "#" took "created"')
  await expect(miss).toHaveAttribute('data-matched', 'false')
  await expect(miss).toContainText('word 2 of "order.created" is "created", the pattern wants "paid"')
  await expect(panel).toContainText('Bindings as they are now')
  await panel.getByTestId('route-explanation').scrollIntoViewIfNeeded()
  await page.screenshot({ path: 'tests/e2e/screenshots/explain.png' })

  // Export downloads the shown events as JSON.
  const download = page.waitForEvent('download')
  await page.getByTestId('event-export').click()
  const file = await download
  expect(file.suggestedFilename()).toMatch(/^warren-events-.*\.json$/)

  // Pausing the log stops recording; clearing empties it.
  await page.getByTestId('event-pause').click()
  await page.getByTestId('event-clear').click()
  await publish(page, [{ exchange: 'orders', routingKey: 'order.paid', body: 'unseen' }])
  await expect(page.getByTestId('event-count')).toContainText('0 events')
})

test('a dot on the canvas and a message in the queue browser open the explanation', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  await open(page, freshUrl('explain-dot', '&example=1'))
  await expect(page.locator('.react-flow__node[data-id="producer:checkout"]')).toBeVisible()
  await publish(
    page,
    Array.from({ length: 6 }, (_, i) => ({ exchange: 'orders', routingKey: 'order.paid', body: `paid ${i}` })),
  )
  // Dots move, so the click goes to whichever dot is on the canvas at that moment.
  const clicked = await page.waitForFunction(() => {
    const dot = document.querySelector<HTMLElement>('[data-testid="flight-overlay"] .flight-dot[data-message-id]')
    if (!dot) return null
    dot.click()
    return dot.dataset.messageId
  })
  const id = await clicked.jsonValue()
  await expect(page.getByTestId('explain-title')).toHaveText(`Message #${id}`)
  await expect(page.getByTestId('journey-step').first()).toHaveAttribute('data-type', 'published')

  // payment has one consumer slot per worker: most of the six wait, ready, in the queue. Virtual time is paused
  // so the workers do not take the browsed message between the listing and the click, however slow the machine.
  await page.evaluate(() => window.warren.clock({ kind: 'pause' }))
  await page.getByTestId('tab-messages').click()
  await page.getByTestId('browser-queue').selectOption('payment')
  await page.getByTestId('browser-explain').first().click()
  const panel = page.getByTestId('explain-panel')
  await expect(panel).toContainText('In queue "payment"')
  await expect(panel.locator('[data-testid="binding-verdict"][data-destination="payment"]')).toHaveAttribute(
    'data-matched',
    'true',
  )
})

test('a dead-lettered copy is explained with the whole journey and its x-death entry', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  await open(page, freshUrl('explain-dlx', '&example=1'))
  await expect(page.locator('.react-flow__node[data-id="queue:payment"]')).toBeVisible()
  await publish(
    page,
    Array.from({ length: 4 }, (_, i) => ({ exchange: 'orders', routingKey: 'order.paid', body: `paid ${i}` })),
  )
  // Take one from payment with basic.get and reject it without requeue: payment dead-letters it to payment.dlx.
  await page.getByTestId('tab-messages').click()
  await page.getByTestId('browser-queue').selectOption('payment')
  await page.getByTestId('browser-get').click()
  await expect(page.getByTestId('browser-held')).toBeVisible()
  await page.getByTestId('browser-held').getByLabel('Requeue').uncheck()
  await page.getByTestId('browser-reject').click()
  await page.getByTestId('browser-queue').selectOption('payment.dlq')
  await page.getByTestId('browser-explain').first().click()

  const panel = page.getByTestId('explain-panel')
  await expect(panel).toContainText('In queue "payment.dlq"')
  const steps = panel.getByTestId('journey-step')
  await expect(steps.first()).toHaveAttribute('data-type', 'published')
  await expect(panel.locator('[data-testid="journey-step"][data-type="rejected"]')).toContainText('no requeue')
  const xDeath = panel.getByTestId('journey-xdeath')
  await expect(xDeath).toContainText("from the copy's headers")
  for (const part of [
    'count: 1',
    'reason: "rejected"',
    'queue: "payment"',
    'exchange: "orders"',
    'routing-keys: ["order.paid"]',
  ])
    await expect(xDeath).toContainText(part)
  // Two routings: orders (topic) for the publish, payment.dlx (fanout) for the dead-lettered copy.
  await expect(panel.locator('[data-testid="route-hop"][data-exchange="orders"]')).toHaveCount(1)
  await expect(
    panel.locator(
      '[data-testid="route-hop"][data-exchange="payment.dlx"] [data-testid="binding-verdict"][data-destination="payment.dlq"]',
    ),
  ).toHaveAttribute('data-matched', 'true')
})

test('a drag that starts on a dot still pans the canvas; a click on it explains', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  await open(page, freshUrl('explain-pan', '&example=1'))
  await expect(page.locator('.react-flow__node[data-id="exchange:orders"]')).toBeVisible()
  const viewport = page.locator('.react-flow__viewport')
  const translate = async () => {
    const m = /translate\(([-\d.]+)px, ([-\d.]+)px\)/.exec((await viewport.getAttribute('style')) ?? '')
    return m ? [Number(m[1]), Number(m[2])] : [0, 0]
  }
  // The first fit of the view has happened once the viewport has left the origin.
  await expect.poll(async () => (await translate()).join()).not.toBe('0,0')
  // A dot that stays put, with the shape the overlay gives its dots.
  await page.evaluate(() => {
    const dot = document.createElement('div')
    dot.className = 'flight-dot flight-routed'
    dot.dataset.messageId = '1'
    dot.style.transform = 'translate(300px, 150px)'
    dot.id = 'still-dot'
    document.querySelector('[data-testid="flight-overlay"]')!.appendChild(dot)
  })
  const [x0, y0] = await translate()
  const box = (await page.locator('#still-dot').boundingBox())!
  await page.mouse.move(box.x + 4, box.y + 4)
  await page.mouse.down()
  await page.mouse.move(box.x + 84, box.y + 64, { steps: 8 })
  await page.mouse.up()
  const [x1, y1] = await translate()
  expect(Math.round(x1 - x0)).toBe(80)
  expect(Math.round(y1 - y0)).toBe(60)
  await expect(page.getByTestId('explain-panel')).toHaveCount(0)
  await page.locator('#still-dot').click()
  await expect(page.getByTestId('explain-title')).toHaveText('Message #1')
})
