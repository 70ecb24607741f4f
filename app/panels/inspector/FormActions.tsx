import { Check, RotateCcw } from 'lucide-react'
import { useT } from '../../i18n/index.ts'

export function FormActions({ dirty, busy, onRevert }: { dirty: boolean; busy: boolean; onRevert(): void }) {
  const t = useT()
  return (
    <div className="form-actions">
      <button
        type="submit"
        className="button primary"
        disabled={!dirty || busy}
        data-testid="inspector-apply"
        aria-label={t('inspector.applyChanges')}
      >
        <Check size={14} aria-hidden /> {t('inspector.apply')}
      </button>
      <button
        type="button"
        className="button"
        disabled={!dirty || busy}
        onClick={onRevert}
        aria-label={t('inspector.revertChanges')}
      >
        <RotateCcw size={14} aria-hidden /> {t('inspector.revert')}
      </button>
    </div>
  )
}
