// Page-side workloads of `npm run bench:browser`, loaded into the built app as a plain script
// (no bundler transform, so nothing is injected into the functions). Everything goes through window.warren.

const BODY = 'sixteen-byte-msg' // 16 bytes

/**
 * 1 producer on a confirm channel, 1 consumer with prefetch 200 acking each message, one durable queue.
 * The producer keeps at most `window` publishes unconfirmed, as PerfTest's --confirm does.
 */
async function pipeline({ messages, persistent, window: windowSize, chunk, events, prefetch = 200 }) {
  const warren = window.warren
  const queue = `bench-${persistent ? 'p' : 't'}-${Math.random().toString(36).slice(2)}`
  const conn = await warren.connect()
  const pub = await conn.createConfirmChannel()
  const sub = await conn.createChannel()
  await pub.assertQueue(queue, { durable: true })
  await sub.prefetch(prefetch)
  let eventCount = 0
  const offEvents = events ? warren.client.onEvents((batch) => (eventCount += batch.length)) : null
  if (events) await warren.snapshot() // the events command has reached the worker

  let received = 0
  let consumed
  const allConsumed = new Promise((resolve) => (consumed = resolve))
  await sub.consume(queue, (message) => {
    if (!message) return // cancelled: the queue is deleted at the end
    sub.ack(message)
    if (++received === messages) consumed()
  })

  let confirmed = 0
  let nacked = 0
  let outstanding = 0
  let wake = null
  const onConfirm = (error) => {
    if (error) nacked++
    confirmed++
    outstanding--
    if (wake && outstanding <= windowSize - chunk) {
      const w = wake
      wake = null
      w()
    }
  }
  const options = { persistent }
  const started = performance.now()
  let sent = 0
  while (sent < messages) {
    if (outstanding > windowSize - chunk) await new Promise((resolve) => (wake = resolve))
    const n = Math.min(chunk, messages - sent)
    for (let i = 0; i < n; i++) pub.sendToQueue(queue, BODY, options, onConfirm)
    sent += n
    outstanding += n
  }
  await pub.waitForConfirms().catch(() => {})
  await allConsumed
  const ms = performance.now() - started
  const eventsSeenAt = eventCount
  offEvents?.()
  await pub.deleteQueue(queue)
  await conn.close()
  return { ms, messages, received, confirmed, nacked, events: eventsSeenAt }
}

/** Publishes `messages` confirmed persistent messages to a durable queue, then times warren.restart(). */
async function restartWith({ messages, chunk }) {
  const warren = window.warren
  const conn = await warren.connect()
  const ch = await conn.createConfirmChannel()
  const queue = 'bench-restart'
  await ch.assertQueue(queue, { durable: true })
  await ch.purgeQueue(queue)
  const fillStarted = performance.now()
  for (let sent = 0; sent < messages; sent += chunk) {
    const n = Math.min(chunk, messages - sent)
    for (let i = 0; i < n; i++) ch.sendToQueue(queue, BODY, { persistent: true })
    await ch.waitForConfirms()
  }
  const fillMs = performance.now() - fillStarted
  const started = performance.now()
  await warren.restart()
  const ms = performance.now() - started
  const recovery = warren.client.state.kind === 'ready' ? warren.client.state.recovery : null
  const conn2 = await warren.connect()
  const ch2 = await conn2.createChannel()
  const { messageCount } = await ch2.checkQueue(queue)
  await ch2.deleteQueue(queue)
  await conn2.close()
  return { ms, fillMs, recovery, messageCount }
}

window.__warrenBench = { pipeline, restartWith }
