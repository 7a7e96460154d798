import type { Random } from './random';

/**
 * Makes a string that matches a definition's short-text `pattern`, for sample answers. It reads
 * the small regular-expression subset definitions use (literals, escapes such as `\d`, classes,
 * groups with `|`, and the quantifiers `? * + {n} {n,} {n,m}`); the loader already refuses the
 * dangerous forms. Returns undefined for anything else, and the caller checks the result.
 */
export function sampleFromPattern(regex: string, random: Random): string | undefined {
  try {
    const parser = new PatternSampler(regex, random);
    const out = parser.alternation();
    return parser.done() ? out : undefined;
  } catch {
    return undefined;
  }
}

const DIGITS = '0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const CLASS_ESCAPES: Readonly<Record<string, readonly string[]>> = {
  d: Array.from(DIGITS),
  w: Array.from(`${UPPER}${LOWER}${DIGITS}_`),
  s: [' '],
};
const ANY: readonly string[] = Array.from(LOWER);

class PatternSampler {
  private i = 0;
  constructor(
    private readonly source: string,
    private readonly random: Random,
  ) {}

  done(): boolean {
    return this.i >= this.source.length;
  }

  alternation(): string {
    const branches: string[] = [this.sequence()];
    while (this.source[this.i] === '|') {
      this.i += 1;
      branches.push(this.sequence());
    }
    return this.random.pick(branches);
  }

  private sequence(): string {
    let out = '';
    while (this.i < this.source.length && this.source[this.i] !== '|' && this.source[this.i] !== ')') {
      const make = this.atom();
      const [min, max] = this.quantifier();
      const times = this.random.int(min, max);
      for (let k = 0; k < times; k += 1) out += make();
    }
    return out;
  }

  /** One atom as a generator, so `[A-Z]{3}` gives three different letters. */
  private atom(): () => string {
    const char = this.source[this.i] ?? '';
    this.i += 1;
    if (char === '^' || char === '$') return () => '';
    if (char === '(') {
      if (this.source.startsWith('?:', this.i)) this.i += 2;
      const start = this.i;
      const text = this.alternation();
      if (this.source[this.i] !== ')') throw new SyntaxError('unclosed group');
      this.i += 1;
      const body = this.source.slice(start, this.i - 1);
      // Re-sampled each time, so `(ab|cd){2}` may give "abcd".
      return () => sampleFromPattern(body, this.random) ?? text;
    }
    if (char === '[') return this.charClass();
    if (char === '\\') {
      const next = this.source[this.i] ?? '';
      this.i += 1;
      const set = CLASS_ESCAPES[next];
      return set === undefined ? () => next : () => this.random.pick(set);
    }
    if (char === '.') return () => this.random.pick(ANY);
    if ('*+?{'.includes(char)) throw new SyntaxError('quantifier without an atom');
    return () => char;
  }

  private charClass(): () => string {
    if (this.source[this.i] === '^') throw new SyntaxError('negated classes are not sampled');
    const chars: string[] = [];
    while (this.i < this.source.length && this.source[this.i] !== ']') {
      let char = this.source[this.i] ?? '';
      this.i += 1;
      if (char === '\\') {
        const next = this.source[this.i] ?? '';
        this.i += 1;
        const set = CLASS_ESCAPES[next];
        if (set !== undefined) {
          chars.push(...set);
          continue;
        }
        char = next;
      }
      if (this.source[this.i] === '-' && this.source[this.i + 1] !== ']' && this.i + 1 < this.source.length) {
        const end = this.source[this.i + 1] ?? char;
        this.i += 2;
        for (let code = char.charCodeAt(0); code <= end.charCodeAt(0); code += 1) chars.push(String.fromCharCode(code));
      } else {
        chars.push(char);
      }
    }
    if (this.source[this.i] !== ']' || chars.length === 0) throw new SyntaxError('bad class');
    this.i += 1;
    return () => this.random.pick(chars);
  }

  private quantifier(): [number, number] {
    const char = this.source[this.i];
    if (char === '?') return this.skip(1, [0, 1]);
    if (char === '*') return this.skip(1, [0, 3]);
    if (char === '+') return this.skip(1, [1, 3]);
    if (char === '{') {
      const match = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.i));
      if (!match) throw new SyntaxError('bad quantifier');
      const min = Number(match[1]);
      const max = match[2] === undefined ? min : match[3] === '' || match[3] === undefined ? min + 3 : Number(match[3]);
      return this.skip(match[0].length, [min, max]);
    }
    return [1, 1];
  }

  private skip(length: number, range: [number, number]): [number, number] {
    this.i += length;
    // A lazy marker (`+?`) changes nothing for sampling.
    if (this.source[this.i] === '?') this.i += 1;
    return range;
  }
}
