import type Dexie from 'dexie';

/**
 * Version 4:
 * - `identities`: the focal point's signing identities (name, organisation, e-mail and the key id
 *   of the key that signs for them). Replacing a key adds a row and marks the old one replaced, so
 *   old signer cards stay readable and exportable.
 * - `trustedSigners`: signer cards a coordinator or reviewer trusts, keyed by key id.
 * Responses gain optional, unindexed `submission` (when it was signed and its submission id: a
 * submitted response is read-only) and `revises` (the submission a revision starts from).
 */
export const VERSION = 4;

export function apply(db: Dexie): void {
  db.version(VERSION).stores({
    identities: 'keyId, createdAt',
    trustedSigners: 'keyId',
  });
}
