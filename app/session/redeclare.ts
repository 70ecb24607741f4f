// Explains what re-declaring means before it happens: RabbitMQ fixes a queue's or exchange's
// definition at declare time, so changing it deletes and declares it again.

import { redeclared } from '../design/graph-to-commands.ts'
import type { DesignDoc } from '../design/types.ts'
import type { QueueStats } from '../store/broker-slice.ts'
import type { Move } from './run-ops.ts'

export interface Plan {
  title: string
  paragraphs: string[]
  /** Offered when ready messages would be lost: re-publish them into the new queue. */
  moves: Move[]
  readyToMove: number
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/** Null when the change re-creates nothing; `renamed` maps an old queue or exchange name to its new one. */
export function planRedeclare(
  before: DesignDoc,
  after: DesignDoc,
  stats: Record<string, QueueStats>,
  renamed?: { kind: 'queue' | 'exchange'; from: string; to: string },
): Plan | null {
  const again = redeclared(before, after)
  const queues = [...again.queues].map((name) => ({ from: name, to: name }))
  const exchanges = [...again.exchanges]
  if (renamed?.kind === 'queue') queues.push({ from: renamed.from, to: renamed.to })
  if (renamed?.kind === 'exchange') exchanges.push(renamed.from)
  if (queues.length === 0 && exchanges.length === 0) return null
  const paragraphs: string[] = []
  let readyToMove = 0
  const moves: Move[] = []
  for (const { from, to } of queues) {
    const s = stats[from] ?? { ready: 0, unacked: 0, consumers: 0 }
    const bindings = before.bindings.filter((b) => b.destinationType === 'queue' && b.destination === from).length
    const what = from === to ? `queue '${from}'` : `queue '${from}' (renamed '${to}')`
    paragraphs.push(
      `RabbitMQ fixes a queue's name, flags and arguments when it is declared, so ${what} will be deleted and declared again with ${plural(bindings, 'binding')}.` +
        (s.consumers === 1
          ? ' Its consumer is cancelled and subscribes again.'
          : s.consumers > 1
            ? ` Its ${s.consumers} consumers are cancelled and subscribe again.`
            : ''),
    )
    if (s.ready > 0)
      paragraphs.push(
        `Its ${plural(s.ready, 'ready message')} would be lost with the old queue, unless you move them into the new one.`,
      )
    if (s.unacked > 0) paragraphs.push(`${plural(s.unacked, 'unacknowledged message')} held by consumers will be lost.`)
    readyToMove += s.ready
    moves.push({ from, to })
  }
  for (const name of exchanges) {
    const bindings = before.bindings.filter(
      (b) => b.source === name || (b.destinationType === 'exchange' && b.destination === name),
    ).length
    paragraphs.push(
      `RabbitMQ fixes an exchange's type, flags and arguments when it is declared, so exchange '${name}' will be deleted and declared again with ${plural(bindings, 'binding')}. Exchanges hold no messages: nothing is lost.`,
    )
  }
  const title =
    queues.length > 0
      ? `Re-create ${queues.length === 1 ? `queue '${queues[0].from}'` : plural(queues.length, 'queue')}?`
      : `Re-create exchange '${exchanges[0]}'?`
  return { title, paragraphs, moves, readyToMove }
}
