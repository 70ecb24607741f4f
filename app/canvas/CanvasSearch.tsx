// Ctrl+K or '/': find a queue, exchange or binding key and fly to it.

import { useReactFlow } from '@xyflow/react'
import { Search } from 'lucide-react'
import { useEffect, useMemo, useRef, useState } from 'react'
import { useT } from '../i18n/index.ts'
import { useAppStore } from '../store/index.ts'
import { searchCanvas, type SearchHit } from './search.ts'

const FLY = { zoom: 1, duration: 400 }

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName))
}

export function CanvasSearch() {
  const t = useT()
  const rf = useReactFlow()
  const [open, setOpen] = useState(false)
  const [query, setQuery] = useState('')
  const [active, setActive] = useState(0)
  const input = useRef<HTMLInputElement>(null)

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const s = useAppStore.getState()
      if (s.dialog) return
      const wants = ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') || (e.key === '/' && !typing(e.target))
      if (!wants) return
      e.preventDefault()
      setOpen(true)
      requestAnimationFrame(() => input.current?.select())
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  const hits = useMemo(() => {
    if (!open) return []
    const s = useAppStore.getState()
    return searchCanvas(
      query,
      { exchanges: Object.keys(s.exchanges), queues: Object.keys(s.queues), bindings: s.bindings },
      new Set(s.nodes.map((n) => n.id)),
    )
  }, [open, query])

  const go = (hit: SearchHit) => {
    const s = useAppStore.getState()
    const ids = 'node' in hit.target ? [hit.target.node] : hit.target.between
    const found = ids.map((id) => rf.getInternalNode(id)).filter((n) => n !== undefined)
    if (found.length > 0) {
      const x =
        found.reduce((a, n) => a + n.internals.positionAbsolute.x + (n.measured.width ?? 0) / 2, 0) / found.length
      const y =
        found.reduce((a, n) => a + n.internals.positionAbsolute.y + (n.measured.height ?? 0) / 2, 0) / found.length
      void rf.setCenter(x, y, FLY)
    }
    if ('node' in hit.target) s.selectNodes([hit.target.node])
    else {
      s.selectNodes([])
      s.onEdgesChange([{ type: 'select', id: hit.target.edge, selected: true }])
    }
    setOpen(false)
  }

  if (!open) return null
  return (
    <div className="canvas-search" role="dialog" aria-label={t('scale.search.title')} data-testid="canvas-search">
      <div className="canvas-search-field">
        <Search size={16} aria-hidden />
        <input
          ref={input}
          value={query}
          placeholder={t('scale.search.placeholder')}
          aria-label={t('scale.search.title')}
          aria-controls="canvas-search-hits"
          data-testid="canvas-search-input"
          onChange={(e) => {
            setQuery(e.target.value)
            setActive(0)
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setOpen(false)
            else if (e.key === 'ArrowDown') setActive((i) => Math.min(hits.length - 1, i + 1))
            else if (e.key === 'ArrowUp') setActive((i) => Math.max(0, i - 1))
            else if (e.key === 'Enter' && hits[active]) go(hits[active])
            else return
            e.preventDefault()
          }}
        />
      </div>
      {query.trim() !== '' && (
        <ul id="canvas-search-hits" className="canvas-search-hits" aria-label={t('scale.search.hits')}>
          {hits.length === 0 && <li className="canvas-search-none">{t('scale.search.none')}</li>}
          {hits.map((hit, i) => (
            <li key={`${hit.kind}:${hit.label}:${hit.detail ?? ''}`}>
              <button
                type="button"
                className={i === active ? 'is-active' : undefined}
                onClick={() => go(hit)}
                data-testid="canvas-search-hit"
              >
                <span className="canvas-search-kind">{t(`scale.search.kind.${hit.kind}`)}</span>
                <span className="canvas-search-label">{hit.label}</span>
                {hit.detail !== undefined && <span className="canvas-search-detail mono">{hit.detail}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
