// Bottom line: the broker's state (with the take-over offer), whether the design is saved, storage problems.

import type { StorageProblem } from '../../engine/worker/protocol.ts'
import type { ClientState } from '../broker/client.ts'
import { useAppStore, type AppState } from '../store/index.ts'
import { releaseOf } from '../versions/releases.ts'
import { versionWords } from '../versions/words.ts'

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
          Broker running · {state.storage === 'indexeddb' ? 'saved in this browser' : 'in memory only'} ·{' '}
          <span data-testid="broker-version" data-version={state.brokerVersion} title={versionWords().statusBarTitle}>
            {versionWords().statusBar(releaseOf(state.brokerVersion))}
          </span>
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

export function StatusBar({ state, onTakeOver }: { state: ClientState; onTakeOver(): void }) {
  const save = useAppStore(selectSave)
  const inline = state.kind === 'ready' || state.kind === 'starting'
  return (
    <footer className="statusbar">
      {inline && <BrokerState state={state} onTakeOver={onTakeOver} />}
      <span className="spacer" />
      <span className={`save-state save-${save}`} data-testid="save-state" data-state={save}>
        {SAVE_TEXT[save]}
      </span>
    </footer>
  )
}
