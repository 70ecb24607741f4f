import { describe, expect, it } from 'vitest'
import {
  draftOf,
  emptyDraft,
  keysFor,
  patternProblem,
  policyFromDraft,
  type PolicyDraft,
} from '../../app/panels/policy-form.ts'

const draft = (p: Partial<PolicyDraft>): PolicyDraft => ({ ...emptyDraft(), name: 'p', pattern: '^orders$', ...p })

describe('policy editor form', () => {
  it('typed keys become numbers and strings in the definition', () => {
    const result = policyFromDraft(
      draft({
        priority: '3',
        known: { 'message-ttl': '60000', 'dead-letter-exchange': 'dlx', overflow: 'reject-publish', 'max-length': '' },
      }),
    )
    expect(result).toEqual({
      policy: {
        name: 'p',
        pattern: '^orders$',
        applyTo: 'all',
        priority: 3,
        definition: { 'message-ttl': 60000, 'dead-letter-exchange': 'dlx', overflow: 'reject-publish' },
      },
    })
  })

  it('an invalid pattern is refused with the reason', () => {
    expect(patternProblem('^(orders')).toMatch(/^The pattern is not a valid regular expression: .+/)
    expect(policyFromDraft(draft({ pattern: '[', known: { 'message-ttl': '1' } }))).toEqual({
      error: expect.stringContaining('not a valid regular expression'),
    })
    expect(patternProblem('')).toMatch(/empty/)
  })

  it('a limit that is not a whole number, a bad priority, an empty definition are refused in words', () => {
    expect(policyFromDraft(draft({ known: { 'message-ttl': '1.5' } }))).toEqual({
      error: 'Message TTL (ms) (message-ttl) must be a whole number of 0 or more, not "1.5".',
    })
    expect(policyFromDraft(draft({ priority: 'high', known: { 'message-ttl': '1' } }))).toEqual({
      error: 'The priority must be a whole number, not "high".',
    })
    expect(policyFromDraft(draft({}))).toEqual({ error: expect.stringContaining('The definition is empty') })
  })

  it('other keys come from a JSON object; a key set twice is refused', () => {
    expect(policyFromDraft(draft({ raw: '{"ha-mode": "all"}' }))).toMatchObject({
      policy: { definition: { 'ha-mode': 'all' } },
    })
    expect(policyFromDraft(draft({ raw: '[1]' }))).toEqual({ error: expect.stringContaining('must be a JSON object') })
    expect(policyFromDraft(draft({ raw: '{oops' }))).toEqual({ error: expect.stringContaining('not valid JSON') })
    expect(policyFromDraft(draft({ known: { 'message-ttl': '5' }, raw: '{"message-ttl": 6}' }))).toEqual({
      error: '"message-ttl" is set both in its field and in the JSON: keep one.',
    })
  })

  it('the fields follow apply-to; operator policies are for queues and limits only', () => {
    expect(keysFor({ applyTo: 'exchanges', operator: false }).map((k) => k.key)).toEqual(['alternate-exchange'])
    expect(keysFor({ applyTo: 'queues', operator: true }).map((k) => k.key)).toEqual([
      'message-ttl',
      'expires',
      'max-length',
      'max-length-bytes',
      'delivery-limit',
    ])
    expect(policyFromDraft(draft({ operator: true, applyTo: 'all', known: { 'max-length': '5' } }))).toEqual({
      error: expect.stringContaining('queues only'),
    })
    expect(policyFromDraft(draft({ operator: true, applyTo: 'queues', raw: '{"ha-mode": "all"}' }))).toEqual({
      error: expect.stringContaining('cannot set "ha-mode"'),
    })
    expect(policyFromDraft(draft({ operator: true, applyTo: 'queues', known: { 'max-length': '5' } }))).toMatchObject({
      policy: { definition: { 'max-length': 5 } },
    })
  })

  it('a stored policy round-trips through the draft', () => {
    const policy = {
      name: 'p',
      pattern: '.*',
      applyTo: 'queues' as const,
      priority: -2,
      definition: { 'message-ttl': 10, overflow: 'drop-head', 'ha-mode': 'all' },
    }
    const d = draftOf(policy, false)
    expect(d.known).toEqual({ 'message-ttl': '10', overflow: 'drop-head' })
    expect(policyFromDraft(d)).toEqual({ policy })
  })
})
