import { checkEvidenceUrl } from '../../../../shared/evidence/evidence-url';
import { MAX_LINKS_PER_CHECK } from '../../../../shared/ipc/contract';
import type { EvidenceByQuestion, LinkCheck } from '../../../../shared/schemas/evidence';
import type { Visibility } from '../../../../shared/engine/relevance';
import type { LinkCheckOutcome } from '../../platform/types';
import { evidenceKey } from '../../../../shared/engine/validation/validator';
import { storage } from '../../db';
import { platform } from '../../platform';
import type { EvidenceStore } from '../answering/evidence-store';
import type { ValidationStore } from './validation-store';

/**
 * The URLs a link check should visit: evidence of shown questions only (hidden ones are not
 * exported), each once, and never an address the URL policy refuses or marks as local: an
 * imported response must not make this machine probe its own network.
 */
export function urlsToCheck(evidence: EvidenceByQuestion, visibility: Visibility): string[] {
  const urls = new Set<string>();
  for (const [questionId, items] of evidence) {
    if (!visibility.questions.has(questionId)) continue;
    for (const item of items) {
      const url = checkEvidenceUrl(item.url);
      if (url.ok && !url.local) urls.add(item.url);
    }
  }
  return [...urls];
}

export type LinkCheckRun =
  | { readonly kind: 'checked'; readonly results: ReadonlyMap<string, LinkCheck> }
  | { readonly kind: 'offline' }
  | { readonly kind: 'unavailable' };

/**
 * Checks URLs in batches (the IPC contract takes at most MAX_LINKS_PER_CHECK per call), reporting
 * progress after each batch. Stops at the first batch that says offline or unavailable and
 * returns that, so nothing is recorded from a partial run that could not finish.
 */
export async function runLinkCheck(
  urls: readonly string[],
  check: (batch: readonly string[]) => Promise<LinkCheckOutcome>,
  onProgress: (done: number, total: number) => void,
): Promise<LinkCheckRun> {
  const results = new Map<string, LinkCheck>();
  onProgress(0, urls.length);
  for (let start = 0; start < urls.length; start += MAX_LINKS_PER_CHECK) {
    const batch = urls.slice(start, start + MAX_LINKS_PER_CHECK);
    const outcome = await check(batch);
    if (outcome.kind !== 'checked') return outcome;
    for (const { url, ...result } of outcome.results) results.set(url, result);
    onProgress(Math.min(start + batch.length, urls.length), urls.length);
  }
  return { kind: 'checked', results };
}

export type EvidenceLinkCheck =
  | { readonly kind: 'done'; readonly total: number; readonly ok: number }
  | { readonly kind: 'none' | 'offline' | 'unavailable' };

/**
 * Checks the evidence links of the open response and records the results: stored first, then the
 * in-memory evidence and the validation (broken or moved links become warnings). Offline or on the
 * web, it says so and changes nothing.
 */
export async function checkEvidenceLinks(
  responseId: string,
  evidence: EvidenceStore,
  validation: ValidationStore,
  onProgress: (done: number, total: number) => void,
): Promise<EvidenceLinkCheck> {
  const urls = urlsToCheck(evidence.snapshot(), validation.visibility());
  if (urls.length === 0) return { kind: 'none' };
  if (!navigator.onLine) return { kind: 'offline' };
  const run = await runLinkCheck(urls, (batch) => platform().checkLinks(batch), onProgress);
  if (run.kind !== 'checked') return run;
  const changed = await storage().evidence.recordChecks(responseId, run.results);
  for (const [questionId, items] of changed) evidence.set(questionId, items);
  validation.changed([...changed.keys()].map(evidenceKey));
  const ok = [...run.results.values()].filter((r) => r.status === 'ok').length;
  return { kind: 'done', total: run.results.size, ok };
}
