import type { EgovDeskDatabase } from '../database';
import type { SigningKeyRow } from '../records';

/** The web build's signing keys: the only code that reads or writes the `signingKeys` table. */
export class SigningKeysRepository {
  constructor(private readonly db: EgovDeskDatabase) {}

  /** Adds a key; an existing key is never overwritten (old keys stay usable to read old cards). */
  async add(row: SigningKeyRow): Promise<void> {
    await this.db.signingKeys.add(row);
  }

  async get(keyId: string): Promise<SigningKeyRow | undefined> {
    return this.db.signingKeys.get(keyId);
  }

  /** Oldest first. */
  async list(): Promise<SigningKeyRow[]> {
    return this.db.signingKeys.orderBy('createdAt').toArray();
  }
}
