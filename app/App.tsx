import { useEffect, useState } from 'react'
import type { BrokerClient, ClientState } from './broker/client.ts'
import type { StorageProblem } from '../engine/worker/protocol.ts'

export function App({ client }: { client: BrokerClient }) {
  const [state, setState] = useState<ClientState>(client.state)
  const [problem, setProblem] = useState<StorageProblem | null>(null)
  useEffect(() => {
    const offState = client.onState(setState)
    const offProblem = client.onStorageProblem(setProblem)
    setState(client.state)
    return () => {
      offState()
      offProblem()
    }
  }, [client])

  return (
    <main className="placeholder">
      <h1>Warren</h1>
      <p>A RabbitMQ broker and topology designer that runs entirely in your browser.</p>
      <BrokerStatus state={state} onTakeOver={() => void client.takeOver()} />
      {problem && (
        <p role="alert" className="problem" data-testid="storage-problem">
          {problem.message}
        </p>
      )}
    </main>
  )
}

function BrokerStatus({ state, onTakeOver }: { state: ClientState; onTakeOver: () => void }) {
  switch (state.kind) {
    case 'starting':
      return <p data-testid="broker-state" data-state="starting">Starting the broker…</p>
    case 'ready':
      return (
        <p data-testid="broker-state" data-state="ready">
          Broker running ({state.storage === 'indexeddb' ? 'saved in this browser' : 'in memory only'}); recovered{' '}
          {state.recovery.queues} queue(s) and {state.recovery.messages} message(s) in {Math.round(state.recovery.ms)} ms.
        </p>
      )
    case 'locked':
      return (
        <div role="alert" data-testid="broker-state" data-state="locked">
          <p>Warren is already open in another tab, and only one tab at a time can run the broker on this data.</p>
          <button type="button" onClick={onTakeOver}>
            Use it here instead
          </button>
        </div>
      )
    case 'stopped':
      return (
        <p role="alert" data-testid="broker-state" data-state="stopped">
          {state.message}
        </p>
      )
  }
}
