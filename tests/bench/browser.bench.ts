// Broker throughput in a real browser: `npm run bench:browser` (or `npm run bench:browser -- --json FILE`).
//
// Serves the built app with `vite preview` on port 4174, opens it in headless Chromium (Debian's, as the
// e2e tests do) and runs tests/bench/browser-workloads.js in the page, through window.warren only:
//   persistent  confirmed persistent messages, 1 producer -> durable queue -> 1 consumer (prefetch 200, acks each)
//   transient   the same path with transient messages
//   events      the transient path with broker events on: events/s reaching the page
//   restart100k warren.restart() with 100,000 persisted messages, page-side wall time
// Bodies are 16 bytes. Each throughput figure: one warm-up run, then the median of --runs runs.
//
// Options: --json FILE      write the figures as JSON
//          --messages N     messages per throughput run (default 200000)
//          --runs N         timed runs per figure (default 3)
//          --only a,b       persistent, transient, events, restart100k
// Environment: BENCH_PORT (default 4174), BENCH_JS_FLAGS (passed to Chromium as --js-flags, e.g. for profiling).

import { spawn, type ChildProcess } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import os from 'node:os'
import { chromium, type Page } from '@playwright/test'

const argv = process.argv.slice(2)
const option = (name: string) => {
  const at = argv.indexOf(name)
  return at >= 0 ? argv[at + 1] : undefined
}
const JSON_FILE = option('--json')
const MESSAGES = Number(option('--messages') ?? 200_000)
const RUNS = Number(option('--runs') ?? 3)
const ONLY = option('--only')?.split(',') ?? null
// By default the designer's own event feeds (dots, metrics) are off, so the figures are the broker path's;
// --with-ui-feeds measures with the whole designer listening to every event.
const FEEDS_OFF = !argv.includes('--with-ui-feeds')
const PORT = Number(process.env.BENCH_PORT ?? 4174)
const BASE = `http://localhost:${PORT}`
const WINDOW = 10_000 // unconfirmed publishes allowed in flight
const CHUNK = 1_000 // publishes per task

const enabled = (name: string) => !ONLY || ONLY.includes(name)
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const root = fileURLToPath(new URL('../..', import.meta.url))

interface PipelineResult {
  ms: number
  messages: number
  received: number
  confirmed: number
  nacked: number
  events: number
}
interface RestartResult {
  ms: number
  fillMs: number
  recovery: { ms: number; messages: number } | null
  messageCount: number
}

async function startServer(): Promise<ChildProcess> {
  const taken = await fetch(BASE).then(
    () => true,
    () => false,
  )
  if (taken) throw new Error(`port ${PORT} is already serving something; stop it or set BENCH_PORT`)
  const server = spawn(`${root}node_modules/.bin/vite`, ['preview', '--strictPort', '--port', String(PORT)], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  for (let i = 0; i < 100; i++) {
    if (server.exitCode !== null)
      throw new Error(`vite preview exited with ${server.exitCode} (is port ${PORT} free? did vite build run?)`)
    try {
      if ((await fetch(BASE)).ok) return server
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  server.kill()
  throw new Error('vite preview did not start')
}

async function openApp(page: Page, db: string): Promise<void> {
  await page.goto(`${BASE}/?db=${db}&example=none${FEEDS_OFF ? '&feeds=off' : ''}`)
  await page.waitForFunction(
    () =>
      (window as unknown as { warren?: { client: { state: { kind: string } } } }).warren?.client.state.kind === 'ready',
  )
  await page.addScriptTag({ path: `${root}tests/bench/browser-workloads.js` })
}

async function pipeline(page: Page, persistent: boolean, events: boolean, messages: number): Promise<PipelineResult> {
  const result = await page.evaluate(
    (args) =>
      (
        window as unknown as { __warrenBench: { pipeline(a: unknown): Promise<PipelineResult> } }
      ).__warrenBench.pipeline(args),
    { messages, persistent, window: WINDOW, chunk: CHUNK, events },
  )
  if (result.received !== messages || result.confirmed !== messages || result.nacked !== 0) {
    throw new Error(`incomplete run: ${JSON.stringify(result)}`)
  }
  return result
}

async function main(): Promise<void> {
  const server = await startServer()
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(process.env.BENCH_JS_FLAGS ? [`--js-flags=${process.env.BENCH_JS_FLAGS}`] : []),
    ],
  })
  const out: Record<string, unknown> = {}
  try {
    const page = await browser.newPage({ bypassCSP: true }) // the workloads are injected as a script tag
    page.on('pageerror', (error) => console.error('page error:', error))
    const stamp = Date.now()

    const throughput = async (name: string, persistent: boolean, events: boolean) => {
      await openApp(page, `bench-${name}-${stamp}`)
      await pipeline(page, persistent, events, Math.min(MESSAGES, 50_000)) // warm-up
      const runs: PipelineResult[] = []
      for (let i = 0; i < RUNS; i++) runs.push(await pipeline(page, persistent, events, MESSAGES))
      const rates = runs.map((r) => (r.messages / r.ms) * 1000)
      const eventRates = runs.map((r) => (r.events / r.ms) * 1000)
      return {
        msgsPerSec: Math.round(median(rates)),
        runs: rates.map(Math.round),
        eventsPerSec: Math.round(median(eventRates)),
      }
    }

    if (enabled('persistent')) {
      const r = await throughput('persistent', true, false)
      out.persistent = { msgsPerSec: r.msgsPerSec, runs: r.runs }
      console.log(
        `persistent, confirmed, consumed+acked: ${r.msgsPerSec.toLocaleString('en')} msg/s  (runs ${r.runs.join(', ')})`,
      )
    }
    if (enabled('transient')) {
      const r = await throughput('transient', false, false)
      out.transient = { msgsPerSec: r.msgsPerSec, runs: r.runs }
      console.log(
        `transient, confirmed, consumed+acked:  ${r.msgsPerSec.toLocaleString('en')} msg/s  (runs ${r.runs.join(', ')})`,
      )
    }
    if (enabled('events')) {
      const r = await throughput('events', false, true)
      out.events = { perSec: r.eventsPerSec, msgsPerSec: r.msgsPerSec }
      console.log(
        `worker -> UI events:                   ${r.eventsPerSec.toLocaleString('en')} events/s  (transient path at ${r.msgsPerSec.toLocaleString('en')} msg/s)`,
      )
    }
    if (enabled('restart100k')) {
      await openApp(page, `bench-restart-${stamp}`)
      const r = await page.evaluate(() =>
        (
          window as unknown as { __warrenBench: { restartWith(a: unknown): Promise<RestartResult> } }
        ).__warrenBench.restartWith({ messages: 100_000, chunk: 5_000 }),
      )
      if (r.messageCount !== 100_000) throw new Error(`restart recovered ${r.messageCount} messages, expected 100000`)
      out.restart100k = {
        ms: Math.round(r.ms),
        workerRecoveryMs: Math.round(r.recovery?.ms ?? NaN),
        fillMsgsPerSec: Math.round((100_000 / r.fillMs) * 1000),
      }
      console.log(
        `restart with 100,000 persisted messages: ${Math.round(r.ms)} ms  (worker start to ready ${Math.round(r.recovery?.ms ?? NaN)} ms; filled at ${Math.round((100_000 / r.fillMs) * 1000).toLocaleString('en')} msg/s)`,
      )
    }
    // The machine may be shared: the load average says how much else was running.
    out.machine = {
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model,
      browser: browser.version(),
      loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
      messagesPerRun: MESSAGES,
      window: WINDOW,
    }
    console.log(
      `load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} on ${os.cpus().length} CPUs`,
    )
  } finally {
    await browser.close()
    server.kill()
  }
  if (JSON_FILE) writeFileSync(JSON_FILE, JSON.stringify(out, null, 2) + '\n')
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
