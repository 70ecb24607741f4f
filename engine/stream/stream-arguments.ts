// What a stream refuses at declare: properties other than durable, the arguments of other queue types,
// a malformed x-max-age, and (with filtering) a filter size outside 16..255 (rabbit_stream_queue:declare).

import { AmqpError, describeQueue, preconditionFailed } from '../errors.ts'
import { fieldTypeClass } from '../field-values.ts'
import type { FieldTable } from '../model.ts'
import type { VersionProfile } from '../profile.ts'
import { parseDuration } from './duration.ts'

/** Queue arguments of classic and quorum queues that a stream refuses (recorded: stream-declare-other-arguments). */
const REFUSED = [
  'x-expires',
  'x-message-ttl',
  'x-dead-letter-exchange',
  'x-dead-letter-routing-key',
  'x-dead-letter-strategy',
  'x-max-length',
  'x-max-in-memory-length',
  'x-max-in-memory-bytes',
  'x-max-priority',
  'x-overflow',
  'x-queue-mode',
  'x-single-active-consumer',
  'x-quorum-initial-group-size',
  'x-delivery-limit',
] as const

export const STREAM_REFUSED_ARGUMENTS: readonly string[] = REFUSED

const FILTER_SIZE = { min: 16, max: 255 }

export function validateStreamDeclare(
  name: string,
  vhost: string,
  args: FieldTable,
  props: { durable: boolean; exclusive: boolean; autoDelete: boolean },
  profile: Pick<VersionProfile, 'streamFiltering' | 'streamDurationCrash'>,
): void {
  const what = describeQueue(name, vhost)
  if (!props.durable) throw preconditionFailed(`invalid property 'non-durable' for ${what}`)
  if (props.exclusive) throw preconditionFailed(`invalid property 'exclusive-owner' for ${what}`)
  if (props.autoDelete) throw preconditionFailed(`invalid property 'auto-delete' for ${what}`)
  for (const key of REFUSED) {
    if (args[key] !== undefined) throw preconditionFailed(`invalid arg '${key}' for ${what}`)
  }
  const maxAge = args['x-max-age']
  if (typeof maxAge === 'string') {
    const parsed = parseDuration(maxAge)
    if (parsed === 'crash' && profile.streamDurationCrash)
      throw new AmqpError('INTERNAL_ERROR', `failed to parse x-max-age '${maxAge}' for ${what}`)
    if (typeof parsed !== 'object') throw preconditionFailed(`invalid arg 'x-max-age' for ${what}: ${maxAge}`)
  }
  const filterSize = args['x-stream-filter-size-bytes']
  if (profile.streamFiltering && filterSize !== undefined) {
    const ok =
      fieldTypeClass(filterSize) === 'int' &&
      (filterSize as number) >= FILTER_SIZE.min &&
      (filterSize as number) <= FILTER_SIZE.max
    if (!ok) throw preconditionFailed(`invalid arg 'x-stream-filter-size-bytes' for ${what}`)
  }
}

/** x-max-age in ms, or undefined when the stream keeps messages by size only. */
export function maxAgeOf(args: FieldTable): number | undefined {
  const value = args['x-max-age']
  if (typeof value !== 'string') return undefined
  const parsed = parseDuration(value)
  return typeof parsed === 'object' ? parsed.ms : undefined
}

/** RabbitMQ's default segment size: 500 MB. */
export const DEFAULT_SEGMENT_BYTES = 500_000_000

export function segmentBytesOf(args: FieldTable): number {
  const value = args['x-stream-max-segment-size-bytes']
  return typeof value === 'number' && value > 0 ? value : DEFAULT_SEGMENT_BYTES
}
