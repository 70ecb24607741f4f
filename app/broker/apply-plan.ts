// Applies a deploy plan (engine/definitions/deploy-plan.ts) through a management API, call by call, in order.

import type { PlanStep } from '../../engine/definitions/deploy-plan.ts'

interface Answer {
  status: number
  body: unknown
}

export interface PlanTarget {
  put(path: string, body?: unknown): Promise<Answer>
  post(path: string, body?: unknown): Promise<Answer>
  delete(path: string): Promise<Answer>
}

export interface StepReport {
  step: PlanStep
  ok: boolean
  /** The broker's answer to the call that failed, e.g. 400 "inequivalent arg ...". */
  error?: string
}

/** Stops at the first refused call, so later steps never run on a half-done one. */
export async function applyPlan(
  api: PlanTarget,
  steps: PlanStep[],
  onStep: (report: StepReport) => void = () => {},
): Promise<StepReport[]> {
  const reports: StepReport[] = []
  for (const step of steps) {
    let error: string | undefined
    for (const call of step.calls) {
      const answer =
        call.method === 'PUT'
          ? await api.put(call.path, call.body)
          : call.method === 'POST'
            ? await api.post(call.path, call.body)
            : await api.delete(call.path)
      if (answer.status >= 300) {
        const reason = (answer.body as { reason?: unknown } | null)?.reason
        error = `${answer.status} ${typeof reason === 'string' ? reason : ''}`.trim()
        break
      }
    }
    const report = error === undefined ? { step, ok: true } : { step, ok: false, error }
    reports.push(report)
    onStep(report)
    if (error !== undefined) break
  }
  return reports
}

/** GET /api/definitions/{vhost} of a vhost the broker does not have: RabbitMQ answers 400 vhost_not_found. */
export function isMissingVhost(answer: Answer): boolean {
  return answer.status === 400 && (answer.body as { reason?: unknown } | null)?.reason === 'vhost_not_found'
}
