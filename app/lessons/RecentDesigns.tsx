// File → Recent designs: the designs lessons replaced, newest first, each opened again in one click
// (the lessons' code loads with that click).

import { History } from 'lucide-react'
import { useT } from '../i18n/index.ts'
import { useKeptDesigns } from './kept-designs.ts'

/** Menu items for the File menu; `close` folds the menu before the design opens. */
export function RecentDesigns({ close }: { close(): void }) {
  const t = useT('lessons')
  const designs = useKeptDesigns((s) => s.designs)
  return (
    <div role="group" aria-label={t('recent.heading')} data-testid="recent-designs">
      <div className="file-menu-heading">{t('recent.heading')}</div>
      {designs.length === 0 && <div className="file-menu-hint">{t('recent.empty')}</div>}
      {designs.map((d) => (
        <button
          key={d.id}
          type="button"
          role="menuitem"
          className="file-menu-item"
          data-testid={`recent-design-${d.id}`}
          title={t('recent.open', { name: d.name })}
          onClick={() => {
            close()
            void import('./open.ts').then((m) => m.openKeptDesign(d.id))
          }}
        >
          <History size={15} aria-hidden />
          <span className="file-menu-label">{d.name}</span>
        </button>
      ))}
    </div>
  )
}
