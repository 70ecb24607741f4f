// The confirm of a publish some queue held: sent once the last holding queue took the message.

import type { HeldConfirm } from './replicas.ts'

export function releaseConfirm(confirm: HeldConfirm): void {
  confirm.pending--
  if (confirm.pending > 0 || confirm.channel.closed) return
  confirm.channel.connection.sink.confirmed(confirm.channel.id, confirm.publishSeq, !confirm.rejected)
}
