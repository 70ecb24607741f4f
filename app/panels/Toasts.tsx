import { X } from 'lucide-react'
import { useAppStore, type AppState } from '../store/index.ts'

const selectToasts = (s: AppState) => s.toasts

export function Toasts() {
  const toasts = useAppStore(selectToasts)
  const dismiss = useAppStore((s) => s.dismissToast)
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((t) => (
        <div
          key={t.id}
          className={`toast toast-${t.tone}`}
          role={t.tone === 'error' ? 'alert' : 'status'}
          data-testid={`toast-${t.tone}`}
        >
          <span>{t.text}</span>
          <button type="button" className="icon-button" onClick={() => dismiss(t.id)} aria-label="Dismiss">
            <X size={14} aria-hidden />
          </button>
        </div>
      ))}
    </div>
  )
}
