import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatKeyIdForReading } from '../../../../shared/crypto/key-id';
import type { ConsolidatedVerification } from '../../../../shared/merge/consolidated';
import type { VerificationReport } from '../../../../shared/submission/verify';
import { readSignerCard } from '../../../../shared/submission/signer-card';
import { useCatalog } from '../../app/catalog';
import { addNotice, reportError } from '../../app/notices';
import { useScreenHeading } from '../../components/useFocusOnMount';
import { storage, useTrustedSigners } from '../../db';
import { formatDateTime } from '../../i18n/format';
import { platform } from '../../platform';
import { consolidatedView } from './consolidated-view';
import type { VerifiedFile } from './verify-file';
import { verifyAnyFile } from './verify-file';

interface Result {
  readonly file: string;
  readonly verified: VerifiedFile;
}

/** Reviewers and coordinators open signed files here and see at once whether they can trust them. */
export function VerifyScreen() {
  const { t, i18n } = useTranslation();
  const heading = useScreenHeading<HTMLHeadingElement>(t('verify.title'));
  const trusted = useTrustedSigners();
  const catalog = useCatalog();
  const [results, setResults] = useState<readonly Result[]>([]);
  const [checking, setChecking] = useState<string | undefined>();

  const choose = async () => {
    const files = await platform().openFiles({
      title: t('verify.pickTitle'),
      filters: [{ name: 'Submissions', extensions: ['json', 'xlsx'] }],
      multiple: true,
    });
    const cards = (trusted ?? []).map((row) => row.card);
    const definitions = catalog ? catalog.entries.map((entry) => entry.definition) : [];
    const next: Result[] = [];
    for (const file of files) {
      setChecking(file.name);
      next.push({ file: file.name, verified: await verifyAnyFile(file.data, cards, definitions) });
    }
    setChecking(undefined);
    if (files.length > 0) setResults(next);
  };

  const addCards = async () => {
    const files = await platform().openFiles({ title: t('verify.pickCards'), filters: [{ name: 'Signer cards', extensions: ['json'] }], multiple: true });
    for (const file of files) {
      const read = await readSignerCard(file.data);
      if (!read.ok) {
        reportError('verify.cardRefused', new Error(`${file.name}: ${read.reason}`));
        continue;
      }
      await storage().identities.trust(read.card);
      addNotice({ kind: 'info', key: 'verify.cardAdded', detail: `${read.card.name} (${read.card.organisation})` });
    }
  };

  return (
    <div className="screen">
      <h1 ref={heading} tabIndex={-1}>
        {t('verify.title')}
      </h1>
      <p>{t('verify.intro')}</p>
      <p>{t('verify.consolidated.intro')}</p>
      <button type="button" className="primary" onClick={() => { choose().catch((error: unknown) => { setChecking(undefined); reportError('verify.unreadable', error); }); }}>
        {t('verify.choose')}
      </button>
      <div role="status">{checking && <p>{t('verify.checking', { file: checking })}</p>}</div>
      {results.length > 0 && (
        <section aria-labelledby="verify-results">
          <h2 id="verify-results">{t('verify.results')}</h2>
          <ul className="verify-results">
            {results.map(({ file, verified }, i) =>
              verified.kind === 'consolidated' ? (
                <ConsolidatedItem key={`${file}-${String(i)}`} file={file} verification={verified.verification} />
              ) : (
                <ReportItem key={`${file}-${String(i)}`} file={file} report={verified.report} />
              ),
            )}
          </ul>
        </section>
      )}
      <section aria-labelledby="trusted-signers">
        <h2 id="trusted-signers">{t('verify.trustedTitle')}</h2>
        <p>{t('verify.trustedIntro')}</p>
        {trusted && trusted.length === 0 && <p className="meta">{t('verify.noTrusted')}</p>}
        {trusted && trusted.length > 0 && (
          <ul className="trusted">
            {trusted.map(({ card, addedAt }) => (
              <li key={card.keyId}>
                <span>
                  {card.name} ({card.organisation}, {card.email}) · <code className="key-id">{formatKeyIdForReading(card.keyId)}</code>
                  <span className="meta"> · {t('verify.addedOn', { date: formatDateTime(addedAt, i18n.resolvedLanguage ?? 'en') })}</span>
                </span>
                <button type="button" className="link-button danger" onClick={() => { void storage().identities.distrust(card.keyId); }}>
                  {t('verify.remove')}
                  <span className="visually-hidden"> {card.name}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        <button type="button" onClick={() => { addCards().catch((error: unknown) => { reportError('verify.cardRefused', error); }); }}>
          {t('verify.addCards')}
        </button>
      </section>
    </div>
  );
}

function ReportItem({ file, report }: { readonly file: string; readonly report: VerificationReport }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  if (report.status === 'unreadable') {
    return (
      <li className="verify-result unreadable" data-status="unreadable">
        <h3>{file}</h3>
        <p className="field-error">{t('verify.unreadable', { reason: report.reason })}</p>
      </li>
    );
  }
  const { document } = report;
  const about = t('verify.about', {
    questionnaire: `${document.questionnaire.title} ${document.questionnaire.version}`,
    place: document.respondent.place,
    date: formatDateTime(Date.parse(document.timestamps.signed), language),
  });
  return (
    <li className={`verify-result ${report.status}`} data-status={report.status}>
      <h3>{file}</h3>
      {report.status === 'valid' && (
        <>
          <p className="verdict-line ok">{t('verify.valid', { name: document.signer.name, organisation: document.signer.organisation })}</p>
          <p>{report.trusted ? t('verify.trusted') : t('verify.untrusted')}</p>
        </>
      )}
      {report.status === 'signatureInvalid' && (
        <>
          <p className="field-error">{t('verify.signatureInvalid')}</p>
          <p>{t(`verify.problem.${report.problem}`)}</p>
        </>
      )}
      {report.status === 'changed' && (
        <>
          <p className="field-error">{t('verify.changed')}</p>
          <ul className="changes">
            {report.changes.map((change) => (
              <li key={change.where}>
                <code>{change.where}</code>
                {change.signed !== undefined && ` — ${t('verify.changeSigned', { value: change.signed })}`}
                {change.found !== undefined && ` — ${t('verify.changeFound', { value: change.found })}`}
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="meta">{about}</p>
      <p className="meta">{t('verify.keyId', { keyId: formatKeyIdForReading(document.signature.keyId) })}</p>
    </li>
  );
}

const VERDICT_CLASS = { ok: 'verdict-line ok', warning: 'field-warning', danger: 'field-error' } as const;

/** A coordinator's consolidated dataset: who signed it (or that no one did) and what it holds. */
function ConsolidatedItem({ file, verification }: { readonly file: string; readonly verification: ConsolidatedVerification }) {
  const { t, i18n } = useTranslation();
  const view = consolidatedView(t, verification, i18n.resolvedLanguage ?? 'en');
  return (
    <li className={`verify-result ${verification.status}`} data-status={verification.status} data-kind="consolidated">
      <h3>{file}</h3>
      <p className={VERDICT_CLASS[view.tone]}>{view.verdict}</p>
      {view.details.map((detail) => (
        <p key={detail}>{detail}</p>
      ))}
      {view.summary !== undefined && <p className="meta">{view.summary}</p>}
      {view.keyId !== undefined && <p className="meta">{view.keyId}</p>}
    </li>
  );
}
