import { describe, expect, it } from 'vitest';
import { validateResponse } from '../../../shared/engine/validation/validator';
import type { AnswerValue } from '../../../shared/schemas/answers';
import type { Question } from '../../../shared/schemas/questionnaire';
import { loadBundledDefinition } from '../../helpers/bundled-definition';

/** Follow-ups shown when a yes/no question is answered yes. */
function followUpsOfYes(questions: readonly Question[]): { parent: Question; followUp: Question }[] {
  const byId = new Map(questions.map((q) => [q.id, q]));
  return questions.flatMap((followUp) => {
    const r = followUp.relevant;
    if (!r || !('question' in r) || r.op !== 'equals' || !('value' in r) || r.value !== 'yes') return [];
    const parent = byId.get(r.question);
    return parent && (parent.type === 'yesNo' || parent.type === 'yesNoNa') ? [{ parent, followUp }] : [];
  });
}

describe.each(['msq-2024', 'lgq-2024'])('%s cross-question rules', (id) => {
  const definition = loadBundledDefinition(id);
  const questions = definition.sections.flatMap((s) => s.questions);
  const pairs = followUpsOfYes(questions);
  const ruleIds = new Set(definition.rules.map((r) => r.id));

  it('bounds every "year adopted" follow-up by the survey year', () => {
    const years = pairs.filter((p) => p.followUp.type === 'year');
    expect(years.length).toBeGreaterThan(5);
    for (const { followUp } of years) expect(ruleIds, followUp.id).toContain(`${followUp.id}.not-after-survey`);
  });

  it('asks for the link whenever the answer is yes and the link is optional', () => {
    const links = pairs.filter((p) => p.followUp.type === 'url' && !p.followUp.required);
    expect(links.length).toBeGreaterThan(5);
    for (const { followUp } of links) expect(ruleIds, followUp.id).toContain(`${followUp.id}.link-when-yes`);
  });

  it('reports a year after 2024 and a missing link once the answer is yes, and nothing once they are right', () => {
    const { parent, followUp: year } = pairs.find((p) => p.followUp.type === 'year') ?? {};
    if (!parent || !year) throw new Error('no year follow-up');
    const link = pairs.find((p) => p.parent.id === parent.id && p.followUp.type === 'url')?.followUp;
    const answers = new Map<string, AnswerValue>([[parent.id, 'yes'], [year.id, 2031]]);
    const ruleFindings = () => validateResponse(definition, answers).findings.filter((f) => f.problem.code === 'rule').map((f) => f.questionId);
    expect(ruleFindings()).toContain(year.id);
    if (link) expect(ruleFindings()).toContain(link.id);
    answers.set(year.id, 2019);
    if (link) answers.set(link.id, 'https://www.gov.example/law');
    expect(ruleFindings()).toEqual([]);
  });
});
