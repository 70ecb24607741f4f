// The open lesson: which course section it illustrates, what it shows, what to watch and try, whether it
// starts quiet, its buttons, its challenges and questions, the way back to the design it replaced.

import { ChevronDown, ChevronUp, Undo2, X } from 'lucide-react'
import { useState } from 'react'
import { useT } from '../i18n/index.ts'
import { ChallengeList } from './ChallengeList.tsx'
import { COURSE_SECTIONS, type Lesson } from './lesson-kit.ts'
import { LESSONS } from './lessons.ts'
import { openKeptDesign, playLessonAction, stopLesson } from './open.ts'
import { useLessonStore } from './lesson-store.ts'
import { ProgressFooter } from './ProgressFooter.tsx'
import { QuestionList } from './QuestionList.tsx'
import { actionKey, lessonKey } from './texts.ts'
import './lessons.css'

function LessonTexts({ lesson }: { lesson: Lesson }) {
  const t = useT('lessons')
  const list = (part: 'watch' | 'try') => t(lessonKey(lesson.id, part), { returnObjects: true }) as unknown as string[]
  return (
    <>
      <p className="lesson-section" data-testid="lesson-section">
        {t('panel.section', {
          number: COURSE_SECTIONS.indexOf(lesson.section) + 1,
          section: t(`sections.${lesson.section}`),
        })}
      </p>
      <p>{t(lessonKey(lesson.id, 'summary'))}</p>
      <p className="lesson-note" data-testid="lesson-start">
        {lesson.quiet ? (
          t('panel.quiet')
        ) : (
          <>
            <strong>{t('panel.traffic')}</strong> {t(lessonKey(lesson.id, 'traffic'))}
          </>
        )}
      </p>
      <h3>{t('panel.watch')}</h3>
      <ul>
        {list('watch').map((w) => (
          <li key={w}>{w}</li>
        ))}
      </ul>
      <h3>{t('panel.try')}</h3>
      <ul>
        {list('try').map((w) => (
          <li key={w}>{w}</li>
        ))}
      </ul>
      {lesson.simulated && (
        <p className="lesson-note">
          <strong>{t('panel.simulated')} </strong>
          {t(lessonKey(lesson.id, 'simulated'))}
        </p>
      )}
    </>
  )
}

export function LessonPanel() {
  const t = useT('lessons')
  const lesson = useLessonStore((s) => s.lesson)
  const busy = useLessonStore((s) => s.busy)
  const returnTo = useLessonStore((s) => s.returnTo)
  const [open, setOpen] = useState(true)
  if (!lesson) return null
  const title = `${LESSONS.indexOf(lesson) + 1}. ${t(lessonKey(lesson.id, 'title'))}`
  return (
    <aside
      className="lesson-panel"
      data-testid="lesson-panel"
      data-lesson={lesson.id}
      data-ready={busy ? 'false' : 'true'}
      aria-label={t('panel.aria', { title })}
    >
      <header>
        <h2 data-testid="lesson-title">{title}</h2>
        <button
          type="button"
          className="lesson-close"
          aria-label={open ? t('panel.fold') : t('panel.unfold')}
          onClick={() => setOpen(!open)}
        >
          {open ? <ChevronUp size={14} aria-hidden /> : <ChevronDown size={14} aria-hidden />}
        </button>
        <button type="button" className="lesson-close" aria-label={t('panel.close')} onClick={() => void stopLesson()}>
          <X size={14} aria-hidden />
        </button>
      </header>
      {open && <LessonTexts lesson={lesson} />}
      <div className="lesson-actions">
        {lesson.actions.map((a) => (
          <button
            key={a.id}
            type="button"
            disabled={busy}
            data-testid={`lesson-action-${a.id}`}
            onClick={() => void playLessonAction(lesson, a)}
          >
            {t(actionKey(lesson.id, a.id))}
          </button>
        ))}
      </div>
      {returnTo && (
        <button
          type="button"
          className="lesson-back"
          disabled={busy}
          data-testid="lesson-back"
          onClick={() => void openKeptDesign(returnTo.id)}
        >
          <Undo2 size={14} aria-hidden /> {t('panel.backToDesign', { name: returnTo.name })}
        </button>
      )}
      <ChallengeList lesson={lesson} />
      <QuestionList lesson={lesson} />
      <ProgressFooter />
    </aside>
  )
}
