// What the inspector shows with nothing selected: the broker at a glance and how to start.

import { useShallow } from 'zustand/react/shallow'
import { isPredeclaredExchange } from '../design/ids.ts'
import { useAppStore, type AppState } from '../store/index.ts'
import { selectVhost } from '../store/broker-slice.ts'
import { formatNumber, useT } from '../i18n/index.ts'
import { RichText } from '../ui/RichText.tsx'

function selectTotals(s: AppState) {
  let ready = 0
  let unacked = 0
  for (const q of Object.values(s.queueStats)) {
    ready += q.ready
    unacked += q.unacked
  }
  return {
    exchanges: Object.keys(s.exchanges).filter((n) => !isPredeclaredExchange(n)).length,
    queues: Object.keys(s.queues).length,
    bindings: s.bindings.length,
    consumers: Object.keys(s.consumerStats).length,
    ready,
    unacked,
  }
}

const STATS = ['exchanges', 'queues', 'bindings', 'consumers', 'ready', 'unacked'] as const
// overview.steps.<step> in the catalogue; <kbd> and <b> in them become those elements.
const STEPS = ['add', 'bind', 'publish', 'select'] as const

export function Overview() {
  const totals = useAppStore(useShallow(selectTotals))
  const vhost = useAppStore(selectVhost)
  const t = useT()
  return (
    <div className="overview" data-testid="overview">
      <header className="inspector-head">
        <span className="eyebrow">{t('toolbar.groupBroker')}</span>
        <h2 className="inspector-title" data-testid="overview-vhost">
          {t('overview.vhost', { vhost })}
        </h2>
      </header>
      <div className="inspector-form">
        <div className="stat-grid">
          {STATS.map((key) => (
            <div className="stat" key={key}>
              <b>{formatNumber(totals[key])}</b>
              <span>{t(`overview.stats.${key}`)}</span>
            </div>
          ))}
        </div>
        <h3 className="form-section">{t('overview.gettingStarted')}</h3>
        <ol className="steps">
          {STEPS.map((step) => (
            <li key={step}>
              <RichText text={t(`overview.steps.${step}`)} />
            </li>
          ))}
        </ol>
      </div>
    </div>
  )
}
