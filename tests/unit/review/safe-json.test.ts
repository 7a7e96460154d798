import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_JSON_DEPTH, formatByteLimit, jsonNestingExceeds, parseJsonSafely } from '../../../shared/safe-json';
import { MAX_SUBMISSION_BYTES } from '../../../shared/submission/document';
import { verifySubmissionJson } from '../../../shared/submission/verify';

const limits = { maxBytes: 1024, maxDepth: 4 };
const bytes = (text: string) => new TextEncoder().encode(text);

describe('parseJsonSafely', () => {
  it('parses JSON within the limits, with or without a byte order mark', () => {
    expect(parseJsonSafely(bytes('{"a":[1,{"b":[]}]}'), limits)).toEqual({ ok: true, value: { a: [1, { b: [] }] } });
    expect(parseJsonSafely(Uint8Array.from([0xef, 0xbb, 0xbf, ...bytes('{"é":"ü"}')]), limits)).toEqual({ ok: true, value: { é: 'ü' } });
    expect(parseJsonSafely(bytes('  42\n'), limits)).toEqual({ ok: true, value: 42 });
  });

  it('counts only brackets outside strings, escaped quotes included', () => {
    expect(parseJsonSafely(bytes('[[["[[[[[[{{{{", "\\"[[[[[[", "\\\\"]]]'), limits)).toMatchObject({ ok: true });
    expect(jsonNestingExceeds('[[[[]]]]', 4)).toBe(false);
    expect(jsonNestingExceeds('[[[[[]]]]]', 4)).toBe(true);
    expect(jsonNestingExceeds('[{"a":[{"b":1}]}]', 4)).toBe(false);
    expect(jsonNestingExceeds('[{"a":[{"b":[]}]}]', 4)).toBe(true);
    // Depth is the most open at once, not the total: many siblings are fine.
    expect(jsonNestingExceeds(`[${'[],'.repeat(10_000)}[]]`, 2)).toBe(false);
  });

  it.each<[string, Uint8Array, string, RegExp]>([
    ['empty', new Uint8Array(), 'empty', /^the file is empty$/],
    ['only a byte order mark', Uint8Array.from([0xef, 0xbb, 0xbf]), 'empty', /^the file is empty$/],
    ['over the size limit', new Uint8Array(1025).fill(0x20), 'tooLarge', /^the file is larger than 1 KB$/],
    ['truncated', bytes('{"a":[1,2'), 'notJson', /^the file is not valid JSON \(.+\)$/],
    ['not UTF-8', Uint8Array.from([0x5b, 0x22, 0xff, 0xfe, 0x22, 0x5d]), 'notUtf8', /^the file is not UTF-8 text$/],
    ['an overlong UTF-8 encoding', Uint8Array.from([0x22, 0xc0, 0xaf, 0x22]), 'notUtf8', /UTF-8/],
    ['not JSON', bytes("{ answers: 'yes' }"), 'notJson', /not valid JSON/],
    ['too deep', bytes('[[[[[1]]]]]'), 'tooDeep', /^the file nests more than 4 levels deep/],
  ])('refuses a file that is %s', (_name, input, problem, reason) => {
    const result = parseJsonSafely(input, limits);
    expect(result).toMatchObject({ ok: false, problem });
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('refuses 100,000 and 1,000,000 nested arrays without a RangeError, in linear time', () => {
    for (const n of [100_000, 1_000_000]) {
      const text = `${'['.repeat(n)}${']'.repeat(n)}`;
      const started = performance.now();
      const result = parseJsonSafely(bytes(text), { maxBytes: 8 * 1024 * 1024, maxDepth: DEFAULT_MAX_JSON_DEPTH });
      expect(result).toMatchObject({ ok: false, problem: 'tooDeep' });
      expect(performance.now() - started).toBeLessThan(2000);
    }
    // At the limit itself it parses.
    const atLimit = `${'['.repeat(DEFAULT_MAX_JSON_DEPTH)}${']'.repeat(DEFAULT_MAX_JSON_DEPTH)}`;
    expect(parseJsonSafely(bytes(atLimit), { maxBytes: 1024, maxDepth: DEFAULT_MAX_JSON_DEPTH })).toMatchObject({ ok: true });
  });

  it('names size limits exactly', () => {
    expect(formatByteLimit(32 * 1024 * 1024)).toBe('32 MB');
    expect(formatByteLimit(512 * 1024)).toBe('512 KB');
    expect(formatByteLimit(1000)).toBe('1000 bytes');
  });
});

describe('verifySubmissionJson reads files through parseJsonSafely', () => {
  it('refuses deep nesting as unreadable, with the reasons it always gave for the rest', async () => {
    const deep = await verifySubmissionJson(bytes(`${'['.repeat(100_000)}${']'.repeat(100_000)}`));
    expect(deep).toEqual({ status: 'unreadable', reason: `the file nests more than ${String(DEFAULT_MAX_JSON_DEPTH)} levels deep, which no EGov Desk file does` });
    expect(await verifySubmissionJson(new Uint8Array())).toEqual({ status: 'unreadable', reason: 'the file is empty' });
    expect(await verifySubmissionJson(new Uint8Array(MAX_SUBMISSION_BYTES + 1))).toEqual({ status: 'unreadable', reason: 'the file is larger than 32 MB' });
    expect(await verifySubmissionJson(Uint8Array.from([0xff, 0xfe]))).toEqual({ status: 'unreadable', reason: 'the file is not UTF-8 text' });
    expect(await verifySubmissionJson(bytes('{"format":'))).toMatchObject({ status: 'unreadable', reason: expect.stringMatching(/^the file is not valid JSON \(/) as unknown });
  });
});
