import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../../electron/cli/progress';
import { terminalSafe, terminalSafeJson } from '../../../electron/cli/terminal-text';
import { TERMINAL_CONTROL } from './helpers';

/** What a file may carry to attack the terminal it is reported on, and what is shown instead. */
describe('terminalSafe', () => {
  it.each([
    ['clear screen and retitle', 'Ministry\u001b[2J\u001b]0;owned\u0007 X', 'Ministry\u241b[2J\u241b]0;owned\u2407 X'],
    ['erase the line', 'ok\r\u001b[2Kvalid', 'ok\u240d\u241b[2Kvalid'],
    ['a forged report line', 'name\nb.json: valid', 'name\u240ab.json: valid'],
    ['tab and DEL', 'a\tb\u007f', 'a\u2409b\u2421'],
    ['single-byte CSI (C1)', 'x\u009b31my', 'x<U+009B>31my'],
    ['right-to-left override', 'invoice\u202egnp.json', 'invoice<U+202E>gnp.json'],
    ['isolates and marks', '\u2066a\u2069\u200e\u200f\u061c', '<U+2066>a<U+2069><U+200E><U+200F><U+061C>'],
    ['line and paragraph separators', 'a\u2028b\u2029c', 'a<U+2028>b<U+2029>c'],
  ])('shows %s instead of obeying it', (_what, text, shown) => {
    expect(terminalSafe(text)).toBe(shown);
  });

  it('leaves ordinary text of any script alone', () => {
    const text = 'Ministère de l’Économie, 北京市, وزارة الاتصالات — “quoted” ✓';
    expect(terminalSafe(text)).toBe(text);
  });

  it('keeps line feeds only when asked (whole messages the CLI wrote over lines)', () => {
    expect(terminalSafe('one\ntwo\u001b', { keepLines: true })).toBe('one\ntwo\u241b');
    expect(terminalSafe('one\r\ntwo', { keepLines: true })).toBe('one\u240d\ntwo');
  });
});

describe('terminalSafeJson', () => {
  it('escapes what JSON.stringify leaves raw (C1, bidi), and the value parses back the same', () => {
    const value = { organisation: 'A\u009b2J\u202eB\u001b[31m', n: 1 };
    const text = terminalSafeJson(value);
    expect(text).not.toMatch(TERMINAL_CONTROL);
    expect(text).toContain('\\u009b');
    expect(text).toContain('\\u202e');
    expect(JSON.parse(text)).toStrictEqual(value);
  });
});

describe('formatDuration', () => {
  it.each([
    [0.2, '1 s'],
    [59, '59 s'],
    [59.5, '1 min 0 s'],
    [60, '1 min 0 s'],
    [119.5, '2 min 0 s'],
    [125.01, '2 min 6 s'],
    [3600, '60 min 0 s'],
  ])('%s s is "%s"', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});
