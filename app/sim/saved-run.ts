// What the simulated nodes had done, saved with the design so a reload (a broker restart) takes it up:
// each producer's and consumer's counts, and which consumers the user had set offline. By vhost, then node id.

import type { ConsumerRestore, ConsumerStatus, ProducerRestore, ProducerStatus } from '../../engine/simulation/specs.ts'
import { simId } from '../design/sim-specs.ts'

export interface ProducerRun {
  published: number
  returned: number
  nacked: number
}

export interface ConsumerRun {
  offline: boolean
  received: number
  acked: number
  failed: number
}

export interface VhostRun {
  producers: Record<string, ProducerRun>
  consumers: Record<string, ConsumerRun>
}

export type SavedRun = Record<string, VhostRun>

interface RunSource {
  producers: Record<string, unknown> // the nodes drawn: entries of others are dropped
  consumers: Record<string, unknown>
  producerStatus: Record<string, ProducerStatus>
  consumerStatus: Record<string, ConsumerStatus>
}

const count = (v: unknown): number => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0)
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * The vhost on screen as its nodes report now; a node with no report yet (the worker just started) keeps
 * what `before` had for it, so an early save never writes zeros over the saved counts.
 */
export function runOf(s: RunSource, before: VhostRun | undefined): VhostRun {
  const producers: Record<string, ProducerRun> = {}
  for (const id of Object.keys(s.producers)) {
    const p = s.producerStatus[id]
    const kept = p ? { published: p.published, returned: p.returned, nacked: p.nacked } : before?.producers[id]
    if (kept) producers[id] = kept
  }
  const consumers: Record<string, ConsumerRun> = {}
  for (const id of Object.keys(s.consumers)) {
    const c = s.consumerStatus[id]
    const kept = c
      ? { offline: c.state === 'offline', received: c.received, acked: c.acked, failed: c.failed }
      : before?.consumers[id]
    if (kept) consumers[id] = kept
  }
  return { producers, consumers }
}

/** A saved run as stored; anything damaged is left out. */
export function parseSavedRun(v: unknown): SavedRun {
  const run: SavedRun = {}
  if (!isRecord(v)) return run
  for (const [vhost, r] of Object.entries(v)) {
    if (!isRecord(r)) continue
    const producers: Record<string, ProducerRun> = {}
    const consumers: Record<string, ConsumerRun> = {}
    for (const [id, p] of Object.entries(isRecord(r.producers) ? r.producers : {}))
      if (isRecord(p))
        producers[id] = { published: count(p.published), returned: count(p.returned), nacked: count(p.nacked) }
    for (const [id, c] of Object.entries(isRecord(r.consumers) ? r.consumers : {}))
      if (isRecord(c))
        consumers[id] = {
          offline: c.offline === true,
          received: count(c.received),
          acked: count(c.acked),
          failed: count(c.failed),
        }
    run[vhost] = { producers, consumers }
  }
  return run
}

/** The simRestore command that gives a new worker's simulation the saved run, keyed as the simulation keys nodes. */
export function restoreCommand(run: SavedRun): {
  type: 'simRestore'
  producers: ProducerRestore[]
  consumers: ConsumerRestore[]
} {
  const producers: ProducerRestore[] = []
  const consumers: ConsumerRestore[] = []
  for (const [vhost, r] of Object.entries(run)) {
    for (const [id, p] of Object.entries(r.producers)) producers.push({ id: simId(vhost, id), ...p })
    for (const [id, c] of Object.entries(r.consumers)) consumers.push({ id: simId(vhost, id), ...c })
  }
  return { type: 'simRestore', producers, consumers }
}
