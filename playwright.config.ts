import { defineConfig } from '@playwright/test'
import { CHROMIUM_PATH } from './tests/e2e/chromium.ts'

// E2E_PORT lets a second run (another checkout) serve its own build beside a running one.
const port = Number(process.env.E2E_PORT ?? 4173)

// Debian's Chromium: Playwright's own browser download does not work on this machine.
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: `npx vite preview --strictPort --port ${port}`,
    url: `http://localhost:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
})
