// A definitions document Warren cannot import, with a message that names the entry or the limit at fault.
export class DefinitionsError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'DefinitionsError'
  }
}
