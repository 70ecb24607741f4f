// Registers the service worker (built by vite-plugin-pwa, registerType 'prompt') and keeps one bit of
// state for the UI: whether a new version is installed and waiting for the user to reload.

import { registerSW } from 'virtual:pwa-register'

const HOUR = 60 * 60 * 1000

let started = false
let needRefresh = false
let updateSW: ((reloadPage?: boolean) => Promise<void>) | undefined
const listeners = new Set<() => void>()

function set(value: boolean): void {
  needRefresh = value
  for (const listener of listeners) listener()
}

/** Idempotent: registers the service worker once per page. */
export function startServiceWorker(): void {
  if (started || !('serviceWorker' in navigator)) return
  started = true
  updateSW = registerSW({
    onNeedRefresh: () => set(true),
    onRegisteredSW(_url, registration) {
      // A tab left open for days still learns about new versions.
      if (registration) setInterval(() => void registration.update().catch(() => {}), HOUR)
    },
    onRegisterError: (error) => console.warn('Warren: service worker registration failed', error),
  })
}

export const updateState = {
  subscribe(listener: () => void): () => void {
    listeners.add(listener)
    return () => listeners.delete(listener)
  },
  needRefresh: (): boolean => needRefresh,
  dismiss: (): void => set(false),
  /** Activates the waiting service worker; the page reloads once it controls it. */
  reload: (): Promise<void> => updateSW?.(true) ?? Promise.resolve(),
}
