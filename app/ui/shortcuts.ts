// Every keyboard shortcut, listed once: the handler and the help panel both read this table.
// `id` names the words in the catalogue: help.groups.<group>, help.shortcuts.<id>; `keys` that are words
// (Space, Double-click) have their own help.keys.<id>.

export interface Shortcut {
  id: string
  keys: string
  keysAreWords?: boolean
}

export const SHORTCUTS: { group: 'add' | 'edit' | 'view'; items: Shortcut[] }[] = [
  {
    group: 'add',
    items: [
      { id: 'producer', keys: 'P' },
      { id: 'direct', keys: 'E' },
      { id: 'topic', keys: 'T' },
      { id: 'fanout', keys: 'O' },
      { id: 'headers', keys: 'H' },
      { id: 'queue', keys: 'Q' },
      { id: 'consumer', keys: 'C' },
      { id: 'addMenu', keys: 'Double-click', keysAreWords: true },
    ],
  },
  {
    group: 'edit',
    items: [
      { id: 'delete', keys: 'Delete / Backspace', keysAreWords: true },
      { id: 'undo', keys: 'Ctrl+Z' },
      { id: 'redo', keys: 'Ctrl+Shift+Z / Ctrl+Y' },
      { id: 'copy', keys: 'Ctrl+C' },
      { id: 'paste', keys: 'Ctrl+V' },
      { id: 'selectAll', keys: 'Ctrl+A' },
      { id: 'selectArea', keys: 'Shift+drag', keysAreWords: true },
    ],
  },
  {
    group: 'view',
    items: [
      { id: 'layout', keys: 'L' },
      { id: 'fit', keys: 'F' },
      { id: 'theme', keys: 'D' },
      { id: 'panels', keys: '1 / 2 / 3 / 4' },
      { id: 'escape', keys: 'Esc', keysAreWords: true },
      { id: 'help', keys: '?' },
      { id: 'play', keys: 'Space', keysAreWords: true },
    ],
  },
]
