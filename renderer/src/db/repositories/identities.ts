import type { EgovDeskDatabase } from '../database';
import type { IdentityRow, TrustedSignerRow } from '../records';
import type { SignerCard } from '../../../../shared/submission/document';

/** Signing identities and the trusted list: the only code that reads or writes those tables. */
export class IdentitiesRepository {
  constructor(
    private readonly db: EgovDeskDatabase,
    private readonly now: () => number = Date.now,
  ) {}

  /** The identity that signs now: the newest one not replaced. */
  async current(): Promise<IdentityRow | undefined> {
    const rows = await this.db.identities.orderBy('createdAt').reverse().toArray();
    return rows.find((row) => row.replacedAt === undefined);
  }

  /** Every identity, newest first (replaced ones included, so their cards stay readable). */
  async list(): Promise<IdentityRow[]> {
    return this.db.identities.orderBy('createdAt').reverse().toArray();
  }

  /** Adds an identity and marks every other current one replaced, in one transaction. */
  async add(row: IdentityRow): Promise<void> {
    await this.db.transaction('rw', this.db.identities, async () => {
      const time = this.now();
      await this.db.identities.toCollection().filter((other) => other.replacedAt === undefined).modify({ replacedAt: time });
      await this.db.identities.add(row);
    });
  }

  async trusted(): Promise<TrustedSignerRow[]> {
    return this.db.trustedSigners.toArray();
  }

  async trust(card: SignerCard): Promise<void> {
    await this.db.trustedSigners.put({ keyId: card.keyId, card, addedAt: this.now() });
  }

  async distrust(keyId: string): Promise<void> {
    await this.db.trustedSigners.delete(keyId);
  }
}
