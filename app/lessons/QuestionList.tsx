// The lesson's corner-case questions: picking an answer runs the case on the broker, which says which
// answer is right and, for routing, why each binding matched or not (as Explain does).

import { useState } from 'react'
import { useT } from '../i18n/index.ts'
import { getSession } from '../session/actions.ts'
import type { Lesson } from './lesson-kit.ts'
import { questionAnswered } from './progress.ts'
import { rightChoice, type CaseRun, type Question } from './questions.ts'
import { caseName, runCaseInApp } from './quiz-runner.ts'
import { questionKey } from './texts.ts'

type Answer =
  | { state: 'running'; picked: string }
  | { state: 'done'; picked: string; right: string | null; run: CaseRun }
  | { state: 'failed'; picked: string; error: string }

function Explanation({ run }: { run: CaseRun }) {
  const t = useT('lessons')
  if (!run.explanation) return null
  return (
    <ul className="quiz-explain" data-testid="quiz-explain">
      {run.explanation.hops.flatMap((hop) =>
        hop.bindings.map((b, i) => (
          <li key={`${hop.exchange}-${i}`} data-matched={b.matched ? 'true' : 'false'}>
            <code>{b.binding.routingKey || JSON.stringify(b.binding.arguments)}</code> →{' '}
            {caseName(b.binding.destination)}: {b.matched ? t('quiz.matched') : t('quiz.notMatched')} ({b.reason})
          </li>
        )),
      )}
    </ul>
  )
}

function QuestionItem({ lesson, question }: { lesson: Lesson; question: Question }) {
  const t = useT('lessons')
  const [answer, setAnswer] = useState<Answer | null>(null)
  const pick = async (choice: string) => {
    setAnswer({ state: 'running', picked: choice })
    try {
      const run = await runCaseInApp(getSession().client, question.case)
      const right = rightChoice(question, run)
      setAnswer({ state: 'done', picked: choice, right, run })
      await questionAnswered(lesson, question.id, choice, right === choice)
    } catch (error) {
      setAnswer({ state: 'failed', picked: choice, error: error instanceof Error ? error.message : String(error) })
    }
  }
  const outcome = (run: CaseRun) => {
    const c = question.case
    if (c.kind === 'route')
      return run.outcome === 'none'
        ? t('quiz.noQueue')
        : t('quiz.queues', { queues: run.outcome.replaceAll('+', ', ') })
    if (c.kind === 'settle') return t(`quiz.settle.${run.outcome}`)
    if (c.kind === 'prefetch') return t('quiz.held', { count: Number(run.outcome) })
    return run.outcome === 'none' || run.outcome === ''
      ? t('quiz.emptyQueue')
      : t('quiz.left', { bodies: run.outcome.replaceAll(',', ', ') })
  }
  return (
    <li data-testid={`question-${question.id}`}>
      <p>{t(questionKey(lesson.id, question.id, 'prompt'))}</p>
      <div className="quiz-choices" role="group">
        {question.choices.map((c) => (
          <button
            key={c.id}
            type="button"
            aria-pressed={answer?.picked === c.id}
            disabled={answer?.state === 'running'}
            data-testid={`choice-${question.id}-${c.id}`}
            onClick={() => void pick(c.id)}
          >
            {t(questionKey(lesson.id, question.id, 'choices', c.id))}
          </button>
        ))}
      </div>
      {answer?.state === 'running' && <p className="quiz-note">{t('quiz.running')}</p>}
      {answer?.state === 'failed' && <p className="quiz-note">{t('quiz.failed', { error: answer.error })}</p>}
      {answer?.state === 'done' && (
        <div
          className="quiz-result"
          data-testid={`question-result-${question.id}`}
          data-right={answer.right === answer.picked ? 'true' : 'false'}
        >
          <p>
            {answer.right === answer.picked
              ? t('quiz.right')
              : t('quiz.wrong', {
                  answer: answer.right
                    ? t(questionKey(lesson.id, question.id, 'choices', answer.right))
                    : answer.run.outcome,
                })}{' '}
            {t('quiz.outcome', { outcome: outcome(answer.run) })}
          </p>
          <Explanation run={answer.run} />
        </div>
      )}
    </li>
  )
}

export function QuestionList({ lesson }: { lesson: Lesson }) {
  const t = useT('lessons')
  if (lesson.questions.length === 0) return null
  return (
    <section className="lesson-questions" aria-label={t('quiz.heading')}>
      <h3>{t('quiz.heading')}</h3>
      <p className="quiz-note">{t('quiz.hint')}</p>
      <ol>
        {lesson.questions.map((q) => (
          <QuestionItem key={`${lesson.id}/${q.id}`} lesson={lesson} question={q} />
        ))}
      </ol>
    </section>
  )
}
