// Checks that "nothing moves" run on the worker's virtual clock, not on the wall clock: time is paused,
// then stepped from timer to timer, so the span checked is the same however slow the machine is.

import { expect, type Page } from '@playwright/test'
import type { SimulationStatus } from '../../engine/worker/tool-commands.ts'

/** A step that fires timers due now leaves the clock where it was; this many in a row means no timer is left. */
const IDLE_STEPS = 3
const MAX_STEPS = 10_000

/**
 * Pauses virtual time, then moves it on by at least `ms`, one timer at a time (each step fires the next timer and
 * what it schedules). Stops early once no timer is left: then nothing can happen however long one waits.
 * Returns the virtual time moved on, in ms. Time stays paused; resume with `resumeVirtualTime`.
 */
export function advanceVirtualTime(page: Page, ms: number): Promise<number> {
  return page.evaluate(
    async ({ span, idleSteps, maxSteps }) => {
      const start = (await window.warren.clock({ kind: 'pause' })).now
      let now = start
      for (let steps = 0, idle = 0; now < start + span && idle < idleSteps && steps < maxSteps; steps++) {
        const next = (await window.warren.clock({ kind: 'step' })).now
        idle = next === now ? idle + 1 : 0
        now = next
      }
      return now - start
    },
    { span: ms, idleSteps: IDLE_STEPS, maxSteps: MAX_STEPS },
  )
}

export async function resumeVirtualTime(page: Page): Promise<void> {
  await page.evaluate(() => window.warren.clock({ kind: 'resume' }))
}

/** The simulation's status straight from the worker: the reply to a command sent now follows every step before it. */
export async function simulationStatus(page: Page): Promise<SimulationStatus> {
  return (await page.evaluate(() => window.warren.client.send({ type: 'simStatus' }))) as SimulationStatus
}

/**
 * Waits until the designer's nodes show what the worker's simulation says now (of the vhost '/'): with time
 * paused the worker's numbers stay put, so once they match, the page has caught up with every step.
 */
export async function untilPageShowsSimulation(page: Page): Promise<void> {
  const status = await simulationStatus(page)
  const onRoot = (id: string) => !id.includes('@')
  const want = {
    published: Object.fromEntries(status.producers.filter((p) => onRoot(p.id)).map((p) => [p.id, p.published])),
    received: Object.fromEntries(status.consumers.filter((c) => onRoot(c.id)).map((c) => [c.id, c.received])),
  }
  await expect
    .poll(() =>
      page.evaluate(() => {
        const s = window.warrenDesigner.store.getState()
        return {
          published: Object.fromEntries(Object.entries(s.producerStatus).map(([id, p]) => [id, p.published])),
          received: Object.fromEntries(Object.entries(s.consumerStatus).map(([id, c]) => [id, c.received])),
        }
      }),
    )
    .toEqual(want)
}
