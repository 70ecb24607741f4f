// The Lint tab: what in the topology will surprise its owner on a real RabbitMQ. Lint re-runs a moment
// after the topology or a policy changes, never on message traffic.

import { versionWords } from '../versions/words.ts'
import { useEffect } from 'react'
import { useReactFlow } from '@xyflow/react'
import { AlertTriangle, Info, OctagonAlert } from 'lucide-react'
import type { LintFinding, LintSeverity } from '../../engine/lint.ts'
import { exchangeNodeId, queueNodeId } from '../design/ids.ts'
import { getSession } from '../session/actions.ts'
import { currentVhost } from '../store/current-vhost.ts'
import { useAppStore, type AppState } from '../store/index.ts'
import { useT } from '../i18n/index.ts'
import { lintMessage } from '../ui/lint-text.ts'
import { visibleName } from '../ui/visible-text.ts'

const LINT_DELAY_MS = 400
const SEVERITY_ORDER: Record<LintSeverity, number> = { error: 0, warning: 1, info: 2 }

let lintTimer: ReturnType<typeof setTimeout> | null = null

/** Runs lint once the topology has been quiet for a moment; findings of other vhosts are left out. */
function scheduleLint(): void {
  if (lintTimer) clearTimeout(lintTimer)
  lintTimer = setTimeout(() => {
    lintTimer = null
    let session
    try {
      session = getSession()
    } catch {
      return
    }
    session.client.send({ type: 'lint' }).then(
      (findings) => {
        const ours = findings.filter((f) => f.vhost === currentVhost())
        ours.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity])
        useAppStore.getState().setLintFindings(ours)
      },
      () => {},
    )
  }, LINT_DELAY_MS)
}

const topologyChanged = (s: AppState, prev: AppState) =>
  s.exchanges !== prev.exchanges ||
  s.queues !== prev.queues ||
  s.bindings !== prev.bindings ||
  s.policyRevision !== prev.policyRevision

function useLintWatch(): void {
  useEffect(() => {
    scheduleLint()
    return useAppStore.subscribe((s, prev) => {
      if (topologyChanged(s, prev)) scheduleLint()
    })
  }, [])
}

const selectFindings = (s: AppState) => s.lintFindings
const selectWarningCount = (s: AppState) => s.lintFindings.filter((f) => f.severity !== 'info').length

/** The count on the Lint tab (warnings and errors); it also keeps lint running while the app is open. */
export function LintCount() {
  useLintWatch()
  const total = useAppStore((s) => s.lintFindings.length)
  const warnings = useAppStore(selectWarningCount)
  const t = useT()
  if (total === 0) return null
  return (
    <span
      className={`tab-count${warnings > 0 ? ' tab-count-warn' : ''}`}
      data-testid="lint-count"
      title={t('lint.countTitle', { warnings, notes: total - warnings })}
    >
      {warnings > 0 ? warnings : total}
    </span>
  )
}

export function SeverityIcon({ severity }: { severity: LintSeverity }) {
  const t = useT()
  const label = t(`lint.severity.${severity}`)
  if (severity === 'error') return <OctagonAlert size={14} aria-label={label} className="lint-error" />
  if (severity === 'warning') return <AlertTriangle size={14} aria-label={label} className="lint-warning" />
  return <Info size={14} aria-label={label} className="lint-info" />
}

export function LintPanel() {
  const findings = useAppStore(selectFindings)
  const rf = useReactFlow()
  const t = useT()
  const focus = (finding: LintFinding) => {
    const { kind, name } = finding.entity
    const s = useAppStore.getState()
    if (kind === 'policy') return s.openDrawer('policies')
    const id = kind === 'queue' ? queueNodeId(name) : kind === 'exchange' ? exchangeNodeId(name) : null
    if (!id || !s.nodes.some((n) => n.id === id)) return
    s.selectNodes([id])
    void rf.fitView({ nodes: [{ id }], duration: 300, maxZoom: 1.2 })
  }
  if (findings.length === 0) {
    return (
      <p className="panel-empty" data-testid="lint-empty">
        {t('lint.empty')}
      </p>
    )
  }
  return (
    <table className="table" aria-label={t('lint.title')} data-testid="lint-list">
      <thead>
        <tr>
          <th>{t('lint.severityHeader')}</th>
          <th>{t('lint.entity')}</th>
          <th>{t('lint.finding')}</th>
        </tr>
      </thead>
      <tbody>
        {findings.map((f, i) => (
          <tr
            key={`${f.rule}:${f.entity.kind}:${f.entity.name}:${i}`}
            className="clickable"
            tabIndex={0}
            onClick={() => focus(f)}
            onKeyDown={(e) => e.key === 'Enter' && focus(f)}
            data-testid="lint-row"
            data-rule={f.rule}
            data-entity={f.entity.name}
            data-version={f.version}
          >
            <td className="lint-severity">
              <SeverityIcon severity={f.severity} /> {t(`lint.severity.${f.severity}`)}
            </td>
            <td>
              <span className="mono">{visibleName(f.entity.name)}</span>{' '}
              <span className="muted">{t(`lint.kinds.${f.entity.kind}`)}</span>
            </td>
            <td>
              {f.version && (
                <span className="badge lint-version" data-testid="lint-version">
                  {versionWords().lintOn(f.version)}
                </span>
              )}{' '}
              {lintMessage(f)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
