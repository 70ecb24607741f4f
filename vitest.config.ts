import { defineConfig } from 'vitest/config'

// Kept apart from vite.config.ts so app-only plugins stay out of unit tests.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['fake-indexeddb/auto', 'tests/unit/setup-i18n.ts'],
  },
})
