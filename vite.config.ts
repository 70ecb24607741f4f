import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import { VitePWA } from 'vite-plugin-pwa'
import { readFileSync } from 'node:fs'

/** The headers of public/_headers (one rule, "/*"), so `vite preview` serves what a static host would. */
function hostHeaders(): Record<string, string> {
  const lines = readFileSync(new URL('./public/_headers', import.meta.url), 'utf8').split('\n')
  const headers: Record<string, string> = {}
  for (const line of lines) {
    const match = /^\s+([A-Za-z-]+):\s*(.+)$/.exec(line)
    if (match) headers[match[1]] = match[2].trim()
  }
  return headers
}

// Relative base so the built site works from any static host under any path: every URL below
// (manifest, icons, service worker, navigate fallback) is relative too, never '/…'.
export default defineConfig({
  base: './',
  plugins: [
    react(),
    VitePWA({
      // 'prompt': a new version waits until the user reloads (app/pwa/UpdatePrompt.tsx).
      registerType: 'prompt',
      // app/pwa/register.ts calls registerSW itself; no inline or injected registration script.
      injectRegister: false,
      // The glob below already precaches the icons and the plugin adds the manifest itself.
      includeManifestIcons: false,
      manifest: {
        name: 'Warren',
        short_name: 'Warren',
        description: 'A RabbitMQ broker and topology designer that runs entirely in your browser',
        lang: 'en',
        theme_color: '#4f5bd5',
        background_color: '#f4f5f7',
        display: 'standalone',
        start_url: '.',
        scope: '.',
        icons: [
          { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: 'icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // Everything the app needs offline, the broker's module worker chunk (assets/main-*.js) included.
        globPatterns: ['**/*.{js,css,html,svg,png}'],
        // Relative: resolved against the service worker's URL, so it works under any base path.
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  worker: { format: 'es' },
  preview: { headers: hostHeaders() },
  build: { target: 'es2022', sourcemap: true },
})
