import { useEffect, useId, useRef, useState } from 'react';
import { useUiText } from '../use-ui-text';
import { useUnsavedDraft } from '../../../app/pending-work';
import type { EvidenceItem } from '../../../../../shared/schemas/evidence';
import { urlRefusalMessage } from '../../validation/finding-message';
import type { EvidenceDraft } from './evidence-edit';
import { draftOf, emptyDraft, itemFromDraft } from './evidence-edit';

interface EvidenceFormProps {
  readonly title: string;
  readonly item: EvidenceItem | undefined;
  readonly onSave: (item: EvidenceItem) => Promise<void>;
  readonly onCancel: () => void;
}

/**
 * Adds or edits one evidence link. Nothing is stored until the URL passes the policy and the page
 * has a title; a refusal says why, next to the field, and the field keeps what was typed.
 */
export function EvidenceForm({ title, item, onSave, onCancel }: EvidenceFormProps) {
  const { t } = useUiText();
  const id = useId();
  const [draft, setDraft] = useState<EvidenceDraft>(() => (item ? draftOf(item) : emptyDraft()));
  const [problem, setProblem] = useState<{ field: 'url' | 'title'; message: string } | undefined>();
  const [saving, setSaving] = useState(false);
  // Typed but not added: an app update is refused until it is added or discarded (app/pending-work.ts).
  useUnsavedDraft(JSON.stringify(draft) !== JSON.stringify(item ? draftOf(item) : { ...emptyDraft(), accessed: draft.accessed }), 'update.draft.evidence');
  const urlInput = useRef<HTMLInputElement>(null);
  const titleInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    urlInput.current?.focus();
  }, []);

  const set = (field: keyof EvidenceDraft) => (event: { target: { value: string } }) => {
    setDraft((current) => ({ ...current, [field]: event.target.value }));
  };
  const submit = () => {
    const result = itemFromDraft(draft, item, () => crypto.randomUUID());
    if (!result.ok) {
      const message = result.field === 'url' ? t('evidence.refused', { reason: urlRefusalMessage(t, result.refusal) }) : t('evidence.titleMissing');
      setProblem({ field: result.field, message });
      (result.field === 'url' ? urlInput : titleInput).current?.focus();
      return;
    }
    setProblem(undefined);
    setSaving(true);
    void onSave(result.item).finally(() => { setSaving(false); });
  };
  const problemId = `${id}-problem`;

  return (
    // A fieldset, not a nested <form>: the question list is already inside one.
    <fieldset
      className="evidence-form"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onCancel();
        }
      }}
    >
      <legend>{title}</legend>
      <div className="field">
        <label htmlFor={`${id}-url`}>{t('evidence.url')}</label>
        <input
          ref={urlInput}
          id={`${id}-url`}
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          required
          value={draft.url}
          aria-invalid={problem?.field === 'url' || undefined}
          aria-describedby={problem?.field === 'url' ? problemId : undefined}
          onChange={set('url')}
          onKeyDown={(event) => { if (event.key === 'Enter') { event.preventDefault(); submit(); } }}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-title`}>{t('evidence.title')}</label>
        <input
          ref={titleInput}
          id={`${id}-title`}
          type="text"
          maxLength={500}
          required
          value={draft.title}
          aria-invalid={problem?.field === 'title' || undefined}
          aria-describedby={`${id}-title-help${problem?.field === 'title' ? ` ${problemId}` : ''}`}
          onChange={set('title')}
          onKeyDown={(event) => { if (event.key === 'Enter') { event.preventDefault(); submit(); } }}
        />
        <p id={`${id}-title-help`} className="meta">{t('evidence.titleHelp')}</p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t('evidence.note')}</label>
        <textarea id={`${id}-note`} rows={2} maxLength={5000} value={draft.note} onChange={set('note')} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-accessed`}>{t('evidence.accessed')}</label>
        <input id={`${id}-accessed`} type="date" value={draft.accessed} onChange={set('accessed')} />
      </div>
      {problem && (
        <p id={problemId} className="field-error" role="alert">
          {problem.message}
        </p>
      )}
      <div className="actions">
        <button type="button" className="primary" onClick={submit} disabled={saving}>
          {t('evidence.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('evidence.cancel')}
        </button>
      </div>
    </fieldset>
  );
}
