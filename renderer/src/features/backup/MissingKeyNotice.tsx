import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { routeHref } from '../../app/router';
import { platform } from '../../platform';

/**
 * Says so when this device holds no private key for an identity: what happens after restoring a
 * backup on another device or browser (private keys are never in a backup). Without it, signing
 * would fail only at the last step. Renders nothing while checking, when the key is here, and when
 * the key store cannot be asked (that failure shows where signing happens).
 */
export function MissingKeyNotice({ keyId, showLink = false }: { readonly keyId: string; readonly showLink?: boolean }) {
  const { t } = useTranslation();
  const missing = useKeyMissing(keyId);
  if (!missing) return null;
  return (
    <div role="status" className="notice error block" data-testid="missing-key">
      <p>{t('backup.missingKey')}</p>
      {showLink && (
        <p>
          <a href={routeHref({ name: 'identity' })}>{t('backup.missingKeyLink')}</a>
        </p>
      )}
    </div>
  );
}

/** True once the platform's key store has answered and has no key with this id. */
export function useKeyMissing(keyId: string): boolean {
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    let cancelled = false;
    platform()
      .listSigningKeys()
      .then(
        (keys) => {
          if (!cancelled) setMissing(!keys.some((key) => key.keyId === keyId));
        },
        () => {
          if (!cancelled) setMissing(false);
        },
      );
    return () => {
      cancelled = true;
    };
  }, [keyId]);
  return missing;
}
