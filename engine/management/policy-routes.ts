// Policies, operator policies and runtime parameters in the management API. Parameters Warren does not simulate
// (shovels, federation upstreams, ...) are kept as data, as the definitions import keeps them.

import type { PolicyApplyTo, PolicyDef } from '../policy.ts'
import type { VirtualHost } from '../vhost.ts'
import { badRequest, objectNotFound } from './http.ts'
import { type ManagementState, noContent, objectBody, ok, type Route, route } from './route.ts'
import { policyShape } from './shapes.ts'

const APPLY_TO: readonly string[] = ['queues', 'exchanges', 'all']

function policiesOf(vhost: VirtualHost, operator: boolean) {
  return [...(operator ? vhost.operatorPolicies : vhost.policies).values()].map((p) => policyShape(vhost.name, p))
}

function policyFromBody(name: string, body: unknown): PolicyDef {
  const b = objectBody(body)
  if (typeof b.pattern !== 'string') throw badRequest('pattern is required')
  if (!b.definition || typeof b.definition !== 'object' || Array.isArray(b.definition))
    throw badRequest('definition must be a JSON object')
  const applyTo = b['apply-to'] ?? 'all'
  if (typeof applyTo !== 'string' || !APPLY_TO.includes(applyTo))
    throw badRequest(`Validation failed\n\n'${String(applyTo)}' is not a valid apply-to value\n`)
  const priority = b.priority ?? 0
  if (typeof priority !== 'number' || !Number.isInteger(priority)) throw badRequest('priority must be an integer')
  return { name, pattern: b.pattern, applyTo: applyTo as PolicyApplyTo, priority, definition: b.definition as never }
}

function policyRoutesOf(kind: 'policies' | 'operator-policies'): Route[] {
  const operator = kind === 'operator-policies'
  return [
    route(kind, {
      GET: (api) => ok([...api.broker.vhosts.values()].flatMap((v) => policiesOf(v, operator))),
    }),
    route(`${kind}/:vhost`, { GET: (api, p) => ok(policiesOf(api.vhost(p.vhost), operator)) }),
    route(`${kind}/:vhost/:name`, {
      GET: (api, p) => {
        const vhost = api.vhost(p.vhost)
        const policy = (operator ? vhost.operatorPolicies : vhost.policies).get(p.name)
        if (!policy) throw objectNotFound()
        return ok(policyShape(vhost.name, policy))
      },
      PUT: (api, p, body) => {
        const vhost = api.vhost(p.vhost)
        const exists = (operator ? vhost.operatorPolicies : vhost.policies).has(p.name)
        vhost.setPolicy(policyFromBody(p.name, body), operator)
        api.broker.configChanged?.()
        return exists ? noContent : { status: 201, body: null }
      },
      DELETE: (api, p) => {
        const vhost = api.vhost(p.vhost)
        if (!(operator ? vhost.operatorPolicies : vhost.policies).has(p.name)) throw objectNotFound()
        vhost.clearPolicy(p.name, operator)
        api.broker.configChanged?.()
        return noContent
      },
    }),
  ]
}

/** Kept parameters of a component (operator policies are parameters too, under their own component). */
function parametersOf(api: ManagementState, component?: string, vhost?: string) {
  const kept = api.broker.kept.parameters.filter(
    (p) => (component === undefined || p.component === component) && (vhost === undefined || p.vhost === vhost),
  )
  if (component !== undefined && component !== 'operator_policy') return kept
  const vhosts = vhost === undefined ? [...api.broker.vhosts.values()] : [api.vhost(vhost)]
  const operatorPolicies = vhosts.flatMap((v) =>
    [...v.operatorPolicies.values()].map((p) => ({
      vhost: v.name,
      component: 'operator_policy',
      name: p.name,
      value: { pattern: p.pattern, 'apply-to': p.applyTo, definition: p.definition, priority: p.priority },
    })),
  )
  return [...kept, ...operatorPolicies]
}

const parameterRoutes: Route[] = [
  route('parameters', { GET: (api) => ok(parametersOf(api)) }),
  route('parameters/:component', { GET: (api, p) => ok(parametersOf(api, p.component)) }),
  route('parameters/:component/:vhost', {
    GET: (api, p) => ok(parametersOf(api, p.component, api.vhost(p.vhost).name)),
  }),
  route('parameters/:component/:vhost/:name', {
    GET: (api, p) => {
      const found = parametersOf(api, p.component, api.vhost(p.vhost).name).find((x) => x.name === p.name)
      if (!found) throw objectNotFound()
      return ok(found)
    },
    PUT: (api, p, body) => {
      api.vhost(p.vhost)
      const b = objectBody(body)
      if (!('value' in b)) throw badRequest('value is required')
      const list = api.broker.kept.parameters
      const at = list.findIndex((x) => x.component === p.component && x.vhost === p.vhost && x.name === p.name)
      const entry = { vhost: p.vhost, component: p.component, name: p.name, value: b.value }
      if (at >= 0) list[at] = entry
      else list.push(entry)
      api.broker.configChanged?.()
      return at >= 0 ? noContent : { status: 201, body: null }
    },
    DELETE: (api, p) => {
      const list = api.broker.kept.parameters
      const at = list.findIndex((x) => x.component === p.component && x.vhost === p.vhost && x.name === p.name)
      if (at < 0) throw objectNotFound()
      list.splice(at, 1)
      api.broker.configChanged?.()
      return noContent
    },
  }),
  route('global-parameters', { GET: (api) => ok(api.broker.kept.global_parameters) }),
  route('global-parameters/:name', {
    GET: (api, p) => {
      const found = api.broker.kept.global_parameters.find((x) => x.name === p.name)
      if (!found) throw objectNotFound()
      return ok(found)
    },
    PUT: (api, p, body) => {
      const b = objectBody(body)
      if (!('value' in b)) throw badRequest('value is required')
      const list = api.broker.kept.global_parameters
      const at = list.findIndex((x) => x.name === p.name)
      if (at >= 0) list[at] = { name: p.name, value: b.value }
      else list.push({ name: p.name, value: b.value })
      return at >= 0 ? noContent : { status: 201, body: null }
    },
    DELETE: (api, p) => {
      const list = api.broker.kept.global_parameters
      const at = list.findIndex((x) => x.name === p.name)
      if (at < 0) throw objectNotFound()
      list.splice(at, 1)
      return noContent
    },
  }),
]

export const policyRoutes: Route[] = [
  ...policyRoutesOf('policies'),
  ...policyRoutesOf('operator-policies'),
  ...parameterRoutes,
]
