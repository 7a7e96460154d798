import { useEffect, useState } from 'react';
import { BUNDLED_QUESTIONNAIRES, loadBundledDefinition } from '../../../questionnaires';
import type { BundledQuestionnaire } from '../../../questionnaires';
import { contentHash } from '../../../shared/crypto/hash';
import type { DefinitionProblem } from '../../../shared/errors';
import { QuestionnaireDefinitionError } from '../../../shared/errors';
import { summarizeEdition } from '../../../shared/questionnaire/edition-summary';
import type { EditionSummary } from '../../../shared/questionnaire/edition-summary';
import { loadQuestionnaireDefinition } from '../../../shared/questionnaire/load';
import { localize } from '../../../shared/questionnaire/localize';
import type { QuestionnaireDefinition } from '../../../shared/schemas/questionnaire';
import { storage, useImportedDefinitions } from '../db';
import { reportError } from './notices';
import type { DefinitionRow } from '../db';

export { countQuestions } from '../../../shared/questionnaire/edition-summary';

/** One questionnaire edition the app can answer, shipped with the app or imported, without its questions. */
export interface CatalogEdition extends EditionSummary {
  /** `id@version`. */
  readonly key: string;
  readonly origin: 'bundled' | 'imported';
  readonly importedAt?: number;
}

/** An edition with its checked definition. */
export interface CatalogEntry extends CatalogEdition {
  readonly definition: QuestionnaireDefinition;
}

/** Every edition with its definition: what the screens that start, review or merge responses need. */
export interface Catalog {
  readonly entries: readonly CatalogEntry[];
  /** Definitions that could not be read; listed on the home screen, never silently dropped. */
  readonly problems: readonly DefinitionProblem[];
}

/**
 * Every edition without the built-in ones' questions: what the home screen lists. The built-in
 * summaries were made when the app was built, so listing fetches and checks none of them (issue 10).
 */
export interface CatalogListing {
  readonly entries: readonly CatalogEdition[];
  readonly problems: readonly DefinitionProblem[];
}

export const entryKey = (id: string, version: string): string => `${id}@${version}`;

const bundledEdition = (bundled: BundledQuestionnaire): CatalogEdition => ({
  ...bundled.summary,
  key: entryKey(bundled.summary.id, bundled.summary.version),
  origin: 'bundled',
});

/** Each built-in definition is fetched and checked once per session, when first needed. */
const bundledLoads = new Map<BundledQuestionnaire, Promise<CatalogEntry | readonly DefinitionProblem[]>>();

function bundledEntry(bundled: BundledQuestionnaire): Promise<CatalogEntry | readonly DefinitionProblem[]> {
  let loading = bundledLoads.get(bundled);
  if (!loading) {
    loading = loadBundledDefinition(bundled).then(
      // The content hash is the one taken at build time of the same file (a test holds them equal).
      ({ definition }) => ({ ...bundledEdition(bundled), definition }),
      (error: unknown) => {
        if (error instanceof QuestionnaireDefinitionError) return error.problems;
        // A failed fetch (the app updated meanwhile, say) may be tried again on the next call.
        bundledLoads.delete(bundled);
        throw error;
      },
    );
    bundledLoads.set(bundled, loading);
  }
  return loading;
}

/** Imported definitions are checked again when read: storage is outside the app's control too. */
async function importedEntry(row: DefinitionRow): Promise<CatalogEntry | DefinitionProblem> {
  try {
    const definition = loadQuestionnaireDefinition(row.json, row.fileName);
    const hash = await contentHash(row.json);
    if (hash !== row.contentHash) return { file: row.fileName, path: '', problem: 'the stored copy no longer matches its content hash' };
    return { ...summarizeEdition(definition, hash), key: row.key, origin: 'imported', importedAt: row.importedAt, definition };
  } catch (error) {
    if (error instanceof QuestionnaireDefinitionError && error.problems[0]) return error.problems[0];
    return { file: row.fileName, path: '', problem: error instanceof Error ? error.message : String(error) };
  }
}

/** By title (as in English), then by version. */
function byTitleThenVersion(a: CatalogEdition, b: CatalogEdition): number {
  return localize(a.title, 'en', 'en').localeCompare(localize(b.title, 'en', 'en')) || a.version.localeCompare(b.version, undefined, { numeric: true });
}

async function importedEntries(rows: readonly DefinitionRow[]): Promise<{ entries: CatalogEntry[]; problems: DefinitionProblem[] }> {
  const entries: CatalogEntry[] = [];
  const problems: DefinitionProblem[] = [];
  for (const result of await Promise.all(rows.map(importedEntry))) {
    if ('key' in result) entries.push(result);
    else problems.push(result);
  }
  return { entries, problems };
}

/**
 * A built-in definition, or why it is missing: a file that fails its checks, or one whose chunk could
 * not be fetched (the app updated on the server meanwhile, the network gone before the offline copy
 * was made). The catalog then lists the others and says which one is missing and why, instead of
 * never finishing; the next build of the catalog tries the fetch again.
 */
function bundledEntryOrProblem(bundled: BundledQuestionnaire): Promise<CatalogEntry | readonly DefinitionProblem[]> {
  return bundledEntry(bundled).catch((error: unknown) => [
    { file: bundled.file, path: '', problem: `could not be loaded (${error instanceof Error ? error.message : String(error)}); reload the app to try again` },
  ]);
}

/** Every edition with its definition: the built-in ones are fetched and checked (once) for it. Never rejects. */
export async function buildCatalog(rows: readonly DefinitionRow[]): Promise<Catalog> {
  const [bundled, imported] = await Promise.all([Promise.all(BUNDLED_QUESTIONNAIRES.map(bundledEntryOrProblem)), importedEntries(rows)]);
  const entries: CatalogEntry[] = [];
  const problems: DefinitionProblem[] = [];
  for (const result of bundled) {
    if ('key' in result) entries.push(result);
    else problems.push(...result);
  }
  entries.push(...imported.entries);
  problems.push(...imported.problems);
  return { entries: entries.sort(byTitleThenVersion), problems };
}

/** Every edition, the built-in ones as their build-time summaries. */
export async function buildListing(rows: readonly DefinitionRow[]): Promise<CatalogListing> {
  const imported = await importedEntries(rows);
  const entries: CatalogEdition[] = [...BUNDLED_QUESTIONNAIRES.map(bundledEdition), ...imported.entries];
  return { entries: entries.sort(byTitleThenVersion), problems: imported.problems };
}

export async function loadCatalog(): Promise<Catalog> {
  return buildCatalog(await storage().definitions.list());
}

/** Keeps `build`'s result for the current imported rows, rebuilt as editions are imported (in this tab or another). */
function useBuilt<T>(build: (rows: readonly DefinitionRow[]) => Promise<T>): T | undefined {
  const rows = useImportedDefinitions();
  const [built, setBuilt] = useState<T | undefined>();
  useEffect(() => {
    if (!rows) return undefined;
    let cancelled = false;
    // The builders never reject (a missing definition is listed as a problem); a failure here is a
    // defect, reported rather than left as an endless "Loading…" with an unhandled rejection.
    build(rows).then(
      (next) => {
        if (!cancelled) setBuilt(next);
      },
      (error: unknown) => {
        reportError('errors.catalogFailed', error);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [rows, build]);
  return built;
}

/** The catalog with every definition, kept current as editions are imported. */
export function useCatalog(): Catalog | undefined {
  return useBuilt(buildCatalog);
}

/** The editions without the built-in ones' questions (the home screen), kept current as editions are imported. */
export function useCatalogListing(): CatalogListing | undefined {
  return useBuilt(buildListing);
}

/** The exact edition a response is bound to; with a hash, a different content does not match. */
export function findEntry<E extends CatalogEdition>(catalog: { readonly entries: readonly E[] }, id: string, version: string, hash?: string): E | undefined {
  return catalog.entries.find((e) => e.id === id && e.version === version && (hash === undefined || e.contentHash === hash));
}

/**
 * One edition with its definition, for opening a response: fetches and checks that definition
 * alone (a built-in one), or reads that stored edition alone (an imported one), instead of the
 * whole catalog. Undefined when the app has no edition with that id, version and hash; rejects when
 * a built-in one fails its checks (QuestionnaireDefinitionError, with the problems) or cannot be
 * fetched, so the answer screen says why instead of "unknown questionnaire".
 */
export async function loadEntry(id: string, version: string, hash?: string): Promise<CatalogEntry | undefined> {
  const bundled = BUNDLED_QUESTIONNAIRES.find((b) => b.summary.id === id && b.summary.version === version && (hash === undefined || b.summary.contentHash === hash));
  if (bundled) {
    const entry = await bundledEntry(bundled);
    if ('key' in entry) return entry;
    throw new QuestionnaireDefinitionError(entry);
  }
  const row = await storage().definitions.get(id, version);
  const imported = row && (await importedEntry(row));
  return imported && 'key' in imported && (hash === undefined || imported.contentHash === hash) ? imported : undefined;
}
