import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { toBase64 } from '../../../../shared/crypto/base64';
import { formatKeyIdForReading } from '../../../../shared/crypto/key-id';
import { signerCardOf } from '../../../../shared/submission/signer-card';
import { addNotice, reportError } from '../../app/notices';
import { useUnsavedDraft } from '../../app/pending-work';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { MissingKeyNotice } from '../backup/MissingKeyNotice';
import { useScreenHeading } from '../../components/useFocusOnMount';
import { storage, useIdentities } from '../../db';
import type { IdentityRow } from '../../db';
import { formatDateTime } from '../../i18n/format';
import { platform } from '../../platform';

const detailsSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  organisation: z.string().trim().min(1).max(300),
  email: z.email().max(320),
});
type Details = z.infer<typeof detailsSchema>;

/** Makes a key in the platform's key store and records the identity that goes with it. */
async function createIdentity(details: Details): Promise<void> {
  const key = await platform().generateSigningKey(`${details.name} <${details.email}>`);
  await storage().identities.add({ ...details, keyId: key.keyId, publicKey: toBase64(key.publicKey), createdAt: key.createdAt });
}

async function saveCard(identity: IdentityRow): Promise<string | undefined> {
  const card = signerCardOf(identity);
  const data = new TextEncoder().encode(`${JSON.stringify(card, null, 2)}\n`);
  const safeName = identity.name.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').toLowerCase() || 'signer';
  const result = await platform().saveFile({
    title: 'signer card',
    suggestedName: `signer-card-${safeName}-${identity.keyId.slice(0, 8)}.json`,
    filters: [{ name: 'Signer card', extensions: ['json'] }],
    data,
  });
  return result.saved ? (result.fileName ?? 'signer card') : undefined;
}

/** The focal point's signing identity: create it, read the key id aloud, save the card, replace the key. */
export function IdentityScreen() {
  const { t, i18n } = useTranslation();
  const heading = useScreenHeading<HTMLHeadingElement>(t('identity.title'));
  const identities = useIdentities();
  const current = identities?.find((row) => row.replacedAt === undefined);
  const previous = identities?.filter((row) => row.replacedAt !== undefined) ?? [];
  const [replacing, setReplacing] = useState(false);
  const [busy, setBusy] = useState(false);
  const language = i18n.resolvedLanguage ?? 'en';

  const download = (identity: IdentityRow) => {
    saveCard(identity).then(
      (file) => { if (file) addNotice({ kind: 'info', key: 'identity.cardSaved', detail: file }); },
      (error: unknown) => { reportError('identity.cardFailed', error); },
    );
  };
  const replace = () => {
    if (!current) return;
    setReplacing(false);
    setBusy(true);
    createIdentity({ name: current.name, organisation: current.organisation, email: current.email })
      .catch((error: unknown) => { reportError('identity.createFailed', error); })
      .finally(() => { setBusy(false); });
  };

  return (
    <div className="screen narrow">
      <h1 ref={heading} tabIndex={-1}>
        {t('identity.title')}
      </h1>
      <p>{t('identity.intro')}</p>
      {identities === undefined ? (
        <p role="status">{t('common.loading')}</p>
      ) : current ? (
        <section aria-labelledby="current-identity">
          <h2 id="current-identity">{t('identity.current')}</h2>
          <IdentityCard identity={current} language={language} />
          <MissingKeyNotice keyId={current.keyId} />
          <div className="actions">
            <button type="button" className="primary" onClick={() => { download(current); }}>
              {t('identity.downloadCard')}
            </button>
            <button type="button" onClick={() => { setReplacing(true); }} disabled={busy}>
              {t('identity.replace')}
            </button>
          </div>
          {busy && <p role="status">{t('identity.creating')}</p>}
        </section>
      ) : (
        <CreateIdentityForm />
      )}
      {previous.length > 0 && (
        <section aria-labelledby="previous-identities">
          <h2 id="previous-identities">{t('identity.previous')}</h2>
          <ul className="identities">
            {previous.map((row) => (
              <li key={row.keyId}>
                <IdentityCard identity={row} language={language} />
                <button type="button" onClick={() => { download(row); }}>
                  {t('identity.downloadCard')}
                  <span className="visually-hidden"> ({formatKeyIdForReading(row.keyId).slice(0, 19)})</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <ConfirmDialog
        open={replacing}
        title={t('identity.replaceTitle')}
        message={t('identity.replaceMessage')}
        confirmLabel={t('identity.replaceConfirm')}
        onConfirm={replace}
        onCancel={() => { setReplacing(false); }}
      />
    </div>
  );
}

function IdentityCard({ identity, language }: { readonly identity: IdentityRow; readonly language: string }) {
  const { t } = useTranslation();
  return (
    <dl className="identity-card">
      <dt>{t('identity.name')}</dt>
      <dd>{identity.name}</dd>
      <dt>{t('identity.organisation')}</dt>
      <dd>{identity.organisation}</dd>
      <dt>{t('identity.email')}</dt>
      <dd>{identity.email}</dd>
      <dt>{t('identity.keyId')}</dt>
      <dd>
        <code className="key-id" data-testid="key-id">{formatKeyIdForReading(identity.keyId)}</code>
        <span className="meta"> {t('identity.keyIdHelp')}</span>
      </dd>
      <dt className="visually-hidden">{t('identity.created', { date: '' })}</dt>
      <dd className="meta">
        {t('identity.created', { date: formatDateTime(identity.createdAt, language) })}
        {identity.replacedAt !== undefined && ` · ${t('identity.replacedOn', { date: formatDateTime(identity.replacedAt, language) })}`}
      </dd>
    </dl>
  );
}

function CreateIdentityForm() {
  const { t } = useTranslation();
  const [details, setDetails] = useState({ name: '', organisation: '', email: '' });
  // Typed but not created: an app update is refused until it is created or cleared (app/pending-work.ts).
  useUnsavedDraft(Object.values(details).some((value) => value.trim() !== ''), 'update.draft.identity');
  const [problem, setProblem] = useState(false);
  const [busy, setBusy] = useState(false);
  const field = (key: keyof typeof details, label: string, type = 'text', autoComplete = 'off') => (
    <div className="field">
      <label htmlFor={`identity-${key}`}>{label}</label>
      <input
        id={`identity-${key}`}
        type={type}
        autoComplete={autoComplete}
        required
        value={details[key]}
        aria-invalid={problem && !detailsSchema.shape[key].safeParse(details[key]).success ? true : undefined}
        onChange={(event) => { setDetails({ ...details, [key]: event.target.value }); }}
      />
    </div>
  );
  return (
    <form
      aria-labelledby="create-identity"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const parsed = detailsSchema.safeParse(details);
        if (!parsed.success) {
          setProblem(true);
          return;
        }
        setProblem(false);
        setBusy(true);
        createIdentity(parsed.data)
          .catch((error: unknown) => { reportError('identity.createFailed', error); })
          .finally(() => { setBusy(false); });
      }}
    >
      <h2 id="create-identity">{t('identity.createTitle')}</h2>
      {field('name', t('identity.name'), 'text', 'name')}
      {field('organisation', t('identity.organisation'), 'text', 'organization')}
      {field('email', t('identity.email'), 'email', 'email')}
      {problem && (
        <p className="field-error" role="alert">
          {t('identity.invalid')}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {t('identity.create')}
      </button>
      {busy && <p role="status">{t('identity.creating')}</p>}
    </form>
  );
}
