import { X } from 'lucide-react'
import { useAppStore, type AppState } from '../store/index.ts'
import { useT } from '../i18n/index.ts'

const selectToasts = (s: AppState) => s.toasts

export function Toasts() {
  const toasts = useAppStore(selectToasts)
  const dismiss = useAppStore((s) => s.dismissToast)
  const t = useT()
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((toast) => (
        <div
          key={toast.id}
          className={`toast toast-${toast.tone}`}
          role={toast.tone === 'error' ? 'alert' : 'status'}
          data-testid={`toast-${toast.tone}`}
        >
          <span>{toast.text}</span>
          <button
            type="button"
            className="icon-button"
            onClick={() => dismiss(toast.id)}
            aria-label={t('common.dismiss')}
          >
            <X size={14} aria-hidden />
          </button>
        </div>
      ))}
    </div>
  )
}
