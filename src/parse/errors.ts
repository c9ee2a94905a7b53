// ParseError: what went wrong, where, and a caret under the place.
import type { Pos } from './syntax.js';

export class ParseError extends Error {
  override name = 'ParseError';
  readonly offset: number;
  readonly line: number; // 1-based
  readonly column: number; // 1-based
  readonly expected: readonly string[];
  /** The short reason, without the excerpt. */
  readonly reason: string;

  constructor(source: string, at: Pos, reason: string, expected: readonly string[] = []) {
    super(formatMessage(source, at, reason, expected));
    this.offset = at.offset;
    this.line = at.line;
    this.column = at.col;
    this.expected = expected;
    this.reason = reason;
  }
}

const MAX_EXCERPT = 72;

function formatMessage(source: string, at: Pos, reason: string, expected: readonly string[]): string {
  const lines = source.split('\n');
  const text = lines[at.line - 1] ?? '';
  // Long lines are cut to a window around the error so the caret stays visible.
  let start = 0;
  if (text.length > MAX_EXCERPT) start = Math.max(0, Math.min(at.col - 1 - MAX_EXCERPT / 2, text.length - MAX_EXCERPT));
  const excerpt =
    (start > 0 ? '…' : '') + visible(text.slice(start, start + MAX_EXCERPT)) + (start + MAX_EXCERPT < text.length ? '…' : '');
  const caret = ' '.repeat(at.col - 1 - start + (start > 0 ? 1 : 0)) + '^';
  const exp = expected.length > 0 ? `; expected ${listOr(expected)}` : '';
  const where = lines.length > 1 ? `line ${at.line}, column ${at.col}` : `column ${at.col}`;
  return `${reason}${exp} (at ${where})\n  ${excerpt}\n  ${caret}`;
}

// Control characters would move the terminal's cursor (or worse) and push the
// caret off its column: show each as one visible symbol instead.
const visible = (text: string): string =>
  text.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, (c) =>
    c.charCodeAt(0) < 0x20 ? String.fromCharCode(0x2400 + c.charCodeAt(0)) : '\ufffd',
  );

export function listOr(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
