import { loadEntry } from '../../app/catalog';
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
    // Read together rather than one after another: the answers and evidence load while the edition
    // the response names is fetched and checked (that edition alone, not the whole catalog).
    const rowRead = storage().responses.get(responseId);
    // The exact edition the response was started with: same id, version and (when recorded) content hash.
    const entryRead = rowRead.then((found) => found && loadEntry(found.questionnaireId, found.questionnaireVersion, found.questionnaireHash));
    const [row, entry, answers, evidence] = await Promise.all([rowRead, entryRead, storage().answers.load(responseId), storage().evidence.load(responseId)]);
    if (!row) return { kind: 'missing' };
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

interface Prefetch {
  readonly responseId: string;
  readonly pending: Promise<LoadedResponse>;
  result?: LoadedResponse;
}

let prefetched: Prefetch | undefined;

/**
 * Starts reading the response an opening `#/response/…` address shows while the app starts
 * (main.tsx waits for it a short while, with the screen's code), so the first render usually shows
 * the questions instead of a loading state and the reads overlap with fetching code and starting
 * i18n. Resolves when the read is done; never rejects (loadResponse turns failures into results).
 */
export function prefetchResponse(responseId: string): Promise<void> {
  const entry: Prefetch = { responseId, pending: loadResponse(responseId) };
  prefetched = entry;
  return entry.pending.then((result) => { entry.result = result; });
}

/** What the answer screen gets from the start-up read: the result, or the read still under way. */
export type PrefetchedResponse = { readonly kind: 'done'; readonly result: LoadedResponse } | { readonly kind: 'pending'; readonly pending: Promise<LoadedResponse> };

/**
 * The start-up read, handed out once and only to the first answer screen that asks, whatever
 * response it shows: a copy left in memory would go stale (an edit in another tab, a restore), and
 * showing it later would let autosave write an old answer over newer data. Every later visit reads
 * the stored answers again.
 */
export function takePrefetchedResponse(responseId: string): PrefetchedResponse | undefined {
  const entry = prefetched;
  prefetched = undefined;
  if (entry?.responseId !== responseId) return undefined;
  return entry.result === undefined ? { kind: 'pending', pending: entry.pending } : { kind: 'done', result: entry.result };
}

/**
 * Drops the start-up read if no screen took it: main.tsx calls it once the first render is on
 * screen, when the address changes, and when a restore in another tab was heard.
 */
export function discardPrefetchedResponse(): void {
  prefetched = undefined;
}
