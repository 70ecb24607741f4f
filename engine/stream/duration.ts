// RabbitMQ's durations for streams (x-max-age, and x-stream-offset intervals): digits then one unit of Y M D h m s.

const UNIT_MS: Record<string, number> = {
  Y: 365 * 24 * 3600_000,
  M: 30 * 24 * 3600_000,
  D: 24 * 3600_000,
  h: 3600_000,
  m: 60_000,
  s: 1000,
}

/**
 * 'crash': no leading digits, where older parsers fail with 541 (profile.streamDurationCrash);
 * 'invalid': a missing or unknown unit, or zero.
 */
export type DurationResult = { ms: number } | 'crash' | 'invalid'

export function parseDuration(text: string): DurationResult {
  const match = /^(\d*)(.*)$/s.exec(text)!
  if (match[1] === '') return 'crash'
  const unit = UNIT_MS[match[2]]
  const value = Number(match[1])
  if (unit === undefined || value === 0) return 'invalid'
  return { ms: value * unit }
}
