// Explains what re-declaring means before it happens: RabbitMQ fixes a queue's or exchange's
// definition at declare time, so changing it deletes and declares it again. RabbitMQ has no rename:
// a rename is said to be a new entity and a deletion, and is not asked about when nothing rides on it.

import { redeclared } from '../design/graph-to-commands.ts'
import type { DesignDoc } from '../design/types.ts'
import { t } from '../i18n/index.ts'
import type { QueueStats } from '../store/broker-slice.ts'
import type { Move } from './run-ops.ts'

export interface Plan {
  title: string
  paragraphs: string[]
  /** Offered when ready messages would be lost: re-publish them into the new queue. */
  moves: Move[]
  readyToMove: number
}

type Renamed = { kind: 'queue' | 'exchange'; from: string; to: string }

const queueBindings = (doc: DesignDoc, name: string) =>
  doc.bindings.filter((b) => b.destinationType === 'queue' && b.destination === name).length
const exchangeBindings = (doc: DesignDoc, name: string) =>
  doc.bindings.filter((b) => b.source === name || (b.destinationType === 'exchange' && b.destination === name)).length

/** A renamed entity with no binding, message or consumer (one just added, typically): nothing to warn about. */
function nothingRidesOn(renamed: Renamed, before: DesignDoc, stats: Record<string, QueueStats>): boolean {
  if (renamed.kind === 'exchange') return exchangeBindings(before, renamed.from) === 0
  const s = stats[renamed.from] ?? { ready: 0, unacked: 0, consumers: 0 }
  return queueBindings(before, renamed.from) === 0 && s.ready + s.unacked + s.consumers === 0
}

/** Null when the change re-creates nothing worth asking about; `renamed` maps an old name to its new one. */
export function planRedeclare(
  before: DesignDoc,
  after: DesignDoc,
  stats: Record<string, QueueStats>,
  renamed?: Renamed,
): Plan | null {
  const again = redeclared(before, after)
  const queues = [...again.queues].map((name) => ({ from: name, to: name }))
  const exchanges = [...again.exchanges]
  const asked = renamed && !nothingRidesOn(renamed, before, stats) ? renamed : undefined
  if (asked?.kind === 'queue') queues.push({ from: asked.from, to: asked.to })
  if (asked?.kind === 'exchange') exchanges.push(asked.from)
  if (queues.length === 0 && exchanges.length === 0) return null
  const paragraphs: string[] = []
  if (asked) paragraphs.push(t('redeclare.noRename', { kind: asked.kind, from: asked.from, to: asked.to }))
  let readyToMove = 0
  const moves: Move[] = []
  for (const { from, to } of queues) {
    const s = stats[from] ?? { ready: 0, unacked: 0, consumers: 0 }
    const what = from === to ? t('redeclare.queue', { name: from }) : t('redeclare.queueRenamed', { name: from, to })
    paragraphs.push(t('redeclare.queueText', { what, bindings: queueBindings(before, from), consumers: s.consumers }))
    if (s.ready > 0) paragraphs.push(t('redeclare.readyLost', { count: s.ready }))
    if (s.ready > 0 && from !== to) paragraphs.push(t('redeclare.moveMeans', { from, to }))
    if (s.unacked > 0) paragraphs.push(t('redeclare.unackedLost', { count: s.unacked }))
    readyToMove += s.ready
    moves.push({ from, to })
  }
  for (const name of exchanges)
    paragraphs.push(t('redeclare.exchangeText', { name, bindings: exchangeBindings(before, name) }))
  const title =
    queues.length > 0
      ? queues.length === 1
        ? t('redeclare.titleQueue', { name: queues[0].from })
        : t('redeclare.titleQueues', { count: queues.length })
      : t('redeclare.titleExchange', { name: exchanges[0] })
  return { title, paragraphs, moves, readyToMove }
}
