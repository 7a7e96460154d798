// eslint-disable-next-line @typescript-eslint/ban-ts-comment -- see the reason on the next line
// @ts-nocheck -- a browser page (DOM, JSON and CSS imports) in the Node-typed build project; linted, not typechecked.
/* global document, window */
// The LOSI 2024 self-assessment rendered with SurveyJS, for `npm run bench:ui` (build/scripts/bench-ui.mjs).
// The questions come from questionnaires/losi-2024/questionnaire.json, converted here: per indicator a
// yes/no radio group, a URL visible and required when "yes", and a comment. `?layout=pages&page=CP`
// shows one section per page (starting at that section); the default is every question on one page.
// `?answered=1` opens it with every indicator answered "yes" with an evidence link and a comment
// (survey.data set before the first render), as a saved response would be reopened. `?repeat=K`
// repeats the sections K times for the large-form figures.
// Every keystroke updates the answers (textUpdateMode: onTyping), as an autosaving form needs. Web
// addresses are `inputType: 'text'`, not 'url': SurveyJS 3 applies onTyping only to text, number,
// password and date inputs (QuestionTextModel.isTextValue), so a 'url' input would update its answer
// only on blur or Enter.
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { Model } from 'survey-core';
import { Survey } from 'survey-react-ui';
import 'survey-core/survey-core.css';
import questionnaire from '../../../questionnaires/losi-2024/questionnaire.json';

const params = new URLSearchParams(window.location.search);
const byPage = params.get('layout') === 'pages';

/** @param {{ question: string, value: string }} relevant */
const visibleIf = (relevant) => `{${relevant.question}} = '${relevant.value}'`;

/** @param {Record<string, any>} q */
function convert(q) {
  const base = { name: q.id, title: q.label, description: q.help };
  const extra = q.relevant ? { visibleIf: visibleIf(q.relevant) } : {};
  switch (q.type) {
    case 'yesNo':
      return [
        { ...base, ...extra, type: 'radiogroup', choices: [{ value: 'yes', text: 'Yes' }, { value: 'no', text: 'No' }], colCount: 0 },
        { type: 'text', inputType: 'text', autocomplete: 'url', name: `${q.id}__url`, title: 'Evidence: web address', visibleIf: `{${q.id}} = 'yes'`, isRequired: true, textUpdateMode: 'onTyping' },
        { type: 'comment', name: `${q.id}__comment`, title: 'Comment' },
      ];
    case 'url':
      return [{ ...base, ...extra, type: 'text', inputType: 'text', autocomplete: 'url', isRequired: Boolean(q.required) }];
    case 'date':
      return [{ ...base, ...extra, type: 'text', inputType: 'date' }];
    case 'year':
      return [{ ...base, ...extra, type: 'text', inputType: 'number', min: q.min, max: q.max }];
    default:
      return [{ ...base, ...extra, type: 'text', maxLength: q.maxLength }];
  }
}

// `?repeat=K`: LOSI's sections K times, ids suffixed `.r1` … `.rK` (and conditions with them), as
// bench-ui.mjs generates the large definition for EGov Desk.
const repeat = Math.max(0, Number(params.get('repeat') ?? '0') || 0);
/** @param {Record<string, any>} q @param {string} suffix */
const renamed = (q, suffix) => ({ ...q, id: `${q.id}${suffix}`, ...(q.relevant ? { relevant: { ...q.relevant, question: `${q.relevant.question}${suffix}` } } : {}) });
const copies = repeat > 0 ? Array.from({ length: repeat }, (_, i) => `.r${String(i + 1)}`) : [''];
const sections = copies.flatMap((suffix) =>
  questionnaire.sections.map((s) => ({ name: `${s.id}${suffix}`, title: suffix ? `${s.title} (${suffix.slice(2)})` : s.title, elements: s.questions.map((q) => renamed(q, suffix)).flatMap(convert) })),
);
const json = byPage
  ? { textUpdateMode: 'onTyping', pages: sections }
  : { textUpdateMode: 'onTyping', pages: [{ name: 'all', elements: sections.map((s) => ({ type: 'panel', name: s.name, title: s.title, elements: s.elements })) }] };

const survey = new Model(json);
const start = params.get('page');
if (byPage && start) survey.currentPage = survey.getPageByName(start);
if (params.get('answered') === '1') {
  const indicators = questionnaire.sections.flatMap((s) => s.questions).filter((q) => q.type === 'yesNo');
  survey.data = Object.fromEntries(
    indicators.flatMap((q) => [
      [q.id, 'yes'],
      [`${q.id}__url`, `https://www.tallinn.example/${q.id}`],
      [`${q.id}__comment`, `Page for ${q.id}`],
    ]),
  );
}
/** The answers, as an autosave would see them after every keystroke. */
let changes = 0;
survey.onValueChanged.add(() => { changes += 1; });
Object.assign(window, { survey, surveyChanges: () => changes });

const root = document.getElementById('root');
if (root) createRoot(root).render(createElement(Survey, { model: survey }));
