// What the broker client says when it cannot carry a command, kept together for the i18n catalogue.

export const clientMessages = {
  locked:
    'This tab does not hold the broker: another tab runs it. Take it over in this tab (the banner at the top) to use it here.',
  stopped: (why: string) => `The broker is not running in this tab any more: ${why}`,
  unsendable: (why: string) => `This command could not be sent to the broker, so it was not run (${why}).`,
}
