import { findEntry, loadCatalog } from '../../app/catalog';
import { storage } from '../../db';
import type { ResponseRow } from '../../db';
import type { QuestionnaireDefinition } from '../../../../shared/schemas/questionnaire';
import { AnswerStore } from './answer-store';
import { EvidenceStore } from './evidence-store';

/** What the answer screen needs before it can show a response, or why it cannot. */
export type LoadedResponse =
  | { readonly kind: 'missing' }
  | { readonly kind: 'unknownQuestionnaire'; readonly row: ResponseRow }
  | { readonly kind: 'failed'; readonly message: string }
  | {
      readonly kind: 'ready';
      readonly row: ResponseRow;
      readonly definition: QuestionnaireDefinition;
      readonly store: AnswerStore;
      readonly evidence: EvidenceStore;
      /** Content hash of the exact definition answered (recorded at creation, else the catalog's). */
      readonly contentHash: string;
    };

/** Reads a response, its edition, answers and evidence; never rejects (a failure is a result). */
export async function loadResponse(responseId: string): Promise<LoadedResponse> {
  try {
    // Read together rather than one after another: the catalog's checks run while IndexedDB reads.
    const [row, catalog, answers, evidence] = await Promise.all([
      storage().responses.get(responseId),
      loadCatalog(),
      storage().answers.load(responseId),
      storage().evidence.load(responseId),
    ]);
    if (!row) return { kind: 'missing' };
    // The exact edition the response was started with: same id, version and (when recorded) content hash.
    const entry = findEntry(catalog, row.questionnaireId, row.questionnaireVersion, row.questionnaireHash);
    if (!entry) return { kind: 'unknownQuestionnaire', row };
    return {
      kind: 'ready',
      row,
      definition: entry.definition,
      store: new AnswerStore(answers),
      evidence: new EvidenceStore(evidence),
      contentHash: row.questionnaireHash ?? entry.contentHash,
    };
  } catch (error) {
    return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
}

let prefetched: { readonly responseId: string; result?: LoadedResponse } | undefined;

/**
 * Reads the response an opening `#/response/…` address shows while the app starts (main.tsx awaits it
 * with the screen's code), so the first render shows the questions instead of a loading state and
 * the reads overlap with fetching code and starting i18n.
 */
export async function prefetchResponse(responseId: string): Promise<void> {
  const entry: { readonly responseId: string; result?: LoadedResponse } = { responseId };
  prefetched = entry;
  entry.result = await loadResponse(responseId);
}

/**
 * The prefetched result for this response, handed out once: a later visit must read the stored
 * answers again, never an old copy.
 */
export function takePrefetchedResponse(responseId: string): LoadedResponse | undefined {
  const entry = prefetched;
  if (entry?.responseId !== responseId || entry.result === undefined) return undefined;
  prefetched = undefined;
  return entry.result;
}
