// /api/shovels and /api/federation-links (the shovel_management and federation_management plugins): the status of
// the shovels and federation links of a broker in a design; a broker alone has none.

import { designOf } from '../design/registry.ts'
import { federationStatuses } from '../federation/status.ts'
import { shovelStatuses } from '../shovel/status.ts'
import { objectNotFound } from './http.ts'
import { type ManagementState, ok, type Route, route } from './route.ts'

function wallClockOf(api: ManagementState): (at: number) => number {
  const offset = api.context.now() - api.broker.clock.now()
  return (at) => at + offset
}

function shovelsOf(api: ManagementState, vhost?: string) {
  const member = designOf(api.broker)
  if (!member) return []
  const all = shovelStatuses(member, wallClockOf(api))
  return vhost === undefined ? all : all.filter((s) => s.vhost === vhost)
}

function linksOf(api: ManagementState, vhost?: string) {
  const member = designOf(api.broker)
  if (!member) return []
  const all = federationStatuses(member, wallClockOf(api))
  return vhost === undefined ? all : all.filter((s) => s.vhost === vhost)
}

export const linkRoutes: Route[] = [
  route('shovels', { GET: (api) => ok(shovelsOf(api)) }),
  route('shovels/:vhost', { GET: (api, p) => ok(shovelsOf(api, api.vhost(p.vhost).name)) }),
  route('shovels/vhost/:vhost/:name', {
    GET: (api, p) => {
      const found = shovelsOf(api, api.vhost(p.vhost).name).find((s) => s.name === p.name)
      if (!found) throw objectNotFound()
      return ok(found)
    },
  }),
  route('federation-links', { GET: (api) => ok(linksOf(api)) }),
  route('federation-links/:vhost', { GET: (api, p) => ok(linksOf(api, api.vhost(p.vhost).name)) }),
]
