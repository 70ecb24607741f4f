// x-stream-offset: where a new stream consumer starts reading (rabbit_stream_queue:parse_offset_arg).

import { AmqpError, preconditionFailed } from '../errors.ts'
import { fieldTypeClass, isTable } from '../field-values.ts'
import type { FieldValue } from '../model.ts'
import type { VersionProfile } from '../profile.ts'
import { parseDuration } from './duration.ts'

export type OffsetSpec =
  | { kind: 'first' }
  | { kind: 'last' } // the last chunk: with one message per chunk, the newest message
  | { kind: 'next' } // only what is appended from now on (the default)
  | { kind: 'offset'; offset: number }
  | { kind: 'timestamp'; at: number } // broker ms: the first message appended at or after it
  | { kind: 'interval'; ms: number } // what was appended within the last `ms`

/** The JSON form of an AMQP timestamp, amqplib's typed value: {"!":"timestamp","value":<seconds>}. */
function timestampSeconds(value: FieldValue): number | undefined {
  if (!isTable(value) || value['!'] !== 'timestamp') return undefined
  return typeof value.value === 'number' ? value.value : undefined
}

/** Parses the consumer argument, or throws as the version does (406, or 541 where its parser crashes). */
export function parseOffsetSpec(
  value: FieldValue | undefined,
  profile: Pick<VersionProfile, 'streamDurationCrash'>,
): OffsetSpec {
  if (value === undefined) return { kind: 'next' }
  if (typeof value === 'string') {
    if (value === 'first' || value === 'last' || value === 'next') return { kind: value }
    const parsed = parseDuration(value)
    if (typeof parsed === 'object') return { kind: 'interval', ms: parsed.ms }
    if (parsed === 'crash' && profile.streamDurationCrash)
      throw new AmqpError('INTERNAL_ERROR', `failed to parse x-stream-offset '${value}'`)
    throw preconditionFailed(`invalid x-stream-offset '${value}'`)
  }
  if (fieldTypeClass(value) === 'int') return { kind: 'offset', offset: value as number }
  const seconds = timestampSeconds(value)
  if (seconds !== undefined) return { kind: 'timestamp', at: seconds * 1000 }
  throw new AmqpError('INTERNAL_ERROR', `unexpected x-stream-offset ${JSON.stringify(value)}`)
}
