// Lints a definitions file: problems that stop an import are errors; the rest comes from the broker lint
// run on a scratch broker that imported the file, of the version asked for or else the one the file names.

import { createBroker } from '../broker.ts'
import { ManualClock } from '../clock.ts'
import { lintBroker, type LintFinding } from '../lint.ts'
import { DEFAULT_VERSION, profileForRelease, type BrokerVersion } from '../profile.ts'
import { DefinitionsError, importDefinitions } from './import.ts'

function fileVersion(input: unknown): BrokerVersion {
  const doc = typeof input === 'string' ? safeParse(input) : input
  const fields = (doc ?? {}) as { rabbit_version?: unknown; rabbitmq_version?: unknown }
  const release = fields.rabbit_version ?? fields.rabbitmq_version
  return (typeof release === 'string' ? profileForRelease(release)?.version : undefined) ?? DEFAULT_VERSION
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

export function lintDefinitions(
  input: unknown,
  targetVhost: string | null = null,
  version: BrokerVersion = fileVersion(input),
): LintFinding[] {
  const broker = createBroker({ clock: new ManualClock(), version })
  const vhost = targetVhost ?? '/'
  try {
    const result = importDefinitions(broker, input, targetVhost)
    const findings: LintFinding[] = result.warnings.map((warning) => {
      const split = warning.indexOf(': ')
      const [subject, message] =
        split > 0 ? [warning.slice(0, split), warning.slice(split + 2)] : ['definitions', warning]
      const dangling = /does not exist|refers to a user not in this file/.test(warning)
      return {
        severity: dangling ? 'warning' : 'info',
        rule: dangling ? 'dangling-binding' : 'unsimulated',
        vhost,
        entity: { kind: subject.startsWith('binding') ? 'binding' : 'file', name: subject },
        message,
      }
    })
    return [...findings, ...lintBroker(broker)]
  } catch (error) {
    if (error instanceof DefinitionsError) {
      return [
        {
          severity: 'error',
          rule: 'invalid-definitions',
          vhost,
          entity: { kind: 'file', name: 'definitions' },
          message: error.message,
        },
      ]
    }
    throw error
  }
}
