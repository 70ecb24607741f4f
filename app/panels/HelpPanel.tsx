// The keyboard shortcuts, and how the canvas maps to the broker, in one modal.

import { X } from 'lucide-react'
import { useAppStore, type AppState } from '../store/index.ts'
import { SHORTCUTS } from '../ui/shortcuts.ts'
import { Modal } from './Modal.tsx'

const selectOpen = (s: AppState) => s.helpOpen

export function HelpPanel() {
  const open = useAppStore(selectOpen)
  if (!open) return null
  const close = () => useAppStore.getState().setHelpOpen(false)
  return (
    <Modal title="Keyboard shortcuts" onClose={close} testId="help-panel" wide>
      <div className="help-grid">
        {SHORTCUTS.map((g) => (
          <section key={g.group}>
            <h3 className="section-title">{g.group}</h3>
            <dl className="shortcuts">
              {g.items.map((s) => (
                <div key={s.keys} className="shortcut">
                  <dt>
                    {s.keys.split(' / ').map((k, i) => (
                      <kbd key={i}>{k}</kbd>
                    ))}
                  </dt>
                  <dd>{s.what}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
      <section className="help-notes">
        <h3 className="section-title">What you draw is the broker</h3>
        <p>
          Adding an exchange or queue declares it; connecting an exchange to a queue binds it; deleting removes it. Drag
          from a queue's bottom handle to an exchange to dead-letter into it, and from an exchange's bottom handle to
          set its alternate exchange.
        </p>
      </section>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={close} aria-label="Close help">
          <X size={14} aria-hidden /> Close
        </button>
      </div>
    </Modal>
  )
}
