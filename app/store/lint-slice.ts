// Lint findings for the vhost on the canvas, and a revision that moves whenever policies change
// (policies raise no broker events, so panels that depend on them watch this number).

import type { StateCreator } from 'zustand'
import type { LintFinding } from '../../engine/lint.ts'

export interface LintSlice {
  lintFindings: LintFinding[]
  policyRevision: number
  setLintFindings(findings: LintFinding[]): void
  policiesChanged(): void
}

export const createLintSlice: StateCreator<LintSlice> = (set) => ({
  lintFindings: [],
  policyRevision: 0,
  setLintFindings: (lintFindings) => set({ lintFindings }),
  policiesChanged: () => set((s) => ({ policyRevision: s.policyRevision + 1 })),
})
