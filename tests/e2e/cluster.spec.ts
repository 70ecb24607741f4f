import { expect, test, type Locator, type Page } from '@playwright/test'
import { openLesson, press } from './lesson-helpers.ts'
import { advanceVirtualTime, simulationStatus } from './virtual-time.ts'

// The three cluster lessons' moments, through their buttons, the cluster lanes and warren.management.

async function orders(page: Page) {
  return page.evaluate(async () => (await window.warren.management.get('/api/queues/%2F/orders')).body) as Promise<{
    node: string
    state: string
    leader?: string
    online?: string[]
  }>
}

const client = async (page: Page, id: string) => (await simulationStatus(page)).consumers.find((c) => c.id === id)!
const publisher = async (page: Page, id: string) => (await simulationStatus(page)).producers.find((p) => p.id === id)!

test('quorum queues survive a node: the leader’s node stops, another member leads, work carries on', async ({
  page,
}) => {
  const errors = await openLesson(page, 'quorum-survives')
  await expect(page.getByTestId('cluster-node-rabbit@n3')).toBeVisible()
  await expect(page.getByTestId('cluster-queue-rabbit@n1-orders')).toHaveAttribute('data-leader', 'true')
  expect((await orders(page)).leader).toBe('rabbit@n1')
  await advanceVirtualTime(page, 3_000)
  const before = (await client(page, 'orders-worker')).received
  await press(page, 'stop-leader')
  await advanceVirtualTime(page, 8_000)
  const q = await orders(page)
  expect(['rabbit@n2', 'rabbit@n3']).toContain(q.leader)
  expect(q.online).toEqual(['rabbit@n2', 'rabbit@n3'])
  expect((await client(page, 'orders-worker')).received).toBeGreaterThan(before + 10)
  expect((await publisher(page, 'checkout')).nacked).toBe(0)
  await expect(page.getByTestId('cluster-node-rabbit@n1')).toHaveAttribute('data-running', 'false')
  const nodes = await page.evaluate(async () => (await window.warren.management.get('/api/nodes')).body)
  expect((nodes as { name: string; running: boolean }[]).map((n) => n.running)).toEqual([false, true, true])
  expect(errors).toEqual([])
})

test('a classic queue on a dead node: nacks and 404 until its node returns', async ({ page }) => {
  await openLesson(page, 'classic-dead-node')
  await advanceVirtualTime(page, 2_000)
  await press(page, 'stop-home')
  await advanceVirtualTime(page, 5_000)
  expect((await orders(page)).state).toBe('stopped')
  expect((await publisher(page, 'checkout')).nacked).toBeGreaterThan(0)
  const stopped = await client(page, 'orders-worker')
  expect(stopped.state).toBe('stopped')
  expect(stopped.error).toMatch(/home node 'rabbit@n1'/)
  await press(page, 'start-home')
  await advanceVirtualTime(page, 3_000)
  expect((await orders(page)).state).toBe('running')
  expect((await client(page, 'orders-worker')).state).toBe('consuming')
})

test('no majority, no confirms: the minority side waits until the partition heals', async ({ page }) => {
  await openLesson(page, 'no-majority')
  await advanceVirtualTime(page, 2_000)
  await press(page, 'split')
  await advanceVirtualTime(page, 4_000)
  expect(['rabbit@n2', 'rabbit@n3']).toContain((await orders(page)).leader)
  const during = (await client(page, 'orders-worker')).received
  await advanceVirtualTime(page, 4_000)
  expect((await client(page, 'orders-worker')).received).toBe(during)
  await expect(page.getByTestId('cluster-heal')).toBeVisible()
  await press(page, 'heal')
  await advanceVirtualTime(page, 3_000)
  expect((await client(page, 'orders-worker')).received).toBeGreaterThan(during + 20)
})

test('warren.cluster and warren.connect({ node }) from the page', async ({ page }) => {
  await page.goto(`/?db=cluster-api-${Date.now()}`)
  await expect(page.getByTestId('broker-state')).toHaveAttribute('data-state', 'ready')
  const result = await page.evaluate(async () => {
    await window.warren.cluster.setSize(3)
    const conn = await window.warren.connect({ node: 'rabbit@n2' })
    const ch = await conn.createChannel()
    await ch.assertQueue('on-n2', { durable: true })
    const placed = (await window.warren.management.get('/api/queues/%2F/on-n2')).body as { node: string }
    const nodes = await window.warren.cluster.stop('n2')
    const down = (await window.warren.management.get('/api/queues/%2F/on-n2')).body as { state: string }
    return { node: placed.node, running: nodes.map((n) => n.running), state: down.state }
  })
  expect(result).toEqual({ node: 'rabbit@n2', running: [true, false, true], state: 'stopped' })
  await expect(page.getByTestId('cluster-queue-rabbit@n2-on-n2')).toBeVisible()
  // The lanes' own controls: start the node again, cut it off, heal.
  await page.getByTestId('cluster-start-rabbit@n2').click()
  await expect(page.getByTestId('cluster-node-rabbit@n2')).toHaveAttribute('data-running', 'true')
  await page.getByTestId('cluster-isolate-rabbit@n2').click()
  await expect(page.getByTestId('cluster-node-rabbit@n2')).toHaveAttribute('data-group', '0')
  await expect(page.getByTestId('cluster-node-rabbit@n1')).toHaveAttribute('data-group', '1')
  await page.getByTestId('cluster-heal').click()
  await expect(page.getByTestId('cluster-node-rabbit@n1')).toHaveAttribute('data-group', '0')
  await page.getByTestId('cluster-size').selectOption('5')
  await expect(page.getByTestId('cluster-node-rabbit@n5')).toBeVisible()
})

test('a consumer cut off from its quorum queue’s leader by a partition gets nothing until the heal', async ({
  page,
}) => {
  await page.goto(`/?db=cluster-partition-consumer-${Date.now()}`)
  await expect(page.getByTestId('broker-state')).toHaveAttribute('data-state', 'ready')
  await page.evaluate(async () => {
    const w = window as unknown as { cutOffReceived: string[] }
    w.cutOffReceived = []
    await window.warren.cluster.setSize(3)
    const onN1 = await (await window.warren.connect({ node: 'rabbit@n1' })).createConfirmChannel()
    await onN1.assertQueue('qq', { durable: true, arguments: { 'x-queue-type': 'quorum' } })
    const onN3 = await (await window.warren.connect({ node: 'rabbit@n3' })).createChannel()
    await onN3.consume('qq', (m) => m && w.cutOffReceived.push(m.content.toString()), { noAck: true })
    await window.warren.cluster.partition([['n1', 'n2'], ['n3']])
    onN1.sendToQueue('qq', new TextEncoder().encode('while split'), { persistent: true })
    await onN1.waitForConfirms()
  })
  const received = () => page.evaluate(() => (window as unknown as { cutOffReceived: string[] }).cutOffReceived)
  await advanceVirtualTime(page, 3_000)
  expect(await received()).toEqual([])
  await page.getByTestId('cluster-heal').click()
  await expect.poll(received).toEqual(['while split'])
})

test('the inspector shows a quorum queue’s members, their lag and the leader history after an election', async ({
  page,
}) => {
  await openLesson(page, 'quorum-survives')
  await page.locator('.react-flow__node[data-id="queue:orders"]').getByTestId('node-name').click()
  const members = page.getByTestId('queue-members')
  await expect(members.getByTestId('queue-member-rabbit@n1')).toHaveAttribute('data-leader', 'true')
  await expect(members.getByTestId('leader-change')).toHaveCount(1)
  await advanceVirtualTime(page, 2_000)
  await press(page, 'stop-leader')
  await advanceVirtualTime(page, 6_000)
  await expect(members.getByTestId('queue-member-rabbit@n1')).toHaveAttribute('data-online', 'false')
  await expect(members.locator('[data-testid="leader-change"][data-reason="elected"]')).toHaveCount(1)
  await expect(members.locator('[data-testid="leader-change"][data-reason="majority-lost"]')).toHaveCount(1)
  // The stopped member falls behind by what the new leader took; its lane mark says so too.
  await expect
    .poll(async () => Number(await members.getByTestId('queue-member-rabbit@n1').getAttribute('data-behind')))
    .toBeGreaterThan(0)
  await expect
    .poll(async () => Number(await page.getByTestId('cluster-queue-rabbit@n1-orders').getAttribute('data-behind')))
    .toBeGreaterThan(0)
  for (const [width, height] of [
    [1100, 700],
    [1440, 900],
    [1920, 1080],
  ]) {
    await page.setViewportSize({ width, height })
    await members.scrollIntoViewIfNeeded()
    await page.screenshot({ path: `tests/e2e/screenshots/cluster-members-${width}x${height}.png` })
  }
})

test('partition by drag: a node lane dragged to the new-group area is cut off, dragged back onto a lane it heals', async ({
  page,
}) => {
  await page.goto(`/?db=cluster-drag-${Date.now()}`)
  await expect(page.getByTestId('broker-state')).toHaveAttribute('data-state', 'ready')
  await page.getByTestId('cluster-size').selectOption('3')
  const lane = (n: number) => page.getByTestId(`cluster-node-rabbit@n${n}`)
  const drag = async (from: Locator, to: () => Locator) => {
    const a = (await from.locator('strong').boundingBox())!
    await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2)
    await page.mouse.down()
    await page.mouse.move(a.x + a.width / 2 + 20, a.y + a.height / 2 + 5, { steps: 5 })
    await expect(to()).toBeVisible()
    const b = (await to().boundingBox())!
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 10 })
    await page.mouse.up()
  }
  await drag(lane(3), () => page.getByTestId('cluster-new-group'))
  await expect(lane(3)).toHaveAttribute('data-group', '1')
  await expect(lane(1)).toHaveAttribute('data-group', '0')
  await expect(page.getByTestId('cluster-new-group')).toHaveCount(0)
  const groups = await page.evaluate(async () => (await window.warren.cluster.nodes()).map((n) => n.group))
  expect(groups).toEqual([0, 0, 1])
  await drag(lane(3), () => lane(1))
  await expect(lane(3)).toHaveAttribute('data-group', '0')
  await expect(page.getByTestId('cluster-heal')).toHaveCount(0)
})
