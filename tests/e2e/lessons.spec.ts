import { expect, test } from '@playwright/test'
import { LESSONS } from '../../app/lessons/lessons.ts'
import { consumer, counts, openLesson, press, producer, speed, stopProducer } from './lesson-helpers.ts'
import { advanceVirtualTime, untilPageShowsSimulation } from './virtual-time.ts'

// Each lesson opens on its own database, by URL, and its moment is checked through window.warren.

for (const lesson of LESSONS) {
  test(`lesson ${lesson.id} opens by URL, shows its topology and runs without errors`, async ({ page }) => {
    const errors = await openLesson(page, lesson.id)
    const c = await counts(page)
    expect(Object.keys(c).sort()).toEqual(lesson.queues.map((q) => q.name).sort())
    // Its simulated clients are nodes on the canvas, run by the same simulation as any drawn node.
    await expect(page.locator('.react-flow__node-producer')).toHaveCount(lesson.producers.length)
    await expect(page.locator('.react-flow__node-consumer')).toHaveCount(lesson.consumers.length)
    // A few virtual seconds of running, stepped timer by timer, and the page has caught up with them.
    await advanceVirtualTime(page, 5_000)
    await untilPageShowsSimulation(page)
    await expect(page.getByTestId('toast-error')).toHaveCount(0)
    expect(errors).toEqual([])
  })
}

test('retry: one order reaches the DLQ after exactly 3 attempts', async ({ page }) => {
  await openLesson(page, 'retry')
  await speed(page, 50)
  await expect.poll(async () => (await counts(page))['orders.dlq'], { timeout: 20_000 }).toBe(1)
  // The clients' status reaches the page a poll (250 ms) after the broker's state.
  await expect
    .poll(() => Promise.all([1, 2, 3].map(async (i) => (await consumer(page, `attempt-${i}`))?.failed)))
    .toEqual([1, 1, 1])
  await advanceVirtualTime(page, 75_000) // 75 more virtual seconds: nothing else moves
  const c = await counts(page)
  expect(c).toMatchObject({
    orders: 0,
    'orders.retry.5s': 0,
    'orders.attempt2': 0,
    'orders.retry.30s': 0,
    'orders.attempt3': 0,
    'orders.dlq': 1,
  })
  const deaths = await page.evaluate(async () => {
    const ch = await (await window.warren.connect()).createChannel()
    const m = await ch.get('orders.dlq', { noAck: false })
    return m ? (m.properties.headers?.['x-death'] as unknown[]).length : -1
  })
  expect(deaths).toBe(5) // orders, retry.5s, attempt2, retry.30s, attempt3: three attempts, two delays
  await page.screenshot({ path: 'tests/e2e/screenshots/10-lesson-retry.png' })
})

test('durability: a restart keeps exactly the persistent messages in the durable queue', async ({ page }) => {
  await openLesson(page, 'durability')
  await expect.poll(() => counts(page)).toEqual({ temp: 5, 'durable.transient': 5, 'durable.persistent': 5 })
  await page.getByTestId('lesson-action-restart').click()
  await expect(page.getByTestId('broker-state')).toHaveAttribute('data-state', 'ready')
  await expect
    .poll(() => counts(page), { timeout: 15_000 })
    .toEqual({ 'durable.transient': 0, 'durable.persistent': 5 })
})

test('topic: each key reaches exactly the queues its patterns match', async ({ page }) => {
  await openLesson(page, 'topic')
  await expect.poll(async () => (await counts(page))['all-logs'], { timeout: 10_000 }).toBeGreaterThanOrEqual(3)
  // The lesson's producer is a node: its own button stops it.
  await stopProducer(page, 'app')
  const c = await counts(page)
  const n = c['all-logs'] // cycle: error, warn, info, error, ...
  expect(c.errors).toBe(Math.ceil(n / 3))
  expect(c.warnings).toBe(Math.floor((n + 1) / 3))
  await page.getByTestId('lesson-action-log.info.user').click()
  await expect.poll(() => counts(page)).toEqual({ errors: c.errors, warnings: c.warnings, 'all-logs': n + 1 })
  await page.getByTestId('lesson-action-log.warn.api').click()
  await expect.poll(() => counts(page)).toEqual({ errors: c.errors, warnings: c.warnings + 1, 'all-logs': n + 2 })
})

test('dlq: rejected orders and overflowed messages land in orders.dlq', async ({ page }) => {
  await openLesson(page, 'dlq')
  await expect.poll(async () => (await counts(page))['orders.dlq'], { timeout: 10_000 }).toBe(5)
  await press(page, 'small')
  await expect.poll(() => counts(page)).toMatchObject({ orders: 0, 'orders.small': 3, 'orders.dlq': 7 })
  await expect.poll(async () => (await consumer(page, 'picky-worker'))?.failed).toBe(5)
  // Expired by the 10 s TTL: both move on, nothing else does.
  await press(page, 'ttl')
  await expect.poll(() => counts(page)).toMatchObject({ 'orders.ttl': 2, 'orders.dlq': 7 })
  await speed(page, 10)
  await expect
    .poll(() => counts(page), { timeout: 15_000 })
    .toEqual({ orders: 0, 'orders.ttl': 0, 'orders.small': 3, 'orders.dlq': 9 })
  await page.screenshot({ path: 'tests/e2e/screenshots/10-lesson-dlq.png' })
})

test('the Lessons menu asks before replacing a design with content, then opens the lesson', async ({ page }) => {
  await page.goto(`/?db=lesson-menu-${Date.now()}&example=1`)
  await expect(page.getByTestId('broker-state')).toHaveAttribute('data-state', 'ready')
  await expect.poll(async () => Object.keys(await counts(page)).sort()).toEqual(['analytics', 'payment', 'payment.dlq'])
  await page.getByTestId('lessons-menu').selectOption('fanout')
  await page.getByRole('button', { name: 'Open lesson' }).click()
  await expect(page.getByTestId('lesson-panel')).toHaveAttribute('data-ready', 'true', { timeout: 15_000 })
  expect(Object.keys(await counts(page)).sort()).toEqual(['analytics', 'emails', 'logs'])
})

test('why-broker: calls reach a free consumer only; the queue keeps orders while its consumer is offline', async ({
  page,
}) => {
  await openLesson(page, 'why-broker')
  await speed(page, 10)
  await expect.poll(async () => (await consumer(page, 'callee'))?.received ?? 0, { timeout: 15_000 }).toBeGreaterThan(0)
  await press(page, 'down')
  await expect.poll(async () => (await consumer(page, 'orders-worker'))?.inFlight).toBe(0)
  const answered = (await consumer(page, 'callee'))!.received
  const worked = (await consumer(page, 'orders-worker'))!.acked
  await press(page, 'burst')
  await expect.poll(async () => (await producer(page, 'call-burst'))?.published, { timeout: 15_000 }).toBe(10)
  await expect.poll(async () => (await counts(page)).orders, { timeout: 15_000 }).toBeGreaterThanOrEqual(10)
  // The 10 calls (and the caller's steady ones) found nobody and expired; the orders wait.
  expect((await counts(page))['direct.call']).toBe(0)
  expect((await consumer(page, 'callee'))!.received).toBe(answered)
  expect((await consumer(page, 'orders-worker'))!.acked).toBe(worked)
  await press(page, 'up')
  await expect
    .poll(async () => (await consumer(page, 'orders-worker'))!.acked - worked, { timeout: 20_000 })
    .toBeGreaterThanOrEqual(10)
})

test('work-queue: the workers share the tasks, none gets them all', async ({ page }) => {
  await openLesson(page, 'work-queue')
  await stopProducer(page, 'dispatcher')
  await press(page, 'burst')
  await speed(page, 10)
  const acked = async () =>
    Promise.all(['worker-1', 'worker-2', 'worker-3'].map(async (id) => (await consumer(page, id))?.acked ?? 0))
  const sent = async () =>
    ((await producer(page, 'dispatcher'))?.published ?? 0) + ((await producer(page, 'burst'))?.published ?? 0)
  await expect.poll(async () => (await producer(page, 'burst'))?.published).toBe(30)
  await expect
    .poll(async () => (await acked()).reduce((a, b) => a + b, 0) - (await sent()), { timeout: 20_000 })
    .toBe(0)
  const got = await acked()
  expect(got.reduce((a, b) => a + b, 0)).toBe(await sent())
  for (const n of got) expect(n).toBeGreaterThan(0)
  expect(Math.max(...got) - Math.min(...got)).toBeLessThanOrEqual(1) // round-robin, prefetch 1, equal speed
  expect((await counts(page)).tasks).toBe(0)
})

test('direct: each key reaches only its queue; an unknown key is dropped', async ({ page }) => {
  await openLesson(page, 'direct')
  await expect
    .poll(async () => (await producer(page, 'shop'))?.published ?? 0, { timeout: 10_000 })
    .toBeGreaterThanOrEqual(4)
  await stopProducer(page, 'shop')
  // cycle: paid, new, cancelled, paid, ...; the producer's status arrives a moment after the broker's
  const byKey = (n: number) => ({
    payment: Math.ceil(n / 3),
    notify: Math.floor((n + 1) / 3),
    refund: Math.floor(n / 3),
  })
  const settled = async () => {
    const want = byKey((await producer(page, 'shop'))!.published)
    const c = await counts(page)
    return [c.payment - want.payment, c.notify - want.notify, c.refund - want.refund]
  }
  await expect.poll(settled).toEqual([0, 0, 0])
  const n = (await producer(page, 'shop'))!.published
  await press(page, 'unknown')
  await expect.poll(async () => (await producer(page, 'unknown'))?.published).toBe(1)
  expect(await counts(page)).toEqual(byKey(n))
})

test('fanout: every queue gets every signup', async ({ page }) => {
  await openLesson(page, 'fanout')
  await expect
    .poll(async () => (await producer(page, 'signups'))?.published ?? 0, { timeout: 10_000 })
    .toBeGreaterThanOrEqual(1)
  await stopProducer(page, 'signups')
  // The producer's status arrives a moment after the broker's: compare once both have settled.
  const settled = async () => {
    const n = (await producer(page, 'signups'))!.published
    const c = await counts(page)
    return [c.emails - n, c.logs - n, c.analytics - n]
  }
  await expect.poll(settled).toEqual([0, 0, 0])
  const n = (await producer(page, 'signups'))!.published
  expect(n).toBeGreaterThanOrEqual(1)
  await press(page, 'burst')
  await expect.poll(() => counts(page)).toEqual({ emails: n + 10, logs: n + 10, analytics: n + 10 })
})

test('headers: x-match all needs every header, any needs one', async ({ page }) => {
  await openLesson(page, 'headers')
  // pdf/eu → both, pdf/us → any only, csv/us → neither
  await expect.poll(() => counts(page)).toEqual({ 'pdf-eu-all': 1, 'any-pdf-or-eu': 2 })
  await press(page, 'pdf-us')
  await expect.poll(() => counts(page)).toEqual({ 'pdf-eu-all': 1, 'any-pdf-or-eu': 3 })
  await press(page, 'csv-us')
  await expect.poll(async () => (await producer(page, 'csv-us'))?.published).toBe(2)
  await press(page, 'pdf-eu')
  await expect.poll(() => counts(page)).toEqual({ 'pdf-eu-all': 2, 'any-pdf-or-eu': 4 })
})

test('acks: a crash loses the auto-acked messages and redelivers the manual ones', async ({ page }) => {
  await openLesson(page, 'acks')
  await press(page, 'burst')
  await expect.poll(async () => (await consumer(page, 'auto-worker'))?.received).toBe(10)
  await expect.poll(async () => (await consumer(page, 'manual-worker'))?.inFlight).toBe(5)
  expect(await counts(page)).toEqual({ 'auto-ack': 0, 'manual-ack': 10 })
  await press(page, 'crash')
  await expect.poll(async () => (await consumer(page, 'manual-worker'))?.inFlight).toBe(0)
  const c = await counts(page)
  expect(c['auto-ack']).toBe(0) // handed out and forgotten
  expect(c['manual-ack']).toBe(10) // the 5 in flight came back
  expect((await consumer(page, 'manual-worker'))!.acked).toBe(0)
  await press(page, 'online')
  await speed(page, 25)
  await expect.poll(async () => (await consumer(page, 'manual-worker'))?.acked, { timeout: 20_000 }).toBe(10)
  expect((await counts(page))['manual-ack']).toBe(0)
})

test('confirms: unroutable mandatory messages come back, the full queue nacks', async ({ page }) => {
  await openLesson(page, 'confirms')
  await press(page, 'unroutable')
  await expect.poll(async () => (await producer(page, 'unroutable'))?.published).toBe(3)
  await expect.poll(async () => (await producer(page, 'unroutable'))?.returned).toBeGreaterThanOrEqual(3)
  expect((await producer(page, 'unroutable'))!.nacked).toBe(0)
  await press(page, 'full')
  await expect.poll(async () => (await producer(page, 'to-full'))?.nacked).toBe(3)
  expect((await producer(page, 'to-full'))!.returned).toBe(0)
  expect(await counts(page)).toEqual({ limited: 5 })
})

test('prefetch: with prefetch 1 the fast consumer does most; 0 and 20 hand half to the slow one', async ({ page }) => {
  await openLesson(page, 'prefetch')
  const share = async (p: number) => [
    (await consumer(page, `fast-${p}`))?.received ?? 0,
    (await consumer(page, `slow-${p}`))?.received ?? 0,
  ]
  await expect
    .poll(async () => (await share(0)).concat(await share(1), await share(20)).reduce((a, b) => a + b, 0), {
      timeout: 15_000,
    })
    .toBe(120)
  const [fast1, slow1] = await share(1)
  expect(fast1).toBeGreaterThan(30)
  expect(slow1).toBeLessThanOrEqual(5)
  expect(await share(0)).toEqual([20, 20])
  expect(await share(20)).toEqual([20, 20])
})

test('fire-and-forget: the tiny queue silently drops without a nack, the reliable one keeps all', async ({ page }) => {
  await openLesson(page, 'fire-and-forget')
  await press(page, 'offline')
  await press(page, 'burst')
  await expect
    .poll(async () => [(await producer(page, 'fire'))?.published, (await producer(page, 'reliable'))?.published])
    .toEqual([20, 20])
  await expect.poll(() => counts(page)).toEqual({ 'fire-and-forget': 5, reliable: 20 })
  expect((await producer(page, 'fire'))!.nacked).toBe(0)
  expect((await producer(page, 'reliable'))!.nacked).toBe(0)
  await press(page, 'online')
  await speed(page, 25)
  await expect.poll(async () => (await consumer(page, 'reliable-worker'))?.acked, { timeout: 20_000 }).toBe(20)
  expect((await consumer(page, 'fire-worker'))!.received).toBe(5)
})

test('ecommerce: payments and analytics flow, failures land in payment.dlq', async ({ page }) => {
  await openLesson(page, 'ecommerce')
  await speed(page, 50)
  await expect
    .poll(async () => (await consumer(page, 'analytics-worker'))?.acked ?? 0, { timeout: 20_000 })
    .toBeGreaterThan(200)
  const pay = async () =>
    ((await consumer(page, 'payment-worker-1'))?.acked ?? 0) + ((await consumer(page, 'payment-worker-2'))?.acked ?? 0)
  await expect.poll(pay, { timeout: 20_000 }).toBeGreaterThan(50)
  const failed =
    ((await consumer(page, 'payment-worker-1'))?.failed ?? 0) +
    ((await consumer(page, 'payment-worker-2'))?.failed ?? 0)
  expect(failed).toBeGreaterThan(0)
  // Paused, every failed payment is in payment.dlq and nowhere else.
  await page.getByTestId('time-play').click()
  await expect(page.getByTestId('time-play')).toHaveAttribute('data-paused', 'true')
  const failedNow = async () =>
    ((await consumer(page, 'payment-worker-1'))?.failed ?? 0) +
    ((await consumer(page, 'payment-worker-2'))?.failed ?? 0)
  await expect.poll(async () => (await counts(page))['payment.dlq'] - (await failedNow())).toBe(0)
  expect((await counts(page))['payment.dlq']).toBeGreaterThan(0)
})
