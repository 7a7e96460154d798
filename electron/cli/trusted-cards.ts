import path from 'node:path';
import type { SignerCard } from '../../shared/submission/document';
import { MAX_SIGNER_CARD_BYTES, readSignerCard } from '../../shared/submission/signer-card';
import { UsageError } from './errors';
import { readLimited } from './files';

/** The signer cards named by `--trusted`; a file that is not a signer card is a usage error naming it. */
export async function loadTrustedCards(files: readonly string[], cwd: string): Promise<SignerCard[]> {
  const cards: SignerCard[] = [];
  for (const name of files) {
    const read = await readLimited(path.resolve(cwd, name), MAX_SIGNER_CARD_BYTES, name);
    if (read.kind === 'tooLarge') throw new UsageError(`${name} is too large to be a signer card`);
    const card = await readSignerCard(read.bytes);
    if (!card.ok) throw new UsageError(`${name} is not a signer card: ${card.reason}`);
    cards.push(card.card);
  }
  return cards;
}
