// Whether this tab holds the broker (another tab may run it), and the link that waits until it does.

import { create } from 'zustand'
import type { BrokerClient, ClientState } from '../broker/client.ts'

/** A share link or a lesson link opened in a tab that does not hold the broker: it opens once the tab does. */
export type WaitingLink = { kind: 'share' } | { kind: 'lesson'; id: string }

interface BrokerHold {
  held: boolean
  waiting: WaitingLink | null
}

export const useBrokerHold = create<BrokerHold>()(() => ({ held: true, waiting: null }))

/** Starting counts as held: only a tab that another tab keeps out, or whose broker stopped, has none. */
export const holdsBroker = (state: ClientState) => state.kind === 'ready' || state.kind === 'starting'

export function followBrokerHold(client: BrokerClient): void {
  useBrokerHold.setState({ held: holdsBroker(client.state) })
  client.onState((state) => useBrokerHold.setState({ held: holdsBroker(state) }))
}

/**
 * Resolves once this tab runs the broker, `link` showing meanwhile in the banner that offers to take it.
 * Never resolves if the broker stopped for good.
 */
export function whenBrokerHeld(client: BrokerClient, link: WaitingLink): Promise<void> {
  if (client.state.kind === 'ready') return Promise.resolve()
  useBrokerHold.setState({ waiting: link })
  return new Promise((resolve) => {
    const off = client.onState((state) => {
      if (state.kind !== 'ready') return
      off()
      if (useBrokerHold.getState().waiting === link) useBrokerHold.setState({ waiting: null })
      resolve()
    })
  })
}
