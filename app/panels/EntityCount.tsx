import { useAppStore, type AppState } from '../store/index.ts'

const countExchanges = (s: AppState) => Object.keys(s.exchanges).length + 1
const countQueues = (s: AppState) => Object.keys(s.queues).length

export function EntityCount({ kind }: { kind: 'exchanges' | 'queues' }) {
  const n = useAppStore(kind === 'exchanges' ? countExchanges : countQueues)
  return <span className="tab-count">{n}</span>
}
