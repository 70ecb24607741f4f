#!/usr/bin/env node
// Words through one door (STYLE.md): both languages hold the same keys with the same ICU placeholders, and no
// text a person reads is left as a literal in app/. The literal rules aim at real cases: JSX text, the props a
// screen reader or a tooltip shows, and the messages handed to toast() or thrown as errors.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { parse as parseIcu, TYPE } from '@formatjs/icu-messageformat-parser'
import { parseAst } from 'rolldown/parseAst'

const root = resolve(dirname(new URL(import.meta.url).pathname), '../..')
const LOCALES = join(root, 'app/i18n/locales')
// app/lessons/ belongs to the lessons namespace and is checked once its texts are in the catalogue.
// app/broker/amqp.ts is the amqplib-shaped console API: its errors read like amqplib's, for programmers.
const SKIP_DIRS = new Set(['app/lessons', 'app/i18n', 'app/broker/amqp.ts'])
const SHOWN_PROPS = new Set(['aria-label', 'aria-description', 'aria-roledescription', 'title', 'placeholder', 'alt'])
const MESSAGE_CALLS = new Set(['toast', 'commitOrToast', 'confirm', 'alert', 'setError'])
// Object fields that carry words to a screen: dialog texts, form errors, labels of options and badges.
const SHOWN_FIELDS = new Set([
  'error',
  'reason',
  'message',
  'label',
  'hint',
  'title',
  'text',
  'confirmLabel',
  'paragraphs',
])

const problems = []

function flatten(value, prefix, into) {
  if (typeof value === 'string') into.set(prefix, value)
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, into)
  else problems.push(`${prefix}: a catalogue value must be a string or an object, not ${JSON.stringify(value)}`)
  return into
}

function placeholdersOf(elements, into = new Set()) {
  for (const el of elements) {
    if ('value' in el && el.type !== TYPE.literal && el.type !== TYPE.pound) into.add(el.value)
    if (el.options) for (const option of Object.values(el.options)) placeholdersOf(option.value, into)
    if (el.children) placeholdersOf(el.children, into)
  }
  return into
}

function checkCatalogues() {
  const languages = readdirSync(LOCALES).filter((l) => statSync(join(LOCALES, l)).isDirectory())
  const namespaces = new Set(languages.flatMap((l) => readdirSync(join(LOCALES, l)).filter((f) => f.endsWith('.json'))))
  for (const ns of namespaces) {
    const catalogues = new Map()
    for (const language of languages) {
      const file = join(LOCALES, language, ns)
      try {
        catalogues.set(language, flatten(JSON.parse(readFileSync(file, 'utf8')), '', new Map()))
      } catch (error) {
        problems.push(`${relative(root, file)}: ${error.message}`)
      }
    }
    const placeholders = new Map()
    for (const [language, messages] of catalogues) {
      const found = new Map()
      for (const [key, text] of messages) {
        // In ICU an apostrophe before a brace starts a quoted literal: '{name}' would show "{name}".
        if (/(^|[^'])'\{[A-Za-z_]/.test(text))
          problems.push(`${language}/${ns} ${key}: write ''{name}'' to put quotes around a placeholder`)
        try {
          found.set(key, [...placeholdersOf(parseIcu(text, { ignoreTag: true }))].sort().join(','))
        } catch (error) {
          problems.push(`${language}/${ns} ${key}: not an ICU message (${error.message})`)
        }
      }
      placeholders.set(language, found)
    }
    const [first, ...others] = languages
    for (const other of others) {
      const a = placeholders.get(first) ?? new Map()
      const b = placeholders.get(other) ?? new Map()
      for (const key of a.keys())
        if (!b.has(key)) problems.push(`${other}/${ns}: missing key ${key} (present in ${first})`)
      for (const key of b.keys())
        if (!a.has(key)) problems.push(`${first}/${ns}: missing key ${key} (present in ${other})`)
      for (const [key, names] of a)
        if (b.has(key) && b.get(key) !== names)
          problems.push(`${ns} ${key}: placeholders differ, ${first} {${names}} vs ${other} {${b.get(key)}}`)
    }
  }
}

// A literal is prose when it holds a word of letters; AMQP names and arguments (x-message-ttl, amq.direct,
// order.*) and the AMQP values true / false are not.
const WORD = /\p{L}{2,}/u
const CODE_LIKE = /^[\p{Ll}\d_.:#*/<>=-]*[\d_.:#*/<>=-][\p{Ll}\d_.:#*/<>=-]*$/u
// AMQP values and RabbitMQ's own words for kinds of things stay as RabbitMQ writes them in every language.
const AMQP_VALUES = new Set(['true', 'false', 'direct', 'fanout', 'topic', 'headers', 'classic', 'quorum', 'stream'])
// Reply code names (NOT_FOUND) and the management UI's feature badges (D, AD, TTL, DLX) are RabbitMQ's own words.
const RABBITMQ_TOKEN = /^([A-Z]+_)*[A-Z]+$/
const MANAGEMENT_BADGES = /\b(Excl|Exp|Lim|Pri)\b/g
// A regular expression or JSON example (^orders$, {"ha-mode": "all"}) reads the same in every language.
const CODE_EXAMPLE = /^[\^{[].*[$}\]]$/
function isProse(text) {
  const s = text.trim()
  if (CODE_EXAMPLE.test(s) || !WORD.test(s.replace(MANAGEMENT_BADGES, ''))) return false
  return WORD.test(s) && !CODE_LIKE.test(s) && !AMQP_VALUES.has(s) && !(RABBITMQ_TOKEN.test(s) && s.length <= 20)
}

function* sourceFiles(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (SKIP_DIRS.has(relative(root, path))) continue
    if (statSync(path).isDirectory()) yield* sourceFiles(path)
    else if (/\.tsx?$/.test(name)) yield path
  }
}

function lineOf(text, offset) {
  let line = 1
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++
  return line
}

// The string parts of an expression that would reach the screen as they are.
function* shownStrings(node) {
  if (!node) return
  switch (node.type) {
    case 'Literal':
      if (typeof node.value === 'string') yield { text: node.value, at: node.start }
      return
    case 'TemplateLiteral':
      for (const q of node.quasis) yield { text: q.value.cooked ?? q.value.raw, at: q.start }
      return
    case 'ConditionalExpression':
      yield* shownStrings(node.consequent)
      yield* shownStrings(node.alternate)
      return
    case 'LogicalExpression':
      yield* shownStrings(node.right)
      if (node.operator !== '&&') yield* shownStrings(node.left)
      return
    case 'BinaryExpression':
      if (node.operator === '+') {
        yield* shownStrings(node.left)
        yield* shownStrings(node.right)
      }
      return
    case 'JSXExpressionContainer':
      yield* shownStrings(node.expression)
      return
  }
}

function calleeName(callee) {
  if (callee.type === 'Identifier') return callee.name
  if (callee.type === 'MemberExpression' && !callee.computed) return callee.property.name
  return undefined
}

function checkSource(file) {
  const text = readFileSync(file, 'utf8')
  const where = relative(root, file)
  const ast = parseAst(text, { lang: file.endsWith('.tsx') ? 'tsx' : 'ts' })
  const report = (at, what, literal) =>
    problems.push(`${where}:${lineOf(text, at)}: ${what} ${JSON.stringify(literal.trim().slice(0, 60))}`)
  const visit = (node, parent) => {
    if (!node || typeof node.type !== 'string') return
    if (node.type === 'JSXText' && isProse(node.value)) report(node.start, 'JSX text', node.value)
    if (node.type === 'JSXExpressionContainer' && parent?.type !== 'JSXAttribute')
      for (const s of shownStrings(node.expression)) if (isProse(s.text)) report(s.at, 'JSX child', s.text)
    if (node.type === 'JSXAttribute' && SHOWN_PROPS.has(node.name.name))
      for (const s of shownStrings(node.value)) if (isProse(s.text)) report(s.at, `${node.name.name}=`, s.text)
    if (node.type === 'CallExpression' && MESSAGE_CALLS.has(calleeName(node.callee)))
      // toast(tone, text): the tone is a name, the text is read.
      for (const arg of calleeName(node.callee) === 'toast' ? node.arguments.slice(1) : node.arguments)
        for (const s of shownStrings(arg)) if (isProse(s.text)) report(s.at, `${calleeName(node.callee)}()`, s.text)
    if (node.type === 'Property' && !node.computed && SHOWN_FIELDS.has(node.key.name ?? node.key.value))
      for (const s of shownStrings(node.value.type === 'ArrayExpression' ? null : node.value))
        if (isProse(s.text)) report(s.at, `${node.key.name ?? node.key.value}:`, s.text)
    if (
      node.type === 'Property' &&
      !node.computed &&
      node.value.type === 'ArrayExpression' &&
      SHOWN_FIELDS.has(node.key.name)
    )
      for (const el of node.value.elements)
        for (const s of shownStrings(el)) if (isProse(s.text)) report(s.at, `${node.key.name}:`, s.text)
    // Errors worded like RabbitMQ's reply texts, lower case ("no exchange 'x' in vhost '/'"), are RabbitMQ's
    // words or a programmer's invariant; a sentence starting with a capital is meant for a person.
    if (
      (node.type === 'NewExpression' || node.type === 'CallExpression') &&
      /Error$/.test(calleeName(node.callee) ?? '')
    )
      for (const s of shownStrings(node.arguments[0]))
        if (isProse(s.text) && /^\p{Lu}/u.test(s.text.trim())) report(s.at, 'Error message', s.text)
    for (const [key, child] of Object.entries(node)) {
      if (key === 'parent') continue
      if (Array.isArray(child)) for (const c of child) visit(c, node)
      else if (child && typeof child === 'object') visit(child, node)
    }
  }
  for (const statement of ast.body) visit(statement, ast)
}

checkCatalogues()
for (const file of sourceFiles(join(root, 'app'))) checkSource(file)
for (const p of problems) console.error(p)
if (problems.length > 0) {
  console.error(`i18n: ${problems.length} problem(s)`)
  process.exit(1)
}
console.log('i18n: both languages hold the same keys and placeholders; app/ shows no literal text')
