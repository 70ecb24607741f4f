// The management pages' tables: sortable by any column, filtered by name, paged so 5,000 rows stay fast.

import { type ReactNode, useMemo, useState } from 'react'
import { useT } from '../i18n/index.ts'

export interface Column<Row> {
  key: string
  label: string
  value: (row: Row) => string | number | boolean | null
  render?: (row: Row) => ReactNode
  numeric?: boolean
}

const PAGE_SIZE = 100

export function Table<Row>({
  rows,
  columns,
  name,
  rowKey,
  onRow,
  testId,
}: {
  rows: Row[]
  columns: Column<Row>[]
  name: string
  rowKey: (row: Row) => string
  onRow?: (row: Row) => void
  testId: string
}) {
  const t = useT('management')
  const [sort, setSort] = useState<{ key: string; descending: boolean }>({ key: columns[0].key, descending: false })
  const [filter, setFilter] = useState('')
  const [page, setPage] = useState(0)
  const sorted = useMemo(() => {
    const column = columns.find((c) => c.key === sort.key) ?? columns[0]
    const needle = filter.trim().toLowerCase()
    const kept = needle
      ? rows.filter((r) =>
          String(columns[0].value(r) ?? '')
            .toLowerCase()
            .includes(needle),
        )
      : rows
    const out = [...kept].sort((a, b) => {
      const x = column.value(a)
      const y = column.value(b)
      const order =
        typeof x === 'number' && typeof y === 'number' ? x - y : String(x ?? '').localeCompare(String(y ?? ''))
      return sort.descending ? -order : order
    })
    return out
  }, [rows, columns, sort, filter])
  const pages = Math.max(1, Math.ceil(sorted.length / PAGE_SIZE))
  const current = Math.min(page, pages - 1)
  const shown = sorted.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE)
  return (
    <div className="mgmt-table" data-testid={testId}>
      <div className="mgmt-table-bar">
        <input
          type="search"
          value={filter}
          onChange={(e) => {
            setFilter(e.target.value)
            setPage(0)
          }}
          placeholder={t('table.filter')}
          aria-label={t('table.filterLabel', { name })}
        />
        <span className="muted">{t('table.count', { shown: shown.length, total: sorted.length })}</span>
        {pages > 1 && (
          <span className="mgmt-pages">
            <button type="button" className="button" disabled={current === 0} onClick={() => setPage(current - 1)}>
              {t('table.previous')}
            </button>
            <span>{t('table.page', { page: current + 1, pages })}</span>
            <button
              type="button"
              className="button"
              disabled={current >= pages - 1}
              onClick={() => setPage(current + 1)}
            >
              {t('table.next')}
            </button>
          </span>
        )}
      </div>
      <table className="table" aria-label={name}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th
                key={c.key}
                className={c.numeric ? 'num' : undefined}
                aria-sort={sort.key === c.key ? (sort.descending ? 'descending' : 'ascending') : 'none'}
              >
                <button
                  type="button"
                  className="mgmt-sort"
                  onClick={() => setSort({ key: c.key, descending: sort.key === c.key && !sort.descending })}
                >
                  {c.label}
                  {sort.key === c.key ? (sort.descending ? ' ▾' : ' ▴') : ''}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr
              key={rowKey(row)}
              className={onRow ? 'clickable' : undefined}
              onClick={onRow ? () => onRow(row) : undefined}
              data-row={rowKey(row)}
            >
              {columns.map((c) => (
                <td key={c.key} className={c.numeric ? 'num' : undefined}>
                  {c.render ? c.render(row) : String(c.value(row) ?? '')}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
