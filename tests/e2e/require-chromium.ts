// The first step of npm run test:e2e: without Chromium it says in one sentence what to install, where
// Playwright would print a stack trace.
import { accessSync, constants } from 'node:fs'
import { CHROMIUM_PATH } from './chromium.ts'

try {
  accessSync(CHROMIUM_PATH, constants.X_OK)
} catch {
  console.error(
    `The e2e tests need Chromium at ${CHROMIUM_PATH} (or CHROMIUM_PATH set to it): apt-get install -y chromium fonts-liberation`,
  )
  process.exit(1)
}
