// A lint finding in the reader's language: the engine names the rule and its variable parts, the catalogue
// holds the sentence (lint.rules.<rule>). Findings without parts (a definitions file's import errors) keep the
// engine's own text.

import type { LintFinding } from '../../engine/lint.ts'
import { t } from '../i18n/index.ts'

export function lintMessage(finding: LintFinding): string {
  if (!finding.params) return finding.message
  return t(`lint.rules.${finding.rule}`, { ...finding.params, defaultValue: finding.message })
}
