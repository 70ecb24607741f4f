// The lesson's challenges, as the broker checks them live: each condition met or not yet, with how far along.

import { Check, Circle } from 'lucide-react'
import { useT } from '../i18n/index.ts'
import type { ConditionResult } from './challenges.ts'
import type { Lesson } from './lesson-kit.ts'
import { useChallengeResults } from './live-check.ts'
import { startChallengesOver } from './open.ts'
import { challengeKey, conditionText } from './texts.ts'

export function ChallengeList({ lesson }: { lesson: Lesson }) {
  const t = useT('lessons')
  const results = useChallengeResults((s) => s.results)
  /** How far along an open condition is: a count towards its goal, or what went where it should not. */
  const progressText = (r: ConditionResult) => {
    if (r.condition.kind === 'maxInFlight') return r.have > r.need ? t('challenges.heldAtOnce', { have: r.have }) : ''
    if (r.need > 0) return t('challenges.progress', { have: r.have, need: r.need })
    return r.have > 0 ? t('challenges.strays', { have: r.have }) : ''
  }
  return (
    <section className="lesson-challenges" aria-label={t('challenges.heading')}>
      <h3>{t('challenges.heading')}</h3>
      <ol>
        {lesson.challenges.map((c) => {
          const result = results[c.id]
          const met = result?.met ?? false
          return (
            <li key={c.id} data-testid={`challenge-${c.id}`} data-met={met ? 'true' : 'false'}>
              <strong>{t(challengeKey(lesson.id, c.id))}</strong>{' '}
              <span className={met ? 'challenge-met' : 'challenge-open'}>
                {met ? t('challenges.met') : t('challenges.notYet')}
              </span>
              <ul className="challenge-conditions">
                {(result?.conditions ?? []).map((r, i) => {
                  const [key, values] = conditionText(r.condition)
                  return (
                    <li key={i} data-met={r.met ? 'true' : 'false'} data-testid={`condition-${c.id}-${i}`}>
                      {r.met ? <Check size={12} aria-hidden /> : <Circle size={12} aria-hidden />} {t(key, values)}
                      {!r.met && progressText(r) && <span className="condition-progress"> ({progressText(r)})</span>}
                    </li>
                  )
                })}
              </ul>
            </li>
          )
        })}
      </ol>
      <button
        type="button"
        className="lesson-link"
        title={t('challenges.startOverHint')}
        data-testid="challenges-start-over"
        onClick={startChallengesOver}
      >
        {t('challenges.startOver')}
      </button>
    </section>
  )
}
