// Bottom line: the broker's state (with the take-over offer), whether the design is saved, storage problems.

import type { StorageProblem } from '../../engine/worker/protocol.ts'
import type { ClientState } from '../broker/client.ts'
import { useBrokerHold, type WaitingLink } from '../session/broker-hold.ts'
import { useAppStore, type AppState } from '../store/index.ts'
import { useT } from '../i18n/index.ts'
import { releaseOf } from '../versions/releases.ts'
import { versionWords } from '../versions/words.ts'

const selectSave = (s: AppState) => s.saveState

export function BrokerState({ state, onTakeOver }: { state: ClientState; onTakeOver(): void }) {
  const t = useT()
  switch (state.kind) {
    case 'starting':
      return (
        <span className="broker-state" data-testid="broker-state" data-state="starting">
          <i className="dot dot-wait" />
          {t('status.starting')}
        </span>
      )
    case 'ready':
      return (
        <span
          className="broker-state"
          data-testid="broker-state"
          data-state="ready"
          title={t('status.recovered', {
            queues: state.recovery.queues,
            messages: state.recovery.messages,
            ms: Math.round(state.recovery.ms),
          })}
        >
          <i className="dot dot-ok" />
          {state.storage === 'indexeddb' ? t('status.runningSaved') : t('status.runningInMemory')} ·{' '}
          <span data-testid="broker-version" data-version={state.brokerVersion} title={versionWords().statusBarTitle}>
            {versionWords().statusBar(releaseOf(state.brokerVersion))}
          </span>
        </span>
      )
    case 'locked':
      return <LockedBanner lost={state.lost} onTakeOver={onTakeOver} />
    case 'stopped':
      return (
        <p role="alert" className="banner banner-error" data-testid="broker-state" data-state="stopped">
          {state.message}
        </p>
      )
  }
}

const selectWaiting = (s: { waiting: WaitingLink | null }) => s.waiting

/** Above any open dialog (see .banner-locked), so the way to take the broker is never hidden. */
function LockedBanner({ lost, onTakeOver }: { lost: boolean; onTakeOver(): void }) {
  const t = useT()
  const waiting = useBrokerHold(selectWaiting)
  return (
    <div
      role="alert"
      className="banner banner-locked"
      data-testid="broker-state"
      data-state="locked"
      data-lost={lost}
      data-waiting={waiting?.kind}
    >
      <p>
        {lost ? t('status.lost') : t('status.locked')}
        {waiting && ` ${waiting.kind === 'share' ? t('status.waitingShare') : t('status.waitingLesson')}`}
      </p>
      <button type="button" className="button primary" onClick={onTakeOver} data-testid="take-over">
        {lost ? t('status.takeBack') : t('status.takeOver')}
      </button>
    </div>
  )
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
// The status.notSaved.<kind> words of each problem.
const NOT_SAVED_TEXT = {
  quota: 'quota',
  'write-failed': 'writeFailed',
  unavailable: 'memoryOnly',
  'upgrade-failed': 'memoryOnly',
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
  const t = useT()
  const inline = state.kind === 'ready' || state.kind === 'starting'
  const failing = problem && NOTHING_SAVED.includes(problem.kind) ? (problem.kind as keyof typeof NOT_SAVED_TEXT) : null
  const memoryOnly = state.kind === 'ready' && state.storage === 'memory'
  const save = failing || memoryOnly ? 'failed' : design
  const text = failing
    ? t(`status.notSaved.${NOT_SAVED_TEXT[failing]}`)
    : memoryOnly
      ? t('status.notSaved.memoryOnly')
      : t(`status.save.${design}`)
  return (
    <footer className="statusbar">
      {inline && <BrokerState state={state} onTakeOver={onTakeOver} />}
      <span className="spacer" />
      {/* A tab without the broker saves nothing: the tab that holds it does. */}
      {state.kind !== 'locked' && (
        <span className={`save-state save-${save}`} data-testid="save-state" data-state={save}>
          {text}
        </span>
      )}
    </footer>
  )
}
