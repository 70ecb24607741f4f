// A value read again and again from the worker while a panel is shown: the next read starts once the previous one
// settled, so a slow worker is never asked twice at once.

import { useEffect, useState } from 'react'

export function usePolled<T>(
  read: () => Promise<T>,
  initial: T,
  everyMs: number,
  key: unknown,
): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(initial)
  // `key` names what `read` reads: a new closure of the same source does not restart the polling.
  useEffect(() => {
    let alive = true
    let timer: ReturnType<typeof setTimeout> | undefined
    const poll = () => {
      read()
        .then((next) => alive && setValue(next))
        .catch(() => {})
        .finally(() => {
          if (alive) timer = setTimeout(poll, everyMs)
        })
    }
    poll()
    return () => {
      alive = false
      clearTimeout(timer)
    }
  }, [key, everyMs])
  return [value, setValue]
}
