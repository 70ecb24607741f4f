// The toolbar's RabbitMQ version: shows the broker's, and switching it goes through the list of changes.

import { ChevronDown } from 'lucide-react'
import type { BrokerVersion } from '../../engine/profile.ts'
import { DEFAULT_CHOICE, VERSION_CHOICES } from './releases.ts'
import { switchBrokerVersion } from './switch-version.ts'
import { useBrokerVersion } from './useBrokerVersion.ts'
import { versionWords } from './words.ts'

export function VersionSelect() {
  const version = useBrokerVersion()
  const words = versionWords()
  return (
    <div className="tool-group version-select">
      {/* The closed select shows this face, which narrows to the number alone; the select lies over it, see-through. */}
      <span className="version-face" aria-hidden>
        <span className="version-prefix">{words.faceName} </span>
        {version ?? '…'}
        <ChevronDown size={12} />
      </span>
      <select
        aria-label={words.selectLabel}
        title={words.selectLabel}
        data-testid="version-select"
        value={version ?? ''}
        disabled={version === null}
        onChange={(event) => void switchBrokerVersion(event.target.value as BrokerVersion)}
      >
        {version === null && <option value="">…</option>}
        {VERSION_CHOICES.map((c) => (
          <option key={c.version} value={c.version}>
            {words.optionLabel(c.version, c.release, c.version === DEFAULT_CHOICE)}
          </option>
        ))}
      </select>
    </div>
  )
}
