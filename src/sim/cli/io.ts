/** Where the CLI writes, and whether it may colour: the process's streams, or a test's buffers. */

export interface CliIo {
  /** Colours on stdout (a terminal, and NO_COLOR unset). */
  readonly colour: boolean;
  /** stderr is a terminal: the progress line rewrites itself in place. */
  readonly interactive: boolean;
  out(text: string): void;
  err(text: string): void;
}

export function processIo(): CliIo {
  const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';
  return {
    out: text => process.stdout.write(`${text}\n`),
    err: text => process.stderr.write(`${text}\n`),
    colour: !!process.stdout.isTTY && !noColor && process.env.TERM !== 'dumb',
    interactive: !!process.stderr.isTTY,
  };
}

/** Bad input (a missing file, an unknown stack, a scenario step that names nothing): one line, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const CODES = { red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, grey: 90, bold: 1 } as const;
export type Colour = keyof typeof CODES;

/** ANSI colouring when `on`, plain text otherwise. */
export function painter(on: boolean): (colour: Colour, text: string) => string {
  return (colour, text) => (on ? `\u001b[${CODES[colour]}m${text}\u001b[0m` : text);
}
