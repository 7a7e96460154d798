import { contentHash } from '../crypto/hash';
import type { Digests, UnsignedSubmission } from './document';

type DigestedParts = Omit<UnsignedSubmission, 'digests'>;

/** SHA-256 of each part of a submission (and of each answer and evidence list), canonical JSON. */
export async function computeDigests(parts: DigestedParts): Promise<Digests> {
  const each = async (record: Readonly<Record<string, unknown>>) =>
    Object.fromEntries(await Promise.all(Object.entries(record).map(async ([id, value]) => [id, await contentHash(value)] as const)));
  return {
    questionnaire: await contentHash(parts.questionnaire),
    respondent: await contentHash(parts.respondent),
    signer: await contentHash(parts.signer),
    validation: await contentHash(parts.validation),
    // Only when there are scores: a document without them keeps the digests it always had.
    ...(parts.scores === undefined ? {} : { scores: await contentHash(parts.scores) }),
    timestamps: await contentHash(parts.timestamps),
    answers: await each(parts.answers),
    evidence: await each(parts.evidence),
  };
}

/**
 * Paths whose content no longer matches the digests recorded at signing: `answers.A.1`,
 * `respondent`, `scores`, … An entry added or removed after signing is listed too (scores added to
 * a file signed without them, or removed from one signed with them, is `scores`).
 */
export async function changedParts(document: UnsignedSubmission): Promise<string[]> {
  const now = await computeDigests(document);
  const recorded = document.digests;
  const changed: string[] = [];
  for (const part of ['questionnaire', 'respondent', 'signer', 'validation', 'scores', 'timestamps'] as const) {
    if (now[part] !== recorded[part]) changed.push(part);
  }
  for (const part of ['answers', 'evidence'] as const) {
    const ids = new Set([...Object.keys(now[part]), ...Object.keys(recorded[part])]);
    for (const id of [...ids].sort()) if (now[part][id] !== recorded[part][id]) changed.push(`${part}.${id}`);
  }
  return changed;
}
