import { describe, expect, it } from 'vitest';
import type { AnswerValue, GroupRow, ScalarAnswer } from '../../../shared/schemas/answers';
import type { QuestionnaireDefinition, ScalarQuestion } from '../../../shared/schemas/questionnaire';
import { renderSubmissionWorkbook, verifySubmissionWorkbook } from '../../../shared/workbook';
import { loadBundledDefinition } from '../../helpers/bundled-definition';
import { signedSubmission } from '../../helpers/signed-submission';
import { loadWorkbook } from './xlsx-kit';

function sample(question: ScalarQuestion): ScalarAnswer {
  switch (question.type) {
    case 'yesNo':
      return 'yes';
    case 'yesNoNa':
      return 'na';
    case 'singleChoice':
      return question.options[0]?.value ?? '';
    case 'multipleChoice':
      return question.options.slice(0, 2).map((o) => o.value);
    case 'integer':
    case 'decimal':
      return 3;
    case 'year':
      return 2020;
    case 'date':
      return '2024-01-31';
    case 'url':
      return 'https://www.example.org/';
    case 'email':
      return 'focal.point@example.org';
    case 'shortText':
    case 'longText':
      return '=SUM(1,2) is not a formula here';
  }
}

/** A few answers in every section: the first three questions that are always shown. */
function fewAnswers(definition: QuestionnaireDefinition): Record<string, AnswerValue> {
  const answers: Record<string, AnswerValue> = {};
  for (const section of definition.sections) {
    for (const question of section.questions.filter((q) => q.relevant === undefined).slice(0, 3)) {
      if (question.type === 'group') {
        const row: GroupRow = { rowId: 'r1', answers: Object.fromEntries(question.questions.map((sub) => [sub.id, sample(sub)])) };
        answers[question.id] = [row];
      } else {
        answers[question.id] = sample(question);
      }
    }
  }
  return answers;
}

describe.each(['msq-2024', 'lgq-2024', 'osi-2024', 'losi-2024'])('the %s workbook', (id) => {
  it('renders a sheet per section from a few answers, and verifies', async () => {
    const definition = loadBundledDefinition(id);
    const { document } = await signedSubmission({ definition, answers: fewAnswers(definition), evidence: {}, acknowledged: [] });
    expect(Object.keys(document.answers).length).toBeGreaterThan(definition.sections.length);
    const bytes = await renderSubmissionWorkbook(document, definition);
    const workbook = await loadWorkbook(bytes);
    const visible = workbook.worksheets.filter((w) => w.state === 'visible').map((w) => w.name);
    // The cover, a Scores sheet for the scored self-assessments (OSI, LOSI), one sheet per section.
    const scored = definition.instrument === 'osi' || definition.instrument === 'losi';
    expect(document.scores !== undefined).toBe(scored);
    expect(visible).toEqual(['Cover', ...(scored ? ['Scores'] : []), ...visible.slice(scored ? 2 : 1)]);
    expect(visible).toHaveLength(definition.sections.length + (scored ? 2 : 1));
    for (const name of visible) expect(name.length).toBeLessThanOrEqual(31);
    expect(await verifySubmissionWorkbook(bytes, [], definition)).toMatchObject({ status: 'valid' });
  });
});
