// Terminal colour: only when the stream is a terminal (or --color asks for it),
// and never when NO_COLOR is set to a non-empty value (https://no-color.org).
// Colour marks things a person scans for (errors, carets, PASS/FAIL, headings);
// results themselves are never coloured, so copy-paste and pipes see plain text.

export type ColorChoice = 'auto' | 'always' | 'never';

export interface Style {
  readonly enabled: boolean;
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
}

export function colorWanted(
  stream: { isTTY?: boolean },
  env: Readonly<Record<string, string | undefined>>,
  choice: ColorChoice,
): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (choice !== 'auto') return choice === 'always';
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}

const sgr = (on: number, off: number) => (s: string): string => `\u001b[${on}m${s}\u001b[${off}m`;
const plain = (s: string): string => s;

export function makeStyle(enabled: boolean): Style {
  if (!enabled) return { enabled, bold: plain, dim: plain, red: plain, green: plain, yellow: plain, cyan: plain };
  return {
    enabled,
    bold: sgr(1, 22),
    dim: sgr(2, 22),
    red: sgr(31, 39),
    green: sgr(32, 39),
    yellow: sgr(33, 39),
    cyan: sgr(36, 39),
  };
}
