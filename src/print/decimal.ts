// Numbers as decimals, for the printers' `numbers: 'decimal'` option. A
// fraction whose denominator has no prime factors but 2 and 5 is written out
// exactly (314159/50000 is 6.28318); any other (1/3) is written as the nearest
// double in JavaScript's shortest round-trip form (0.3333333333333333), as is
// an exact decimal longer than a double's 17 significant digits.
import { describeValue, ownOptions } from '../core/options.js';
import type { LimitOptions } from '../core/budget.js';
import { MathError, ratToNumber } from '../core/rational.js';

/** How printers write numbers: exact integers and fractions (the default), or decimals. */
export type NumberStyle = 'exact' | 'decimal';

export interface PrintOptions extends LimitOptions {
  /** 'exact' (default): 314159*x/50000. 'decimal': 6.28318*x. Either way the expression itself stays exact. */
  readonly numbers?: NumberStyle;
  /**
   * The order of a sum's terms: 'descending' powers (default: x^2 + 2*x + 1, a
   * positive term first) or 'ascending' (1 + 2*x + x^2, as a Taylor polynomial
   * is written). Display only: the expression is the same.
   */
  readonly order?: 'descending' | 'ascending';
  /** The variable whose powers `order` goes by (default: every symbol but pi and e). */
  readonly wrt?: string;
}

const MAX_DIGITS = 17;

/** Own property `numbers` of an options object, checked. */
export function numberStyle(options: PrintOptions | undefined): NumberStyle {
  // A number is an index from es.map(toText): no options.
  const v = typeof options === 'number' ? undefined : ownOptions(options, 'printing').numbers;
  if (v === undefined || v === 'exact') return 'exact';
  if (v === 'decimal') return 'decimal';
  throw new MathError(`numbers must be 'exact' or 'decimal', not ${describeValue(v)}`);
}

/** p/q (p >= 0, q > 0, in lowest terms) as a decimal numeral. */
export function decimalText(p: bigint, q: bigint): string {
  if (q === 1n) return p.toString();
  let twos = 0;
  let fives = 0;
  let r = q;
  while (r % 2n === 0n) {
    r /= 2n;
    twos++;
  }
  while (r % 5n === 0n) {
    r /= 5n;
    fives++;
  }
  if (r === 1n) {
    const places = Math.max(twos, fives);
    const scaled = (p * 10n ** BigInt(places)) / q; // exact: q divides 10^places
    const s = scaled.toString().padStart(places + 1, '0');
    const text = `${s.slice(0, s.length - places)}.${s.slice(s.length - places)}`;
    const significant = text.replace('.', '').replace(/^0+/, '').length;
    if (significant <= MAX_DIGITS) return text;
  }
  return String(ratToNumber({ p, q }));
}
