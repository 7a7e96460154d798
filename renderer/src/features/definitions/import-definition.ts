import { contentHash } from '../../../../shared/crypto/hash';
import { AppError, QuestionnaireDefinitionError } from '../../../../shared/errors';
import { MAX_DEFINITION_BYTES, parseQuestionnaireJson } from '../../../../shared/questionnaire/load';
import type { QuestionnaireDefinition } from '../../../../shared/schemas/questionnaire';
import type { OpenedFile } from '../../platform/types';
import type { CatalogListing } from '../../app/catalog';
import { entryKey, findEntry } from '../../app/catalog';
import type { DefinitionsRepository } from '../../db/repositories/definitions';

export type ImportOutcome =
  | { readonly kind: 'added'; readonly definition: QuestionnaireDefinition }
  | { readonly kind: 'alreadyAvailable'; readonly definition: QuestionnaireDefinition };

/**
 * Imports one definition file. Everything is checked before anything is stored: size, UTF-8, JSON,
 * the schema and references, and clashes with an edition the app already has. A file that fails
 * any check changes nothing and says exactly why.
 */
export async function importDefinitionFile(
  file: OpenedFile,
  catalog: CatalogListing,
  repository: DefinitionsRepository,
  now: () => number = Date.now,
): Promise<ImportOutcome> {
  if (file.data.byteLength > MAX_DEFINITION_BYTES) {
    throw new QuestionnaireDefinitionError([
      { file: file.name, path: '', problem: `the file is ${String(file.data.byteLength)} bytes; a definition may have at most ${String(MAX_DEFINITION_BYTES)}` },
    ]);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(file.data);
  } catch {
    throw new QuestionnaireDefinitionError([{ file: file.name, path: '', problem: 'the file is not UTF-8 text' }]);
  }
  const definition = parseQuestionnaireJson(text, file.name);
  const json: unknown = JSON.parse(text);
  const hash = await contentHash(json);

  const same = findEntry(catalog, definition.id, definition.version);
  if (same) {
    if (same.contentHash === hash) return { kind: 'alreadyAvailable', definition };
    throw new AppError(
      'INVALID_DEFINITION',
      `${file.name}: version ${definition.version} of "${definition.id}" already exists with different content. A published version never changes: give the new content a new version number.`,
    );
  }
  await repository.add({
    key: entryKey(definition.id, definition.version),
    id: definition.id,
    version: definition.version,
    edition: definition.edition,
    contentHash: hash,
    json,
    fileName: file.name,
    importedAt: now(),
  });
  return { kind: 'added', definition };
}
