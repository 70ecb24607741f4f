// The versions the designer offers, with the exact release each profile was recorded from. app/ may not
// import engine values, so these mirror engine/profile.ts (a unit test keeps them equal).

import type { BrokerVersion } from '../../engine/profile.ts'

export const VERSION_CHOICES: readonly { version: BrokerVersion; release: string }[] = [
  { version: '4.3', release: '4.3.6' },
  { version: '4.0', release: '4.0.5' },
  { version: '3.10', release: '3.10.8' },
]

export const DEFAULT_CHOICE: BrokerVersion = '4.3'

export function releaseOf(version: BrokerVersion): string {
  return VERSION_CHOICES.find((c) => c.version === version)?.release ?? version
}

/** The choice a RabbitMQ release string falls under: the newest one not after it ("4.2.1" -> 4.0). */
export function choiceForRelease(release: string): BrokerVersion | null {
  const match = /^(\d+)\.(\d+)/.exec(release)
  if (!match) return null
  const value = Number(match[1]) * 100 + Number(match[2])
  for (const choice of VERSION_CHOICES) {
    const [major, minor] = choice.version.split('.').map(Number)
    if (major * 100 + minor <= value) return choice.version
  }
  return '3.10'
}
