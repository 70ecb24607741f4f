// Bottom drawer: publish panel, queue browser, the entity lists, metrics and the event log, one tab at a time.

import { ChevronDown, ChevronUp } from 'lucide-react'
import { lazy, Suspense } from 'react'
import { useAppStore, type AppState } from '../store/index.ts'
import type { DrawerTab } from '../store/ui-slice.ts'
import { EntityCount } from './EntityCount.tsx'
import { ExchangeList, QueueList } from './EntityLists.tsx'
import { PublishPanel } from './PublishPanel.tsx'
import { QueueBrowser } from './QueueBrowser.tsx'
import { MetricsDashboard } from './MetricsDashboard.tsx'
import { PoliciesPanel } from './PoliciesPanel.tsx'
import { LintCount, LintPanel } from './LintPanel.tsx'
import { ClientCodePanel } from './ClientCodePanel.tsx'
import { EventsTab } from './EventLog.tsx'
import { LinksPanel } from './LinksPanel.tsx'
import { useT } from '../i18n/index.ts'

// RabbitMQ's management pages are their own chunk: the first view does not need them.
const ManagementView = lazy(() => import('../management/ManagementView.tsx'))

// Each tab's name is drawer.tabs.<tab> in the catalogue.
const TABS: DrawerTab[] = [
  'publish',
  'messages',
  'events',
  'exchanges',
  'queues',
  'metrics',
  'policies',
  'lint',
  'code',
  'management',
  'links',
]
const selectDrawer = (s: AppState) => s.drawer

export function Drawer() {
  const tab = useAppStore(selectDrawer)
  const openDrawer = useAppStore((s) => s.openDrawer)
  const t = useT()
  return (
    <section className={`drawer${tab ? ' is-open' : ''}`} aria-label={t('drawer.title')}>
      <div className="drawer-tabs" role="tablist">
        {TABS.map((key) => (
          <button
            key={key}
            type="button"
            role="tab"
            aria-selected={tab === key}
            className={`drawer-tab${tab === key ? ' is-active' : ''}`}
            onClick={() => openDrawer(tab === key ? null : key)}
            data-testid={`tab-${key}`}
          >
            {t(`drawer.tabs.${key}`)}
            {(key === 'exchanges' || key === 'queues') && <EntityCount kind={key} />}
            {key === 'lint' && <LintCount />}
          </button>
        ))}
        <div className="spacer" />
        <button
          type="button"
          className="icon-button"
          onClick={() => openDrawer(tab ? null : 'publish')}
          aria-label={tab ? t('drawer.close') : t('drawer.open')}
        >
          {tab ? <ChevronDown size={16} aria-hidden /> : <ChevronUp size={16} aria-hidden />}
        </button>
      </div>
      {tab && (
        <div className="drawer-body" role="tabpanel">
          {tab === 'publish' && <PublishPanel />}
          {tab === 'messages' && <QueueBrowser />}
          {tab === 'exchanges' && <ExchangeList />}
          {tab === 'queues' && <QueueList />}
          {tab === 'metrics' && <MetricsDashboard />}
          {tab === 'policies' && <PoliciesPanel />}
          {tab === 'lint' && <LintPanel />}
          {tab === 'code' && <ClientCodePanel />}
          {tab === 'events' && <EventsTab />}
          {tab === 'links' && <LinksPanel />}
          {tab === 'management' && (
            <Suspense fallback={null}>
              <ManagementView />
            </Suspense>
          )}
        </div>
      )}
    </section>
  )
}
