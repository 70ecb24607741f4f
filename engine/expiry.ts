// Message expiry: the queue's x-message-ttl and the message's expiration property; the lower wins.

import { preconditionFailed } from './errors.ts'
import { MAX_EXPIRY } from './queue-arguments.ts'

/** rabbit_basic:parse_expiration: a decimal string of milliseconds, or a 406 on publish. */
export function parseExpiration(expiration: string | undefined): number | undefined {
  if (expiration === undefined) return undefined
  const match = /^[+-]?\d+/.exec(expiration)
  if (!match) throw preconditionFailed(`invalid expiration '${expiration}': no_integer`)
  if (match[0].length !== expiration.length) {
    throw preconditionFailed(
      `invalid expiration '${expiration}': {leftover_string,"${expiration.slice(match[0].length)}"}`,
    )
  }
  const ms = Number(match[0])
  if (ms < 0) throw preconditionFailed(`invalid expiration '${expiration}': {value_negative,${ms}}`)
  if (ms > MAX_EXPIRY)
    throw preconditionFailed(`invalid expiration '${expiration}': {value_too_large,${ms},${MAX_EXPIRY}}`)
  return ms
}

/** When a message entering a queue now expires: Infinity when neither TTL applies. */
export function expiresAt(now: number, queueTtl: number | undefined, messageTtl: number | undefined): number {
  if (queueTtl === undefined && messageTtl === undefined) return Infinity
  const ttl =
    queueTtl === undefined ? messageTtl! : messageTtl === undefined ? queueTtl : Math.min(queueTtl, messageTtl)
  return now + ttl
}
