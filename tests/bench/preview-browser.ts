// What every browser bench needs: the built app served by `vite preview` on a port, and Debian's Chromium.

import { spawn } from 'node:child_process'
import { chromium, type Browser, type Page } from '@playwright/test'

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

async function waitForServer(url: string, ms = 30_000): Promise<void> {
  const until = Date.now() + ms
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`preview server did not start at ${url}`)
}

/** Serves dist/ on `port`; resolves with a stop function once the server answers. */
export async function startPreview(port: number): Promise<() => void> {
  const server = spawn(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'preview', '--strictPort', '--port', String(port)],
    { stdio: 'ignore' },
  )
  const stop = () => server.kill()
  process.on('exit', stop)
  await waitForServer(`http://localhost:${port}/`)
  return stop
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS })
}

/** A desktop-sized page that reports its errors and runs functions passed from tsx-compiled code. */
export async function designerPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
  page.on('pageerror', (e) => console.error('page error:', e.message))
  // tsx keeps function names with a __name helper that the page does not have.
  await page.addInitScript('window.__name = (f) => f')
  return page
}
