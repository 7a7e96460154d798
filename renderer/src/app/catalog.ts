import { useEffect, useState } from 'react';
import { loadBundledQuestionnaires } from '../../../questionnaires';
import { canonicalJsonBytes } from '../../../shared/canonical-json';
import { contentHash } from '../../../shared/crypto/hash';
import { sha256HexSync } from '../../../shared/crypto/sha256';
import type { DefinitionProblem } from '../../../shared/errors';
import { QuestionnaireDefinitionError } from '../../../shared/errors';
import { loadQuestionnaireDefinition } from '../../../shared/questionnaire/load';
import { localize } from '../../../shared/questionnaire/localize';
import type { QuestionnaireDefinition } from '../../../shared/schemas/questionnaire';
import { storage, useImportedDefinitions } from '../db';
import type { DefinitionRow } from '../db';

/** One questionnaire edition the app can answer: shipped with the app or imported. */
export interface CatalogEntry {
  /** `id@version`. */
  readonly key: string;
  readonly definition: QuestionnaireDefinition;
  readonly contentHash: string;
  readonly origin: 'bundled' | 'imported';
  readonly importedAt?: number;
}

export interface Catalog {
  readonly entries: readonly CatalogEntry[];
  /** Definitions that could not be read; listed on the home screen, never silently dropped. */
  readonly problems: readonly DefinitionProblem[];
}

export const entryKey = (id: string, version: string): string => `${id}@${version}`;

let bundled: Promise<{ entries: CatalogEntry[]; problems: readonly DefinitionProblem[] }> | undefined;

/**
 * The content hash of a built-in definition, computed when first asked for: when a response is
 * started with that edition, or one recorded with a hash is opened (findEntry compares hashes only
 * of entries with the right id and version). Hashing all five built-in definitions at start-up
 * (canonical JSON of about 263 KB in all, then SHA-256: about 15 ms) is work the first screen does
 * not need; now opening a LOSI response hashes LOSI alone, and the home screen hashes none (a test
 * holds that). Same value as shared/crypto/hash's contentHash (a test holds them equal).
 */
function bundledEntry(json: unknown, definition: QuestionnaireDefinition): CatalogEntry {
  let hash: string | undefined;
  return {
    key: entryKey(definition.id, definition.version),
    definition,
    origin: 'bundled',
    get contentHash(): string {
      hash ??= `sha256:${sha256HexSync(canonicalJsonBytes(json))}`;
      return hash;
    },
  };
}

/** Built-in definitions, checked once per session (their hashes on demand). */
function bundledEntries() {
  bundled ??= Promise.resolve().then(() => {
    const { definitions, problems } = loadBundledQuestionnaires();
    return { entries: definitions.map(({ json, definition }) => bundledEntry(json, definition)), problems };
  });
  return bundled;
}

/**
 * Starts checking the built-in definitions at once (main.tsx, before the first render):
 * the work then overlaps with opening IndexedDB and fetching the first screen's code, instead of
 * running after them when the first screen asks for the catalog.
 */
export function warmCatalog(): void {
  bundledEntries().catch(() => undefined);
}

/** Imported definitions are checked again when read: storage is outside the app's control too. */
async function importedEntry(row: DefinitionRow): Promise<CatalogEntry | DefinitionProblem> {
  try {
    const definition = loadQuestionnaireDefinition(row.json, row.fileName);
    const hash = await contentHash(row.json);
    if (hash !== row.contentHash) return { file: row.fileName, path: '', problem: 'the stored copy no longer matches its content hash' };
    return { key: row.key, definition, contentHash: hash, origin: 'imported', importedAt: row.importedAt };
  } catch (error) {
    if (error instanceof QuestionnaireDefinitionError && error.problems[0]) return error.problems[0];
    return { file: row.fileName, path: '', problem: error instanceof Error ? error.message : String(error) };
  }
}

export async function buildCatalog(rows: readonly DefinitionRow[]): Promise<Catalog> {
  const base = await bundledEntries();
  const entries: CatalogEntry[] = [...base.entries];
  const problems: DefinitionProblem[] = [...base.problems];
  for (const result of await Promise.all(rows.map(importedEntry))) {
    if ('key' in result) entries.push(result);
    else problems.push(result);
  }
  entries.sort(
    (a, b) =>
      localize(a.definition.title, 'en', 'en').localeCompare(localize(b.definition.title, 'en', 'en')) ||
      a.definition.version.localeCompare(b.definition.version, undefined, { numeric: true }),
  );
  return { entries, problems };
}

export async function loadCatalog(): Promise<Catalog> {
  return buildCatalog(await storage().definitions.list());
}

/** The catalog, kept current as editions are imported (in this tab or another). */
export function useCatalog(): Catalog | undefined {
  const rows = useImportedDefinitions();
  const [catalog, setCatalog] = useState<Catalog | undefined>();
  useEffect(() => {
    if (!rows) return undefined;
    let cancelled = false;
    void buildCatalog(rows).then((next) => {
      if (!cancelled) setCatalog(next);
    });
    return () => {
      cancelled = true;
    };
  }, [rows]);
  return catalog;
}

/** The exact edition a response is bound to; with a hash, a different content does not match. */
export function findEntry(catalog: Catalog, id: string, version: string, hash?: string): CatalogEntry | undefined {
  // Id and version first: a built-in entry's hash is only computed when it could match.
  return catalog.entries.find((e) => e.definition.id === id && e.definition.version === version && (hash === undefined || e.contentHash === hash));
}

/** Questions shown before any answer: the denominator of a new response's progress. */
export function countQuestions(definition: QuestionnaireDefinition): number {
  return definition.sections.reduce((sum, section) => sum + section.questions.length, 0);
}
