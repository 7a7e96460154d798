import lgq2024 from '../../questionnaires/lgq-2024/questionnaire.json';
import losi2024 from '../../questionnaires/losi-2024/questionnaire.json';
import msq2024 from '../../questionnaires/msq-2024/questionnaire.json';
import osi2024 from '../../questionnaires/osi-2024/questionnaire.json';
import testAllTypes from '../../questionnaires/test-all-types/questionnaire.json';
import { contentHash } from '../../shared/crypto/hash';
import { loadQuestionnaireDefinition } from '../../shared/questionnaire/load';
import type { AvailableDefinition } from '../../shared/submission/response-file';

/**
 * The questionnaire definitions built into the command line: the same files the app ships, inlined
 * into dist/cli.cjs by the bundler, so the tool needs no questionnaires folder beside it. Listed by
 * hand because the CLI is compiled without Vite's client types (`import.meta.glob`); a unit test
 * fails when a folder in questionnaires/ is missing here.
 */
const FILES: Readonly<Record<string, unknown>> = {
  'msq-2024': msq2024,
  'lgq-2024': lgq2024,
  'osi-2024': osi2024,
  'losi-2024': losi2024,
  'test-all-types': testAllTypes,
};

export const BUNDLED_DEFINITION_IDS: readonly string[] = Object.keys(FILES);

let cache: Promise<readonly AvailableDefinition[]> | undefined;

/** Every bundled definition, checked by the app's loader, with the content hash the app computes. */
export function bundledDefinitions(): Promise<readonly AvailableDefinition[]> {
  cache ??= Promise.all(
    Object.entries(FILES).map(async ([id, json]) => ({
      definition: loadQuestionnaireDefinition(json, `questionnaires/${id}/questionnaire.json`),
      contentHash: await contentHash(json),
    })),
  );
  return cache;
}
