// The Code tab: a Node (amqplib) or Python (pika) script that declares the drawn topology on a real
// RabbitMQ, then publishes and consumes one message. Regenerated when the topology changes.

import { useEffect, useState } from 'react'
import { Copy, Download } from 'lucide-react'
import { getSession } from '../session/actions.ts'
import { errorText } from '../session/session.ts'
import { currentVhost } from '../store/current-vhost.ts'
import { useAppStore, type AppState } from '../store/index.ts'
import { ErrorText } from '../ui/controls.tsx'

type Language = 'amqplib' | 'pika'

const LANGUAGES: { key: Language; label: string; file: string; mime: string }[] = [
  { key: 'amqplib', label: 'Node (amqplib)', file: 'topology.mjs', mime: 'text/javascript' },
  { key: 'pika', label: 'Python (pika)', file: 'topology.py', mime: 'text/x-python' },
]

const selectExchanges = (s: AppState) => s.exchanges
const selectQueues = (s: AppState) => s.queues
const selectBindings = (s: AppState) => s.bindings

export function ClientCodePanel() {
  const [language, setLanguage] = useState<Language>('amqplib')
  const [code, setCode] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [copied, setCopied] = useState(false)
  const exchanges = useAppStore(selectExchanges)
  const queues = useAppStore(selectQueues)
  const bindings = useAppStore(selectBindings)

  useEffect(() => {
    let live = true
    getSession()
      .client.send({ type: 'clientCode', vhost: currentVhost(), language })
      .then(
        (text) => live && (setCode(text), setError(null)),
        (e: unknown) => live && setError(errorText(e)),
      )
    return () => {
      live = false
    }
  }, [language, exchanges, queues, bindings])

  const spec = LANGUAGES.find((l) => l.key === language)!
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code)
      setCopied(true)
      setTimeout(() => setCopied(false), 1500)
    } catch {
      useAppStore.getState().toast('error', 'The browser did not allow copying: select the script and copy it by hand.')
    }
  }
  const download = () => {
    const url = URL.createObjectURL(new Blob([code], { type: spec.mime }))
    const a = document.createElement('a')
    a.href = url
    a.download = spec.file
    a.click()
    setTimeout(() => URL.revokeObjectURL(url), 1000)
  }

  return (
    <div className="client-code" data-testid="code-panel">
      <div className="panel-bar">
        <div className="segmented" role="radiogroup" aria-label="Language">
          {LANGUAGES.map((l) => (
            <button
              key={l.key}
              type="button"
              role="radio"
              aria-checked={language === l.key}
              className={`segment${language === l.key ? ' is-active' : ''}`}
              onClick={() => setLanguage(l.key)}
              data-testid={`code-lang-${l.key}`}
            >
              {l.label}
            </button>
          ))}
        </div>
        <span
          className="muted ellipsis"
          title={`Declares every exchange, queue and binding of vhost '${currentVhost()}', then publishes and consumes one message.`}
        >
          Declares every exchange, queue and binding of vhost '{currentVhost()}', then publishes and consumes one
          message.
        </span>
        <button type="button" className="button" onClick={() => void copy()} disabled={!code} data-testid="code-copy">
          <Copy size={14} aria-hidden /> {copied ? 'Copied' : 'Copy'}
        </button>
        <button type="button" className="button" onClick={download} disabled={!code} data-testid="code-download">
          <Download size={14} aria-hidden /> Download {spec.file}
        </button>
      </div>
      <ErrorText text={error} testId="code-error" />
      <pre className="code-block" data-testid="code-text" aria-label={`${spec.label} script`} tabIndex={0}>
        {code}
      </pre>
    </div>
  )
}
