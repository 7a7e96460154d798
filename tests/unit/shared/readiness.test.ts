import { describe, expect, it } from 'vitest';
import { assessReadiness } from '../../../shared/engine/validation/readiness';
import { validateResponse } from '../../../shared/engine/validation/validator';
import { loadQuestionnaireDefinition } from '../../../shared/questionnaire/load';
import type { AnswerValue } from '../../../shared/schemas/answers';
import type { EvidenceItem } from '../../../shared/schemas/evidence';
import { definition, integer, section, text, when, yesNo } from '../../helpers/builders';

const def = loadQuestionnaireDefinition(
  definition([
    section('A', [yesNo('law', { required: true, evidence: 'requiredWhenYes' }), integer('staff', { max: 100 })]),
    section('B', [text('notes', { evidence: 'optional' })]),
    section('C', [text('hidden', { required: true })], { relevant: when('law', 'no') }),
  ]),
  'readiness.json',
);

function assess(answers: Record<string, AnswerValue>, evidence: Record<string, EvidenceItem[]> = {}, acknowledged: string[] = []) {
  const a = new Map(Object.entries(answers));
  const e = new Map(Object.entries(evidence));
  const { visibility, findings } = validateResponse(def, a, e);
  return assessReadiness(def, a, e, visibility, findings, new Set(acknowledged));
}

const link = (url: string, extra: Partial<EvidenceItem> = {}): EvidenceItem => ({ id: url, url, title: 'Law', accessed: '2024-01-01', ...extra });

describe('ready to submit', () => {
  it('is not ready when nothing is answered', () => {
    const readiness = assess({});
    expect(readiness.status).toBe('notReady');
    expect(readiness.reasons).toEqual([{ code: 'nothingAnswered' }, { code: 'missing', count: 1 }]);
  });

  it('summarises each shown section: answered, missing, errors, warnings, evidence', () => {
    const readiness = assess({ law: 'yes', staff: 500, notes: 'x' }, { notes: [link('https://gov.example/a'), link('https://gov.example/a/')] });
    expect(readiness.sections).toEqual([
      { sectionId: 'A', answered: 2, total: 2, missing: 0, errors: 2, warnings: 0, evidence: 0 },
      { sectionId: 'B', answered: 1, total: 1, missing: 0, errors: 0, warnings: 1, evidence: 2 },
    ]);
    expect(readiness.status).toBe('notReady');
    expect(readiness.reasons).toEqual([{ code: 'errors', count: 2 }, { code: 'warningsToAcknowledge', count: 1 }]);
  });

  it('counts a shown section whose required question is blank as missing', () => {
    const readiness = assess({ law: 'no' });
    expect(readiness.sections.find((s) => s.sectionId === 'C')).toMatchObject({ missing: 1, errors: 0 });
    expect(readiness.reasons).toEqual([{ code: 'missing', count: 1 }]);
  });

  it('needs warnings acknowledged, then is ready', () => {
    const evidence = { law: [link('https://gov.example/law', { check: { status: 'redirected', finalUrl: 'https://gov.example/law2', checkedAt: 1 } })] };
    const first = assess({ law: 'yes' }, evidence);
    expect(first.status).toBe('needsAcknowledgement');
    expect(first.unacknowledged).toHaveLength(1);
    const second = assess({ law: 'yes' }, evidence, first.unacknowledged.map((f) => f.key));
    expect(second.status).toBe('ready');
    expect(second.reasons).toEqual([]);
    expect(second.totals).toEqual({ answered: 1, total: 3, missing: 0, errors: 0, warnings: 1, evidence: 1 });
  });
});
