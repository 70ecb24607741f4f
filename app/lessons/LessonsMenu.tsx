// The toolbar's Lessons menu: a plain select, so it is keyboard-friendly and needs no popover code.
// A lesson whose challenges are all met is ticked.

import { GraduationCap } from 'lucide-react'
import { useT } from '../i18n/index.ts'
import { LESSONS } from './lessons.ts'
import { startLesson } from './open.ts'
import { useProgress } from './progress.ts'
import { lessonKey } from './texts.ts'

export function LessonsMenu() {
  const t = useT('lessons')
  const progress = useProgress((s) => s.lessons)
  return (
    <label className="tool with-text lessons-menu" title={t('menu.title')}>
      <GraduationCap size={16} aria-hidden />
      <select
        aria-label={t('menu.label')}
        data-testid="lessons-menu"
        value=""
        onChange={(e) => {
          const id = e.target.value
          e.target.value = ''
          if (id) void startLesson(id)
        }}
      >
        <option value="">{t('menu.label')}</option>
        {LESSONS.map((l, i) => (
          <option key={l.id} value={l.id}>
            {t('menu.option', { number: i + 1, title: t(lessonKey(l.id, 'title')) })}
            {progress[l.id]?.done ? ' ✓' : ''}
          </option>
        ))}
      </select>
    </label>
  )
}
