import { describe, expect, it } from 'vitest';
import { evidenceKey } from '../../../shared/engine/validation/validator';
import { MAX_LINKS_PER_CHECK } from '../../../shared/ipc/contract';
import { loadQuestionnaireDefinition } from '../../../shared/questionnaire/load';
import type { EvidenceItem } from '../../../shared/schemas/evidence';
import { AnswerStore } from '../../../renderer/src/features/answering/answer-store';
import { EvidenceStore } from '../../../renderer/src/features/answering/evidence-store';
import { emptyDraft, itemFromDraft, todayIso } from '../../../renderer/src/features/answering/evidence/evidence-edit';
import { runLinkCheck, urlsToCheck } from '../../../renderer/src/features/validation/link-check';
import { ValidationStore } from '../../../renderer/src/features/validation/validation-store';
import type { LinkCheckOutcome } from '../../../renderer/src/platform/types';
import { definition, integer, section, text, when, yesNo } from '../../helpers/builders';

const item = (id: string, url: string, extra: Partial<EvidenceItem> = {}): EvidenceItem => ({ id, url, title: id, accessed: '2024-01-01', ...extra });

describe('evidence form drafts', () => {
  const newId = () => 'new-id';

  it('stores the normalised URL, trims text, and leaves out an empty note', () => {
    const result = itemFromDraft({ url: '  WWW.Gov.Example/Strategy ', title: '  Strategy ', note: '  ', accessed: '2024-02-03' }, undefined, newId);
    expect(result).toEqual({ ok: true, item: { id: 'new-id', url: 'https://www.gov.example/Strategy', title: 'Strategy', accessed: '2024-02-03' } });
  });

  it('refuses a javascript: URL with its reason, and a missing title', () => {
    expect(itemFromDraft({ ...emptyDraft(), url: 'javascript:alert(1)', title: 'x' }, undefined, newId)).toEqual({
      ok: false,
      field: 'url',
      refusal: { reason: 'scheme', scheme: 'javascript' },
    });
    expect(itemFromDraft({ ...emptyDraft(), url: 'https://gov.example/', title: ' ' }, undefined, newId)).toEqual({ ok: false, field: 'title' });
  });

  it('keeps the id, and keeps the link check only while the URL stays the same', () => {
    const previous = item('keep', 'https://gov.example/a', { check: { status: 'ok', checkedAt: 1 } });
    const same = itemFromDraft({ url: 'https://gov.example/a', title: 'A', note: '', accessed: '2024-01-01' }, previous, newId);
    expect(same.ok && same.item).toMatchObject({ id: 'keep', check: { status: 'ok' } });
    const moved = itemFromDraft({ url: 'https://gov.example/b', title: 'A', note: '', accessed: '2024-01-01' }, previous, newId);
    expect(moved.ok && moved.item.check).toBeUndefined();
  });

  it('dates "accessed" today, where the person is', () => {
    expect(todayIso(new Date(2024, 0, 9, 23, 30))).toBe('2024-01-09');
    expect(emptyDraft().accessed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('link check runs', () => {
  it('checks shown questions only, each URL once, never refused or local addresses', () => {
    const evidence = new Map([
      ['a', [item('1', 'https://gov.example/a'), item('2', 'javascript:alert(1)'), item('3', 'http://intranet/x')]],
      ['b', [item('4', 'https://gov.example/a'), item('5', 'https://gov.example/b')]],
      ['hidden', [item('6', 'https://gov.example/hidden')]],
    ]);
    const visibility = { sections: new Set(['S']), questions: new Set(['a', 'b']) };
    expect(urlsToCheck(evidence, visibility)).toEqual(['https://gov.example/a', 'https://gov.example/b']);
  });

  it('sends batches no larger than the contract allows and reports progress after each', async () => {
    const urls = Array.from({ length: MAX_LINKS_PER_CHECK * 2 + 3 }, (_, i) => `https://gov.example/${String(i)}`);
    const batches: number[] = [];
    const progress: string[] = [];
    const run = await runLinkCheck(
      urls,
      (batch) => {
        batches.push(batch.length);
        return Promise.resolve<LinkCheckOutcome>({ kind: 'checked', results: batch.map((url) => ({ url, status: 'ok', checkedAt: 5 })) });
      },
      (done, total) => progress.push(`${String(done)}/${String(total)}`),
    );
    expect(batches).toEqual([MAX_LINKS_PER_CHECK, MAX_LINKS_PER_CHECK, 3]);
    expect(progress).toEqual(['0/35', '16/35', '32/35', '35/35']);
    expect(run.kind === 'checked' && run.results.get('https://gov.example/34')).toEqual({ status: 'ok', checkedAt: 5 });
  });

  it('stops and records nothing when a batch says offline or unavailable', async () => {
    const urls = Array.from({ length: 20 }, (_, i) => `https://gov.example/${String(i)}`);
    let calls = 0;
    const run = await runLinkCheck(
      urls,
      (batch) => {
        calls += 1;
        return Promise.resolve<LinkCheckOutcome>(calls === 1 ? { kind: 'checked', results: batch.map((url) => ({ url, status: 'ok', checkedAt: 1 })) } : { kind: 'offline' });
      },
      () => undefined,
    );
    expect(run).toEqual({ kind: 'offline' });
  });
});

describe('validation store', () => {
  const def = loadQuestionnaireDefinition(
    definition([section('S', [yesNo('has', { evidence: 'requiredWhenYes' }), integer('n', { max: 5 }).showIf(when('has', 'yes')), text('other')])]),
    'store.json',
  );

  it('notifies a question only when its own findings change, and keeps snapshots stable otherwise', () => {
    const answers = new AnswerStore(new Map());
    const evidence = new EvidenceStore(new Map());
    const validation = new ValidationStore(def, () => answers.snapshot(), () => evidence.snapshot());
    const calls = { has: 0, n: 0, other: 0, all: 0 };
    for (const id of ['has', 'n', 'other'] as const) validation.subscribe(id, () => { calls[id] += 1; });
    validation.subscribeAll(() => { calls.all += 1; });
    const otherBefore = validation.findingsAt('other');

    answers.set('has', 'yes');
    validation.changed(['has']);
    expect(validation.findingsAt('has').map((f) => f.problem.code)).toEqual(['evidenceRequired']);
    expect(validation.visibility().questions.has('n')).toBe(true);

    answers.set('n', 9);
    expect([...validation.changed(['n'])]).toEqual(['n']);
    answers.set('other', 'fine');
    validation.changed(['other']);
    expect(calls).toEqual({ has: 1, n: 1, other: 0, all: 2 });
    expect(validation.findingsAt('other')).toBe(otherBefore);

    evidence.set('has', [item('1', 'https://gov.example/law')]);
    validation.changed([evidenceKey('has')]);
    expect(validation.findingsAt('has')).toEqual([]);
    expect(validation.all().map((f) => `${f.questionId}:${f.problem.code}`)).toEqual(['n:aboveMax']);
  });
});
