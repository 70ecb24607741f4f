// The delivery limit a quorum queue applies under a profile, from its x-delivery-limit (or policy) and the default.

import type { FieldValue } from './model.ts'
import type { VersionProfile } from './profile.ts'

/**
 * undefined = unlimited. `limit` is the queue's numeric setting, `argument` its x-delivery-limit as declared, whatever
 * its type. Before 4.3 the argument is taken as it is: a number limits by comparison (1.5 lets two returns through),
 * anything else never limits; 4.3 lets the default stand for anything but a whole number (quorumDeliveryLimitWholeOnly;
 * recorded: quorum-delivery-limit-1p5-*, -s2s-*). A negative limit disables it (4.0+, where -1 turns the default off).
 */
export function effectiveDeliveryLimit(
  limit: number | undefined,
  argument: FieldValue | undefined,
  profile: VersionProfile,
): number | undefined {
  let applied: number | undefined
  if (limit !== undefined && (Number.isInteger(limit) || !profile.quorumDeliveryLimitWholeOnly)) applied = limit
  else if (limit === undefined && argument !== undefined && !profile.quorumDeliveryLimitWholeOnly) return undefined
  else applied = profile.quorumDefaultDeliveryLimit
  return applied !== undefined && applied < 0 ? undefined : applied
}
