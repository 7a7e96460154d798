import type { LocalizedText, QuestionnaireDefinition } from '../schemas/questionnaire';

/**
 * What a list of questionnaire editions shows without the questions themselves: enough for the
 * home screen's cards and its list of responses in progress, and to tell editions apart by their
 * exact content. The built-in definitions' summaries are made when the app is built
 * (build/vite-plugin-questionnaires.ts), so listing them loads and checks none of them (issue 10).
 */
export interface EditionSummary {
  readonly id: string;
  readonly version: string;
  readonly edition: string;
  readonly title: LocalizedText;
  readonly description?: LocalizedText;
  /** The content's languages; the first is the default for plain strings. */
  readonly languages: readonly string[];
  /** Where the content comes from, and the definition's own note on it (shown with the edition). */
  readonly provenance: QuestionnaireDefinition['provenance'];
  readonly provenanceNote?: LocalizedText | undefined;
  /** Questions shown before any answer: the denominator of a new response's progress. */
  readonly questionCount: number;
  /** `sha256:<hex>` of the definition's canonical JSON (shared/crypto/hash contentHash). */
  readonly contentHash: string;
}

/** Questions shown before any answer: the denominator of a new response's progress. */
export function countQuestions(definition: QuestionnaireDefinition): number {
  return definition.sections.reduce((sum, section) => sum + section.questions.length, 0);
}

/** The summary of a checked definition whose content hash is `contentHash`. */
export function summarizeEdition(definition: QuestionnaireDefinition, contentHash: string): EditionSummary {
  return {
    id: definition.id,
    version: definition.version,
    edition: definition.edition,
    title: definition.title,
    ...(definition.description === undefined ? {} : { description: definition.description }),
    languages: definition.languages,
    provenance: definition.provenance,
    ...(definition.provenanceNote === undefined ? {} : { provenanceNote: definition.provenanceNote }),
    questionCount: countQuestions(definition),
    contentHash,
  };
}
