import { Check, RotateCcw } from 'lucide-react'

export function FormActions({ dirty, busy, onRevert }: { dirty: boolean; busy: boolean; onRevert(): void }) {
  return (
    <div className="form-actions">
      <button
        type="submit"
        className="button primary"
        disabled={!dirty || busy}
        data-testid="inspector-apply"
        aria-label="Apply changes"
      >
        <Check size={14} aria-hidden /> Apply
      </button>
      <button type="button" className="button" disabled={!dirty || busy} onClick={onRevert} aria-label="Revert changes">
        <RotateCcw size={14} aria-hidden /> Revert
      </button>
    </div>
  )
}
