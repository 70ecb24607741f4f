// The open lesson's challenges, checked live: broker events go into a ledger as they arrive, and the check
// runs again after each batch and each change of the queues' numbers. A met challenge is saved as progress.

import { create } from 'zustand'
import type { BrokerEvent } from '../../engine/events.ts'
import type { BrokerClient } from '../broker/client.ts'
import { useAppStore } from '../store/index.ts'
import { checkChallenge, type ChallengeResult } from './challenges.ts'
import { ChallengeLedger, type BrokerView } from './ledger.ts'
import type { Lesson } from './lesson-kit.ts'
import { challengeMet } from './progress.ts'

/** The lessons run in the default vhost. */
const LESSON_VHOST = '/'
/** How often at most the check runs while events pour in. */
const CHECK_EVERY_MS = 150

interface ChallengeResults {
  results: Record<string, ChallengeResult>
}
export const useChallengeResults = create<ChallengeResults>(() => ({ results: {} }))

function viewOfStore(): BrokerView {
  const s = useAppStore.getState()
  const depths: Record<string, number> = {}
  if (s.vhost !== LESSON_VHOST) return { depths }
  for (const name of Object.keys(s.queues)) {
    const stats = s.queueStats[name]
    depths[name] = stats ? stats.ready + stats.unacked : 0
  }
  return { depths }
}

const inLessonVhost = (e: BrokerEvent) => !('vhost' in e) || e.vhost === LESSON_VHOST

export class LiveCheck {
  readonly ledger = new ChallengeLedger()
  private timer: ReturnType<typeof setTimeout> | null = null
  private readonly stops: (() => void)[] = []

  constructor(
    private readonly lesson: Lesson,
    client: BrokerClient,
  ) {
    this.stops.push(
      client.onEvents((events) => {
        this.ledger.record(events.filter(inLessonVhost))
        this.schedule()
      }),
    )
    let wasReady = client.state.kind === 'ready'
    this.stops.push(
      client.onState((state) => {
        const ready = state.kind === 'ready'
        if (wasReady && !ready) this.ledger.restarting(viewOfStore())
        wasReady = ready
        this.schedule()
      }),
    )
    this.stops.push(
      useAppStore.subscribe((s, prev) => {
        if (s.queueStats !== prev.queueStats || s.queues !== prev.queues) this.schedule()
      }),
    )
    this.check()
  }

  /** Forgets what the broker did so far: the challenges are checked from now on. */
  startOver(): void {
    this.ledger.reset()
    this.check()
  }

  stop(): void {
    for (const stop of this.stops.splice(0)) stop()
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    useChallengeResults.setState({ results: {} })
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => {
      this.timer = null
      this.check()
    }, CHECK_EVERY_MS)
  }

  private check(): void {
    const view = viewOfStore()
    const results: Record<string, ChallengeResult> = {}
    for (const c of this.lesson.challenges) {
      results[c.id] = checkChallenge(c, this.ledger, view)
      if (results[c.id].met) void challengeMet(this.lesson, c.id)
    }
    useChallengeResults.setState({ results })
  }
}
