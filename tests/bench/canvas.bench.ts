// Canvas frame-time benchmark: `npm run bench:browser:canvas` (or `... -- --json FILE --seconds S`).
//
// Opens a 100-node design (4 producers, 16 exchanges, 40 queues, 40 simulated consumers acking 8 msg/s each),
// publishes through the broker at 60 Hz to a fanout that reaches every queue, so every queue count on the
// canvas changes on every frame (events -> snapshot -> store -> one node re-render each), and records the
// time between animation frames. Reports p50 / p95 / p99 / max frame time and how often counts changed.

import { writeFileSync } from 'node:fs'
import { designerPage, launchChromium, startPreview } from './preview-browser.ts'

const argv = process.argv.slice(2)
const option = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined)
const SECONDS = Number(option('--seconds') ?? 6)
const JSON_FILE = option('--json')
const PORT = 4175

let stop = () => {}
try {
  stop = await startPreview(PORT)
  const browser = await launchChromium()
  const page = await designerPage(browser)
  if (process.env.BENCH_IDLE) await page.addInitScript('window.__idle = true')
  if (process.env.BENCH_NO_CONSUMERS) await page.addInitScript('window.__noConsumers = true')
  await page.goto(`http://localhost:${PORT}/?db=bench-canvas-${Date.now()}&example=none`)
  await page.getByTestId('broker-state').and(page.locator('[data-state="ready"]')).waitFor()
  await page.getByTestId('save-state').and(page.locator('[data-state="saved"]')).waitFor()

  const counts = await page.evaluate(async () => {
    const { actions, store } = (window as any).warrenDesigner
    const xdef = (name: string, type: string) => ({
      name,
      type,
      durable: false,
      autoDelete: false,
      internal: false,
      arguments: {},
    })
    const result = await actions.commit((doc: any) => {
      const d = {
        ...doc,
        exchanges: { ...doc.exchanges },
        queues: { ...doc.queues },
        bindings: [...doc.bindings],
        producers: { ...doc.producers },
        consumers: { ...doc.consumers },
      }
      d.exchanges['bench.in'] = xdef('bench.in', 'fanout')
      // Stopped producers: the page publishes the ticks itself so every frame sees a count change.
      for (let p = 0; p < 4; p++)
        d.producers[`p${p}`] = {
          id: `p${p}`,
          name: `producer ${p}`,
          exchange: 'bench.in',
          routingKey: '',
          routingKeyMode: 'fixed',
          rate: 1,
          burst: 10,
          running: false,
          headers: {},
          persistent: false,
          expiration: null,
          priority: null,
          body: 'message {n}',
          mandatory: false,
          confirms: false,
        }
      for (let x = 0; x < 15; x++) {
        d.exchanges[`bench.x${x}`] = xdef(`bench.x${x}`, 'fanout')
        d.bindings.push({
          source: 'bench.in',
          destination: `bench.x${x}`,
          destinationType: 'exchange',
          routingKey: '',
          arguments: {},
        })
      }
      for (let q = 0; q < 40; q++) {
        const name = `bench.q${q}`
        d.queues[name] = { name, durable: false, exclusive: false, autoDelete: false, arguments: {} }
        d.bindings.push({
          source: `bench.x${q % 15}`,
          destination: name,
          destinationType: 'queue',
          routingKey: '',
          arguments: {},
        })
        if (!(window as any).__noConsumers)
          d.consumers[`c${q}`] = {
            id: `c${q}`,
            name: `consumer ${q}`,
            queue: name,
            ackMode: 'manual',
            prefetch: 2,
            processingMs: 250,
            behaviour: { kind: 'ack' },
          }
      }
      return d
    })
    if (!result.ok) throw new Error(result.error)
    await actions.autoLayout()
    return { nodes: store.getState().nodes.length, edges: store.getState().edges.length }
  })
  await page.waitForTimeout(1000)

  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable')
  const metrics = async () =>
    Object.fromEntries(
      ((await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }).metrics.map(
        (m) => [m.name, m.value],
      ),
    )
  const runPromise = page.evaluate(async (seconds) => {
    const { store, session } = (window as any).warrenDesigner
    let snapshots = 0
    const send = session.client.send.bind(session.client)
    let latency = 0
    session.client.send = (c: any) => {
      if (c.type !== 'snapshot') return send(c)
      snapshots++
      const t0 = performance.now()
      return send(c).then((r: unknown) => ((latency += performance.now() - t0), r))
    }
    const conn = await (window as any).warren.connect()
    const ch = await conn.createChannel()
    let updates = 0
    const off = store.subscribe((s: any, prev: any) => {
      if (s.queueStats !== prev.queueStats) updates++
    })
    const publisher = setInterval(() => {
      if (!(window as any).__idle) ch.publish('bench.in', '', 'tick')
    }, 1000 / 60)
    await new Promise((r) => setTimeout(r, 1000)) // warm-up: queues fill, consumers settle
    updates = 0
    snapshots = 0
    latency = 0
    const frames: number[] = []
    await new Promise<void>((resolve) => {
      let last = performance.now()
      const start = last
      const tick = (now: number) => {
        frames.push(now - last)
        last = now
        if (now - start < seconds * 1000) requestAnimationFrame(tick)
        else resolve()
      }
      requestAnimationFrame(tick)
    })
    clearInterval(publisher)
    off()
    const sorted = [...frames].sort((a, b) => a - b)
    const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
    const total = frames.reduce((a, b) => a + b, 0)
    const depth = store.getState().queueStats['bench.q0']
    return {
      frames: frames.length,
      fps: frames.length / (total / 1000),
      p50: pct(50),
      p95: pct(95),
      p99: pct(99),
      max: sorted[sorted.length - 1],
      countUpdatesPerSecond: updates / (total / 1000),
      snapshotsPerSecond: snapshots / (total / 1000),
      snapshotLatencyMs: latency / Math.max(1, snapshots),
      sampleQueue: depth,
    }
  }, SECONDS)
  await page.waitForTimeout(1000) // the in-page warm-up
  const m0 = await metrics()
  const result = await runPromise
  const m1 = await metrics()
  const wall = m1.Timestamp - m0.Timestamp
  const busy = {
    task: (m1.TaskDuration - m0.TaskDuration) / wall,
    script: (m1.ScriptDuration - m0.ScriptDuration) / wall,
    layout: (m1.LayoutDuration - m0.LayoutDuration) / wall,
    style: (m1.RecalcStyleDuration - m0.RecalcStyleDuration) / wall,
  }

  await browser.close()
  const report = { ...counts, seconds: SECONDS, ...result, mainThreadBusy: busy }
  const ms = (v: number) => `${v.toFixed(1)} ms`
  console.log(`canvas: ${counts.nodes} nodes, ${counts.edges} edges, counts changing at 60 Hz for ${SECONDS} s`)
  console.log(
    `  frames ${result.frames} (${result.fps.toFixed(1)} fps), snapshots ${result.snapshotsPerSecond.toFixed(1)}/s (${result.snapshotLatencyMs.toFixed(1)} ms each), count updates ${result.countUpdatesPerSecond.toFixed(1)}/s`,
  )
  console.log(`  frame time p50 ${ms(result.p50)}  p95 ${ms(result.p95)}  p99 ${ms(result.p99)}  max ${ms(result.max)}`)
  const pc = (v: number) => `${(v * 100).toFixed(0)}%`
  console.log(
    `  main thread busy ${pc(busy.task)} (script ${pc(busy.script)}, style ${pc(busy.style)}, layout ${pc(busy.layout)})`,
  )
  console.log(
    `  p95 ${result.p95 <= 16.7 + 0.5 ? 'within' : 'over'} the 16.7 ms frame budget (0.5 ms allowed for vsync jitter)`,
  )
  if (JSON_FILE) writeFileSync(JSON_FILE, JSON.stringify(report, null, 2))
} finally {
  stop()
}
