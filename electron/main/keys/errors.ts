import { AppError } from '../../../shared/errors';

/**
 * The operating system's protected storage cannot guard a private key right now (no keyring, a
 * locked or replaced keyring, or only Electron's hard-coded fallback password on Linux).
 */
export class KeyStoreUnavailableError extends AppError {
  constructor(message: string) {
    super('KEYSTORE_UNAVAILABLE', message);
  }
}

/** No usable key with that id in the key store. */
export class SigningKeyNotFoundError extends AppError {
  constructor(message: string) {
    super('NOT_FOUND', message);
  }
}
