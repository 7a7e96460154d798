import { useRef, useState, useSyncExternalStore } from 'react';
import { useUiText } from '../use-ui-text';
import type { Finding } from '../../../../../shared/engine/validation/findings';
import type { EvidenceItem } from '../../../../../shared/schemas/evidence';
import type { Question } from '../../../../../shared/schemas/questionnaire';
import { reportError } from '../../../app/notices';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { ExternalLink } from '../../../components/ExternalLink';
import { formatDateTime } from '../../../i18n/format';
import { findingMessage, linkStatusMessage } from '../../validation/finding-message';
import type { MessageLanguages } from '../../validation/finding-message';
import { useAnswerContext } from '../answer-context';
import { EvidenceForm } from './EvidenceForm';

const NO_ITEMS: readonly EvidenceItem[] = [];

interface EvidenceListProps {
  readonly question: Question;
  readonly findings: readonly Finding[];
}

/**
 * The evidence links of one question: each can be opened (system browser or a new tab), edited and
 * removed, and a new one added. Its findings (refused, duplicate, broken links) show under it.
 */
export function EvidenceList({ question, findings }: EvidenceListProps) {
  const { t, language: uiLanguage } = useUiText();
  const { evidence, changeEvidence, language, defaultLanguage } = useAnswerContext();
  const items = useSyncExternalStore(
    (listener) => evidence.subscribe(question.id, listener),
    () => evidence.get(question.id) ?? NO_ITEMS,
  );
  // Which form is open: a new link, or the id of the item being edited.
  const [editing, setEditing] = useState<{ readonly kind: 'new' } | { readonly kind: 'edit'; readonly id: string } | undefined>();
  const [toRemove, setToRemove] = useState<EvidenceItem | undefined>();
  const [dialogUsed, setDialogUsed] = useState(false);
  if (toRemove !== undefined && !dialogUsed) setDialogUsed(true);
  const addButton = useRef<HTMLButtonElement>(null);
  const languages: MessageLanguages = { ui: uiLanguage, content: language, contentDefault: defaultLanguage };
  const policy =
    question.evidence === 'requiredWhenYes' ? t('evidence.policyRequiredWhenYes')
    : question.evidence === 'required' ? t('evidence.policyRequired')
    : question.evidence === 'optional' ? t('evidence.policyOptional')
    : undefined;

  const save = async (next: readonly EvidenceItem[]) => {
    try {
      await changeEvidence(question.id, next);
      return true;
    } catch (error) {
      reportError('evidence.saveFailed', error);
      return false;
    }
  };
  const questionFindings = findings.filter((f) => f.place.kind === 'question' && f.problem.code === 'evidenceRequired');

  return (
    // A plain block, not a region labelled with the question: that would compete with the
    // question's own field for its label. It follows the field, so its context is clear in reading order.
    <div className="evidence">
      {/* Not a heading: questions are not headings either, and the outline stays section → group. */}
      <p className="evidence-heading">{t('evidence.heading')}</p>
      {policy && <p className="meta">{policy}</p>}
      {questionFindings.map((finding) => (
        <p key={finding.key} className={`field-${finding.severity}`}>
          {findingMessage(t, finding, languages)}
        </p>
      ))}
      {items.length > 0 && (
        <ol className="evidence-items">
          {items.map((item, index) => {
            const own = findings.filter((f) => f.place.kind === 'evidence' && f.place.evidenceId === item.id);
            if (editing?.kind === 'edit' && editing.id === item.id) {
              return (
                <li key={item.id}>
                  <EvidenceForm
                    title={t('evidence.editTitle', { index: index + 1 })}
                    item={item}
                    onSave={async (saved) => {
                      if (await save(items.map((i) => (i.id === item.id ? saved : i)))) setEditing(undefined);
                    }}
                    onCancel={() => { setEditing(undefined); }}
                  />
                </li>
              );
            }
            return (
              <li key={item.id} className="evidence-item">
                <ExternalLink url={item.url}>{item.title}</ExternalLink>
                <span className="evidence-url">{item.url}</span>
                <span className="meta">
                  {t('evidence.accessedOn', { date: item.accessed })}
                  {item.check && (
                    <>
                      {' · '}
                      {t('evidence.checkedOn', {
                        date: formatDateTime(item.check.checkedAt, uiLanguage),
                        status: linkStatusMessage(t, item.check.status, item.check.httpStatus, item.check.finalUrl),
                      })}
                    </>
                  )}
                </span>
                {item.note && <span className="evidence-note">{item.note}</span>}
                {own.map((finding) => (
                  <span key={finding.key} className={`field-${finding.severity}`}>
                    {findingMessage(t, finding, languages)}
                  </span>
                ))}
                <span className="evidence-actions">
                  <button type="button" className="link-button" onClick={() => { setEditing({ kind: 'edit', id: item.id }); }}>
                    {t('evidence.edit')}
                    <span className="visually-hidden"> {t('evidence.itemLabel', { index: index + 1, title: item.title })}</span>
                  </button>
                  <button type="button" className="link-button danger" onClick={() => { setToRemove(item); }}>
                    {t('evidence.remove')}
                    <span className="visually-hidden"> {t('evidence.itemLabel', { index: index + 1, title: item.title })}</span>
                  </button>
                </span>
              </li>
            );
          })}
        </ol>
      )}
      {editing?.kind === 'new' ? (
        <EvidenceForm
          title={t('evidence.addTitle')}
          item={undefined}
          onSave={async (saved) => {
            if (await save([...items, saved])) {
              setEditing(undefined);
              // Back to where the person started, ready for another link.
              requestAnimationFrame(() => addButton.current?.focus());
            }
          }}
          onCancel={() => {
            setEditing(undefined);
            requestAnimationFrame(() => addButton.current?.focus());
          }}
        />
      ) : (
        <button ref={addButton} type="button" className="secondary" onClick={() => { setEditing({ kind: 'new' }); }}>
          {t('evidence.add')}
        </button>
      )}
      {/* Mounted once first needed, then kept (closing the native dialog returns focus): a closed
          dialog in each of 95 questions is DOM and render work for nothing. */}
      {dialogUsed && <ConfirmDialog
        open={toRemove !== undefined}
        title={t('evidence.remove')}
        message={toRemove ? `${toRemove.title} — ${toRemove.url}` : ''}
        confirmLabel={t('evidence.remove')}
        onConfirm={() => {
          const removing = toRemove;
          setToRemove(undefined);
          if (removing) void save(items.filter((i) => i.id !== removing.id));
        }}
        onCancel={() => { setToRemove(undefined); }}
      />}
    </div>
  );
}
