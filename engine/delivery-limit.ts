// The delivery limit a quorum queue applies under a profile, from its x-delivery-limit (or policy) and the default.

import type { VersionProfile } from './profile.ts'

/** undefined = unlimited. A negative limit disables it (4.0+, where -1 is how to turn the default off). */
export function effectiveDeliveryLimit(explicit: number | undefined, profile: VersionProfile): number | undefined {
  const own = explicit !== undefined && (Number.isInteger(explicit) || !profile.quorumDeliveryLimitWholeOnly)
  const limit = own ? explicit : profile.quorumDefaultDeliveryLimit
  return limit !== undefined && limit < 0 ? undefined : limit
}
