import i18next from 'i18next';
import type { i18n } from 'i18next';
import { createElement } from 'react';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { routeHref } from '../../../renderer/src/app/router';
import { en } from '../../../renderer/src/i18n/locales/en';
import { fr } from '../../../renderer/src/i18n/locales/fr';
import { ReferenceComparison } from '../../../renderer/src/features/score/ReferenceComparison';
import { ScoreView } from '../../../renderer/src/features/score/ScoreView';
import { comparisonRows, indicatorKey } from '../../../renderer/src/features/score/score-model';
import { scoreState } from '../../../renderer/src/features/score/use-score';
import type { ScoreState } from '../../../renderer/src/features/score/use-score';
import { loadQuestionnaireDefinition } from '../../../shared/questionnaire/load';
import type { QuestionnaireDefinition } from '../../../shared/schemas/questionnaire';
import { LOSI_2024_METHOD } from '../../../shared/scoring/methods';
import type { ScoreResult } from '../../../shared/scoring/model';
import { improvementPlan } from '../../../shared/scoring/plan';
import { loadBundledDefinition } from '../../helpers/bundled-definition';
import { definition, section, yesNo } from '../../helpers/builders';
import { withOutcomes } from '../../helpers/scoring-fixtures';
import type { AnswerSet } from '../../helpers/scoring-fixtures';

const losi = loadBundledDefinition('losi-2024');
const osi = loadBundledDefinition('osi-2024');

let instance: i18n;
beforeAll(async () => {
  instance = i18next.createInstance();
  await instance.init({ lng: 'en', resources: { en: { translation: en }, fr: { translation: fr } }, interpolation: { escapeValue: false } });
});

function stateOf(def: QuestionnaireDefinition, set: AnswerSet): ScoreState & { kind: 'scored' } {
  const state = scoreState(def, set.answers, set.evidence);
  if (state.kind !== 'scored') throw new Error(`expected a score, got ${state.kind}`);
  return state;
}

function scored(def: QuestionnaireDefinition, set: AnswerSet): ScoreResult {
  return stateOf(def, set).result;
}

function render(element: ReactElement): string {
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n: instance }, element));
}

const plain = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

/** The table row of one question, as text. */
function rowText(html: string, questionId: string): string {
  const row = new RegExp(`<tr[^>]*data-question-id="${questionId.replace(/\./g, '\\.')}"[^>]*>([\\s\\S]*?)</tr>`).exec(html)?.[1];
  return row === undefined ? '' : plain(row);
}

describe('the comparison with 2022', () => {
  // PE #236 met, #250 yes without a link, #279 answered no, EGL #237 not answered; the IF #236 met.
  const set = withOutcomes(
    losi,
    { 'LOSI.236-PE': 'met', 'LOSI.236-IF': 'met', 'LOSI.250': 'yesWithoutEvidence', 'LOSI.279': 'notMet', 'LOSI.237': 'unanswered' },
    'notMet',
  );
  const result = scored(losi, set);
  const rows = comparisonRows(losi, result, 'en');

  it('lists every indicator the reference gives a share for, met or not, in definition order', () => {
    const shares = LOSI_2024_METHOD.reference?.shares ?? {};
    expect(rows.map((r) => r.code).sort()).toEqual(Object.keys(shares).sort());
    expect(rows.every((r) => r.share === shares[r.code])).toBe(true);
    expect(rows.map((r) => r.criterion)).toEqual([...Array<string>(14).fill('PE'), ...Array<string>(3).fill('EGL')]);
    expect(rows.find((r) => r.questionId === 'LOSI.236-PE')).toEqual({
      code: 'LOSI #236',
      questionId: 'LOSI.236-PE',
      sectionId: 'PE',
      criterion: 'PE',
      label: expect.any(String) as string,
      status: 'met',
      share: 0.459,
    });
    // Met, so not in the unmet list (and its per-item line): the table is the only place it is compared.
    expect(improvementPlan(losi, result, 'en').some((item) => item.questionId === 'LOSI.236-PE')).toBe(false);
    expect(Object.fromEntries(rows.filter((r) => ['LOSI.250', 'LOSI.279', 'LOSI.237'].includes(r.questionId)).map((r) => [r.questionId, r.status]))).toEqual({
      'LOSI.250': 'yesWithoutEvidence',
      'LOSI.279': 'notMet',
      'LOSI.237': 'unanswered',
    });
  });

  it('gives the IF copy of #236 no share: the 2022 figure is of the participation indicator', () => {
    expect(result.indicators.some((i) => i.questionId === 'LOSI.236-IF' && i.code === 'LOSI #236')).toBe(true);
    expect(rows.some((r) => r.questionId === 'LOSI.236-IF')).toBe(false);
    expect(rows.filter((r) => r.code === 'LOSI #236')).toHaveLength(1);
  });

  it('has nothing for a method without a reference (the OSI)', () => {
    expect(comparisonRows(osi, scored(osi, withOutcomes(osi, {}, 'met')), 'en')).toEqual([]);
  });

  it('shows each answer next to the 2022 share, and links the indicator to its question', () => {
    const html = render(createElement(ReferenceComparison, { responseId: 'r 1', rows, year: 2022, language: 'en' }));
    const text = plain(html);
    expect(html).toMatch(/^<section class="score-comparison" aria-labelledby="([^"]+)"><h2 id="\1">Compared with 2022<\/h2>/);
    expect(text).toContain('Your answers and the share of cities meeting each indicator in 2022 Indicator Your answer Share of cities meeting it in 2022');
    expect(rowText(html, 'LOSI.236-PE')).toMatch(/^LOSI #236 .+ — open the question Met 45\.9%$/);
    expect(rowText(html, 'LOSI.250')).toMatch(/ Yes, without evidence 37%$/);
    expect(rowText(html, 'LOSI.279')).toMatch(/ Not met 19\.2%$/);
    expect(rowText(html, 'LOSI.237')).toMatch(/ Not answered 41\.1%$/);
    expect(html).toContain(`href="${routeHref({ name: 'response', responseId: 'r 1', sectionId: 'PE', questionId: 'LOSI.236-PE' })}"`);
    expect(html.match(/<th scope="row">/g)).toHaveLength(17);
  });

  it('is in French with French numbers', () => {
    const frRows = comparisonRows(losi, result, 'fr');
    const html = renderToStaticMarkup(
      createElement(I18nextProvider, { i18n: instance.cloneInstance({ lng: 'fr' }) }, createElement(ReferenceComparison, { responseId: 'r1', rows: frRows, year: 2022, language: 'fr' })),
    );
    expect(plain(html)).toContain('Comparaison avec 2022');
    expect(rowText(html, 'LOSI.236-PE')).toMatch(/ Satisfait 45,9\s%$/);
  });

  it('is on the LOSI score view, after the unmet list that keeps its per-item 2022 line', () => {
    const html = render(createElement(ScoreView, { responseId: 'r1', definition: losi, language: 'en', state: stateOf(losi, set) }));
    const text = plain(html);
    expect(text).toContain('Compared with 2022');
    expect(text.indexOf('Indicators not met')).toBeLessThan(text.indexOf('Compared with 2022'));
    expect(text).toContain('In 2022, 37% of the assessed cities met this indicator.');
    expect(rowText(html, 'LOSI.236-PE')).toMatch(/ Met 45\.9%$/);
  });

  it('is not on the OSI score view', () => {
    const html = render(createElement(ScoreView, { responseId: 'r1', definition: osi, language: 'en', state: stateOf(osi, withOutcomes(osi, {}, 'notMet')) }));
    expect(plain(html)).not.toContain('Compared with');
    expect(html).not.toContain('score-comparison');
  });
});

describe('a question carrying two indicator codes', () => {
  const twoCodes = loadQuestionnaireDefinition(
    definition(
      [
        section('PE', [yesNo('PE.1', { indicators: ['LOSI #279', 'LOSI #280'], evidence: 'requiredWhenYes' }), yesNo('PE.2', { indicators: ['LOSI #250'], evidence: 'requiredWhenYes' })], { code: 'PE' }),
      ],
      { instrument: 'losi' },
    ),
    'inline',
  );
  const result = scored(twoCodes, { answers: new Map([['PE.1', 'no']]), evidence: new Map() });

  it('is two rows and two plan items, each with its own key', () => {
    const rows = comparisonRows(twoCodes, result, 'en');
    expect(rows.map((r) => [r.questionId, r.code, r.share])).toEqual([
      ['PE.1', 'LOSI #279', 0.192],
      ['PE.1', 'LOSI #280', 0.534],
      ['PE.2', 'LOSI #250', 0.37],
    ]);
    const plan = improvementPlan(twoCodes, result, 'en');
    expect(plan.map((item) => item.questionId)).toEqual(['PE.1', 'PE.1', 'PE.2']);
    for (const keyed of [rows, plan]) expect(new Set(keyed.map(indicatorKey)).size).toBe(keyed.length);
  });
});
