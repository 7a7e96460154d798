import { useId, useState } from 'react';
import type { SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { localize } from '../../../../shared/questionnaire/localize';
import { respondentSchema } from '../../../../shared/schemas/response';
import { bundledQuestionnaires, countQuestions, findQuestionnaire } from '../../app/questionnaires';
import { navigate, routeHref } from '../../app/router';
import { reportError } from '../../app/notices';
import { useScreenHeading } from '../../components/useFocusOnMount';
import { storage } from '../../db';

type Field = 'place' | 'organisation' | 'focalPointName' | 'focalPointEmail';
const FIELDS: readonly Field[] = ['place', 'organisation', 'focalPointName', 'focalPointEmail'];
const isField = (value: unknown): value is Field => FIELDS.some((field) => field === value);

/** New response: pick the questionnaire and say who answers. */
export function NewResponseScreen({ questionnaireId }: { readonly questionnaireId?: string | undefined }) {
  const { t, i18n } = useTranslation();
  const heading = useScreenHeading<HTMLHeadingElement>(t('newResponse.title'));
  const { definitions } = bundledQuestionnaires();
  const language = i18n.resolvedLanguage ?? 'en';
  const [selected, setSelected] = useState(questionnaireId ?? definitions[0]?.id ?? '');
  const [values, setValues] = useState<Record<Field, string>>({ place: '', organisation: '', focalPointName: '', focalPointEmail: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [busy, setBusy] = useState(false);
  const ids = { questionnaire: useId(), place: useId(), organisation: useId(), focalPointName: useId(), focalPointEmail: useId() };
  const definition = findQuestionnaire(selected);
  const kind = definition?.respondentKind ?? 'country';

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    if (!definition) return;
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
    <div className="screen narrow">
      <p>
        <a href={routeHref({ name: 'home' })}>{t('common.backHome')}</a>
      </p>
      <h1 ref={heading} tabIndex={-1}>
        {t('newResponse.title')}
      </h1>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <div className="field">
          <label htmlFor={ids.questionnaire}>{t('newResponse.questionnaire')}</label>
          <select id={ids.questionnaire} value={selected} onChange={(event) => { setSelected(event.target.value); }}>
            {definitions.map((d) => (
              <option key={d.id} value={d.id}>
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
    </div>
  );
}
