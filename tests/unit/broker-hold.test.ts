// A link opened in a tab without the broker waits for it, and is shown as waiting until then.

import { describe, expect, it } from 'vitest'
import type { BrokerClient, ClientState } from '../../app/broker/client.ts'
import { followBrokerHold, useBrokerHold, whenBrokerHeld } from '../../app/session/broker-hold.ts'

/** The little of BrokerClient these functions read: its state and the state listeners. */
function fakeClient(state: ClientState) {
  const listeners = new Set<(s: ClientState) => void>()
  const client = {
    state,
    onState(l: (s: ClientState) => void) {
      listeners.add(l)
      return () => listeners.delete(l)
    },
  }
  const become = (next: ClientState) => {
    client.state = next
    for (const l of [...listeners]) l(next)
  }
  return { client: client as unknown as BrokerClient, become, listeners }
}

const ready: ClientState = {
  kind: 'ready',
  recovery: { exchanges: 0, queues: 0, bindings: 0, messages: 0, ms: 1 },
  storage: 'indexeddb',
  brokerVersion: '4.3',
}

describe('broker hold', () => {
  it('keeps a link waiting while another tab holds the broker, and lets it go once this tab runs it', async () => {
    const { client, become, listeners } = fakeClient({ kind: 'locked', lost: false })
    followBrokerHold(client)
    expect(useBrokerHold.getState().held).toBe(false)
    let opened = false
    const waiting = whenBrokerHeld(client, { kind: 'lesson', id: 'fanout' }).then(() => {
      opened = true
    })
    expect(useBrokerHold.getState().waiting).toEqual({ kind: 'lesson', id: 'fanout' })
    become({ kind: 'starting' })
    await Promise.resolve()
    expect(opened).toBe(false)
    become(ready)
    await waiting
    expect(opened).toBe(true)
    expect(useBrokerHold.getState()).toMatchObject({ held: true, waiting: null })
    become({ kind: 'locked', lost: true })
    expect(useBrokerHold.getState().held).toBe(false)
    expect(listeners.size).toBe(1) // only followBrokerHold still listens
  })

  it('opens at once in a tab that already runs the broker', async () => {
    const { client } = fakeClient(ready)
    await whenBrokerHeld(client, { kind: 'share' })
    expect(useBrokerHold.getState().waiting).toBeNull()
  })
})
