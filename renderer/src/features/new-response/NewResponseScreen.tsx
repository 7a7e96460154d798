import { useId, useState } from 'react';
import type { SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { localize } from '../../../../shared/questionnaire/localize';
import { respondentSchema } from '../../../../shared/schemas/response';
import { countQuestions, useCatalog } from '../../app/catalog';
import type { CatalogEntry } from '../../app/catalog';
import { navigate, routeHref } from '../../app/router';
import { reportError } from '../../app/notices';
import { useUnsavedDraft } from '../../app/pending-work';
import { useScreenHeading } from '../../components/useFocusOnMount';
import { storage } from '../../db';

type Field = 'place' | 'organisation' | 'focalPointName' | 'focalPointEmail';
const FIELDS: readonly Field[] = ['place', 'organisation', 'focalPointName', 'focalPointEmail'];
const isField = (value: unknown): value is Field => FIELDS.some((field) => field === value);

/** The edition a link asks for: an exact `id@version`, or the newest version of a plain id. */
function initialKey(entries: readonly CatalogEntry[], requested: string | undefined): string {
  const exact = entries.find((e) => e.key === requested);
  if (exact) return exact.key;
  const versions = entries.filter((e) => e.definition.id === requested);
  return (versions.at(-1) ?? entries[0])?.key ?? '';
}

/** New response: pick the questionnaire edition and say who answers. */
export function NewResponseScreen({ questionnaireId }: { readonly questionnaireId?: string | undefined }) {
  const { t } = useTranslation();
  const heading = useScreenHeading<HTMLHeadingElement>(t('newResponse.title'));
  const catalog = useCatalog();
  return (
    <div className="screen narrow">
      <p>
        <a href={routeHref({ name: 'home' })}>{t('common.backHome')}</a>
      </p>
      <h1 ref={heading} tabIndex={-1}>
        {t('newResponse.title')}
      </h1>
      {catalog ? <NewResponseForm entries={catalog.entries} initial={initialKey(catalog.entries, questionnaireId)} /> : <p role="status">{t('common.loading')}</p>}
    </div>
  );
}

function NewResponseForm({ entries, initial }: { readonly entries: readonly CatalogEntry[]; readonly initial: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const [selected, setSelected] = useState(initial);
  const [values, setValues] = useState<Record<Field, string>>({ place: '', organisation: '', focalPointName: '', focalPointEmail: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  // Typed but not created: an app update is refused until it is created or cleared (app/pending-work.ts).
  useUnsavedDraft(Object.values(values).some((value) => value.trim() !== ''), 'update.draft.newResponse');
  const [busy, setBusy] = useState(false);
  const ids = { questionnaire: useId(), place: useId(), organisation: useId(), focalPointName: useId(), focalPointEmail: useId() };
  const entry = entries.find((e) => e.key === selected);
  const definition = entry?.definition;
  const kind = definition?.respondentKind ?? 'country';

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    if (!entry || !definition) return;
    const parsed = respondentSchema.safeParse({ kind, ...values });
    if (!parsed.success) {
      const found: Partial<Record<Field, string>> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if (isField(field)) found[field] ??= t(`newResponse.errors.${field}`);
      }
      setErrors(found);
      const first = FIELDS.find((field) => found[field]);
      if (first) document.getElementById(ids[first])?.focus();
      return;
    }
    setBusy(true);
    try {
      const row = await storage().responses.create({
        questionnaireId: definition.id,
        questionnaireVersion: definition.version,
        questionnaireHash: entry.contentHash,
        respondent: parsed.data,
        totalQuestions: countQuestions(definition),
      });
      navigate({ name: 'response', responseId: row.id });
    } catch (error) {
      reportError('errors.createFailed', error);
      setBusy(false);
    }
  };

  const field = (name: Field, type: 'text' | 'email', autoComplete: string) => {
    const errorId = `${ids[name]}-error`;
    const label = name === 'place' ? t(`newResponse.place.${kind}`) : t(`newResponse.${name}`);
    return (
      <div className="field">
        <label htmlFor={ids[name]}>
          {label} <span className="required-mark">{t('common.requiredMark')}</span>
        </label>
        <input
          id={ids[name]}
          type={type}
          required
          aria-required="true"
          autoComplete={autoComplete}
          value={values[name]}
          aria-invalid={errors[name] ? true : undefined}
          aria-describedby={errors[name] ? errorId : undefined}
          onChange={(event) => {
            setValues({ ...values, [name]: event.target.value });
            if (errors[name]) setErrors({ ...errors, [name]: undefined });
          }}
        />
        {errors[name] && (
          <p id={errorId} className="field-error">
            {errors[name]}
          </p>
        )}
      </div>
    );
  };

  return (
    <form noValidate onSubmit={(event) => void submit(event)}>
      <div className="field">
        <label htmlFor={ids.questionnaire}>{t('newResponse.questionnaire')}</label>
        <select id={ids.questionnaire} value={selected} onChange={(event) => { setSelected(event.target.value); }}>
          {entries.map(({ key, definition: d }) => (
            <option key={key} value={key}>
              {localize(d.title, language, d.languages[0] ?? 'en')} ({d.edition}, {d.version})
            </option>
          ))}
        </select>
      </div>
      <fieldset>
        <legend>{t('newResponse.whoAnswers')}</legend>
        {field('place', 'text', kind === 'country' ? 'country-name' : 'address-level2')}
        {field('organisation', 'text', 'organization')}
        {field('focalPointName', 'text', 'name')}
        {field('focalPointEmail', 'email', 'email')}
      </fieldset>
      <button type="submit" className="primary" disabled={busy || !definition}>
        {t('newResponse.create')}
      </button>
    </form>
  );
}
