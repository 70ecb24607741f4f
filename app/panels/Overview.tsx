// What the inspector shows with nothing selected: the broker at a glance and how to start.

import { useShallow } from 'zustand/react/shallow'
import { isPredeclaredExchange } from '../design/ids.ts'
import { useAppStore, type AppState } from '../store/index.ts'
import { selectVhost } from '../store/broker-slice.ts'

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

export function Overview() {
  const t = useAppStore(useShallow(selectTotals))
  const vhost = useAppStore(selectVhost)
  return (
    <div className="overview" data-testid="overview">
      <header className="inspector-head">
        <span className="eyebrow">Broker</span>
        <h2 className="inspector-title" data-testid="overview-vhost">
          Virtual host {vhost}
        </h2>
      </header>
      <div className="inspector-form">
        <div className="stat-grid">
          <div className="stat">
            <b>{t.exchanges}</b>
            <span>exchanges</span>
          </div>
          <div className="stat">
            <b>{t.queues}</b>
            <span>queues</span>
          </div>
          <div className="stat">
            <b>{t.bindings}</b>
            <span>bindings</span>
          </div>
          <div className="stat">
            <b>{t.consumers}</b>
            <span>consumers</span>
          </div>
          <div className="stat">
            <b>{t.ready}</b>
            <span>ready</span>
          </div>
          <div className="stat">
            <b>{t.unacked}</b>
            <span>unacked</span>
          </div>
        </div>
        <h3 className="form-section">Getting started</h3>
        <ol className="steps">
          <li>
            Add an exchange and a queue from the palette (or press <kbd>E</kbd> and <kbd>Q</kbd>).
          </li>
          <li>Drag from the exchange's right handle to the queue: that declares a binding.</li>
          <li>
            Publish from a producer node or the <b>Publish</b> tab, and watch the counts.
          </li>
          <li>
            Select anything to edit it here. <kbd>?</kbd> lists every shortcut.
          </li>
        </ol>
      </div>
    </div>
  )
}
