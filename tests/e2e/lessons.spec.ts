import { expect, type Page, test } from '@playwright/test'
import { LESSONS } from '../../app/lessons/lessons.ts'
import { consumer, counts, openLesson, press, producer, speed } from './lesson-helpers.ts'
import { advanceVirtualTime, resumeVirtualTime, untilPageShowsSimulation } from './virtual-time.ts'

// Each lesson opens on its own database, by URL, and its moment is checked through window.warren.

for (const lesson of LESSONS) {
  test(`lesson ${lesson.id} opens by URL, shows its topology and section, and runs without errors`, async ({
    page,
  }) => {
    const errors = await openLesson(page, lesson.id)
    const c = await counts(page)
    // A federated exchange's upstream queue is RabbitMQ's own (federation: <exchange> -> <node>), not the lesson's.
    const lessonQueues = Object.keys(c).filter((q) => !q.startsWith('federation: '))
    expect(lessonQueues.sort()).toEqual(lesson.queues.map((q) => q.name).sort())
    // Its simulated clients are nodes on the canvas, run by the same simulation as any drawn node.
    await expect(page.locator('.react-flow__node-producer')).toHaveCount(lesson.producers.length)
    await expect(page.locator('.react-flow__node-consumer')).toHaveCount(lesson.consumers.length)
    await expect(page.getByTestId('lesson-section')).toContainText('Course section')
    await expect(page.getByTestId('lesson-start')).toContainText(
      lesson.quiet ? 'Starts quiet' : 'Traffic from the start',
    )
    await expect(page.locator('[data-testid^="challenge-"][data-met]')).toHaveCount(lesson.challenges.length)
    // A few virtual seconds of running, stepped timer by timer, and the page has caught up with them.
    await advanceVirtualTime(page, 5_000)
    await untilPageShowsSimulation(page)
    if (lesson.quiet)
      for (const p of lesson.producers) expect((await producer(page, p.id))?.published ?? 0, p.id).toBe(0)
    await expect(page.getByTestId('toast-error')).toHaveCount(0)
    expect(errors).toEqual([])
  })
}

test('hello-world: one message through the default exchange, received and acked', async ({ page }) => {
  await openLesson(page, 'hello-world')
  await press(page, 'send')
  await expect.poll(async () => (await consumer(page, 'receiver'))?.acked, { timeout: 10_000 }).toBe(1)
  expect(await counts(page)).toEqual({ hello: 0 })
})

test('retry: one order reaches the DLQ after exactly 3 attempts', async ({ page }) => {
  await openLesson(page, 'retry')
  await advanceVirtualTime(page, 5_000)
  await untilPageShowsSimulation(page)
  expect(await counts(page)).toMatchObject({ orders: 0, 'orders.dlq': 0 }) // nothing in flight before "Send one order"
  await resumeVirtualTime(page)
  await press(page, 'order')
  await speed(page, 50)
  await expect.poll(async () => (await counts(page))['orders.dlq'], { timeout: 20_000 }).toBe(1)
  // The clients' status reaches the page a poll (250 ms) after the broker's state.
  await expect
    .poll(() => Promise.all([1, 2, 3].map(async (i) => (await consumer(page, `attempt-${i}`))?.failed)))
    .toEqual([1, 1, 1])
  await advanceVirtualTime(page, 75_000) // 75 more virtual seconds: nothing else moves
  expect(await counts(page)).toMatchObject({
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
  await expect(page.getByTestId('challenge-three-attempts')).toHaveAttribute('data-met', 'true')
  await page.screenshot({ path: 'tests/e2e/screenshots/10-lesson-retry.png' })
})

test('durability: a restart keeps exactly the persistent messages in the durable queue', async ({ page }) => {
  await openLesson(page, 'durability')
  for (const id of ['temp', 'transient', 'persistent']) await press(page, id)
  await expect.poll(() => counts(page)).toEqual({ temp: 5, 'durable.transient': 5, 'durable.persistent': 5 })
  await press(page, 'restart')
  await expect(page.getByTestId('broker-state')).toHaveAttribute('data-state', 'ready')
  await expect
    .poll(() => counts(page), { timeout: 15_000 })
    .toEqual({ 'durable.transient': 0, 'durable.persistent': 5 })
  // 10 of the 15 confirmed messages were lost: the challenge says so.
  await expect(page.getByTestId('challenge-keep-confirmed')).toHaveAttribute('data-met', 'false')
})

test('durability challenge: persistent messages in a durable queue, none lost across the restart', async ({ page }) => {
  await openLesson(page, 'durability')
  await press(page, 'persistent')
  await expect.poll(() => counts(page)).toMatchObject({ 'durable.persistent': 5 })
  await expect(page.getByTestId('challenge-keep-confirmed')).toHaveAttribute('data-met', 'false')
  await press(page, 'restart')
  await expect(page.getByTestId('broker-state')).toHaveAttribute('data-state', 'ready')
  await expect(page.getByTestId('challenge-keep-confirmed')).toHaveAttribute('data-met', 'true', { timeout: 15_000 })
})

test('topic: each key reaches exactly the queues its patterns match', async ({ page }) => {
  await openLesson(page, 'topic')
  const none = { errors: 0, 'all-logs': 0, warnings: 0, 'eu-orders': 0 }
  expect(await counts(page)).toEqual(none)
  await press(page, 'log.error.database')
  await expect.poll(() => counts(page)).toEqual({ ...none, errors: 1, 'all-logs': 1 })
  await press(page, 'log.info.user')
  await expect.poll(() => counts(page)).toEqual({ ...none, errors: 1, 'all-logs': 2 })
  await press(page, 'log.warn.api')
  await expect.poll(() => counts(page)).toEqual({ ...none, errors: 1, 'all-logs': 3, warnings: 1 })
})

test('dlq: rejected orders and overflowed messages land in orders.dlq', async ({ page }) => {
  await openLesson(page, 'dlq')
  await press(page, 'orders')
  await expect.poll(async () => (await counts(page))['orders.dlq'], { timeout: 10_000 }).toBe(5)
  await expect(page.getByTestId('challenge-only-failed-orders')).toHaveAttribute('data-met', 'true')
  await press(page, 'small')
  await expect.poll(() => counts(page)).toMatchObject({ orders: 0, 'orders.small': 3, 'orders.dlq': 7 })
  await expect.poll(async () => (await consumer(page, 'picky-worker'))?.failed).toBe(5)
  // The shared DLQ now holds overflowed messages too: "nothing else" no longer holds, and says which part.
  await expect(page.getByTestId('challenge-only-failed-orders')).toHaveAttribute('data-met', 'false')
  await expect(page.getByTestId('condition-only-failed-orders-1')).toHaveAttribute('data-met', 'false')
  // Expired by the 10 s TTL: both move on, nothing else does.
  await press(page, 'ttl')
  await expect.poll(() => counts(page)).toMatchObject({ 'orders.ttl': 2, 'orders.dlq': 7 })
  await speed(page, 10)
  await expect
    .poll(() => counts(page), { timeout: 15_000 })
    .toEqual({ orders: 0, 'orders.ttl': 0, 'orders.small': 3, 'orders.dlq': 9 })
  await page.screenshot({ path: 'tests/e2e/screenshots/10-lesson-dlq.png' })
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
  await expect(page.getByTestId('challenge-calls-lost-orders-kept')).toHaveAttribute('data-met', 'true')
  await press(page, 'up')
  await expect
    .poll(async () => (await consumer(page, 'orders-worker'))!.acked - worked, { timeout: 20_000 })
    .toBeGreaterThanOrEqual(10)
})

test('work-queue: the workers share the tasks, none gets them all', async ({ page }) => {
  await openLesson(page, 'work-queue')
  await press(page, 'burst')
  await speed(page, 10)
  const acked = async () =>
    Promise.all(['worker-1', 'worker-2', 'worker-3'].map(async (id) => (await consumer(page, id))?.acked ?? 0))
  await expect.poll(async () => (await producer(page, 'burst'))?.published).toBe(30)
  await expect.poll(async () => (await acked()).reduce((a, b) => a + b, 0), { timeout: 20_000 }).toBe(30)
  const got = await acked()
  for (const n of got) expect(n).toBeGreaterThan(0)
  expect(Math.max(...got) - Math.min(...got)).toBeLessThanOrEqual(1) // round-robin, prefetch 1, equal speed
  expect((await counts(page)).tasks).toBe(0)
})

test('direct: each key reaches only its queue; an unknown key is dropped', async ({ page }) => {
  await openLesson(page, 'direct')
  expect(await counts(page)).toEqual({ payment: 0, notify: 0, refund: 0 })
  await press(page, 'order.paid')
  await expect.poll(() => counts(page)).toEqual({ payment: 1, notify: 0, refund: 0 })
  await press(page, 'order.new')
  await press(page, 'order.cancelled')
  await expect.poll(() => counts(page)).toEqual({ payment: 1, notify: 1, refund: 1 })
  await press(page, 'order.shipped')
  await expect.poll(async () => (await producer(page, 'order.shipped'))?.published).toBe(1)
  expect(await counts(page)).toEqual({ payment: 1, notify: 1, refund: 1 })
})

test('fanout: every queue gets every signup', async ({ page }) => {
  await openLesson(page, 'fanout')
  await press(page, 'one')
  await expect.poll(() => counts(page)).toEqual({ emails: 1, logs: 1, analytics: 1 })
  await press(page, 'burst')
  await expect.poll(() => counts(page)).toEqual({ emails: 11, logs: 11, analytics: 11 })
})

test('headers: x-match all needs every header, any needs one', async ({ page }) => {
  await openLesson(page, 'headers')
  await press(page, 'pdf-eu')
  await expect.poll(() => counts(page)).toEqual({ 'pdf-eu-all': 1, 'any-pdf-or-eu': 1 })
  await press(page, 'pdf-us')
  await expect.poll(() => counts(page)).toEqual({ 'pdf-eu-all': 1, 'any-pdf-or-eu': 2 })
  await press(page, 'csv-us')
  await expect.poll(async () => (await producer(page, 'csv-us'))?.published).toBe(1)
  expect(await counts(page)).toEqual({ 'pdf-eu-all': 1, 'any-pdf-or-eu': 2 })
})

test('queues: TTL, max-length, exclusive and auto-delete each do their part', async ({ page }) => {
  await openLesson(page, 'queues')
  await press(page, 'send')
  await expect
    .poll(() => counts(page))
    .toMatchObject({ 'jobs.durable': 3, 'alerts.ttl': 3, 'latest.max-length': 3, 'session.exclusive': 0 })
  await speed(page, 10)
  await expect.poll(async () => (await counts(page))['alerts.ttl'], { timeout: 10_000 }).toBe(0)
  await press(page, 'reader-off')
  await expect.poll(async () => 'feed.auto-delete' in (await counts(page))).toBe(false)
  await expect(page.getByTestId('challenge-auto-delete')).toHaveAttribute('data-met', 'true')
  await expect(page.getByTestId('challenge-limits')).toHaveAttribute('data-met', 'true')
})

test('bindings: a queue with two bindings, a key shared by two queues', async ({ page }) => {
  await openLesson(page, 'bindings')
  for (const key of ['invoice.created', 'invoice.paid', 'invoice.void']) await press(page, key)
  await expect.poll(async () => (await producer(page, 'invoice.void'))?.published).toBe(1)
  await expect.poll(() => counts(page)).toEqual({ billing: 2, audit: 1 })
})

test('acks: a crash loses the auto-acked messages and redelivers the manual ones; nack and reject settle', async ({
  page,
}) => {
  await openLesson(page, 'acks')
  await press(page, 'burst')
  await expect.poll(async () => (await consumer(page, 'auto-worker'))?.received).toBe(10)
  await expect.poll(async () => (await consumer(page, 'manual-worker'))?.inFlight).toBe(5)
  expect(await counts(page)).toMatchObject({ 'auto-ack': 0, 'manual-ack': 10 })
  await press(page, 'crash')
  await expect.poll(async () => (await consumer(page, 'manual-worker'))?.inFlight).toBe(0)
  const c = await counts(page)
  expect(c['auto-ack']).toBe(0) // handed out and forgotten
  expect(c['manual-ack']).toBe(10) // the 5 in flight came back
  await press(page, 'online')
  await press(page, 'failing')
  await speed(page, 25)
  await expect.poll(async () => (await consumer(page, 'manual-worker'))?.acked, { timeout: 20_000 }).toBe(10)
  await expect.poll(async () => (await consumer(page, 'requeue-worker'))?.acked, { timeout: 10_000 }).toBe(3)
  await expect(page.getByTestId('challenge-three-refusals')).toHaveAttribute('data-met', 'true')
  await expect(page.getByTestId('challenge-crash-redelivers')).toHaveAttribute('data-met', 'true')
  expect(await counts(page)).toMatchObject({ 'nack-requeue': 0, 'nack-discard': 0, 'reject-discard': 0 })
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
  await press(page, 'burst')
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
  await expect(page.getByTestId('challenge-slow-holds-one')).toHaveAttribute('data-met', 'false')
})

test('fire-and-forget (Redis pub/sub): offline subscribers miss every message, the RabbitMQ queue keeps them', async ({
  page,
}) => {
  await openLesson(page, 'fire-and-forget')
  await expect(page.getByTestId('lesson-title')).toContainText('RabbitMQ vs Redis pub/sub')
  await press(page, 'offline')
  await press(page, 'publish')
  await expect.poll(async () => (await producer(page, 'publisher'))?.published).toBe(20)
  await expect.poll(() => counts(page)).toEqual({ 'pubsub.subscriber': 0, 'rabbitmq.subscriber': 20 })
  expect((await producer(page, 'publisher'))!.nacked).toBe(0)
  await press(page, 'online')
  await speed(page, 25)
  await expect.poll(async () => (await consumer(page, 'rabbitmq-worker'))?.acked, { timeout: 20_000 }).toBe(20)
  expect((await consumer(page, 'pubsub-worker'))!.received).toBe(0)
  await expect(page.getByTestId('challenge-offline-subscriber')).toHaveAttribute('data-met', 'true')
})

test('ecommerce: payments and analytics flow, failures land in payment.dlq', async ({ page }) => {
  await openLesson(page, 'ecommerce')
  await speed(page, 50)
  await expect
    .poll(async () => (await consumer(page, 'analytics-worker'))?.acked ?? 0, { timeout: 20_000 })
    .toBeGreaterThan(200)
  const failedNow = async () =>
    ((await consumer(page, 'payment-worker-1'))?.failed ?? 0) +
    ((await consumer(page, 'payment-worker-2'))?.failed ?? 0)
  expect(await failedNow()).toBeGreaterThan(0)
  // Paused, every failed payment is in payment.dlq and nowhere else.
  await page.getByTestId('time-play').click()
  await expect(page.getByTestId('time-play')).toHaveAttribute('data-paused', 'true')
  await expect.poll(async () => (await counts(page))['payment.dlq'] - (await failedNow())).toBe(0)
  expect((await counts(page))['payment.dlq']).toBeGreaterThan(0)
  await expect(page.getByTestId('condition-failed-payments-0')).toHaveAttribute('data-met', 'true')
  await expect(page.getByTestId('condition-failed-payments-1')).toHaveAttribute('data-met', 'true')
})

test('quorum: the delivery limit dead-letters the poison message', async ({ page }) => {
  await openLesson(page, 'quorum')
  await press(page, 'poison')
  await speed(page, 10)
  await expect.poll(() => counts(page), { timeout: 15_000 }).toEqual({ 'orders.quorum': 0, 'orders.poison': 1 })
  await expect(page.getByTestId('challenge-delivery-limit')).toHaveAttribute('data-met', 'true')
})

test('management-tour: a policy set from Admin, a purge and a requeued get, each checked by the broker', async ({
  page,
}) => {
  await openLesson(page, 'management-tour')
  for (const id of ['ttl-policy', 'purge', 'get-requeue'])
    await expect(page.getByTestId(`challenge-${id}`)).toHaveAttribute('data-met', 'false')
  await page.getByTestId('tab-management').click()
  await page.getByTestId('mgmt-tab-admin').click()
  const form = page.getByTestId('mgmt-admin').locator('form', { hasText: 'Add / update a policy' })
  await form.getByLabel('Name').fill('stale-ttl')
  await form.getByLabel('Pattern').fill('^orders\\.stale$')
  await form.getByLabel('Definition').fill('{"message-ttl": 5000}')
  await form.getByRole('button', { name: /Add \/ update a policy/ }).click()
  await expect(page.getByTestId('mgmt-policies')).toContainText('stale-ttl')
  await press(page, 'send')
  await advanceVirtualTime(page, 6_000)
  await resumeVirtualTime(page)
  await expect(page.getByTestId('challenge-ttl-policy')).toHaveAttribute('data-met', 'true')

  await page.getByTestId('mgmt-tab-queues').click()
  await page.getByTestId('mgmt-queues').locator(`tr[data-row='["/","orders.old"]']`).click()
  await page.getByRole('button', { name: 'Purge messages' }).click()
  await expect(page.getByTestId('mgmt-queue-ready')).toHaveText('0')
  await expect(page.getByTestId('challenge-purge')).toHaveAttribute('data-met', 'true')

  await page.getByTestId('mgmt-tab-queues').click()
  await page.getByTestId('mgmt-queues').locator(`tr[data-row='["/","orders"]']`).click()
  await page.getByRole('button', { name: 'Get message(s)' }).click()
  await expect(page.getByTestId('mgmt-got')).toContainText('order')
  await page.getByRole('button', { name: 'Get message(s)' }).click()
  await expect(page.getByTestId('challenge-get-requeue')).toHaveAttribute('data-met', 'true')
})

/** Ready plus unacked messages of a queue on another broker of the design, through its management API. */
const depthOn = (page: Page, broker: string, queue: string) =>
  page.evaluate(
    async ([b, q]) =>
      (
        (await window.warren.management.broker(b).get(`/api/queues/%2F/${encodeURIComponent(q)}`)).body as {
          messages: number
        }
      ).messages,
    [broker, queue] as const,
  )

const pauseVirtualTime = (page: Page) => page.evaluate(() => window.warren.clock({ kind: 'pause' }))

for (const [mode, arrived, challenge] of [
  ['on-confirm', 20, 'nothing-lost'],
  ['on-publish', 10, 'on-publish-loses'],
] as const)
  test(`shovel (${mode}): a cut catches 10 orders on the way to dc-london; ${arrived} of 20 arrive`, async ({
    page,
  }) => {
    await openLesson(page, 'shovel')
    await pauseVirtualTime(page)
    if (mode === 'on-publish') await press(page, 'on-publish')
    // A first 10 cross while the link is up: the shovel, restarted with its ack mode, is connected.
    await press(page, 'send')
    await advanceVirtualTime(page, 10_000)
    expect(await depthOn(page, 'dc-london', 'orders.copy')).toBe(10)
    await expect(page.getByTestId(`challenge-${challenge}`)).toHaveAttribute('data-met', 'false')
    await press(page, 'send')
    // on-publish acks "orders" on a timer due now: one step runs it. on-confirm has nothing due before the wire's
    // arrivals a second on (a step would deliver them and the cut would catch their confirms instead).
    if (mode === 'on-publish') await page.evaluate(() => window.warren.clock({ kind: 'step' }))
    const wire = await page.evaluate(async () => (await window.warren.links.list()).map((l) => l.inFlight))
    expect(wire).toEqual([10]) // the link's 1 s latency holds them
    await press(page, 'cut')
    await press(page, 'restore')
    await advanceVirtualTime(page, 10_000)
    expect(await depthOn(page, 'dc-london', 'orders.copy')).toBe(arrived)
    expect(await counts(page)).toEqual({ orders: 0 })
    await expect(page.getByTestId(`challenge-${challenge}`)).toHaveAttribute('data-met', 'true')
  })

test('two-datacenters: during a cut the events wait in Paris, then all reach London', async ({ page }) => {
  await openLesson(page, 'two-datacenters')
  await pauseVirtualTime(page)
  await advanceVirtualTime(page, 2000)
  await expect(page.getByTestId('broker-region-local')).toBeVisible()
  await expect(page.getByTestId('broker-region-dc-london')).toBeVisible()
  await expect(page.getByTestId('broker-link-dc-london-local')).toHaveAttribute('data-state', 'up')
  await press(page, 'cut')
  // The canvas draws the cut link between the two brokers.
  await expect(page.getByTestId('broker-link-dc-london-local')).toHaveAttribute('data-state', 'cut')
  await press(page, 'send')
  await advanceVirtualTime(page, 5000)
  expect(await counts(page)).toEqual({ 'paris.audit': 5, 'federation: events -> rabbit@dc-london': 5 })
  expect(await depthOn(page, 'dc-london', 'london.events')).toBe(0)
  await expect(page.getByTestId('challenge-wait-and-arrive')).toHaveAttribute('data-met', 'false')
  await press(page, 'restore')
  await expect(page.getByTestId('broker-link-dc-london-local')).toHaveAttribute('data-state', 'up')
  await advanceVirtualTime(page, 10_000)
  expect(await depthOn(page, 'dc-london', 'london.events')).toBe(5)
  await expect(page.getByTestId('challenge-wait-and-arrive')).toHaveAttribute('data-met', 'true')
})
