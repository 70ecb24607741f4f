// A form's working copy: starts from `make(source)` and starts over whenever `source` changes.

import { useCallback, useState } from 'react'

export function useDraft<S, D>(
  source: S,
  make: (source: S) => D,
): [D, (patch: Partial<D>) => void, boolean, () => void] {
  const [state, setState] = useState(() => ({ source, draft: make(source), dirty: false }))
  let current = state
  if (state.source !== source) {
    current = { source, draft: make(source), dirty: false }
    setState(current)
  }
  const patch = useCallback(
    (p: Partial<D>) => setState((s) => ({ ...s, draft: { ...s.draft, ...p }, dirty: true })),
    [],
  )
  const reset = useCallback(() => setState((s) => ({ ...s, draft: make(s.source), dirty: false })), [make])
  return [current.draft, patch, current.dirty, reset]
}
