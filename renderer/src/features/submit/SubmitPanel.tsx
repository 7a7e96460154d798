import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatKeyIdForReading } from '../../../../shared/crypto/key-id';
import type { Readiness } from '../../../../shared/engine/validation/readiness';
import type { QuestionnaireDefinition } from '../../../../shared/schemas/questionnaire';
import { localize } from '../../../../shared/questionnaire/localize';
import type { SubmissionDocument } from '../../../../shared/submission/document';
import { reportError } from '../../app/notices';
import { routeHref } from '../../app/router';
import { useIdentities } from '../../db';
import type { ResponseRow } from '../../db';
import type { AnswerStore } from '../answering/answer-store';
import type { EvidenceStore } from '../answering/evidence-store';
import { checkEvidenceLinks } from '../validation/link-check';
import { MissingKeyNotice } from '../backup/MissingKeyNotice';
import type { ValidationStore } from '../validation/validation-store';
import { signAndExport } from './sign-and-export';
import type { ExportStep } from './sign-and-export';

interface SubmitPanelProps {
  readonly row: ResponseRow;
  readonly definition: QuestionnaireDefinition;
  readonly contentHash: string;
  readonly store: AnswerStore;
  readonly evidence: EvidenceStore;
  readonly validation: ValidationStore;
  readonly acknowledged: ReadonlySet<string>;
  readonly readiness: Readiness;
  readonly onSubmitted: (document: SubmissionDocument) => void;
}

type Phase =
  | { readonly kind: 'idle' }
  | { readonly kind: 'review' }
  | { readonly kind: 'running'; readonly step: 'links' | ExportStep; readonly linksNote?: string }
  | { readonly kind: 'done'; readonly files: readonly string[] }
  | { readonly kind: 'cancelled' };

/**
 * The export gate and flow: errors block, warnings must be acknowledged, an identity must exist;
 * then a final review, the link check, the signature, and both files saved.
 */
export function SubmitPanel(props: SubmitPanelProps) {
  const { row, definition, readiness } = props;
  const { t, i18n } = useTranslation();
  const identities = useIdentities();
  const identity = identities?.find((i) => i.replacedAt === undefined);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const reviewHeading = useRef<HTMLHeadingElement>(null);
  const language = i18n.resolvedLanguage ?? 'en';
  const defaultLanguage = definition.languages[0] ?? 'en';

  useEffect(() => {
    if (phase.kind === 'review') reviewHeading.current?.focus();
  }, [phase.kind]);

  const run = async () => {
    if (!identity) return;
    setPhase({ kind: 'running', step: 'links' });
    // Before export, each evidence link is checked when that is possible; otherwise the reason is shown.
    const links = await checkEvidenceLinks(row.id, props.evidence, props.validation, () => undefined);
    const linksNote =
      links.kind === 'offline' ? t('check.offline') : links.kind === 'unavailable' ? t('check.unavailable') : undefined;
    const result = await signAndExport({
      row,
      definition,
      contentHash: props.contentHash,
      answers: props.store.snapshot(),
      evidence: props.evidence.snapshot(),
      acknowledged: props.acknowledged,
      identity,
      onStep: (step) => { setPhase({ kind: 'running', step, ...(linksNote === undefined ? {} : { linksNote }) }); },
    });
    if (result.kind === 'cancelled') {
      setPhase({ kind: 'cancelled' });
      return;
    }
    setPhase({ kind: 'done', files: result.files });
    props.onSubmitted(result.document);
  };

  let body;
  if (readiness.status === 'notReady') body = <p>{t('submit.notReady')}</p>;
  else if (readiness.status === 'needsAcknowledgement') body = <p>{t('submit.needsAcknowledgement')}</p>;
  else if (identities !== undefined && !identity) {
    body = (
      <p>
        {t('submit.needsIdentity')} <a href={routeHref({ name: 'identity' })}>{t('submit.identityLink')}</a>
      </p>
    );
  } else if (identity && phase.kind === 'review') {
    body = (
      <section className="final-review" aria-labelledby="final-review">
        <h3 id="final-review" ref={reviewHeading} tabIndex={-1}>
          {t('submit.reviewTitle')}
        </h3>
        <p>{t('submit.reviewIntro')}</p>
        <dl>
          <dt>{t('submit.questionnaire')}</dt>
          <dd>{`${localize(definition.title, language, defaultLanguage)} (${definition.id} ${definition.version})`}</dd>
          <dt>{t('submit.respondent')}</dt>
          <dd>{`${row.respondent.place} — ${row.respondent.organisation}`}</dd>
          <dt>{t('submit.answered')}</dt>
          <dd>{`${String(readiness.totals.answered)} / ${String(readiness.totals.total)}`}</dd>
          <dt>{t('submit.evidence')}</dt>
          <dd>{readiness.totals.evidence}</dd>
          <dt>{t('submit.warnings')}</dt>
          <dd>{readiness.totals.warnings}</dd>
          <dt>{t('submit.signer')}</dt>
          <dd>
            {`${identity.name} (${identity.organisation}) · `}
            <code className="key-id">{formatKeyIdForReading(identity.keyId)}</code>
          </dd>
        </dl>
        <div className="actions">
          <button
            type="button"
            className="primary"
            onClick={() => {
              run().catch((error: unknown) => {
                setPhase({ kind: 'idle' });
                reportError('submit.failed', error);
              });
            }}
          >
            {t('submit.sign')}
          </button>
          <button type="button" onClick={() => { setPhase({ kind: 'idle' }); }}>
            {t('submit.cancel')}
          </button>
        </div>
      </section>
    );
  } else if (identity && phase.kind !== 'running') {
    body = (
      <button type="button" className="primary" onClick={() => { setPhase({ kind: 'review' }); }}>
        {t('submit.review')}
      </button>
    );
  }

  const stepText =
    phase.kind === 'running'
      ? phase.step === 'links' ? t('submit.stepLinks') : phase.step === 'signing' ? t('submit.stepSigning') : phase.step === 'workbook' ? t('submit.stepWorkbook') : t('submit.stepSaving')
      : undefined;
  return (
    <section className="submit-panel" aria-labelledby="submit-heading">
      <h2 id="submit-heading">{t('submit.heading')}</h2>
      {identity && <MissingKeyNotice keyId={identity.keyId} showLink />}
      {body}
      <div role="status">
        {stepText && <p>{stepText}</p>}
        {phase.kind === 'running' && phase.linksNote && <p>{t('submit.stepLinksSkipped', { reason: phase.linksNote })}</p>}
        {phase.kind === 'done' && <p>{t('submit.done', { files: phase.files.join(', ') })}</p>}
        {phase.kind === 'cancelled' && <p>{t('submit.notSaved')}</p>}
      </div>
    </section>
  );
}
