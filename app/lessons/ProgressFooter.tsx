// How far the learner is through the course, with the progress exported as JSON or reset.

import { useT } from '../i18n/index.ts'
import { downloadJson } from '../io/download.ts'
import { askConfirm } from '../session/dialogs.ts'
import { LESSONS } from './lessons.ts'
import { progressExport, resetProgress, useProgress } from './progress.ts'

export function ProgressFooter() {
  const t = useT('lessons')
  const lessons = useProgress((s) => s.lessons)
  const all = Object.values(lessons)
  const summary = t('progress.summary', {
    lessons: all.filter((p) => p.done).length,
    total: LESSONS.length,
    challenges: all.reduce((n, p) => n + Object.keys(p.challenges).length, 0),
    answers: all.reduce((n, p) => n + Object.values(p.answers).filter((a) => a.right).length, 0),
  })
  const reset = async () => {
    const answer = await askConfirm({
      title: t('progress.resetTitle'),
      paragraphs: [t('progress.resetBody')],
      confirmLabel: t('progress.resetConfirm'),
      danger: true,
    })
    if (answer) await resetProgress()
  }
  return (
    <footer className="lesson-progress" aria-label={t('progress.heading')}>
      <h3>{t('progress.heading')}</h3>
      <p data-testid="progress-summary">{summary}</p>
      <button
        type="button"
        className="lesson-link"
        data-testid="progress-export"
        onClick={() => {
          const now = new Date()
          downloadJson(`warren_progress_${now.toISOString().slice(0, 10)}.json`, progressExport(now))
        }}
      >
        {t('progress.export')}
      </button>{' '}
      <button type="button" className="lesson-link" data-testid="progress-reset" onClick={() => void reset()}>
        {t('progress.reset')}
      </button>
    </footer>
  )
}
