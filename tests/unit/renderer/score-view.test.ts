import i18next from 'i18next';
import type { i18n, TFunction } from 'i18next';
import { createElement } from 'react';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseRoute, routeHref } from '../../../renderer/src/app/router';
import { en } from '../../../renderer/src/i18n/locales/en';
import { fr } from '../../../renderer/src/i18n/locales/fr';
import { BAND_LINES, CHART, chartGeometry } from '../../../renderer/src/features/score/chart-layout';
import { PlanItems } from '../../../renderer/src/features/score/PlanItems';
import { ScoreChart } from '../../../renderer/src/features/score/ScoreChart';
import { chartRows, groupPlan, planFileName } from '../../../renderer/src/features/score/score-model';
import { announcementText, formatIndex, formatReferenceShare, formatIndexPercent, indicativeLines, levelName, statusName } from '../../../renderer/src/features/score/score-text';
import { scoreState } from '../../../renderer/src/features/score/use-score';
import { loadQuestionnaireDefinition } from '../../../shared/questionnaire/load';
import type { QuestionnaireDefinition } from '../../../shared/schemas/questionnaire';
import { improvementPlan } from '../../../shared/scoring/plan';
import { scoreResponse } from '../../../shared/scoring/score';
import type { ScoreResult } from '../../../shared/scoring/model';
import { loadBundledDefinition } from '../../helpers/bundled-definition';
import { definition, section, yesNo } from '../../helpers/builders';
import { mixedByCriterion, withOutcomes } from '../../helpers/scoring-fixtures';
import type { AnswerSet } from '../../helpers/scoring-fixtures';

const losi = loadBundledDefinition('losi-2024');
const osi = loadBundledDefinition('osi-2024');

let instance: i18n;
let t: TFunction;
let tFr: TFunction;
beforeAll(async () => {
  instance = i18next.createInstance();
  await instance.init({ lng: 'en', resources: { en: { translation: en }, fr: { translation: fr } }, interpolation: { escapeValue: false } });
  t = instance.t;
  tFr = instance.getFixedT('fr');
});

function scored(def: QuestionnaireDefinition, set: AnswerSet): ScoreResult {
  const state = scoreState(def, set.answers, set.evidence);
  if (state.kind !== 'scored') throw new Error(`expected a score, got ${state.kind}`);
  return state.result;
}

function render(element: ReactElement): string {
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n: instance }, element));
}

/** The text of an element's body, tags removed (enough for these flat fragments). */
const plain = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

describe('the score routes', () => {
  it('round-trip the score and plan views and keep the others working', () => {
    for (const view of ['score', 'plan', 'check'] as const) {
      const route = { name: 'response' as const, responseId: 'r1', view };
      expect(routeHref(route)).toBe(`#/response/r1?view=${view}`);
      expect(parseRoute(routeHref(route))).toEqual(route);
    }
    expect(parseRoute('#/response/r1/IF?question=LOSI.281')).toEqual({ name: 'response', responseId: 'r1', sectionId: 'IF', questionId: 'LOSI.281' });
  });

  it('ignore a view they do not know rather than guessing one', () => {
    expect(parseRoute('#/response/r1?view=scores')).toEqual({ name: 'response', responseId: 'r1' });
  });
});

describe('the live score state', () => {
  it('scores the self-assessments and leaves the questionnaires unscored', () => {
    expect(scoreState(loadBundledDefinition('msq-2024'), new Map(), new Map())).toEqual({ kind: 'unscored' });
    const state = scoreState(losi, new Map(), new Map());
    expect(state.kind === 'scored' && [state.result.index, state.result.level, state.result.totals.unanswered]).toEqual([0, 'low', 95]);
  });

  it('reports a scored instrument the method cannot read, with the reason, instead of throwing', () => {
    const broken = loadQuestionnaireDefinition(
      definition([section('A', [yesNo('A.1', { indicators: ['LOSI #1'] })])], { instrument: 'losi' }),
      'inline',
    );
    const state = scoreState(broken, new Map(), new Map());
    expect(state.kind).toBe('failed');
    expect(state.kind === 'failed' && state.message).toMatch(/A\.1.*no criterion code/);
  });
});

describe('the words of the score', () => {
  it('names every level and status, in English and French', () => {
    expect((['veryHigh', 'high', 'middle', 'low'] as const).map((l) => levelName(t, l))).toEqual(['Very high', 'High', 'Middle', 'Low']);
    expect((['veryHigh', 'high', 'middle', 'low'] as const).map((l) => levelName(tFr, l))).toEqual(['Très élevé', 'Élevé', 'Moyen', 'Faible']);
    expect((['met', 'yesWithoutEvidence', 'notMet', 'unanswered'] as const).map((s) => statusName(t, s))).toEqual([
      'Met', 'Yes, without evidence', 'Not met', 'Not answered',
    ]);
  });

  it('writes the index as a percentage and on the 0–1 scale, in the person’s language', () => {
    expect(formatIndexPercent(23 / 95, 'en')).toBe('24.2%');
    expect(formatIndex(23 / 95, 'en')).toBe('0.24');
    expect(formatIndex(23 / 95, 'fr')).toBe('0,24');
    expect(formatIndexPercent(0, 'en')).toBe('0.0%');
  });

  it('announces a new level, or on the score view the index, always with both figures', () => {
    const result = scored(losi, mixedByCriterion(losi, { IF: 6, CP: 20 }));
    expect(announcementText(t, 'index', result, 'en')).toBe('Score now 27.4%, level Middle.');
    expect(announcementText(t, 'level', result, 'en')).toBe('New level: Middle (score 27.4%).');
    expect(announcementText(tFr, 'level', result, 'fr')).toMatch(/^Nouveau niveau : Moyen \(note 27,4\s%\)\.$/);
  });

  it('says what is reconstructed in the LOSI method, the 2022 comparison and the evidence rule', () => {
    const lines = indicativeLines(t, scored(losi, mixedByCriterion(losi, {})).method);
    expect(lines[0]).toMatch(/^Indicative self-assessment/);
    expect(lines.join(' ')).toContain('share of all indicators met, each weighing the same; this formula is reconstructed from public documentation, not official');
    expect(lines.join(' ')).toContain('Comparisons with 2022');
    expect(lines.at(-1)).toMatch(/counts as met only when its evidence link is recorded/);
  });

  it('says for the OSI that the weights are reconstructed and that there is no rescaling across countries', () => {
    const lines = indicativeLines(t, scored(osi, withOutcomes(osi, {}, 'unanswered')).method).join(' ');
    expect(lines).toContain('the weights are reconstructed from public documentation, not official');
    expect(lines).toContain('rescales each country’s score against all countries');
    expect(lines).not.toContain('Comparisons with');
  });
});

describe('the chart geometry', () => {
  it('draws each bar in proportion to its share, inside the plot, with the band lines at 25, 50 and 75 %', () => {
    const geometry = chartGeometry([
      { criterion: 'A', name: 'A', met: 1, total: 4, share: 0.25 },
      { criterion: 'B', name: 'B', met: 4, total: 4, share: 1 },
      { criterion: 'C', name: 'C', met: 0, total: 0, share: Number.NaN },
      { criterion: 'D', name: 'D', met: 9, total: 4, share: 2.25 },
    ]);
    expect(geometry.bars.map((b) => b.width)).toEqual([CHART.plotWidth / 4, CHART.plotWidth, 0, CHART.plotWidth]);
    expect(geometry.bands.map((b) => b.x)).toEqual(BAND_LINES.map((s) => CHART.labelWidth + s * CHART.plotWidth));
    expect(geometry.height).toBe(CHART.top + 4 * CHART.rowHeight + CHART.bottom);
    expect(new Set(geometry.bars.map((b) => b.y)).size).toBe(4);
  });
});

describe('the chart and its text alternative', () => {
  const result = scoreResponse(losi, mixedByCriterion(losi, { IF: 3, PE: 5 }).answers, mixedByCriterion(losi, { IF: 3, PE: 5 }).evidence);
  if (!result) throw new Error('no LOSI score');
  const rows = chartRows(losi, result, 'en');

  it('has one row per criterion in section order, named by the section', () => {
    expect(rows.map((r) => [r.criterion, r.name, r.met, r.total])).toEqual([
      ['IF', 'Institutional Framework', 3, 6],
      ['CP', 'Content Provision', 0, 30],
      ['SP', 'Services Provision', 0, 22],
      ['PE', 'Participation and Engagement', 5, 15],
      ['EGL', 'E-Government Literacy', 0, 10],
      ['TEC', 'Technology', 0, 12],
    ]);
    expect(rows.every((r) => r.weight === undefined)).toBe(true);
  });

  it('is an image named by a summary of every bar, described by a table with the same figures', () => {
    const html = render(createElement(ScoreChart, { rows, language: 'en' }));
    const svg = /<svg[^>]*>/.exec(html)?.[0] ?? '';
    expect(svg).toContain('role="img"');
    const titleId = /aria-labelledby="([^"]+)"/.exec(svg)?.[1];
    const tableId = /aria-describedby="([^"]+)"/.exec(svg)?.[1];
    const title = new RegExp(`<title id="${titleId ?? 'none'}">([^<]*)</title>`).exec(html)?.[1];
    expect(title).toBe(
      'Bar chart of the share of indicators met by criterion: Institutional Framework 50%; Content Provision 0%; Services Provision 0%; Participation and Engagement 33%; E-Government Literacy 0%; Technology 0%.',
    );
    const table = new RegExp(`<table[^>]*id="${tableId ?? 'none'}"[^>]*>([\\s\\S]*)</table>`).exec(html)?.[1] ?? '';
    expect(plain(table)).toContain('Indicators met by criterion Criterion Met Indicators Share met');
    expect(plain(table)).toContain('Institutional Framework 3 6 50%');
    expect(plain(table)).toContain('Participation and Engagement 5 15 33%');
    expect(table).not.toContain('Weight in the index');
    // A figure with its caption, and every bar's value written on it (not by colour alone).
    expect(html).toMatch(/^<figure class="score-chart" aria-labelledby="[^"]+"><figcaption/);
    expect(html.match(/class="chart-bar"/g)).toHaveLength(6);
    expect(html.match(/<text class="chart-value"[^>]*>50%<\/text>/g)).toHaveLength(1);
    for (const band of ['25%', '50%', '75%']) expect(html).toContain(`>${band}</text>`);
  });

  it('shows the OSI weights as parts of the index, and EGL outside it', () => {
    const osiResult = scored(osi, withOutcomes(osi, {}, 'unanswered'));
    const osiRows = chartRows(osi, osiResult, 'en');
    expect(Object.fromEntries(osiRows.map((r) => [r.criterion, r.weight === undefined ? undefined : Math.round(r.weight * 100)]))).toEqual({
      IF: 10, CP: 5, SP: 45, EPI: 35, TEC: 5, EGL: undefined,
    });
    const html = plain(render(createElement(ScoreChart, { rows: osiRows, language: 'en' })));
    expect(html).toContain('Weight in the index');
    expect(html).toMatch(/E-Government Literacy \d+ \d+ 0% Not in the index/);
  });
});

describe('the unmet indicators by criterion', () => {
  const set = withOutcomes(losi, { 'LOSI.281': 'met', 'LOSI.215': 'yesWithoutEvidence', 'LOSI.250': 'unanswered' }, 'met');
  const result = scored(losi, set);
  const plan = improvementPlan(losi, result, 'en');
  const groups = groupPlan(losi, result, plan, 'en');

  it('groups them in criterion order, leaving out criteria with nothing to do', () => {
    expect(groups.map((g) => [g.criterion, g.name, g.items.map((i) => i.questionId)])).toEqual([
      ['IF', 'Institutional Framework', ['LOSI.215']],
      ['PE', 'Participation and Engagement', ['LOSI.250']],
    ]);
  });

  it('links each to its question, explains a yes without evidence and gives the 2022 share', () => {
    const html = render(createElement(PlanItems, { responseId: 'r 1', groups, language: 'en', referenceYear: 2022, headingLevel: 3, withWhy: false }));
    expect(html).toContain(`href="${routeHref({ name: 'response', responseId: 'r 1', sectionId: 'IF', questionId: 'LOSI.215' })}"`);
    expect(html).toContain('href="#/response/r%201/PE?question=LOSI.250"');
    const text = plain(html);
    expect(text).toContain('Institutional Framework (IF): 1 indicator to improve');
    expect(text).toContain('Yes, without evidence — answered yes, but it has no evidence link, so it does not count as met.');
    expect(text).toContain('Not answered');
    expect(text).toContain('In 2022, 37% of the assessed cities met this indicator.');
    expect(formatReferenceShare(0.377, 'en')).toBe('37.7%');
    expect(formatReferenceShare(0.377, 'fr')).toMatch(/^37,7\s%$/);
    expect(text).toContain('What counts');
    expect(text).toContain('How to satisfy it');
    expect(text).not.toContain('Why it matters');
    expect(html.match(/<h3 /g)).toHaveLength(2);
  });

  it('adds why it matters on the printed plan, under h2 headings', () => {
    const html = render(createElement(PlanItems, { responseId: 'r1', groups, language: 'en', referenceYear: 2022, headingLevel: 2, withWhy: true }));
    expect(plain(html)).toContain('Why it matters');
    expect(html.match(/<h2 /g)).toHaveLength(2);
  });

  it('names the export file after the place, the questionnaire and the day', () => {
    expect(planFileName('Saint-Étienne / Loire', 'losi-2024', new Date('2024-05-02T10:00:00Z'))).toBe('improvement-plan-Saint-Etienne-Loire-losi-2024-2024-05-02.xlsx');
    expect(planFileName('///', 'osi-2024', new Date('2024-05-02T10:00:00Z'))).toBe('improvement-plan-response-osi-2024-2024-05-02.xlsx');
  });
});
