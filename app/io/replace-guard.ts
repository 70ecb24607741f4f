// Replacing the work (a Warren file, a share link, a lesson) asks first whenever the broker holds anything,
// in any vhost, and says what would be lost. It reads the broker itself, not the canvas on screen.

import type { BrokerSnapshot } from '../../engine/worker/protocol.ts'
import { getSession } from '../session/actions.ts'
import { askConfirm } from '../session/dialogs.ts'
import { docOf } from '../store/doc-of.ts'
import { useAppStore } from '../store/index.ts'
import { replaceMessages } from './io-messages.ts'

export interface WorkAtStake {
  vhosts: number // besides the default vhost "/"
  exchanges: number
  queues: number
  bindings: number
  messages: number // ready and unacked
  producers: number
  consumers: number
}

/** What a replacement would delete: the broker's own entities (never amq.* or the default exchange) and the design's. */
export function workAtStake(snapshot: BrokerSnapshot, design: { producers: number; consumers: number }): WorkAtStake {
  const queues = snapshot.queues.filter((q) => !q.exclusive)
  return {
    vhosts: snapshot.vhosts.filter((v) => v !== '/').length,
    exchanges: snapshot.exchanges.filter((x) => x.name !== '' && !x.name.startsWith('amq.')).length,
    queues: queues.length,
    bindings: snapshot.bindings.filter((b) => b.source !== '').length,
    messages: snapshot.queues.reduce((sum, q) => sum + q.messages + q.unacked, 0),
    producers: design.producers,
    consumers: design.consumers,
  }
}

export const isEmptyWork = (w: WorkAtStake) => Object.values(w).every((n) => n === 0)

/** Resolves true when there is nothing to lose, or the user agreed to lose it; nothing changes either way. */
export async function confirmReplace(title: string, confirmLabel: string): Promise<boolean> {
  const snapshot = await getSession().client.send({ type: 'snapshot' })
  const doc = docOf(useAppStore.getState())
  const stake = workAtStake(snapshot, {
    producers: Object.keys(doc.producers).length,
    consumers: Object.keys(doc.consumers).length,
  })
  if (isEmptyWork(stake)) return true
  const answer = await askConfirm({
    title,
    paragraphs: [replaceMessages.lost(stake), replaceMessages.cannotUndo],
    confirmLabel,
    danger: true,
  })
  return answer !== null
}
