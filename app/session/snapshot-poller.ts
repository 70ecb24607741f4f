// Live counts come from polling snapshots: every other frame (30 Hz) while things change and for a moment
// after, a few times a second when nothing does. A snapshot costs far less than the thousands of events a
// second a busy broker emits, and nobody reads a counter faster than 30 Hz.

import type { BrokerSnapshot } from '../../engine/worker/protocol.ts'
import { applySnapshot } from '../store/apply-events.ts'
import { useAppStore } from '../store/index.ts'

/** Polling runs every HOT_INTERVAL_MS (30 Hz) for this long after the last change, then every IDLE_POLL_MS. */
const HOT_POLL_MS = 1000
const HOT_INTERVAL_MS = 33
const IDLE_POLL_MS = 250

export class SnapshotPoller {
  private refreshing: Promise<boolean> | null = null
  private refreshAgain = false
  private pollPending = false
  private lastChange = 0

  constructor(
    private readonly snapshot: () => Promise<BrokerSnapshot>,
    private readonly ready: () => boolean,
  ) {}

  /** Polls from now on, waiting while the broker is not ready. */
  start(): void {
    if (this.pollPending) return
    this.pollPending = true
    const poll = () => {
      this.pollPending = false
      if (!this.ready()) return this.start()
      this.refresh().then(
        (changed) => {
          if (changed) this.lastChange = performance.now()
          this.start()
        },
        () => this.start(),
      )
    }
    setTimeout(poll, performance.now() - this.lastChange < HOT_POLL_MS ? HOT_INTERVAL_MS : IDLE_POLL_MS)
  }

  /** Resolves (changed or not) after a snapshot taken after this call has been applied. */
  refresh(): Promise<boolean> {
    if (this.refreshing) {
      this.refreshAgain = true
      return this.refreshing
    }
    const loop = async () => {
      let changed = false
      do {
        this.refreshAgain = false
        const patch = applySnapshot(useAppStore.getState(), await this.snapshot())
        if (patch) useAppStore.setState(patch)
        changed ||= patch !== null
      } while (this.refreshAgain)
      return changed
    }
    this.refreshing = loop().finally(() => {
      this.refreshing = null
    })
    return this.refreshing
  }
}
