import { describe, expect, it } from 'vitest';
import type { Question } from '../../../shared/schemas/questionnaire';
import { parseWrittenValue, writtenShape } from '../../../renderer/src/features/merge/written-value';
import { bundled } from '../../helpers/merge-fixtures';

const definition = bundled('test-all-types');
function question(id: string): Question {
  const found = definition.sections.flatMap((s) => s.questions).find((q) => q.id === id);
  if (!found) throw new Error(`no question ${id}`);
  return found;
}

describe('a value the coordinator writes to resolve a conflict', () => {
  it('numbers: integer questions take whole numbers; a decimal comma or spaces between digit groups are read', () => {
    expect(parseWrittenValue(' 14 ', question('B.3'), [])).toEqual({ ok: true, value: 14 });
    expect(parseWrittenValue('1 200', question('B.3'), [])).toEqual({ ok: true, value: 1200 });
    expect(parseWrittenValue('14.5', question('B.3'), [])).toEqual({ ok: false, problem: { kind: 'notAnInteger' } });
    expect(parseWrittenValue('87,5', question('B.4'), [])).toEqual({ ok: true, value: 87.5 });
    expect(parseWrittenValue('-0.25', question('B.4'), [])).toEqual({ ok: true, value: -0.25 });
    expect(parseWrittenValue('twelve', question('B.4'), [])).toEqual({ ok: false, problem: { kind: 'notANumber' } });
    // "1,234" is ambiguous (a thousand, or one and a bit): it is read only as a decimal comma.
    expect(parseWrittenValue('1,234.5', question('B.4'), [])).toEqual({ ok: false, problem: { kind: 'notANumber' } });
    expect(parseWrittenValue('2021', question('A.2.2'), [])).toEqual({ ok: true, value: 2021 });
  });

  it('multiple choice: option values or labels separated by commas, de-duplicated, unknown ones named', () => {
    expect(parseWrittenValue('web, SMS,web', question('B.1'), [])).toEqual({ ok: true, value: ['web', 'sms'] });
    expect(parseWrittenValue('Web; mobile', question('B.1'), [])).toEqual({ ok: true, value: ['web', 'mobile'] });
    expect(parseWrittenValue('web, fax, telegraph', question('B.1'), [])).toEqual({ ok: false, problem: { kind: 'unknownOptions', options: ['fax', 'telegraph'] } });
    expect(parseWrittenValue(' , ', question('B.1'), [])).toEqual({ ok: false, problem: { kind: 'empty' } });
  });

  it('single choice and yes/no: exactly one option', () => {
    expect(parseWrittenValue('mixed', question('B.2'), [])).toEqual({ ok: true, value: 'mixed' });
    expect(parseWrittenValue('central, mixed', question('B.2'), [])).toEqual({ ok: false, problem: { kind: 'oneOptionOnly' } });
    expect(parseWrittenValue('YES', question('A.2'), [])).toEqual({ ok: true, value: 'yes' });
    expect(parseWrittenValue('na', question('A.2'), [])).toEqual({ ok: false, problem: { kind: 'unknownOptions', options: ['na'] } });
    expect(parseWrittenValue('na', question('A.3'), [])).toEqual({ ok: true, value: 'na' });
  });

  it('text: trimmed, never empty; groups cannot be written', () => {
    expect(parseWrittenValue('  https://www.gov.example/  ', question('A.1'), [])).toEqual({ ok: true, value: 'https://www.gov.example/' });
    expect(parseWrittenValue('   ', question('A.2.1'), [])).toEqual({ ok: false, problem: { kind: 'empty' } });
    expect(parseWrittenValue('anything', question('C.1'), [])).toEqual({ ok: false, problem: { kind: 'notWritable' } });
  });

  it('without the definition, the kind of value follows the candidates', () => {
    expect(writtenShape(undefined, [3, 4])).toBe('number');
    expect(parseWrittenValue('3.5', undefined, [3, 4])).toEqual({ ok: true, value: 3.5 });
    expect(parseWrittenValue('a, b', undefined, [['a'], ['b']])).toEqual({ ok: true, value: ['a', 'b'] });
    expect(parseWrittenValue('free text, with a comma', undefined, ['x', 'y'])).toEqual({ ok: true, value: 'free text, with a comma' });
    expect(writtenShape(undefined, [[{ rowId: 'r1', answers: { name: 'x' } }], 'y'])).toBe('notWritable');
  });
});
