// Bottom drawer: publish panel, queue browser, the entity lists, metrics and the event log, one tab at a time.

import { ChevronDown, ChevronUp, Ellipsis } from 'lucide-react'
import { lazy, Suspense, useLayoutEffect, useRef, useState } from 'react'
import { useT } from '../i18n/index.ts'
import { useAppStore, type AppState } from '../store/index.ts'
import type { DrawerTab } from '../store/ui-slice.ts'
import { EntityCount } from './EntityCount.tsx'
import { ExchangeList, QueueList } from './EntityLists.tsx'
import { LintCount, LintPanel } from './LintPanel.tsx'
import { PanelLoading } from '../ui/PanelLoading.tsx'

// Panels the first view does not show load with their tab: publish, charts, policies, code generation, the event log.
const PublishPanel = lazy(() => import('./PublishPanel.tsx').then((m) => ({ default: m.PublishPanel })))
const QueueBrowser = lazy(() => import('./QueueBrowser.tsx').then((m) => ({ default: m.QueueBrowser })))
const MetricsDashboard = lazy(() => import('./MetricsDashboard.tsx').then((m) => ({ default: m.MetricsDashboard })))
const PoliciesPanel = lazy(() => import('./PoliciesPanel.tsx').then((m) => ({ default: m.PoliciesPanel })))
const ClientCodePanel = lazy(() => import('./ClientCodePanel.tsx').then((m) => ({ default: m.ClientCodePanel })))
const EventsTab = lazy(() => import('./EventLog.tsx').then((m) => ({ default: m.EventsTab })))
const LinksPanel = lazy(() => import('./LinksPanel.tsx').then((m) => ({ default: m.LinksPanel })))

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

/** The tabs that do not fit the strip's width (its scroll reaches them too); the More menu lists them. */
function useClippedTabs() {
  const strip = useRef<HTMLDivElement>(null)
  const [clipped, setClipped] = useState<DrawerTab[]>([])
  useLayoutEffect(() => {
    const el = strip.current
    if (!el) return
    const measure = () => {
      const width = el.clientWidth
      const out: DrawerTab[] = []
      for (const child of el.children) {
        const tab = child as HTMLElement
        if (tab.offsetLeft + tab.offsetWidth > width + 1) out.push(tab.dataset.tab as DrawerTab)
      }
      setClipped((prev) => (prev.join() === out.join() ? prev : out))
    }
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(el)
    return () => observer.disconnect()
  }, [])
  return [strip, clipped] as const
}

function MoreTabs({ clipped, tab }: { clipped: DrawerTab[]; tab: DrawerTab | null }) {
  const t = useT()
  const openDrawer = useAppStore((s) => s.openDrawer)
  const [open, setOpen] = useState(false)
  if (clipped.length === 0) return null
  const active = tab !== null && clipped.includes(tab) ? t(`drawer.tabs.${tab}`) : undefined
  return (
    <div className="drawer-more">
      <button
        type="button"
        className={`drawer-tab${active ? ' is-active' : ''}`}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        data-testid="drawer-more"
      >
        <Ellipsis size={16} aria-hidden />
        {active ?? t('scale.drawer.more')}
      </button>
      {open && (
        <div
          className="drawer-more-menu"
          role="menu"
          aria-label={t('scale.drawer.moreTabs')}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setOpen(false)
          }}
        >
          {TABS.filter((key) => clipped.includes(key)).map((key) => (
            <button
              key={key}
              type="button"
              role="menuitemradio"
              aria-checked={tab === key}
              onClick={() => {
                setOpen(false)
                openDrawer(key)
              }}
              data-testid={`more-${key}`}
            >
              {t(`drawer.tabs.${key}`)}
              {key === 'lint' && <LintCount />}
            </button>
          ))}
        </div>
      )}
    </div>
  )
}

export function Drawer() {
  const tab = useAppStore(selectDrawer)
  const openDrawer = useAppStore((s) => s.openDrawer)
  const t = useT()
  const [strip, clipped] = useClippedTabs()
  return (
    <section className={`drawer${tab ? ' is-open' : ''}`} aria-label={t('drawer.title')}>
      <div className="drawer-bar">
        <div className="drawer-tabs" role="tablist" ref={strip}>
          {TABS.map((key) => (
            <button
              key={key}
              type="button"
              role="tab"
              aria-selected={tab === key}
              className={`drawer-tab${tab === key ? ' is-active' : ''}`}
              onClick={() => openDrawer(tab === key ? null : key)}
              data-testid={`tab-${key}`}
              data-tab={key}
            >
              {t(`drawer.tabs.${key}`)}
              {(key === 'exchanges' || key === 'queues') && <EntityCount kind={key} />}
              {key === 'lint' && <LintCount />}
            </button>
          ))}
        </div>
        <MoreTabs clipped={clipped} tab={tab} />
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
          <Suspense fallback={<PanelLoading />}>
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
            {tab === 'management' && <ManagementView />}
          </Suspense>
        </div>
      )}
    </section>
  )
}
