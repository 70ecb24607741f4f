import { describe, expect, it } from 'vitest'
import { entitiesByVhost, vhostToShow } from '../../app/io/import-vhost.ts'

describe('the vhost shown after an import', () => {
  const file = {
    vhosts: [{ name: '/' }, { name: 'prod' }, { name: 'staging' }],
    exchanges: [
      { name: 'orders', vhost: 'prod' },
      { name: 'audit', vhost: 'staging' },
    ],
    queues: [{ name: 'payment', vhost: 'prod' }, { name: 'work' }],
  }

  it('counts exchanges and queues per vhost, a missing vhost field meaning /', () => {
    expect(Object.fromEntries(entitiesByVhost(file))).toEqual({ prod: 2, staging: 1, '/': 1 })
    expect(entitiesByVhost(null).size).toBe(0)
    expect(entitiesByVhost({ queues: 'not a list' }).size).toBe(0)
  })

  it('stays on the shown vhost when it holds part of the file', () => {
    expect(vhostToShow(entitiesByVhost(file), '/')).toBeNull()
  })

  it("moves to the vhost holding most of the file's entities when the shown one holds none", () => {
    expect(vhostToShow(entitiesByVhost(file), 'empty')).toBe('prod')
    const onlyProd = { vhosts: [{ name: '/' }, { name: 'prod' }], queues: [{ name: 'q', vhost: 'prod' }] }
    expect(vhostToShow(entitiesByVhost(onlyProd), '/')).toBe('prod')
  })

  it('stays put for a file without exchanges or queues', () => {
    expect(vhostToShow(entitiesByVhost({ policies: [] }), '/')).toBeNull()
  })
})
