// What the broker actually applies to a queue or exchange, setting by setting, with where each came
// from: the x-argument, a policy or an operator policy (the broker decides; this only shows it).

import { useEffect, useState } from 'react'
import type { EffectiveSettings, EffectiveSetting } from '../../../engine/effective-settings.ts'
import type { FieldValue } from '../../../engine/model.ts'
import { getSession } from '../../session/actions.ts'
import { errorText } from '../../session/session.ts'
import { currentVhost } from '../../store/current-vhost.ts'
import { useAppStore } from '../../store/index.ts'

function sourceLabel(setting: EffectiveSetting): string {
  const s = setting.source
  if (s.kind === 'argument') return 'argument'
  return `${s.kind === 'policy' ? 'policy' : 'operator policy'}: ${s.name}`
}

const showValue = (value: FieldValue) => (typeof value === 'string' ? value : JSON.stringify(value))

/** `revision` is anything that changes when the entity does (its definition object). */
export function EffectiveSettingsSection({
  kind,
  name,
  revision,
}: {
  kind: 'queue' | 'exchange'
  name: string
  revision: unknown
}) {
  const policyRevision = useAppStore((s) => s.policyRevision)
  // A new or removed exchange or queue elsewhere (an import, the page API) can come with policies.
  const exchanges = useAppStore((s) => s.exchanges)
  const queues = useAppStore((s) => s.queues)
  const [result, setResult] = useState<EffectiveSettings | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    let live = true
    getSession()
      .client.send({ type: 'effectiveSettings', vhost: currentVhost(), kind, name })
      .then(
        (r) => live && (setResult(r), setError(null)),
        (e: unknown) => live && (setResult(null), setError(errorText(e))),
      )
    return () => {
      live = false
    }
  }, [kind, name, revision, policyRevision, exchanges, queues])

  return (
    <section className="effective" aria-label="Effective settings" data-testid="effective-settings">
      <h3 className="form-section">Effective settings</h3>
      {error && <p className="note">{error}</p>}
      {result && result.settings.length === 0 && (
        <p className="note" data-testid="effective-none">
          No arguments or policies set anything on this {kind}: RabbitMQ's defaults apply.
        </p>
      )}
      {result && result.settings.length > 0 && (
        <table className="table effective-table">
          <thead>
            <tr>
              <th>Setting</th>
              <th>Value</th>
              <th>Source</th>
            </tr>
          </thead>
          <tbody>
            {result.settings.map((s) => (
              <tr key={s.key} data-testid="effective-row" data-key={s.key}>
                <td className="mono">{s.key}</td>
                <td className="mono" data-testid="effective-value">
                  {showValue(s.value)}
                </td>
                <td>
                  <span className={`badge source-${s.source.kind}`} data-testid="effective-source">
                    {sourceLabel(s)}
                  </span>
                  {s.unsimulated && (
                    <span className="badge" title="Kept and exported, but Warren does not simulate it">
                      not simulated
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
