import { statSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { drag, freshUrl, moveNode, node, open, snapshot } from './designer-helpers.ts'

test('first open shows the e-commerce example, declared in the broker, with live consumers', async ({ page }) => {
  await open(page, freshUrl('example', '&example=1'))
  for (const id of [
    'producer:checkout',
    'exchange:orders',
    'queue:payment',
    'queue:analytics',
    'exchange:payment.dlx',
    'queue:payment.dlq',
    'consumer:payment-worker-1',
    'consumer:payment-worker-2',
    'consumer:analytics-worker',
  ]) {
    await expect(node(page, id)).toBeVisible()
  }
  const snap = await snapshot(page)
  const bindings = snap.bindings.map((b) => `${b.source}->${b.destination}:${b.routingKey}`).sort()
  expect(bindings).toEqual(['orders->analytics:order.#', 'orders->payment:order.paid', 'payment.dlx->payment.dlq:'])
  expect(snap.queues.find((q) => q.name === 'payment')?.arguments['x-dead-letter-exchange']).toBe('payment.dlx')
  expect(snap.exchanges.find((x) => x.name === 'orders')?.type).toBe('topic')
  await expect.poll(async () => (await snapshot(page)).consumers.length).toBe(3)
  await expect(page.locator('.edge-deadLetter')).toHaveCount(1)
})

test('palette, drawn binding, publish panel, live count, queue browser get and ack', async ({ page }) => {
  await open(page, freshUrl('build'))
  await page.getByTestId('palette-direct').click()
  await expect(node(page, 'exchange:direct-exchange')).toBeVisible()
  await page.getByTestId('palette-queue').click()
  await expect(node(page, 'queue:queue')).toBeVisible()

  await drag(page, 'exchange:direct-exchange', 'out', 'queue:queue')
  await expect(page.getByTestId('connect-dialog')).toBeVisible()
  await page.getByTestId('connect-key').fill('invoice.created')
  await page.getByTestId('connect-confirm').click()
  await expect
    .poll(async () => (await snapshot(page)).bindings.map((b) => [b.source, b.destination, b.routingKey]))
    .toEqual([['direct-exchange', 'queue', 'invoice.created']])
  await expect(page.locator('.edge-label', { hasText: 'invoice.created' })).toBeVisible()

  await page.getByTestId('tab-publish').click()
  await page.getByTestId('publish-exchange').selectOption('direct-exchange')
  await page.getByTestId('publish-routing-key').fill('invoice.created')
  await page.getByTestId('publish-body').fill('{"invoice": 7}')
  await page.getByTestId('publish-submit').click()
  await expect(page.getByTestId('publish-result').first()).toContainText('confirm ack')
  await expect(page.getByTestId('publish-result').first()).toContainText('routed to queue')
  await expect(node(page, 'queue:queue').getByTestId('queue-ready')).toHaveText('1')

  await page.getByTestId('tab-messages').click()
  await expect(page.getByTestId('browser-row')).toHaveCount(1)
  await page.getByTestId('browser-get').click()
  await expect(page.getByTestId('browser-held')).toContainText('{"invoice": 7}')
  await expect(node(page, 'queue:queue').getByTestId('queue-unacked')).toHaveText('1')
  await page.getByTestId('browser-ack').click()
  await expect(node(page, 'queue:queue').getByTestId('queue-unacked')).toHaveText('0')
  await expect(node(page, 'queue:queue').getByTestId('queue-ready')).toHaveText('0')
  const q = (await snapshot(page)).queues.find((x) => x.name === 'queue')
  expect([q?.messages, q?.unacked]).toEqual([0, 0])
})

test('Delete removes a queue with its binding; undo brings both back, redo deletes again', async ({ page }) => {
  await open(page, freshUrl('undo'))
  await page.getByTestId('palette-fanout').click()
  await page.getByTestId('palette-queue').click()
  await drag(page, 'exchange:fanout-exchange', 'out', 'queue:queue')
  await expect.poll(async () => (await snapshot(page)).bindings.length).toBe(1)

  await node(page, 'queue:queue').getByTestId('node-name').click()
  await page.keyboard.press('Delete')
  await expect(node(page, 'queue:queue')).toHaveCount(0)
  await expect.poll(async () => (await snapshot(page)).queues.length).toBe(0)
  expect((await snapshot(page)).bindings).toHaveLength(0)

  await page.keyboard.press('Control+z')
  await expect(node(page, 'queue:queue')).toBeVisible()
  await expect
    .poll(async () => (await snapshot(page)).bindings.map((b) => `${b.source}->${b.destination}`))
    .toEqual(['fanout-exchange->queue'])

  await page.keyboard.press('Control+Shift+z')
  await expect(node(page, 'queue:queue')).toHaveCount(0)
  await expect.poll(async () => (await snapshot(page)).queues.length).toBe(0)
})

test('a reload restores the whole design: positions, producers, consumers and the topology', async ({ page }) => {
  const url = freshUrl('reload', '&example=1')
  await open(page, url)
  await moveNode(page, 'queue:analytics', 0, -80)
  await page.getByTestId('palette-producer').click()
  await expect(page.locator('.react-flow__node-producer')).toHaveCount(2)
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved')
  const before = await page.evaluate(() => {
    const s = window.warrenDesigner.store.getState()
    return {
      positions: s.positions,
      producers: Object.keys(s.producers).sort(),
      consumers: Object.keys(s.consumers).sort(),
    }
  })
  await page.reload()
  await expect(page.getByTestId('broker-state')).toHaveAttribute('data-state', 'ready')
  await expect(node(page, 'queue:analytics')).toBeVisible()
  const after = await page.evaluate(() => {
    const s = window.warrenDesigner.store.getState()
    return {
      positions: s.positions,
      producers: Object.keys(s.producers).sort(),
      consumers: Object.keys(s.consumers).sort(),
    }
  })
  expect(after).toEqual(before)
  await expect(page.locator('.react-flow__node-producer')).toHaveCount(2)
  await expect.poll(async () => (await snapshot(page)).consumers.length).toBe(3)
})

test('bad input in the inspector shows the broker error and changes nothing', async ({ page }) => {
  await open(page, freshUrl('inspector'))
  await page.getByTestId('palette-topic').click()
  await page.getByTestId('palette-queue').click()
  await page.getByTestId('palette-queue').click()
  await expect(node(page, 'queue:queue-2')).toBeVisible()
  await drag(page, 'exchange:topic-exchange', 'out', 'queue:queue')
  await page.getByTestId('connect-key').fill('order.*')
  await page.getByTestId('connect-confirm').click()
  await expect.poll(async () => (await snapshot(page)).bindings.length).toBe(1)
  const before = await snapshot(page)

  // A negative TTL: RabbitMQ's PRECONDITION_FAILED wording, nothing re-created.
  await node(page, 'queue:queue').getByTestId('node-name').click()
  await page.getByTestId('field-x-message-ttl').fill('-5')
  await page.getByTestId('inspector-apply').click()
  await page.getByTestId('confirm-ok').click()
  await expect(page.getByTestId('inspector-error')).toContainText(
    "PRECONDITION_FAILED - invalid arg 'x-message-ttl' for queue 'queue' in vhost '/': the value must not be negative (got -5)",
  )
  expect(await snapshot(page)).toEqual(before)

  // A duplicate name.
  await page.getByTestId('field-x-message-ttl').fill('')
  await page.getByTestId('field-name').fill('queue-2')
  await page.getByTestId('inspector-apply').click()
  await expect(page.getByTestId('inspector-error')).toContainText("A queue named 'queue-2' already exists")
  expect(await snapshot(page)).toEqual(before)

  // An empty binding key on a topic exchange.
  await page.locator('.edge-label', { hasText: 'order.*' }).waitFor()
  await page.locator('.react-flow__edge').first().click({ force: true })
  await expect(page.getByTestId('binding-inspector')).toBeVisible()
  await page.getByTestId('field-binding-key').fill('')
  await page.getByTestId('inspector-apply').click()
  await expect(page.getByTestId('inspector-error')).toContainText('A topic exchange routes by binding key')
  expect(await snapshot(page)).toEqual(before)
})

test('changing a fixed argument re-creates the queue after confirmation, moving its messages', async ({ page }) => {
  await open(page, freshUrl('redeclare'))
  await page.getByTestId('palette-queue').click()
  // Published only once the broker holds the queue: sent before, the messages would be routed nowhere.
  await expect.poll(async () => (await snapshot(page)).queues.map((q) => q.name)).toEqual(['queue'])
  await page.evaluate(async () => {
    const ch = await (await window.warren.connect()).createConfirmChannel()
    for (const body of ['a', 'b', 'c']) ch.sendToQueue('queue', body, { persistent: true })
    await ch.waitForConfirms()
  })
  await expect(node(page, 'queue:queue').getByTestId('queue-ready')).toHaveText('3')
  await node(page, 'queue:queue').getByTestId('node-name').click()
  await page.getByTestId('field-x-max-length').fill('10')
  await page.getByTestId('inspector-apply').click()
  await expect(page.getByTestId('confirm-dialog')).toContainText('will be deleted and declared again')
  await expect(page.getByTestId('confirm-dialog')).toContainText('3 ready messages would be lost')
  await page.getByTestId('confirm-ok').click()
  await expect.poll(async () => (await snapshot(page)).queues[0]?.arguments['x-max-length']).toBe(10)
  expect((await snapshot(page)).queues[0].messages).toBe(3)
  await expect(node(page, 'queue:queue')).toContainText('Lim 10')
})

test('renaming a queue just added asks nothing; renaming one with bindings says RabbitMQ has no rename', async ({
  page,
}) => {
  await open(page, freshUrl('rename', '&example=1'))
  await page.getByTestId('palette-queue').click()
  await node(page, 'queue:queue').getByTestId('node-name').click()
  await page.getByTestId('field-name').fill('fresh')
  await page.getByTestId('inspector-apply').click()
  await expect.poll(async () => (await snapshot(page)).queues.map((q) => q.name)).toContain('fresh')
  await expect(page.getByTestId('confirm-dialog')).toHaveCount(0)

  await node(page, 'queue:payment').getByTestId('node-name').click()
  await page.getByTestId('field-name').fill('payments')
  await page.getByTestId('inspector-apply').click()
  await expect(page.getByTestId('confirm-dialog')).toContainText(
    "RabbitMQ has no rename: renaming declares a new queue 'payments' and deletes 'payment'.",
  )
  await page.getByTestId('confirm-ok').click()
  await expect.poll(async () => (await snapshot(page)).queues.map((q) => q.name)).toContain('payments')
})

test('invalid connections are refused with a reason', async ({ page }) => {
  await open(page, freshUrl('refuse'))
  await page.getByTestId('palette-queue').click()
  await page.getByTestId('palette-queue').click()
  await expect(node(page, 'queue:queue-2')).toBeVisible()
  await drag(page, 'queue:queue', 'out', 'queue:queue-2')
  await expect(page.getByTestId('toast-error')).toContainText('A queue cannot feed another queue')
  const snap = await snapshot(page)
  expect(snap.bindings).toHaveLength(0)
  expect(snap.queues.every((q) => Object.keys(q.arguments).length === 0)).toBe(true)
})

test('names, bodies and headers with markup render as text', async ({ page }) => {
  await open(page, freshUrl('markup'))
  const evil = '<img src=x onerror="window.__xss=1">'
  await page.getByTestId('palette-queue').click()
  await node(page, 'queue:queue').getByTestId('node-name').click()
  await page.getByTestId('field-name').fill(evil)
  // A queue just added, with nothing bound or queued: the rename asks nothing.
  await page.getByTestId('inspector-apply').click()
  const id = `queue:${evil}`
  await expect(
    page.locator(`.react-flow__node[data-id='${id.replace(/'/g, "\\'")}']`).getByTestId('node-name'),
  ).toHaveText(evil)
  await page.evaluate(async (name) => {
    const ch = await (await window.warren.connect()).createConfirmChannel()
    ch.sendToQueue(name, '<b>bold</b><script>window.__xss=2</script>', { headers: { '<i>h</i>': '<u>v</u>' } })
    await ch.waitForConfirms()
  }, evil)
  await page.getByTestId('tab-messages').click()
  await page.getByTestId('browser-row').click()
  await expect(page.getByTestId('queue-browser')).toContainText('<b>bold</b><script>')
  await expect(page.getByTestId('queue-browser')).toContainText('<u>v</u>')
  expect(await page.locator('.react-flow img, .browser img, .browser b, .browser u').count()).toBe(0)
  expect(await page.evaluate(() => window.__xss)).toBeUndefined()
})

test('restart keeps durable entities and the design; reset empties both for good', async ({ page }) => {
  const url = freshUrl('controls', '&example=1')
  await open(page, url)
  await page.getByTestId('restart-broker').click()
  await expect(page.getByTestId('confirm-dialog')).toContainText('Durable exchanges, queues and bindings come back')
  await page.getByTestId('confirm-ok').click()
  await expect(page.getByTestId('toast-info')).toContainText('The broker restarted')
  await expect(page.getByTestId('broker-state')).toHaveAttribute('data-state', 'ready')
  await expect(node(page, 'queue:payment')).toBeVisible()
  await expect.poll(async () => (await snapshot(page)).consumers.length).toBe(3)

  await page.getByTestId('reset-broker').click()
  await page.getByTestId('confirm-ok').click()
  await expect(page.locator('.react-flow__node')).toHaveCount(0)
  await expect.poll(async () => (await snapshot(page)).queues.length).toBe(0)
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved')
  await page.reload()
  await expect(page.getByTestId('broker-state')).toHaveAttribute('data-state', 'ready')
  // Loading the design ends by fitting the view: once it has, it brought nothing back.
  await expect.poll(() => page.evaluate(() => window.warrenDesigner.store.getState().fitRequest)).toBeGreaterThan(0)
  await expect(page.locator('.react-flow__node')).toHaveCount(0)
})

test('consumer nodes are real consumers: a producer publishes N, workers hold and ack them', async ({ page }) => {
  await open(page, freshUrl('consumers', '&example=1'))
  await node(page, 'producer:checkout').getByRole('button', { name: 'Publish as checkout' }).click()
  await expect(page.getByTestId('publish-exchange')).toHaveValue('orders')
  await expect(page.getByTestId('publish-routing-key')).toHaveValue('order.paid')
  await page.getByTestId('publish-count').fill('6')
  await page.getByTestId('publish-submit').click()
  await expect(page.getByTestId('publish-result').first()).toContainText('6 published: 6 ack, 0 nack, 0 returned')
  // Prefetch 1 and 1.5 s per message: each payment worker holds one message at a time.
  await expect(node(page, 'consumer:payment-worker-1').getByTestId('consumer-unacked')).toHaveText('1')
  await expect(node(page, 'queue:payment').getByTestId('queue-unacked')).toHaveText('2')
  await expect
    .poll(
      async () => {
        const q = (await snapshot(page)).queues.filter((x) => x.name === 'payment' || x.name === 'analytics')
        return q.reduce((sum, x) => sum + x.messages + x.unacked, 0)
      },
      { timeout: 15_000 },
    )
    .toBe(0)
})

test('double-click adds a node there; copy and paste duplicate it under a new name; shortcuts and theme toggle', async ({
  page,
}) => {
  await open(page, freshUrl('keys'))
  const pane = page.locator('.react-flow__pane')
  const box = (await pane.boundingBox())!
  await page.mouse.dblclick(box.x + box.width / 3, box.y + box.height / 3)
  await page.getByTestId('add-menu').getByRole('menuitem', { name: 'Add queue' }).click()
  await expect(node(page, 'queue:queue')).toBeVisible()

  await node(page, 'queue:queue').getByTestId('node-name').click()
  await page.keyboard.press('Control+c')
  await page.keyboard.press('Control+v')
  await expect(node(page, 'queue:queue-copy')).toBeVisible()
  await expect
    .poll(async () => (await snapshot(page)).queues.map((q) => q.name).sort())
    .toEqual(['queue', 'queue-copy'])

  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } })
  await page.keyboard.press('t')
  await expect(node(page, 'exchange:topic-exchange')).toBeVisible()
  expect((await snapshot(page)).exchanges.find((x) => x.name === 'topic-exchange')?.type).toBe('topic')

  const before = await page.evaluate(() => document.documentElement.dataset.theme)
  await page.getByTestId('theme-toggle').click()
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).not.toBe(before)
  await page.keyboard.press('?')
  await expect(page.getByTestId('help-panel')).toContainText('Keyboard shortcuts')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('help-panel')).toHaveCount(0)
})

test('every button and form control has an accessible name', async ({ page }) => {
  await open(page, freshUrl('a11y', '&example=1'))
  await node(page, 'queue:payment').getByTestId('node-name').click()
  await page.getByTestId('tab-publish').click()
  const unnamed = await page.evaluate(() => {
    const out: string[] = []
    for (const el of document.querySelectorAll<HTMLElement>(
      'button, input, select, textarea, [role="tab"], [role="menuitem"]',
    )) {
      const labelled =
        el.getAttribute('aria-label') ||
        el.getAttribute('aria-labelledby') ||
        (el as HTMLInputElement).labels?.length ||
        el.textContent?.trim() ||
        el.getAttribute('title')
      if (!labelled) out.push(el.outerHTML.slice(0, 120))
    }
    return out
  })
  expect(unnamed).toEqual([])
})

test('a publish result links to Explain, which traces that message', async ({ page }) => {
  await open(page, freshUrl('publish-explain', '&example=1'))
  await page.getByTestId('tab-publish').click()
  await page.getByTestId('publish-exchange').selectOption('orders')
  await page.getByTestId('publish-routing-key').fill('order.paid')
  await page.getByTestId('publish-submit').click()
  await expect(page.getByTestId('publish-result').first()).toContainText('routed to analytics, payment')
  await page.getByTestId('publish-result').first().getByTestId('publish-result-explain').click()
  await expect(page.getByTestId('tab-events')).toHaveAttribute('aria-selected', 'true')
  await expect(page.getByTestId('explain-panel')).toBeVisible()
  await expect(page.getByTestId('explain-title')).toContainText('#')
  await expect(page.getByTestId('explain-panel')).toContainText('payment')
})

test('a node reached from the keyboard shows a focus ring', async ({ page }) => {
  await open(page, freshUrl('focus-ring', '&example=1'))
  const queue = node(page, 'queue:payment')
  await expect(queue).toBeVisible()
  const ringOf = () => queue.locator('.node').evaluate((el) => getComputedStyle(el).outlineStyle)
  expect(await ringOf()).toBe('none')
  await page.getByTestId('fit-view').focus()
  // Tab until the payment queue holds the focus, as a keyboard user gets there.
  let reached = false
  for (let i = 0; i < 120 && !reached; i++) {
    await page.keyboard.press('Tab')
    reached = await queue.evaluate((el) => el === document.activeElement)
  }
  expect(reached).toBe(true)
  expect(await ringOf()).toBe('solid')
})

test('a 1 MB body is shown cut, with show all and download', async ({ page }) => {
  await open(page, freshUrl('big-body', '&example=1'))
  // The example is declared after the page opens: publish once its dead-letter queue exists, or the default
  // exchange drops the message as unroutable (and still confirms it).
  await expect.poll(async () => (await snapshot(page)).queues.some((q) => q.name === 'payment.dlq')).toBe(true)
  await page.evaluate(async () => {
    const ch = await (await window.warren.connect()).createConfirmChannel()
    ch.sendToQueue('payment.dlq', 'x'.repeat(1024 * 1024))
    await ch.waitForConfirms()
  })
  await page.getByTestId('tab-messages').click()
  await page.getByTestId('browser-queue').selectOption('payment.dlq')
  await page.getByTestId('browser-row').click()
  const body = page.getByTestId('message-body')
  await expect(page.getByTestId('message-body-cut')).toContainText('65,536 characters of a 1,048,576-byte body')
  expect((await body.textContent())?.length).toBe(64 * 1024)
  const download = page.waitForEvent('download')
  await page.getByTestId('message-body-download').click()
  expect(statSync(await (await download).path()).size).toBe(1024 * 1024)
  await page.getByTestId('message-body-all').click()
  await expect.poll(async () => (await body.textContent())?.length).toBe(1024 * 1024)
})
