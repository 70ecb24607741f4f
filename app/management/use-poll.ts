// Polls a management path: every second for the tab's broker, every 5 s for a real one (its statistics are
// collected every 5 s by default; polling faster only loads it).

import { useEffect, useRef, useState } from 'react'
import type { ManagementResponse } from '../broker/management.ts'
import type { ManagementSource } from './connection.ts'

export const TAB_POLL_MS = 1000
export const REMOTE_POLL_MS = 5000

export interface Polled<T> {
  data: T | null
  status: number | null
  error: string | null
  refresh(): void
}

export function usePoll<T>(source: ManagementSource, path: string | null): Polled<T> {
  const [answer, setAnswer] = useState<{ path: string; response: ManagementResponse } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [tick, setTick] = useState(0)
  const live = useRef(true)
  useEffect(() => {
    live.current = true
    if (path === null) return
    let timer: ReturnType<typeof setTimeout> | null = null
    const load = () => {
      source.api.get(path).then(
        (response) => {
          if (!live.current) return
          setAnswer({ path, response })
          setError(null)
          timer = setTimeout(load, source.kind === 'tab' ? TAB_POLL_MS : REMOTE_POLL_MS)
        },
        (e: unknown) => {
          if (!live.current) return
          setError(e instanceof Error ? e.message : String(e))
          timer = setTimeout(load, REMOTE_POLL_MS)
        },
      )
    }
    load()
    return () => {
      live.current = false
      if (timer) clearTimeout(timer)
    }
  }, [source, path, tick])
  const current = answer && answer.path === path ? answer.response : null
  return {
    data: current && current.status === 200 ? (current.body as T) : null,
    status: current?.status ?? null,
    error,
    refresh: () => setTick((n) => n + 1),
  }
}
