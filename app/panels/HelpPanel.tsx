// The keyboard shortcuts, and how the canvas maps to the broker, in one modal.

import { X } from 'lucide-react'
import { useAppStore, type AppState } from '../store/index.ts'
import { SHORTCUTS } from '../ui/shortcuts.ts'
import { Modal } from './Modal.tsx'
import { useT } from '../i18n/index.ts'

const selectOpen = (s: AppState) => s.helpOpen

export function HelpPanel() {
  const open = useAppStore(selectOpen)
  const t = useT()
  if (!open) return null
  const close = () => useAppStore.getState().setHelpOpen(false)
  return (
    <Modal title={t('toolbar.shortcuts')} onClose={close} testId="help-panel" wide>
      <div className="help-grid">
        {SHORTCUTS.map((g) => (
          <section key={g.group}>
            <h3 className="section-title">{t(`help.groups.${g.group}`)}</h3>
            <dl className="shortcuts">
              {g.items.map((s) => (
                <div key={s.id} className="shortcut">
                  <dt>
                    {(s.keysAreWords ? t(`help.keys.${s.id}`) : s.keys).split(' / ').map((k, i) => (
                      <kbd key={i}>{k}</kbd>
                    ))}
                  </dt>
                  <dd>{t(`help.shortcuts.${s.id}`)}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
      <section className="help-notes">
        <h3 className="section-title">{t('help.drawTitle')}</h3>
        <p>{t('help.drawText')}</p>
      </section>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={close} aria-label={t('help.closeHelp')}>
          <X size={14} aria-hidden /> {t('common.close')}
        </button>
      </div>
    </Modal>
  )
}
