// Right panel: the selected node or edge, every property editable.

import { lazy, Suspense, type ReactNode } from 'react'
import { Trash2 } from 'lucide-react'
import type { BindingDef, ExchangeDef, ExchangeType, QueueDef } from '../../engine/model.ts'
import type { ConsumerDef, ProducerDef } from '../design/types.ts'
import { useShallow } from 'zustand/react/shallow'
import { bindingEdgeId, parseEdgeId, parseNodeId } from '../design/ids.ts'
import { deleteSelection } from '../session/actions.ts'
import { useAppStore, type AppState } from '../store/index.ts'
import { Overview } from './Overview.tsx'
import { useT } from '../i18n/index.ts'
import { PanelLoading } from '../ui/PanelLoading.tsx'
import { visibleName } from '../ui/visible-text.ts'

// The charts (uPlot) load with the first queue the inspector shows, not with the page; the editors (one chunk)
// with the first selection: the first view shows the overview.
const QueueMetrics = lazy(() => import('./MetricsChart.tsx').then((m) => ({ default: m.QueueMetrics })))
const editors = () => import('./inspector/editors.ts')
const BindingGroupInspector = lazy(() => editors().then((m) => ({ default: m.BindingGroupInspector })))
const BindingInspector = lazy(() => editors().then((m) => ({ default: m.BindingInspector })))
const ConsumerInspector = lazy(() => editors().then((m) => ({ default: m.ConsumerInspector })))
const AlternateInspector = lazy(() => editors().then((m) => ({ default: m.AlternateInspector })))
const DeadLetterInspector = lazy(() => editors().then((m) => ({ default: m.DeadLetterInspector })))
const ExchangeInspector = lazy(() => editors().then((m) => ({ default: m.ExchangeInspector })))
const ProducerInspector = lazy(() => editors().then((m) => ({ default: m.ProducerInspector })))
const QueueInspector = lazy(() => editors().then((m) => ({ default: m.QueueInspector })))
const QueueMembers = lazy(() => editors().then((m) => ({ default: m.QueueMembers })))

const selectExchangeNames = (s: AppState) => Object.keys(s.exchanges)

/** The selected thing as stable store references, so count ticks do not re-render the inspector. */
function selectTarget(s: AppState) {
  const total = s.selectedNodes.length + s.selectedEdges.length
  if (total !== 1) return { kind: total === 0 ? 'none' : 'many', total, def: null, extra: null } as const
  if (s.selectedNodes.length === 1) {
    const { kind, key } = parseNodeId(s.selectedNodes[0])
    const def =
      kind === 'exchange'
        ? s.exchanges[key]
        : kind === 'queue'
          ? s.queues[key]
          : kind === 'producer'
            ? s.producers[key]
            : s.consumers[key]
    return { kind, total, def: def ?? null, extra: null } as const
  }
  const id = s.selectedEdges[0]
  const { kind, key } = parseEdgeId(id)
  switch (kind) {
    case 'binding': {
      const binding = s.bindings.find((b) => bindingEdgeId(b) === id) ?? null
      return {
        kind,
        total,
        def: binding,
        extra: binding ? ((s.exchanges[binding.source]?.type ?? 'direct') as ExchangeType) : null,
      } as const
    }
    case 'bindings': {
      // The id names the pair; the inspector reads the bindings itself, so this stays a stable value.
      const [source] = JSON.parse(key) as [string]
      return {
        kind,
        total,
        def: s.exchanges[source] ? id : null,
        extra: (s.exchanges[source]?.type ?? 'direct') as ExchangeType,
      } as const
    }
    case 'publish':
      return { kind: 'producer', total, def: s.producers[key] ?? null, extra: null } as const
    case 'consume':
      return { kind: 'consumer', total, def: s.consumers[key] ?? null, extra: null } as const
    case 'deadLetter':
      return { kind, total, def: s.queues[key] ?? null, extra: null } as const
    case 'alternate':
      return { kind, total, def: s.exchanges[key] ?? null, extra: null } as const
  }
}

function Body() {
  const t = useAppStore(useShallow(selectTarget))
  const tr = useT()
  if (t.kind === 'none') {
    return <Overview />
  }
  if (t.kind === 'many') {
    return (
      <div className="inspector-form">
        <p>{tr('inspector.selected', { count: t.total })}</p>
        <button
          type="button"
          className="button danger"
          onClick={() => void deleteSelection()}
          aria-label={tr('help.shortcuts.delete')}
        >
          <Trash2 size={14} aria-hidden /> {tr('common.delete')}
        </button>
      </div>
    )
  }
  if (!t.def) return null
  switch (t.kind) {
    case 'exchange': {
      const def = t.def as ExchangeDef
      return (
        <Header kind={tr('inspector.kind.exchange')} name={def.name}>
          <ExchangeInspector key={def.name} def={def} />
        </Header>
      )
    }
    case 'queue': {
      const def = t.def as QueueDef
      return (
        <Header kind={tr('inspector.kind.queue')} name={def.name}>
          <QueueInspector key={def.name} def={def} />
          <QueueMembers key={`members-${def.name}`} queue={def.name} />
          <Suspense fallback={null}>
            <QueueMetrics key={`metrics-${def.name}`} queue={def.name} />
          </Suspense>
        </Header>
      )
    }
    case 'producer': {
      const def = t.def as ProducerDef
      return (
        <Header kind={tr('inspector.kind.producer')} name={def.name}>
          <ProducerInspector key={def.id} def={def} />
        </Header>
      )
    }
    case 'consumer': {
      const def = t.def as ConsumerDef
      return (
        <Header kind={tr('inspector.kind.consumer')} name={def.name}>
          <ConsumerInspector key={def.id} def={def} />
        </Header>
      )
    }
    case 'binding': {
      const b = t.def as BindingDef
      return (
        <Header
          kind={tr('inspector.kind.binding')}
          name={tr('inspector.bindingName', {
            source: b.source || tr('common.defaultExchange'),
            destination: b.destination,
          })}
        >
          <BindingInspector key={bindingEdgeId(b)} binding={b} sourceType={t.extra ?? 'direct'} />
        </Header>
      )
    }
    case 'bindings': {
      const [source, , destination] = JSON.parse(parseEdgeId(t.def as string).key) as [string, string, string]
      return (
        <Header kind="Bindings" name={`${source || '(default)'} → ${destination}`}>
          <BindingGroupInspector key={t.def as string} groupId={t.def as string} sourceType={t.extra ?? 'direct'} />
        </Header>
      )
    }
    case 'deadLetter': {
      const q = t.def as QueueDef
      return (
        <Header kind={tr('inspector.kind.deadLetter')} name={q.name}>
          <DeadLetterInspector queue={q} />
        </Header>
      )
    }
    case 'alternate': {
      const x = t.def as ExchangeDef
      return (
        <Header kind={tr('inspector.kind.alternate')} name={x.name}>
          <AlternateInspector exchange={x} />
        </Header>
      )
    }
  }
}

function Header({ kind, name, children }: { kind: string; name: string; children: ReactNode }) {
  return (
    <>
      <header className="inspector-head">
        <span className="eyebrow">{kind}</span>
        <h2 className="inspector-title" title={visibleName(name)} data-testid="inspector-title">
          {visibleName(name)}
        </h2>
      </header>
      {children}
    </>
  )
}

export function Inspector() {
  const names = useAppStore(useShallow(selectExchangeNames))
  const t = useT()
  return (
    <aside className="inspector" aria-label={t('inspector.title')} data-testid="inspector">
      <Suspense fallback={<PanelLoading />}>
        <Body />
      </Suspense>
      <datalist id="exchange-names">
        {names.map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
    </aside>
  )
}
