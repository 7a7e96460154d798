import { beforeAll, describe, expect, it } from 'vitest';
import { parseDecisionsFile } from '../../../shared/merge/decisions';
import { mergeSubmissions } from '../../../shared/merge/merge';
import { consolidatedTables } from '../../../shared/merge/tables';
import { loadQuestionnaireDefinition } from '../../../shared/questionnaire/load';
import type { GroupRow } from '../../../shared/schemas/answers';
import { definition, group, section, text } from '../../helpers/builders';
import type { MergeSigner } from '../../helpers/merge-fixtures';
import { evidenceItem, intakeOf, mergeSigner, signedDocument } from '../../helpers/merge-fixtures';

/**
 * Files that are validly signed but built to trip the merge: ids named like Object.prototype's
 * members, values of an unexpected shape. A signature proves who sent a file, not that it is kind.
 */

let health: MergeSigner;
let education: MergeSigner;

beforeAll(async () => {
  health = await mergeSigner('Amina Odhiambo', 'Ministry of Health');
  education = await mergeSigner('Peter Kamau', 'Ministry of Education');
});

const prototypeNamed = loadQuestionnaireDefinition(
  definition([section('S', [text('constructor'), text('hasOwnProperty'), text('q1'), group('list', [text('name'), text('toString')])])], { id: 'proto' }),
  'test',
);

describe('merging files whose ids are named like built-in object members', () => {
  it('treats a question id "constructor" as unanswered in a file that lacks it, instead of crashing', async () => {
    const withIt = await signedDocument({ definition: prototypeNamed, signer: health, answers: { constructor: 'hello', hasOwnProperty: 'x' } });
    const without = await signedDocument({ definition: prototypeNamed, signer: education, answers: { q1: 'only q1' } });
    const result = mergeSubmissions(await intakeOf([withIt, without]), { definitions: [prototypeNamed] });
    const answers = result.respondents[0]?.answers ?? [];
    expect(answers.map((a) => [a.questionId, a.status, a.value])).toEqual([
      ['constructor', 'single', 'hello'],
      ['hasOwnProperty', 'single', 'x'],
      ['q1', 'single', 'only q1'],
    ]);
    expect(result.openConflicts).toBe(0);
    const tables = consolidatedTables(result, [prototypeNamed]);
    const longValues = tables.long.rows.map((row) => row[tables.long.columns.indexOf('value')]);
    expect(longValues).toEqual(['hello', 'x', 'only q1']);
  });

  it('lists group cells of a sub-question "toString" in the long table without crashing', async () => {
    const rows: GroupRow[] = [
      { rowId: 'r1', answers: { name: 'Ministry of Health' } },
      { rowId: 'r2', answers: { toString: 'odd but answered' } },
    ];
    const document = await signedDocument({ definition: prototypeNamed, signer: health, answers: { list: rows } });
    const result = mergeSubmissions(await intakeOf([document]), { definitions: [prototypeNamed] });
    const tables = consolidatedTables(result, [prototypeNamed]);
    const column = (name: string) => tables.long.columns.indexOf(name);
    expect(tables.long.rows.map((row) => [row[column('row')], row[column('sub_question')], row[column('value')]])).toEqual([
      [1, 'name', 'Ministry of Health'],
      [2, 'toString', 'odd but answered'],
    ]);
  });
});

describe('values and evidence that must not vanish', () => {
  it('lists group rows given for a question that is not a group in the long table', async () => {
    const plain = loadQuestionnaireDefinition(definition([section('S', [text('A.1')])], { id: 'plain' }), 'test');
    // The answer is signed as rows although A.1 is a text question (an edited or foreign file).
    const asGroup = loadQuestionnaireDefinition(definition([section('S', [group('A.1', [text('name')])])], { id: 'plain' }), 'test');
    const document = await signedDocument({ definition: asGroup, signer: health, answers: { 'A.1': [{ rowId: 'r1', answers: { name: 'HIDDEN-VALUE' } }] } });
    const result = mergeSubmissions(await intakeOf([document]), { definitions: [plain] });
    const tables = consolidatedTables(result, [plain]);
    const values = tables.long.rows.map((row) => row[tables.long.columns.indexOf('value')]);
    expect(values).toContain('HIDDEN-VALUE');
  });

  it('keeps the evidence of a contribution that gave no answer when the coordinator chooses another value', async () => {
    const a = await signedDocument({ signer: health, answers: { 'A.3': 'yes' }, evidence: { 'A.3': [evidenceItem('https://a.example/proof')] }, signedAt: '2024-05-01T10:00:00.000Z' });
    const b = await signedDocument({ signer: education, answers: { 'A.3': 'no' }, evidence: { 'A.3': [evidenceItem('https://b.example/proof')] }, signedAt: '2024-05-02T10:00:00.000Z' });
    const ict = await mergeSigner('Grace Wanjiru', 'ICT Authority');
    const c = await signedDocument({ signer: ict, evidence: { 'A.3': [evidenceItem('https://c.example/only-evidence')] }, signedAt: '2024-05-03T10:00:00.000Z' });
    const files = await intakeOf([a, b, c]);
    const open = mergeSubmissions(files);
    const conflict = open.respondents[0]?.answers.find((x) => x.questionId === 'A.3');
    const yes = conflict?.candidates.find((candidate) => candidate.value === 'yes');
    expect(conflict?.status).toBe('conflict');
    const resolved = mergeSubmissions(files, {
      decisions: [
        {
          respondent: open.respondents[0]?.key ?? '',
          question: 'A.3',
          fingerprint: conflict?.fingerprint ?? '',
          resolution: { choice: { kind: 'choose', key: yes?.key ?? '' }, reason: 'The portal shows it', decidedAt: '2024-06-01T00:00:00.000Z' },
        },
      ],
    });
    const answer = resolved.respondents[0]?.answers.find((x) => x.questionId === 'A.3');
    expect(answer?.status).toBe('resolved');
    expect(answer?.value).toBe('yes');
    expect(answer?.evidence.map((e) => e.url)).toEqual(['https://a.example/proof', 'https://c.example/only-evidence']);
  });
});

describe('decisions files that name inherited members', () => {
  it('answers "format": "toString" with a sentence, not a function', () => {
    for (const format of ['toString', '__proto__', 'constructor']) {
      const parsed = parseDecisionsFile(new TextEncoder().encode(JSON.stringify({ format, formatVersion: 1, files: [], conflicts: [] })), new Date());
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) {
        expect(typeof parsed.reason).toBe('string');
        expect(parsed.reason).not.toMatch(/native code|\[object Object\]/);
      }
    }
  });
});
