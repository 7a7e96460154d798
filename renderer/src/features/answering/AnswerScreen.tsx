import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { progressBySection, totalProgress } from '../../../../shared/engine/progress';
import { computeVisibility, visibleLookup } from '../../../../shared/engine/relevance';
import type { Visibility } from '../../../../shared/engine/relevance';
import type { AnswerValue } from '../../../../shared/schemas/answers';
import type { QuestionnaireDefinition } from '../../../../shared/schemas/questionnaire';
import { localize } from '../../../../shared/questionnaire/localize';
import { findEntry, loadCatalog } from '../../app/catalog';
import { ProvenanceNotice } from '../definitions/ProvenanceNotice';
import { navigate, routeHref } from '../../app/router';
import { useScreenHeading } from '../../components/useFocusOnMount';
import { storage } from '../../db';
import type { ResponseRow } from '../../db';
import { formatPercent } from '../../i18n/format';
import { AnswerContext } from './answer-context';
import type { AnswerContextValue } from './answer-context';
import { AnswerStore } from './answer-store';
import { Autosave } from './autosave';
import type { SaveState } from './autosave';
import { QuestionBlock } from './QuestionBlock';
import { SaveStatus } from './SaveStatus';

type Loaded =
  | { readonly kind: 'loading' }
  | { readonly kind: 'missing' }
  | { readonly kind: 'unknownQuestionnaire'; readonly row: ResponseRow }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'ready'; readonly row: ResponseRow; readonly definition: QuestionnaireDefinition; readonly store: AnswerStore };

/** Loads a response and its answers, then hands them to the answer view. */
export function AnswerScreen({ responseId, sectionId }: { readonly responseId: string; readonly sectionId?: string | undefined }) {
  const { t } = useTranslation();
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });

  useEffect(() => {
    let cancelled = false;
    const load = async (): Promise<Loaded> => {
      const row = await storage().responses.get(responseId);
      if (!row) return { kind: 'missing' };
      // The exact edition the response was started with: same id, version and (when recorded) content hash.
      const definition = findEntry(await loadCatalog(), row.questionnaireId, row.questionnaireVersion, row.questionnaireHash)?.definition;
      if (!definition) return { kind: 'unknownQuestionnaire', row };
      const answers = await storage().answers.load(responseId);
      return { kind: 'ready', row, definition, store: new AnswerStore(answers) };
    };
    load().then(
      (result) => { if (!cancelled) setLoaded(result); },
      (error: unknown) => { if (!cancelled) setLoaded({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }); },
    );
    return () => { cancelled = true; };
  }, [responseId]);

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
      return <AnswerView row={loaded.row} definition={loaded.definition} store={loaded.store} sectionId={sectionId} />;
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

/** Visibility for the current answers, recomputed only when the answers change. */
function useVisibility(store: AnswerStore, definition: QuestionnaireDefinition): Visibility {
  const answers = useSyncExternalStore(
    (listener) => store.subscribeAll(listener),
    () => store.snapshot(),
  );
  return useMemo(() => computeVisibility(definition, answers), [definition, answers]);
}

interface AnswerViewProps {
  readonly row: ResponseRow;
  readonly definition: QuestionnaireDefinition;
  readonly store: AnswerStore;
  readonly sectionId: string | undefined;
}

function AnswerView({ row, definition, store, sectionId }: AnswerViewProps) {
  const { t, i18n } = useTranslation();
  const uiLanguage = i18n.resolvedLanguage ?? 'en';
  const defaultLanguage = definition.languages[0] ?? 'en';
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });
  const visibility = useVisibility(store, definition);
  const answers = store.snapshot();
  const progress = useMemo(() => progressBySection(definition, answers, visibility), [definition, answers, visibility]);

  const autosave = useMemo(
    () =>
      new Autosave(
        (changes) => {
          const current = store.snapshot();
          const overall = totalProgress(progressBySection(definition, current, computeVisibility(definition, current)));
          return storage().answers.save(row.id, changes, overall);
        },
        { onState: setSaveState },
      ),
    [definition, row.id, store],
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
    (questionId: string, value: AnswerValue | undefined) => {
      autosave.queue(questionId, store.set(questionId, value));
    },
    [autosave, store],
  );
  const flush = useCallback(() => void autosave.flush(), [autosave]);
  const context = useMemo<AnswerContextValue>(
    () => ({ store, change, flush, language: uiLanguage, defaultLanguage }),
    [store, change, flush, uiLanguage, defaultLanguage],
  );

  const visibleSections = definition.sections.filter((section) => visibility.sections.has(section.id));
  const current = visibleSections.find((section) => section.id === sectionId) ?? visibleSections[0];
  const currentIndex = current ? visibleSections.indexOf(current) : -1;
  const title = localize(definition.title, uiLanguage, defaultLanguage);
  const sectionTitle = current ? localize(current.title, uiLanguage, defaultLanguage) : title;
  const heading = useScreenHeading<HTMLHeadingElement>(`${sectionTitle} — ${row.respondent.place}`);
  const outer = useMemo(() => visibleLookup(answers, visibility), [answers, visibility]);

  const goTo = (id: string) => {
    void autosave.flush();
    navigate({ name: 'response', responseId: row.id, sectionId: id });
  };

  // Moving between sections is a new "page": put focus on its heading.
  useEffect(() => {
    heading.current?.focus();
  }, [current?.id, heading]);

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
                    href={routeHref({ name: 'response', responseId: row.id, sectionId: section.id })}
                    aria-current={section.id === current?.id ? 'page' : undefined}
                    onClick={() => void autosave.flush()}
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
        </nav>
        <div className="section-body">
          <h1 ref={heading} tabIndex={-1}>
            {sectionTitle}
          </h1>
          {current?.description && <p className="section-description">{localize(current.description, uiLanguage, defaultLanguage)}</p>}
          <form
            className="questions"
            noValidate
            onSubmit={(event) => { event.preventDefault(); }}
            // Leaving any field writes at once, as required: blur flushes the autosave queue.
            onBlur={flush}
          >
            {current?.questions
              .filter((question) => visibility.questions.has(question.id))
              .map((question) => (
                <QuestionBlock
                  key={question.id}
                  question={question}
                  criterion={current.code}
                  outer={question.type === 'group' ? outer : undefined}
                />
              ))}
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
        </div>
      </div>
    </AnswerContext.Provider>
  );
}
