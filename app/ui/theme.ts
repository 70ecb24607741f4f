// Light and dark: follow the system until the user picks one; the pick is remembered.

import { useEffect } from 'react'
import { useAppStore, type AppState } from '../store/index.ts'

const KEY = 'warren-theme'
const media = () => matchMedia('(prefers-color-scheme: dark)')

export function initialTheme(): Pick<AppState, 'theme' | 'themeFromSystem'> {
  const saved = localStorage.getItem(KEY)
  if (saved === 'light' || saved === 'dark') return { theme: saved, themeFromSystem: false }
  return { theme: media().matches ? 'dark' : 'light', themeFromSystem: true }
}

export function toggleTheme(): void {
  const next = useAppStore.getState().theme === 'dark' ? 'light' : 'dark'
  localStorage.setItem(KEY, next)
  useAppStore.getState().setTheme(next, false)
}

const selectTheme = (s: AppState) => s.theme

/** Keeps <html data-theme> in step and follows system changes while the user has not picked. */
export function useThemeSync(): void {
  const theme = useAppStore(selectTheme)
  useEffect(() => {
    document.documentElement.dataset.theme = theme
  }, [theme])
  useEffect(() => {
    const m = media()
    const follow = () => {
      if (useAppStore.getState().themeFromSystem) useAppStore.getState().setTheme(m.matches ? 'dark' : 'light', true)
    }
    m.addEventListener('change', follow)
    return () => m.removeEventListener('change', follow)
  }, [])
}
