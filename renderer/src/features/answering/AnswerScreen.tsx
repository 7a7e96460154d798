import { memo, useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { FocusEvent, MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { progressBySection, totalProgress } from '../../../../shared/engine/progress';
import { visibleLookup } from '../../../../shared/engine/relevance';
import { evidenceKey } from '../../../../shared/engine/validation/validator';
import type { AnswerValue } from '../../../../shared/schemas/answers';
import type { EvidenceItem } from '../../../../shared/schemas/evidence';
import type { QuestionnaireDefinition, Section } from '../../../../shared/schemas/questionnaire';
import { localize } from '../../../../shared/questionnaire/localize';
import { ProvenanceNotice } from '../definitions/ProvenanceNotice';
import { navigate, revisionRoute, routeHref, useRoute } from '../../app/router';
import type { ResponseLayout, ResponseView } from '../../app/router';
import { useScreenHeading } from '../../components/useFocusOnMount';
import { storage } from '../../db';
import type { ResponseRow } from '../../db';
import { formatDateTime, formatPercent } from '../../i18n/format';
import type { SubmissionDocument } from '../../../../shared/submission/document';
import { AnswerContext } from './answer-context';
import { GroupOuterLookups } from './group-outer';
import type { SectionGroupLookups } from './group-outer';
import type { AnswerContextValue } from './answer-context';
import type { AnswerStore } from './answer-store';
import type { EvidenceStore } from './evidence-store';
import { loadResponse, takePrefetchedResponse } from './response-load';
import type { LoadedResponse } from './response-load';
import { Autosave } from './autosave';
import { reportError } from '../../app/notices';
import { CheckView } from '../validation/CheckView';
import { ValidationStore } from '../validation/validation-store';
import { questionElementId } from './QuestionBlock';
import { notesByQuestion } from '../../../../shared/review';
import type { ReviewNote } from '../../../../shared/review';
import { useReceivedReviews } from '../../db';
import type { SaveState } from './autosave';
import { QuestionBlock } from './QuestionBlock';
import { SaveStatus } from './SaveStatus';
import { PlanView } from '../score/PlanView';
import { ScoreNavLink } from '../score/ScoreNavLink';
import { ScoreView } from '../score/ScoreView';
import { useScore } from '../score/use-score';

type Loaded = { readonly kind: 'loading' } | LoadedResponse;
const LOADING: Loaded = { kind: 'loading' };

interface AnswerScreenProps {
  readonly responseId: string;
  readonly sectionId?: string | undefined;
  readonly questionId?: string | undefined;
  readonly view?: ResponseView | undefined;
}

/** Loads a response, its answers and evidence, then hands them to the answer view. */
export function AnswerScreen({ responseId, sectionId, questionId, view }: AnswerScreenProps) {
  const { t } = useTranslation();
  // The layout is read from the address here, so every way into the screen keeps it.
  const route = useRoute();
  const layout = route.name === 'response' ? route.layout : undefined;

  // A response opened by the app's first address was read (or is being read) while the app
  // started (main.tsx); any other visit reads it now.
  const [prefetched] = useState(() => takePrefetchedResponse(responseId));
  const [loaded, setLoaded] = useState<Loaded>(prefetched?.kind === 'done' ? prefetched.result : LOADING);

  useEffect(() => {
    if (prefetched?.kind === 'done') return undefined;
    let cancelled = false;
    void (prefetched?.pending ?? loadResponse(responseId)).then((result) => {
      if (!cancelled) setLoaded(result);
    });
    return () => { cancelled = true; };
  }, [prefetched, responseId]);

  switch (loaded.kind) {
    case 'loading':
      return <p role="status">{t('common.loading')}</p>;
    case 'missing':
      return <Problem title={t('answer.missingTitle')} message={t('answer.missing')} />;
    case 'unknownQuestionnaire':
      return <Problem title={t('answer.missingTitle')} message={t('answer.unknownQuestionnaire', { id: loaded.row.questionnaireId, version: loaded.row.questionnaireVersion })} />;
    case 'failed':
      return <Problem title={t('answer.missingTitle')} message={t('answer.loadFailed', { reason: loaded.message })} />;
    case 'ready':
      return (
        <AnswerView
          row={loaded.row}
          definition={loaded.definition}
          store={loaded.store}
          evidence={loaded.evidence}
          contentHash={loaded.contentHash}
          sectionId={sectionId}
          questionId={questionId}
          view={view}
          layout={layout}
        />
      );
  }
}

function Problem({ title, message }: { readonly title: string; readonly message: string }) {
  const { t } = useTranslation();
  const heading = useScreenHeading<HTMLHeadingElement>(title);
  return (
    <div className="screen narrow">
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      <p role="alert">{message}</p>
      <p>
        <a href={routeHref({ name: 'home' })}>{t('common.backHome')}</a>
      </p>
    </div>
  );
}

const NO_NOTES: ReadonlyMap<string, ReviewNote> = new Map();

interface AnswerViewProps {
  readonly row: ResponseRow;
  readonly definition: QuestionnaireDefinition;
  readonly store: AnswerStore;
  readonly evidence: EvidenceStore;
  readonly contentHash: string;
  readonly sectionId: string | undefined;
  readonly questionId: string | undefined;
  readonly view: ResponseView | undefined;
  readonly layout: ResponseLayout | undefined;
}

/** Id of a section's heading on the one-page layout, where the section navigation moves focus to it. */
export function sectionHeadingId(sectionId: string): string {
  return `section-heading-${sectionId}`;
}

function AnswerView({ row, definition, store, evidence, contentHash, sectionId, questionId, view, layout }: AnswerViewProps) {
  const { t, i18n } = useTranslation();
  const uiLanguage = i18n.resolvedLanguage ?? 'en';
  const defaultLanguage = definition.languages[0] ?? 'en';
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });
  // One validation engine per open response; each change re-runs only the rules that depend on it.
  const validation = useMemo(
    () => new ValidationStore(definition, () => store.snapshot(), () => evidence.snapshot()),
    [definition, store, evidence],
  );
  const visibility = useSyncExternalStore((l) => validation.subscribeAll(l), () => validation.visibility());
  const findings = useSyncExternalStore((l) => validation.subscribeAll(l), () => validation.all());
  const answers = useSyncExternalStore((l) => store.subscribeAll(l), () => store.snapshot());
  const progress = useMemo(() => progressBySection(definition, answers, visibility), [definition, answers, visibility]);
  // The live self-assessment score (OSI, LOSI); 'unscored' for questionnaires without a method.
  const score = useScore(definition, store, evidence);
  // Messages everywhere once the person has asked for a check (opened the panel or jumped from it).
  const [reveal, setReveal] = useState(false);
  if (!reveal && (view === 'check' || questionId !== undefined)) setReveal(true);
  const [acknowledged, setAcknowledged] = useState<ReadonlySet<string>>(() => new Set(row.acknowledgedWarnings ?? []));
  const received = useReceivedReviews(row.id);
  const latestReview = received?.[0];
  const reviewNotes = useMemo(() => (latestReview ? notesByQuestion(latestReview.review) : NO_NOTES), [latestReview]);
  // A signed and exported response is read-only; "Start a revision" makes an editable copy.
  const [submission, setSubmission] = useState(row.submission);
  const readOnly = submission !== undefined;
  const onSubmitted = useCallback((document: SubmissionDocument) => {
    setSubmission({ submissionId: document.submissionId, signedAt: Date.parse(document.timestamps.signed), keyId: document.signature.keyId });
  }, []);
  // A revision started while a review is attached answers that review, and its queries move with it.
  const revise = () => {
    const answering = latestReview ? { reviewId: latestReview.reviewId, reviewHash: latestReview.reviewHash } : undefined;
    storage().responses.revise(row.id, answering).then(
      (revision) => { navigate(revisionRoute(revision.id, layout)); },
      (error: unknown) => { reportError('submit.reviseFailed', error); },
    );
  };

  const autosave = useMemo(
    () =>
      new Autosave(
        (changes) => {
          const overall = totalProgress(progressBySection(definition, store.snapshot(), validation.visibility()));
          return storage().answers.save(row.id, changes, overall);
        },
        { onState: setSaveState },
      ),
    [definition, row.id, store, validation],
  );

  // Flush on page hide and when the screen closes: the last keystroke is never left in memory.
  useEffect(() => {
    const flushNow = () => void autosave.flush();
    const onVisibility = () => { if (document.visibilityState === 'hidden') flushNow(); };
    window.addEventListener('pagehide', flushNow);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', flushNow);
      document.removeEventListener('visibilitychange', onVisibility);
      flushNow();
      autosave.dispose();
    };
  }, [autosave]);

  const change = useCallback(
    (id: string, value: AnswerValue | undefined) => {
      const stored = store.set(id, value);
      const touched = validation.changed([id]);
      autosave.queue(id, stored);
      // An acknowledgement was about the answers as they were: a warning at any question this change
      // re-evaluated (its own, or a rule that reads it) must be looked at again.
      const stale = [...acknowledged].filter((key) => touched.has(key.slice(0, key.indexOf('|'))));
      if (stale.length > 0) {
        const next = new Set([...acknowledged].filter((key) => !stale.includes(key)));
        setAcknowledged(next);
        storage().responses.setAcknowledgedWarnings(row.id, [...next]).catch((error: unknown) => { reportError('check.acknowledgeFailed', error); });
      }
    },
    [acknowledged, autosave, row.id, store, validation],
  );
  const changeEvidence = useCallback(
    async (id: string, items: readonly EvidenceItem[]) => {
      // Stored first: the list on screen changes only once it is safely on the device.
      await storage().evidence.save(row.id, id, items);
      evidence.set(id, items);
      validation.changed([evidenceKey(id)]);
    },
    [evidence, row.id, validation],
  );
  const acknowledge = useCallback(
    (key: string, checked: boolean) => {
      const next = new Set(acknowledged);
      if (checked) next.add(key);
      else next.delete(key);
      setAcknowledged(next);
      storage().responses.setAcknowledgedWarnings(row.id, [...next]).catch((error: unknown) => {
        setAcknowledged(acknowledged);
        reportError('check.acknowledgeFailed', error);
      });
    },
    [acknowledged, row.id],
  );
  const flush = useCallback(() => void autosave.flush(), [autosave]);
  // All sections on one page (`?layout=all`): the same questions, stores, validation and autosave,
  // one after another, each section under its own h2 so headings and landmarks lead through it.
  const onePage = layout === 'all' && view === undefined;
  const groupHeadingLevel = onePage ? 3 : 2;
  const context = useMemo<AnswerContextValue>(
    () => ({ store, change, flush, language: uiLanguage, defaultLanguage, evidence, changeEvidence, validation, reveal, reviewNotes, groupHeadingLevel }),
    [store, change, flush, uiLanguage, defaultLanguage, evidence, changeEvidence, validation, reveal, reviewNotes, groupHeadingLevel],
  );

  const visibleSections = definition.sections.filter((section) => visibility.sections.has(section.id));
  const current = visibleSections.find((section) => section.id === sectionId) ?? visibleSections[0];
  const currentIndex = current ? visibleSections.indexOf(current) : -1;
  const title = localize(definition.title, uiLanguage, defaultLanguage);
  const checking = view === 'check';
  // The check, score and plan views stand in for a section: no section is current while they show.
  const wholeView = view !== undefined;
  const sectionTitle =
    view === 'check'
      ? t('check.title')
      : view === 'score'
        ? t('score.title')
        : view === 'plan'
          ? t('score.plan.title')
          : onePage
            ? t('onePage.title')
            : current
              ? localize(current.title, uiLanguage, defaultLanguage)
              : title;
  const errorCount = findings.filter((f) => f.severity === 'error').length;
  const warningCount = findings.length - errorCount;
  const heading = useScreenHeading<HTMLHeadingElement>(`${sectionTitle} — ${row.respondent.place}`);
  // Each group gets only the outside answers its rows' conditions read, as a lookup that stays the
  // same object until one of those answers changes: a keystroke elsewhere re-renders no group.
  const groupOuter = useMemo(() => new GroupOuterLookups(definition), [definition]);
  const shownLookup = useMemo(() => visibleLookup(answers, visibility), [answers, visibility]);
  const groupsOf = (id: string): SectionGroupLookups | undefined => groupOuter.forSection(id, shownLookup);
  // Each section's shown questions as one string: a relevance change re-lists only the sections
  // whose shown questions changed (equal strings let the memoised section skip).
  const shownBySection = useMemo(
    () => new Map(definition.sections.map((section) => [section.id, section.questions.filter((q) => visibility.questions.has(q.id)).map((q) => q.id).join(SHOWN_SEPARATOR)])),
    [definition, visibility],
  );

  const goTo = (id: string) => {
    void autosave.flush();
    navigate({ name: 'response', responseId: row.id, sectionId: id });
  };
  // Links within the response keep the chosen layout.
  const keep = layout ? { layout } : {};

  // Moving between sections is a new "page": put focus on its heading, or on the question the
  // person came to fix from the validation panel. On the one-page layout a section link brings
  // that section's heading into view and focus instead, and only a change of address moves focus:
  // a section shown or hidden by an answer (which changes `current` when the addressed section
  // hides) must leave focus where the person is typing.
  const scrollTarget = onePage ? sectionId : undefined;
  const focusSection = onePage ? undefined : current?.id;
  const previousLayout = useRef(layout);
  // On one page: the section the person last put focus in, for "One section at a time".
  const focusedSection = useRef<string | undefined>(undefined);
  useEffect(() => {
    // Switching to one page is announced by its h1 ("All sections"); the section the person was
    // on stays in view.
    const switchedToOnePage = layout === 'all' && previousLayout.current !== 'all';
    previousLayout.current = layout;
    // A new address starts afresh; the focus moved below records its section again.
    focusedSection.current = undefined;
    const target = questionId === undefined || wholeView ? undefined : document.getElementById(questionElementId(questionId));
    if (target) {
      target.scrollIntoView({ block: 'center' });
      target.querySelector<HTMLElement>('input, textarea, select, button')?.focus();
      return;
    }
    const sectionHeading = scrollTarget === undefined ? null : document.getElementById(sectionHeadingId(scrollTarget));
    if (sectionHeading && switchedToOnePage) {
      heading.current?.focus({ preventScroll: true });
      sectionHeading.scrollIntoView({ block: 'start' });
      return;
    }
    if (sectionHeading) {
      sectionHeading.scrollIntoView({ block: 'start' });
      sectionHeading.focus();
      return;
    }
    heading.current?.focus();
  }, [focusSection, heading, questionId, wholeView, view, scrollTarget, layout]);

  const noteFocus = (event: FocusEvent<HTMLFormElement>) => {
    const holder = event.target instanceof Element ? event.target.closest<HTMLElement>('[data-section-id]') : null;
    if (holder?.dataset.sectionId) focusedSection.current = holder.dataset.sectionId;
  };
  // A plain click (not one opening a new tab or window) is handled here; others follow the href.
  const plainClick = (event: MouseEvent) => event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
  // A section link on one page scrolls and focuses even when the address already names that
  // section (a second click on the same link changes no address, so the effect would not run).
  const followSectionLink = (event: MouseEvent, id: string) => {
    void autosave.flush();
    const target = onePage && plainClick(event) ? document.getElementById(sectionHeadingId(id)) : null;
    if (!target) return;
    event.preventDefault();
    target.scrollIntoView({ block: 'start' });
    target.focus();
    navigate({ name: 'response', responseId: row.id, sectionId: id, ...keep });
  };
  // "One section at a time" opens the section the person is working in, not the one the address named.
  const switchToOneSection = (event: MouseEvent) => {
    void autosave.flush();
    if (!onePage || !plainClick(event)) return;
    event.preventDefault();
    navigate({ name: 'response', responseId: row.id, ...optionalSection(sectionWorkedIn(focusedSection.current) ?? current?.id) });
  };

  return (
    <AnswerContext.Provider value={context}>
      <div className="answer-layout">
        <div className="answer-header">
          <p>
            <a href={routeHref({ name: 'home' })} onClick={() => void autosave.flush()}>
              {t('common.backHome')}
            </a>
          </p>
          <p className="meta">
            {title} · {row.respondent.place} — {row.respondent.organisation}
          </p>
          <SaveStatus state={saveState} />
          <details className="definition-info">
            <summary>{t('answer.aboutQuestionnaire')}</summary>
            <p className="meta">
              {t('answer.editionLine', { edition: definition.edition, version: definition.version })}
              {row.questionnaireHash && (
                <>
                  {' · '}
                  <span className="hash">{row.questionnaireHash}</span>
                </>
              )}
            </p>
            <ProvenanceNotice definition={definition} />
          </details>
        </div>
        <nav className="section-nav" aria-label={t('answer.sections')}>
          <ol>
            {visibleSections.map((section) => {
              const p = progress.get(section.id) ?? { answered: 0, total: 0 };
              const name = localize(section.title, uiLanguage, defaultLanguage);
              return (
                <li key={section.id}>
                  <a
                    href={routeHref({ name: 'response', responseId: row.id, sectionId: section.id, ...keep })}
                    aria-current={wholeView ? undefined : onePage ? (section.id === sectionId ? 'location' : undefined) : section.id === current?.id ? 'page' : undefined}
                    onClick={(event) => { followSectionLink(event, section.id); }}
                  >
                    <span className="section-name">{name}</span>
                    <span className="section-progress">
                      <span className="visually-hidden">{t('answer.sectionProgress', { answered: p.answered, total: p.total })}</span>
                      <span aria-hidden="true">
                        {p.answered}/{p.total} · {formatPercent(p.answered, p.total, uiLanguage)}
                      </span>
                    </span>
                  </a>
                </li>
              );
            })}
          </ol>
          <p className="layout-switch">
            <a
              href={routeHref({
                name: 'response',
                responseId: row.id,
                ...(current && !wholeView ? { sectionId: current.id } : {}),
                ...(onePage ? {} : { layout: 'all' as const }),
              })}
              onClick={switchToOneSection}
            >
              <span className="section-name">{onePage ? t('onePage.showOne') : t('onePage.showAll')}</span>
            </a>
          </p>
          <p className="check-link">
            <a href={routeHref({ name: 'response', responseId: row.id, view: 'check', ...keep })} aria-current={checking ? 'page' : undefined} onClick={() => void autosave.flush()}>
              <span className="section-name">{t('check.navLink')}</span>
              <span className="section-progress">{t('check.navSummary', { errors: errorCount, warnings: warningCount })}</span>
            </a>
          </p>
          {score.kind !== 'unscored' && (
            <ScoreNavLink responseId={row.id} state={score} language={uiLanguage} current={view === 'score' || view === 'plan'} onFollow={() => void autosave.flush()} />
          )}
        </nav>
        <div className="section-body">
          <h1 ref={heading} tabIndex={-1}>
            {sectionTitle}
          </h1>
          {submission && (
            <div className="submitted-banner" role="status">
              <p>{t('submit.submittedBanner', { date: formatDateTime(submission.signedAt, uiLanguage), id: submission.submissionId })}</p>
              <button type="button" onClick={revise}>
                {t('submit.revise')}
              </button>
            </div>
          )}
          {row.revises && !submission && <p className="meta">{t('submit.revisionOf', { id: row.revises })}</p>}
          {latestReview && (
            <div className="review-summary" role="status">
              <p>
                {t('reviewReceived.summary', {
                  name: latestReview.review.reviewer.name,
                  organisation: latestReview.review.reviewer.organisation,
                  count: latestReview.review.notes.filter((n) => n.status === 'query').length,
                })}
              </p>
              <p className="meta">{latestReview.trusted ? t('reviewReceived.trusted') : t('reviewReceived.untrusted')}</p>
              {latestReview.review.generalComment && <p className="review-general">{latestReview.review.generalComment}</p>}
              {submission && <p>{t('reviewReceived.reviseHint')}</p>}
            </div>
          )}
          {checking ? (
            <CheckView
              row={row}
              contentHash={contentHash}
              readOnly={readOnly}
              onSubmitted={onSubmitted}
              responseId={row.id}
              definition={definition}
              store={store}
              evidence={evidence}
              validation={validation}
              acknowledged={acknowledged}
              onAcknowledge={acknowledge}
              languages={{ ui: uiLanguage, content: uiLanguage, contentDefault: defaultLanguage }}
            />
          ) : view === 'score' ? (
            <ScoreView responseId={row.id} definition={definition} state={score} language={uiLanguage} />
          ) : view === 'plan' ? (
            <PlanView row={row} definition={definition} state={score} language={uiLanguage} />
          ) : onePage ? (
            <form className="questions" noValidate onSubmit={(event) => { event.preventDefault(); }} onBlur={flush} onFocus={noteFocus}>
              <fieldset className="read-only" disabled={readOnly}>
                {visibleSections.map((section) => (
                  <section key={section.id} className="one-page-section" data-section-id={section.id} aria-labelledby={sectionHeadingId(section.id)}>
                    <h2 id={sectionHeadingId(section.id)} tabIndex={-1}>
                      {localize(section.title, uiLanguage, defaultLanguage)}
                    </h2>
                    {section.description && <p className="section-description">{localize(section.description, uiLanguage, defaultLanguage)}</p>}
                    <SectionQuestions section={section} shown={shownBySection.get(section.id) ?? ''} groups={groupsOf(section.id)} />
                  </section>
                ))}
              </fieldset>
            </form>
          ) : (
            <>
              {current?.description && <p className="section-description">{localize(current.description, uiLanguage, defaultLanguage)}</p>}
              <form
                className="questions"
                noValidate
                onSubmit={(event) => { event.preventDefault(); }}
                // Leaving any field writes at once, as required: blur flushes the autosave queue.
                onBlur={flush}
              >
                {/* A disabled fieldset makes every control of a submitted response read-only at once. */}
                <fieldset className="read-only" disabled={readOnly}>
                  {current && <SectionQuestions section={current} shown={shownBySection.get(current.id) ?? ''} groups={groupsOf(current.id)} />}
                </fieldset>
              </form>
              <div className="section-pager">
                {currentIndex > 0 && (
                  <button type="button" onClick={() => { const prev = visibleSections[currentIndex - 1]; if (prev) goTo(prev.id); }}>
                    {t('answer.previousSection')}
                  </button>
                )}
                {currentIndex >= 0 && currentIndex < visibleSections.length - 1 && (
                  <button type="button" className="primary" onClick={() => { const next = visibleSections[currentIndex + 1]; if (next) goTo(next.id); }}>
                    {t('answer.nextSection')}
                  </button>
                )}
              </div>
            </>
          )}
        </div>
      </div>
    </AnswerContext.Provider>
  );
}

const optionalSection = (id: string | undefined): { readonly sectionId?: string } => (id === undefined ? {} : { sectionId: id });

/**
 * The one-page section the person is working in: the one that last held focus (a field, a button, or
 * its heading after a section link), while it is still shown. Not the section in view when the
 * link is clicked: the section navigation sits at the top of the page, so whoever clicks it has just
 * scrolled (or been scrolled) back up to the first section.
 */
function sectionWorkedIn(focused: string | undefined): string | undefined {
  return focused !== undefined && document.getElementById(sectionHeadingId(focused)) ? focused : undefined;
}

/** Question ids may hold letters, digits, dots, dashes and underscores: a space never occurs in one. */
const SHOWN_SEPARATOR = ' ';

interface SectionQuestionsProps {
  readonly section: Section;
  /** Ids of the section's shown questions, joined by SHOWN_SEPARATOR. */
  readonly shown: string;
  /** Each group's lookup of the outside answers its rows' conditions read; only for sections with a group. */
  readonly groups: SectionGroupLookups | undefined;
}

/**
 * The shown questions of one section. Memoised on props that change only when that section's shown
 * questions do (or, in a section with a group, when an answer its rows' conditions read does): a
 * keystroke re-renders the screen's navigation and progress, but no section re-lists its questions
 * and no other question re-renders.
 */
const SectionQuestions = memo(function SectionQuestions({ section, shown, groups }: SectionQuestionsProps) {
  const ids = new Set(shown.split(SHOWN_SEPARATOR));
  return section.questions
    .filter((question) => ids.has(question.id))
    .map((question) => (
      <QuestionBlock key={question.id} question={question} criterion={section.code} outer={question.type === 'group' ? groups?.get(question.id) : undefined} />
    ));
});
