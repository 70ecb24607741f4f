import { expect, test, type Page } from '@playwright/test'

// Each test gets its own database, so tests never see each other's brokers.
const fresh = (name: string) => `/?db=${name}-${Date.now()}`

async function ready(page: Page) {
  await expect(page.getByTestId('broker-state')).toHaveAttribute('data-state', 'ready')
}

test('a reload keeps exactly the durable queue with its persistent messages, unacked ones redelivered', async ({
  page,
}) => {
  const url = fresh('reload')
  await page.goto(url)
  await ready(page)
  const before = await page.evaluate(async () => {
    const conn = await window.warren.connect()
    const ch = await conn.createConfirmChannel()
    await ch.assertQueue('durable-q', { durable: true })
    await ch.assertQueue('transient-q', { durable: false })
    for (const body of ['p1', 'p2', 'p3']) ch.sendToQueue('durable-q', body, { persistent: true })
    ch.sendToQueue('durable-q', 't1', { persistent: false })
    ch.sendToQueue('transient-q', 'p-in-transient', { persistent: true })
    await ch.waitForConfirms()
    const first = await ch.get('durable-q') // delivered, left unacked
    return { first: first && first.content.toString(), count: (await ch.checkQueue('durable-q')).messageCount }
  })
  expect(before).toEqual({ first: 'p1', count: 3 })

  await page.reload()
  await ready(page)
  const after = await page.evaluate(async () => {
    const conn = await window.warren.connect()
    const ch = await conn.createChannel()
    const snapshot = await window.warren.snapshot()
    const names = snapshot.queues.map((q) => q.name).sort()
    const bodies: [string, boolean][] = []
    for (;;) {
      const m = await ch.get('durable-q', { noAck: true })
      if (!m) break
      bodies.push([m.content.toString(), m.fields.redelivered])
    }
    return { names, bodies }
  })
  expect(after.names).toEqual(['durable-q'])
  expect(after.bodies).toEqual([
    ['p1', true],
    ['p2', false],
    ['p3', false],
  ])
})

test('warren.restart() behaves like a node restart', async ({ page }) => {
  await page.goto(fresh('restart'))
  await ready(page)
  const result = await page.evaluate(async () => {
    const conn = await window.warren.connect()
    const ch = await conn.createConfirmChannel()
    await ch.assertExchange('orders', 'topic', { durable: true })
    await ch.assertQueue('payments', { durable: true })
    await ch.bindQueue('payments', 'orders', 'order.paid')
    await ch.assertQueue('scratch', { durable: false })
    ch.publish('orders', 'order.paid', 'kept', { persistent: true })
    ch.publish('orders', 'order.paid', 'lost', { persistent: false })
    await ch.waitForConfirms()
    let closed = false
    conn.on('close', () => (closed = true))
    await window.warren.restart()
    const conn2 = await window.warren.connect()
    const ch2 = await conn2.createConfirmChannel()
    ch2.publish('orders', 'order.paid', 'after-restart', { persistent: true })
    await ch2.waitForConfirms()
    const got: string[] = []
    for (let m = await ch2.get('payments', { noAck: true }); m; m = await ch2.get('payments', { noAck: true }))
      got.push(m.content.toString())
    const snapshot = await window.warren.snapshot()
    return {
      closed,
      got,
      queues: snapshot.queues.map((q) => q.name).sort(),
      bindings: snapshot.bindings.filter((b) => b.source === 'orders').length,
    }
  })
  expect(result).toEqual({ closed: true, got: ['kept', 'after-restart'], queues: ['payments'], bindings: 1 })
})

test('a second tab gets the one-writer message and can take over', async ({ page, context }) => {
  const url = fresh('tabs')
  await page.goto(url)
  await ready(page)
  const second = await context.newPage()
  await second.goto(url)
  await expect(second.getByTestId('broker-state')).toHaveAttribute('data-state', 'locked')
  await expect(second.getByText('already open in another tab')).toBeVisible()
  await second.getByRole('button', { name: 'Use it here instead' }).click()
  await ready(second)
  await expect(page.getByTestId('broker-state')).toHaveAttribute('data-state', 'locked')
  await expect(page.getByTestId('broker-state')).toContainText('Another tab took over the broker')
})

test('channel errors reject with the AMQP code and close the channel, as amqplib does', async ({ page }) => {
  await page.goto(fresh('errors'))
  await ready(page)
  const result = await page.evaluate(async () => {
    const conn = await window.warren.connect()
    const ch = await conn.createChannel()
    let closed = false
    ch.on('close', () => (closed = true))
    const error = await ch.checkQueue('missing').then(
      () => null,
      (e: { code: number; message: string }) => ({ code: e.code, message: e.message }),
    )
    const afterClose = await ch.assertQueue('x').then(
      () => 'ok',
      (e: Error) => e.message,
    )
    return { error, closed, afterClose }
  })
  expect(result.error?.code).toBe(404)
  expect(result.error?.message).toContain('NOT_FOUND')
  expect(result.closed).toBe(true)
  expect(result.afterClose).toBe('Channel closed')
})

test('an unreadable saved record is reported in plain words, left out, and the rest recovers', async ({ page }) => {
  await page.goto(fresh('corrupt'))
  await ready(page)
  await page.evaluate(async () => {
    const conn = await window.warren.connect()
    const ch = await conn.createConfirmChannel()
    await ch.assertQueue('q', { durable: true })
    for (const body of ['a', 'b']) ch.sendToQueue('q', body, { persistent: true })
    await ch.waitForConfirms()
    // Damage two records behind the broker's back, as a bug or a disk error might.
    const name = `warren-${new URLSearchParams(location.search).get('db')}`
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name)
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
    })
    const tx = db.transaction(['queues', 'messages'], 'readwrite')
    tx.objectStore('queues').put({ name: 42 }, ['/', 'broken'])
    tx.objectStore('messages').put({ format: 2, seqs: 'not a list' }, ['/', 'q', 999])
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve
      tx.onerror = () => reject(tx.error)
    })
    db.close()
  })
  await page.reload()
  await ready(page)
  const problem = page.getByTestId('storage-problem')
  await expect(problem).toContainText('Some saved records could not be read and were left out')
  await expect(problem).toContainText('queues ["/","broken"]')
  await expect(problem).toContainText('messages ["/","q",999]')
  const bodies = await page.evaluate(async () => {
    const ch = await (await window.warren.connect()).createChannel()
    const out: string[] = []
    for (let m = await ch.get('q', { noAck: true }); m; m = await ch.get('q', { noAck: true }))
      out.push(m.content.toString())
    return out
  })
  expect(bodies).toEqual(['a', 'b'])
})
