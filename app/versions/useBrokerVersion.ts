// The version of the running broker, from the client's state; null while it starts or is held by another tab.

import { useSyncExternalStore } from 'react'
import type { BrokerVersion } from '../../engine/profile.ts'
import { getSession } from '../session/actions.ts'

function subscribe(onChange: () => void): () => void {
  return getSession().client.onState(onChange)
}

function current(): BrokerVersion | null {
  const state = getSession().client.state
  return state.kind === 'ready' ? state.brokerVersion : null
}

export function useBrokerVersion(): BrokerVersion | null {
  return useSyncExternalStore(subscribe, current)
}
