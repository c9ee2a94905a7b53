// User text echoed on a terminal (in error messages and report headers) must
// not drive the terminal: a carriage return or backspace would overwrite the
// excerpt, an escape sequence could recolour or retitle it, and bidirectional
// overrides could reorder it. Each such character becomes one visible
// stand-in, so a caret under the excerpt stays in its column.

const C0 = /[\u0000-\u0008\u000b-\u001f]/g; // all C0 controls but tab and newline
const OTHER = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g; // DEL, C1 controls, bidi embeddings and isolates

/** Newlines are kept (messages have several lines); tabs become spaces. */
export function visible(s: string): string {
  return s
    .replace(/\t/g, ' ')
    .replace(C0, (c) => String.fromCharCode(0x2400 + c.charCodeAt(0)))
    .replace(OTHER, (c) => (c === '\u007f' ? '\u2421' : '\ufffd'));
}

/** One line: newlines too become the symbol for newline. */
export const visibleLine = (s: string): string => visible(s).replace(/\r?\n/g, '\u2424');
