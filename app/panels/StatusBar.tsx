// Bottom line: the broker's state (with the take-over offer), whether the design is saved, storage problems.

import type { StorageProblem } from '../../engine/worker/protocol.ts'
import type { ClientState } from '../broker/client.ts'
import { useAppStore, type AppState } from '../store/index.ts'

const selectSave = (s: AppState) => s.saveState
const SAVE_TEXT = { saved: 'Design saved', pending: 'Saving…', saving: 'Saving…', failed: 'Design not saved' } as const

export function BrokerState({ state, onTakeOver }: { state: ClientState; onTakeOver(): void }) {
  switch (state.kind) {
    case 'starting':
      return (
        <span className="broker-state" data-testid="broker-state" data-state="starting">
          <i className="dot dot-wait" />
          Starting the broker…
        </span>
      )
    case 'ready':
      return (
        <span
          className="broker-state"
          data-testid="broker-state"
          data-state="ready"
          title={`Recovered ${state.recovery.queues} queue(s) and ${state.recovery.messages} message(s) in ${Math.round(state.recovery.ms)} ms`}
        >
          <i className="dot dot-ok" />
          Broker running · {state.storage === 'indexeddb' ? 'saved in this browser' : 'in memory only'}
        </span>
      )
    case 'locked':
      return (
        <div role="alert" className="banner" data-testid="broker-state" data-state="locked">
          <p>Warren is already open in another tab, and only one tab at a time can run the broker on this data.</p>
          <button type="button" className="button primary" onClick={onTakeOver}>
            Use it here instead
          </button>
        </div>
      )
    case 'stopped':
      return (
        <p role="alert" className="banner banner-error" data-testid="broker-state" data-state="stopped">
          {state.message}
        </p>
      )
  }
}

export function Banners({
  state,
  problem,
  onTakeOver,
}: {
  state: ClientState
  problem: StorageProblem | null
  onTakeOver(): void
}) {
  const inline = state.kind === 'ready' || state.kind === 'starting'
  return (
    <>
      {!inline && <BrokerState state={state} onTakeOver={onTakeOver} />}
      {problem && (
        <p role="alert" className="banner banner-error" data-testid="storage-problem">
          {problem.message}
        </p>
      )}
    </>
  )
}

// Problems during which nothing reaches the disk, whatever the design's own save reports.
const NOTHING_SAVED: StorageProblem['kind'][] = ['quota', 'write-failed', 'unavailable', 'upgrade-failed']
const NOT_SAVED_TEXT = {
  quota: 'Not saved: storage full',
  'write-failed': 'Not saved: storage failing',
  unavailable: 'Not saved: in memory only',
  'upgrade-failed': 'Not saved: in memory only',
} as const

export function StatusBar({
  state,
  problem,
  onTakeOver,
}: {
  state: ClientState
  problem: StorageProblem | null
  onTakeOver(): void
}) {
  const design = useAppStore(selectSave)
  const inline = state.kind === 'ready' || state.kind === 'starting'
  const failing = problem && NOTHING_SAVED.includes(problem.kind) ? (problem.kind as keyof typeof NOT_SAVED_TEXT) : null
  const memoryOnly = state.kind === 'ready' && state.storage === 'memory'
  const save = failing || memoryOnly ? 'failed' : design
  const text = failing ? NOT_SAVED_TEXT[failing] : memoryOnly ? NOT_SAVED_TEXT.unavailable : SAVE_TEXT[design]
  return (
    <footer className="statusbar">
      {inline && <BrokerState state={state} onTakeOver={onTakeOver} />}
      <span className="spacer" />
      <span className={`save-state save-${save}`} data-testid="save-state" data-state={save}>
        {text}
      </span>
    </footer>
  )
}
