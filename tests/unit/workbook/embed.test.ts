import { describe, expect, it } from 'vitest';
import { embedJson, portableJson, readEmbeddedJson } from '../../../shared/workbook/embed';

describe('JSON embedded in a hidden sheet', () => {
  it('is printable ASCII that parses to the same value, with _xHHHH_ escaped', () => {
    const value = { text: 'Ünïcødé 😀 \u2028 \u007f _x0041_ _X00e9_ \\_x0041_', n: 1.5, list: ['a', null] };
    const json = portableJson(value);
    expect(json).toMatch(/^[\x20-\x7e]*$/);
    expect(json).not.toMatch(/_x[0-9a-f]{4}_/i);
    expect(JSON.parse(json)).toEqual(value);
  });

  it('splits into parts under the limit that never start or end with a space, and reads back', () => {
    const value = { answer: `${'word '.repeat(50)}${' '.repeat(30)}end` };
    const column = embedJson('egov-desk/submission', value, 40);
    const parts = column.slice(1);
    expect(column[0]).toBe(`egov-desk/submission json parts=${String(parts.length)}`);
    expect(parts.length).toBeGreaterThan(5);
    for (const part of parts.slice(0, -1)) {
      expect(part.length).toBeLessThanOrEqual(40);
      expect(part).not.toMatch(/^ | $/);
    }
    expect(readEmbeddedJson('egov-desk/submission', column)).toEqual({ ok: true, value });
  });

  it('refuses an embedded copy nested a hundred thousand levels deep, without overflowing the stack', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const column = ['egov-desk/submission json parts=1', deep];
    expect(readEmbeddedJson('egov-desk/submission', column)).toMatchObject({ ok: false, reason: expect.stringContaining('nests deeper') as string });
  });

  it('says what is wrong with a damaged copy', () => {
    const column = embedJson('egov-desk/submission', { a: 'x'.repeat(100) }, 30);
    expect(readEmbeddedJson('egov-desk/questionnaire', column)).toMatchObject({ ok: false, reason: expect.stringContaining('does not name') as string });
    expect(readEmbeddedJson('egov-desk/submission', [undefined, ...column.slice(1)])).toMatchObject({ ok: false });
    expect(readEmbeddedJson('egov-desk/submission', column.slice(0, -1))).toMatchObject({ ok: false, reason: expect.stringContaining('parts') as string });
    const damaged = [...column];
    damaged[2] = '"}{';
    expect(readEmbeddedJson('egov-desk/submission', damaged)).toMatchObject({ ok: false, reason: expect.stringContaining('damaged') as string });
  });
});
