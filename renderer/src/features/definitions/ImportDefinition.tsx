import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QuestionnaireDefinitionError } from '../../../../shared/errors';
import type { DefinitionProblem } from '../../../../shared/errors';
import { localize } from '../../../../shared/questionnaire/localize';
import type { CatalogListing } from '../../app/catalog';
import { storage } from '../../db';
import { platform } from '../../platform';
import { importDefinitionFile } from './import-definition';

type Result =
  | { readonly kind: 'idle' }
  | { readonly kind: 'busy' }
  | { readonly kind: 'done'; readonly messages: readonly string[] }
  | { readonly kind: 'failed'; readonly messages: readonly string[]; readonly problems: readonly DefinitionProblem[] };

/** Import a questionnaire edition (JSON in the project's format) for use like a built-in one. */
export function ImportDefinition({ catalog }: { readonly catalog: CatalogListing }) {
  const { t, i18n } = useTranslation();
  const [result, setResult] = useState<Result>({ kind: 'idle' });
  const language = i18n.resolvedLanguage ?? 'en';

  const choose = async () => {
    const files = await platform().openFiles({ title: t('definitions.pickTitle'), filters: [{ name: 'JSON', extensions: ['json'] }], multiple: true });
    if (files.length === 0) return;
    setResult({ kind: 'busy' });
    const done: string[] = [];
    const failed: string[] = [];
    const problems: DefinitionProblem[] = [];
    for (const file of files) {
      try {
        const outcome = await importDefinitionFile(file, catalog, storage().definitions);
        const title = localize(outcome.definition.title, language, outcome.definition.languages[0] ?? 'en');
        done.push(t(outcome.kind === 'added' ? 'definitions.added' : 'definitions.alreadyAvailable', { title, version: outcome.definition.version, edition: outcome.definition.edition }));
      } catch (error) {
        if (error instanceof QuestionnaireDefinitionError) {
          failed.push(t('definitions.refused', { file: file.name }));
          problems.push(...error.problems);
        } else {
          failed.push(`${t('definitions.refused', { file: file.name })} ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }
    setResult(failed.length > 0 ? { kind: 'failed', messages: [...failed, ...done], problems } : { kind: 'done', messages: done });
  };

  return (
    <div className="import-definition">
      <button
        type="button"
        disabled={result.kind === 'busy'}
        onClick={() => {
          choose().catch((error: unknown) => {
            setResult({ kind: 'failed', messages: [error instanceof Error ? error.message : String(error)], problems: [] });
          });
        }}
      >
        {t('definitions.import')}
      </button>
      <p className="meta">{t('definitions.importHelp')}</p>
      <div role="status">
        {result.kind === 'busy' && <p>{t('definitions.importing')}</p>}
        {result.kind === 'done' && result.messages.map((message) => <p key={message}>{message}</p>)}
      </div>
      {result.kind === 'failed' && (
        <div role="alert" className="notice error block">
          {result.messages.map((message) => (
            <p key={message}>{message}</p>
          ))}
          {result.problems.length > 0 && (
            <ul>
              {result.problems.map((problem, i) => (
                <li key={i}>
                  <code>{problem.path || '(root)'}</code>: {problem.problem}
                </li>
              ))}
            </ul>
          )}
          <p>{t('definitions.nothingChanged')}</p>
        </div>
      )}
    </div>
  );
}
