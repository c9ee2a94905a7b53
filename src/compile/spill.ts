// Very large generated functions keep their temporaries in one scratch array.
// Every `const t0 = ...` of a function body is a register in its stack frame;
// with tens of thousands of variables (a gradient names several nodes per
// variable) the frame outgrows the stack and the call throws "Maximum call
// stack size exceeded". Past SPILL_AT declarations the body is rewritten so
// that temporaries t*, a* live in a Float64Array made once with the function
// (generated code never calls back into user code, so one array per function
// is safe), and array reads `const v3 = x[3];` are read in place.
// The rewrite only meets text we generated: identifiers t<digits>, a<digits>,
// v<digits>; no function name, number literal or other identifier we emit has
// that form (Math.*, L.*, out, x, c<digits> live outside the body).

/**
 * Declarations in one body above which temporaries go to a scratch array.
 * V8 keeps a const in an 8-byte register: 25,000 make a 200 KB frame, well
 * inside the ~1 MB stack of a browser's main thread (the frame overflowed past
 * about 120,000 on Node 20). Spilled code runs 4-5 times slower (each
 * temporary a typed-array load and store), so the limit is no lower than that.
 */
export const SPILL_AT = 25_000;

const DECL = /^(?:const|let) ([tav]\d+) = (.*)$/;
const NAME = /\b([tav]\d+)\b/g;

/** The body rewritten to use `scratch[k]`, and the scratch size; or null when it is small enough. */
export function spill(body: readonly string[], scratch: string): { body: string[]; size: number } | null {
  let decls = 0;
  for (const line of body) if (line.startsWith('const ') || line.startsWith('let ')) decls++;
  if (decls <= SPILL_AT) return null;
  const slots = new Map<string, string>(); // temporary -> its place
  const out: string[] = [];
  for (const line of body) {
    const m = DECL.exec(line);
    if (m !== null && m[1]!.startsWith('v')) {
      // `const v3 = x[3];`: refer to x[3] itself.
      slots.set(m[1]!, m[2]!.slice(0, -1));
      continue;
    }
    let text = line;
    let target: string | undefined;
    if (m !== null) {
      target = `${scratch}[${slots.size}]`;
      text = m[2]!;
    }
    text = text.replace(NAME, (name: string) => slots.get(name) ?? name);
    if (m !== null) {
      slots.set(m[1]!, target!);
      text = `${target} = ${text}`;
    }
    out.push(text);
  }
  return { body: out, size: slots.size };
}
