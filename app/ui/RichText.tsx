// A catalogue text with <kbd> and <b> in it, as those elements: the few tags the interface's texts use, never
// nested, so a split is enough (and the first view does without an HTML parser).

import { Fragment } from 'react'

const TAG = /<(kbd|b)>(.*?)<\/\1>/g

export function RichText({ text }: { text: string }) {
  const parts: (string | { tag: 'kbd' | 'b'; text: string })[] = []
  let at = 0
  for (const match of text.matchAll(TAG)) {
    if (match.index > at) parts.push(text.slice(at, match.index))
    parts.push({ tag: match[1] as 'kbd' | 'b', text: match[2] })
    at = match.index + match[0].length
  }
  if (at < text.length) parts.push(text.slice(at))
  return (
    <>
      {parts.map((part, i) =>
        typeof part === 'string' ? (
          <Fragment key={i}>{part}</Fragment>
        ) : part.tag === 'kbd' ? (
          <kbd key={i}>{part.text}</kbd>
        ) : (
          <b key={i}>{part.text}</b>
        ),
      )}
    </>
  )
}
