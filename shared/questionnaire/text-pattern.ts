/**
 * Patterns for short-text answers come from definition files, which may be hostile. A pattern is
 * compiled with the `u` flag and anchored to the whole answer; forms that backtrack exponentially
 * (a quantified group that itself contains a quantifier, such as `(a+)+` or `(\w*)*`) are refused
 * at load time, because one such pattern on a 500-character answer can freeze the app.
 */

const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*(?:[+*]|\{\d*,)/;
const BACKREFERENCE = /\\[1-9]|\\k</;

/** Why a pattern is refused, or undefined when it is acceptable. */
export function patternProblem(source: string): string | undefined {
  if (NESTED_QUANTIFIER.test(source)) return 'the pattern nests quantifiers (such as "(a+)+"), which can freeze the app; rewrite it without nesting';
  if (BACKREFERENCE.test(source)) return 'the pattern uses back-references, which are not allowed';
  try {
    compileTextPattern(source);
  } catch (error) {
    return `not a valid regular expression (${error instanceof Error ? error.message : String(error)})`;
  }
  return undefined;
}

const cache = new Map<string, RegExp>();

/** Compiles (once) a pattern that must match the whole answer. Throws SyntaxError when invalid. */
export function compileTextPattern(source: string): RegExp {
  let compiled = cache.get(source);
  if (!compiled) {
    compiled = new RegExp(`^(?:${source})$`, 'u');
    cache.set(source, compiled);
  }
  return compiled;
}
