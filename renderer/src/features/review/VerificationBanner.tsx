import { useTranslation } from 'react-i18next';
import { formatKeyIdForReading } from '../../../../shared/crypto/key-id';
import type { SignerCard } from '../../../../shared/submission/document';
import type { VerificationReport } from '../../../../shared/submission/verify';
import { reportError } from '../../app/notices';
import { storage } from '../../db';
import { markTrusted } from './opened-file';

/** The card of the key that signed a file, as the file states it, for the trusted list. */
function cardFromReport(report: Extract<VerificationReport, { status: 'valid' }>): SignerCard {
  const { signer, signature, timestamps } = report.document;
  return {
    format: 'egov-desk/signer-card',
    formatVersion: 1,
    name: signer.name,
    organisation: signer.organisation,
    email: signer.email,
    algorithm: 'Ed25519',
    keyId: signature.keyId,
    publicKey: signature.publicKey,
    createdAt: timestamps.signed,
  };
}

/**
 * The verdict on an opened file, impossible to miss: valid and trusted, valid but from an unknown
 * signer (key id, and a button to trust it), changed after signing (each change with its signed
 * and current value), signature invalid, or unreadable (the reason).
 */
export function VerificationBanner({ fileName, report }: { readonly fileName: string; readonly report: VerificationReport }) {
  const { t } = useTranslation();
  const trust = (card: SignerCard) => {
    storage().identities.trust(card).then(
      () => { markTrusted(card.keyId); },
      (error: unknown) => { reportError('review.trustFailed', error); },
    );
  };
  let body;
  switch (report.status) {
    case 'valid':
      body = report.trusted ? (
        <p className="banner-title">{t('review.bannerTrusted', { name: report.document.signer.name, organisation: report.document.signer.organisation })}</p>
      ) : (
        <>
          <p className="banner-title">{t('review.bannerUnknown', { name: report.document.signer.name, organisation: report.document.signer.organisation })}</p>
          <p>{t('review.keyId')} <code className="key-id">{formatKeyIdForReading(report.document.signature.keyId)}</code></p>
          <button type="button" onClick={() => { trust(cardFromReport(report)); }}>
            {t('review.addTrusted')}
          </button>
        </>
      );
      break;
    case 'changed':
      body = (
        <>
          <p className="banner-title">{t('review.bannerChanged')}</p>
          <ul className="changes">
            {report.changes.map((change) => (
              <li key={change.where}>
                <code>{change.where}</code>
                {change.signed !== undefined && <> — {t('verify.changeSigned', { value: change.signed })}</>}
                {change.found !== undefined && <> — {t('verify.changeFound', { value: change.found })}</>}
              </li>
            ))}
          </ul>
        </>
      );
      break;
    case 'signatureInvalid':
      body = (
        <>
          <p className="banner-title">{t('verify.signatureInvalid')}</p>
          <p>{t(`verify.problem.${report.problem}`)}</p>
        </>
      );
      break;
    case 'unreadable':
      body = <p className="banner-title">{t('verify.unreadable', { reason: report.reason })}</p>;
      break;
  }
  const tone = report.status === 'valid' ? (report.trusted ? 'trusted' : 'unknown') : 'bad';
  return (
    <div className={`verification-banner ${tone}`} role="status" data-status={report.status}>
      <p className="meta">{fileName}</p>
      {body}
    </div>
  );
}
