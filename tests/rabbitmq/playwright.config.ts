import { defineConfig } from '@playwright/test'

// The e2e specs that need a real RabbitMQ with its management plugin: run by `npm run check:rabbitmq` once
// tests/rabbitmq/start.sh has the node up (CORS allows http://localhost:4173, not :4174). Needs a built dist/.
export default defineConfig({
  testDir: 'e2e',
  timeout: 90_000,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: 'http://localhost:4173',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
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
  webServer: [
    {
      command: 'npx vite preview --strictPort --port 4173',
      cwd: '../..',
      url: 'http://localhost:4173',
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: 'npx vite preview --strictPort --port 4174',
      cwd: '../..',
      url: 'http://localhost:4174',
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
})
