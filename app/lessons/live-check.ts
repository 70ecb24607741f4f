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
/** How often the lesson's other brokers and links are read: their events do not reach the app. */
const POLL_OTHERS_MS = 500

type Links = NonNullable<BrokerView['links']>

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
  private others: Pick<BrokerView, 'brokers' | 'links'> = {}

  constructor(
    private readonly lesson: Lesson,
    private readonly client: BrokerClient,
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
    if (lesson.brokers?.length) {
      const poll = setInterval(() => void this.pollOthers(), POLL_OTHERS_MS)
      this.stops.push(() => clearInterval(poll))
      void this.pollOthers()
    }
    this.check()
  }

  /** The links as a lesson's button left them: a cut is counted even if the poll never sees it. */
  sawLinks(links: Links): void {
    this.ledger.observeLinks(links)
    this.others = { ...this.others, links }
    this.schedule()
  }

  private async pollOthers(): Promise<void> {
    const brokers: Record<string, Record<string, number>> = {}
    try {
      for (const b of this.lesson.brokers ?? []) {
        const reply = await this.client.send({
          type: 'brokerManagement',
          broker: b.name,
          request: { method: 'GET', path: `/api/queues/${encodeURIComponent(LESSON_VHOST)}` },
        })
        brokers[b.name] = {}
        for (const q of (reply.body as { name: string; messages: number }[] | null) ?? [])
          brokers[b.name][q.name] = q.messages
      }
      const links = await this.client.send({ type: 'linksList' })
      this.ledger.observeLinks(links)
      this.others = { brokers, links }
      this.schedule()
    } catch {
      // The broker restarting or the lesson closing: the next poll reads again.
    }
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
    const view = { ...viewOfStore(), ...this.others }
    const results: Record<string, ChallengeResult> = {}
    for (const c of this.lesson.challenges) {
      results[c.id] = checkChallenge(c, this.ledger, view)
      if (results[c.id].met) void challengeMet(this.lesson, c.id)
    }
    useChallengeResults.setState({ results })
  }
}
