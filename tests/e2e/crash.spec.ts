import { expect, test } from '@playwright/test'

// The broker worker is killed (no graceful shutdown) at random moments while the page publishes
// confirmed persistent messages and a consumer acks some of them; a new worker recovers from IndexedDB.
// After each crash:
//   - a confirmed message is present exactly once, unless it was acked;
//   - an ack sent before a publish that was then confirmed is durable: that message is gone
//     (commands run in order and a confirm waits for every change before it);
//   - nothing is present twice, nothing unknown appears, order is publish order.
// A message the page never saw may still come back redelivered: the worker may have sent it in the batch
// the crash cut off, and redelivered means "may have been delivered before", as in RabbitMQ.
// Randomness comes from a seeded generator; only the crash timing depends on the machine.

const ROUNDS = 24

test(`${ROUNDS} crashes while publishing and acking: confirmed messages survive exactly once`, async ({ page }) => {
  test.setTimeout(180_000)
  await page.goto(`/?db=crash-${Date.now()}`)
  await expect(page.getByTestId('broker-state')).toHaveAttribute('data-state', 'ready')

  const result = await page.evaluate(async (rounds) => {
    let seed = 20240601
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296
    }
    interface Known {
      n: number
      pubOp: number // position in the page's command stream; 0 for messages recovered from disk
      confirmed: boolean
      ackOp: number | null
      delivered: boolean
    }
    const QUEUE = 'crash-q'
    const warren = window.warren
    const known = new Map<string, Known>()
    const failures: string[] = []
    const stats = {
      published: 0,
      confirmed: 0,
      acked: 0,
      ackedBeforeAConfirm: 0,
      unconfirmedSurvivors: 0,
      redeliveredSurvivors: 0,
      roundsWithConfirms: 0,
    }
    let next = 1

    for (let round = 1; round <= rounds; round++) {
      let op = 0
      let lastConfirmedOp = 0
      let crashed = false
      const conn = await warren.connect()
      const pub = await conn.createConfirmChannel()
      const sub = await conn.createChannel()
      pub.on('error', () => {})
      sub.on('error', () => {})
      await pub.assertQueue(QUEUE, { durable: true })
      await sub.prefetch(10 + Math.floor(random() * 90))
      for (const k of known.values()) k.delivered = false
      const ackChance = 0.5 + random() * 0.5
      await sub.consume(QUEUE, (m) => {
        if (!m || crashed) return
        const k = known.get(m.content.toString())
        if (!k) return void failures.push(`round ${round}: delivered unknown message ${m.content.toString()}`)
        k.delivered = true
        if (random() < ackChance) {
          sub.ack(m)
          k.ackOp = ++op
        }
      })

      // Crash after 0-120 ms: early rounds hit the first commits, later ones land anywhere in the traffic.
      const delay = Math.floor(random() * 120)
      const crash = new Promise<void>((resolve) =>
        setTimeout(() => {
          crashed = true
          void warren.crashForTests().then(resolve)
        }, delay),
      )
      while (!crashed) {
        const chunk = 1 + Math.floor(random() * 300)
        for (let i = 0; i < chunk; i++) {
          const body = `m${next++}`
          const k: Known = { n: next - 1, pubOp: ++op, confirmed: false, ackOp: null, delivered: false }
          known.set(body, k)
          stats.published++
          pub.sendToQueue(QUEUE, body, { persistent: true }, (error) => {
            if (error || crashed) return
            k.confirmed = true
            lastConfirmedOp = Math.max(lastConfirmedOp, k.pubOp)
          })
        }
        await new Promise((resolve) => setTimeout(resolve, random() * 3))
      }
      await crash

      const after = await warren.client.send({
        type: 'peek',
        vhost: '/',
        queue: QUEUE,
        limit: 1_000_000,
      })
      const present = new Map<string, boolean>()
      let lastN = 0
      for (const m of after) {
        const body = String(m.body)
        const k = known.get(body)
        if (!k) failures.push(`round ${round}: unknown message ${body} after the crash`)
        else if (k.n <= lastN) failures.push(`round ${round}: ${body} out of publish order`)
        else lastN = k.n
        if (present.has(body)) failures.push(`round ${round}: ${body} present twice`)
        present.set(body, m.redelivered)
      }
      for (const [body, k] of known) {
        const here = present.has(body)
        if (k.confirmed && k.pubOp > 0) stats.confirmed++
        if (k.ackOp !== null) stats.acked++
        if (k.confirmed && k.ackOp === null && !here) failures.push(`round ${round}: confirmed ${body} lost`)
        if (k.ackOp !== null && k.ackOp < lastConfirmedOp) {
          stats.ackedBeforeAConfirm++
          if (here)
            failures.push(`round ${round}: ${body} acked before a later confirmed publish, but back after the crash`)
        }
        if (here && !k.confirmed && k.pubOp > 0) stats.unconfirmedSurvivors++
        if (here && present.get(body)) stats.redeliveredSurvivors++
      }
      // What is on disk now is the starting point of the next round: all of it counts as confirmed.
      for (const body of [...known.keys()]) if (!present.has(body)) known.delete(body)
      for (const k of known.values()) Object.assign(k, { pubOp: 0, confirmed: true, ackOp: null })
      if (lastConfirmedOp > 0) stats.roundsWithConfirms++
    }
    return { failures: failures.slice(0, 20), failureCount: failures.length, stats, left: known.size }
  }, ROUNDS)

  expect(result.failures).toEqual([])
  expect(result.failureCount).toBe(0)
  // The rounds did real work: messages were confirmed, acked, and acks were checked against later confirms.
  expect(result.stats.confirmed).toBeGreaterThan(1000)
  expect(result.stats.acked).toBeGreaterThan(100)
  expect(result.stats.ackedBeforeAConfirm).toBeGreaterThan(50)
  expect(result.stats.roundsWithConfirms).toBeGreaterThanOrEqual(ROUNDS / 3)
  test
    .info()
    .annotations.push({ type: 'crash stats', description: JSON.stringify({ ...result.stats, left: result.left }) })
})
