// Deploy the design to the connected RabbitMQ: first a plan per entity (create / update / re-create / delete,
// with what a re-create loses), then the calls one by one with a report per step. And the drift audit.

import { useState } from 'react'
import type { Drift, PlanStep } from '../../engine/definitions/deploy-plan.ts'
import { applyPlan, isMissingVhost, type StepReport } from '../broker/apply-plan.ts'
import type { ManagementApi } from '../broker/management.ts'
import { useT } from '../i18n/index.ts'
import { getSession } from '../session/actions.ts'
import { useDriftStore } from './drift-store.ts'

async function liveState(api: ManagementApi, vhost: string) {
  const definitions = await api.get(`/api/definitions/${encodeURIComponent(vhost)}`)
  // A vhost the broker does not have yet is an empty one: the plan starts by creating it.
  if (isMissingVhost(definitions)) return { live: { vhosts: [] }, depths: [] as [string, number][] }
  if (definitions.status !== 200)
    throw new Error(String((definitions.body as { reason?: string })?.reason ?? definitions.status))
  const queues = await api.get(`/api/queues/${encodeURIComponent(vhost)}`)
  const rows = Array.isArray(queues.body) ? (queues.body as { vhost: string; name: string; messages?: number }[]) : []
  return {
    live: definitions.body,
    depths: rows.map((q) => [`${q.vhost}\u0000${q.name}`, q.messages ?? 0] as [string, number]),
  }
}

export function DeployPanel({ api, vhost }: { api: ManagementApi; vhost: string }) {
  const t = useT('management')
  const [prune, setPrune] = useState(false)
  const [steps, setSteps] = useState<PlanStep[] | null>(null)
  const [reports, setReports] = useState<StepReport[]>([])
  const [drift, setDrift] = useState<Drift[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const client = () => getSession().client

  const plan = async () => {
    setBusy(true)
    setError(null)
    setReports([])
    try {
      const { live, depths } = await liveState(api, vhost)
      setSteps(await client().send({ type: 'deployPlan', live, vhost, prune, depths }))
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    }
    setBusy(false)
  }
  const audit = async () => {
    setBusy(true)
    setError(null)
    try {
      const { live } = await liveState(api, vhost)
      const found = await client().send({ type: 'drift', live, vhost })
      setDrift(found)
      useDriftStore.getState().setDrift(vhost, found)
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    }
    setBusy(false)
  }
  const apply = async () => {
    if (!steps) return
    setBusy(true)
    setReports([])
    await applyPlan(api, steps, (report) => setReports((r) => [...r, report]))
    setBusy(false)
  }
  const reportOf = (i: number) => reports[i]

  return (
    <div className="mgmt-deploy" data-testid="mgmt-deploy">
      <div className="mgmt-inline-form">
        <label className="inline">
          <input type="checkbox" checked={prune} onChange={(e) => setPrune(e.target.checked)} />
          {t('deploy.prune')}
        </label>
        <button type="button" className="button" onClick={() => void plan()} disabled={busy} data-testid="mgmt-plan">
          {t('deploy.plan', { vhost })}
        </button>
        <button type="button" className="button" onClick={() => void audit()} disabled={busy} data-testid="mgmt-audit">
          {t('deploy.audit')}
        </button>
      </div>
      {error && <p className="form-error">{error}</p>}
      {steps && (
        <section>
          <h4>{steps.length === 0 ? t('deploy.nothing') : t('deploy.steps', { count: steps.length })}</h4>
          <ol className="mgmt-steps" data-testid="mgmt-steps">
            {steps.map((s, i) => (
              <li
                key={`${s.kind}-${s.name}-${i}`}
                className={reportOf(i) ? (reportOf(i).ok ? 'ok' : 'failed') : undefined}
              >
                <strong>{t(`deploy.action.${s.action}`)}</strong> {t(`deploy.kind.${s.kind}`)}{' '}
                <span className="mono">{s.name}</span>
                {s.messagesLost > 0 && (
                  <span className="form-error"> {t('deploy.loses', { count: s.messagesLost })}</span>
                )}
                {s.differences.length > 0 && <div className="muted">{s.differences.join('; ')}</div>}
                {reportOf(i) && (
                  <div>
                    {reportOf(i).ok ? t('deploy.done') : t('deploy.refused', { reason: reportOf(i).error ?? '' })}
                  </div>
                )}
              </li>
            ))}
          </ol>
          {steps.length > 0 && (
            <button
              type="button"
              className="button"
              onClick={() => void apply()}
              disabled={busy || reports.length > 0}
              data-testid="mgmt-apply"
            >
              {t('deploy.apply')}
            </button>
          )}
        </section>
      )}
      {drift && (
        <section>
          <h4>{drift.length === 0 ? t('drift.none') : t('drift.count', { count: drift.length })}</h4>
          <ul className="mgmt-drift" data-testid="mgmt-drift">
            {drift.map((d, i) => (
              <li key={`${d.kind}-${d.name}-${i}`} className={`drift-${d.status}`}>
                <strong>{t(`drift.status.${d.status}`)}</strong> {t(`deploy.kind.${d.kind}`)}{' '}
                <span className="mono">{d.name}</span>
                {d.differences.length > 0 && <div className="muted">{d.differences.join('; ')}</div>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  )
}
