import type { QuestionnaireDefinition } from '../schemas/questionnaire';
import type { ResponseFile } from '../submission/response-file';
import { RESPONSE_FILE_FORMAT, RESPONSE_FILE_FORMAT_VERSION, responseFileSchema } from '../submission/response-file';
import { draftResponse } from './generate';
import { makeProfile, placesFor, respondentOf } from './profile';
import { createRandom } from './random';

export { SampleGenerationError } from './generate';
export { createRandom } from './random';
export type { Random } from './random';

/**
 * Example responses for a questionnaire: complete (every shown question answered), valid (no
 * error from the validation engine; warnings acknowledged), realistic (a real country or city,
 * a focal point with a fitting name, evidence links under `.example` domains), and reproducible:
 * the same definition, seed and index give the same file, byte for byte, on any machine.
 */
export interface SampleOptions {
  readonly seed: string;
  /** Content hash of the definition file, recorded so the response stays bound to that text. */
  readonly contentHash?: string | undefined;
}

/** How many different respondents `sampleResponses` can make for a definition. */
export function maxSampleCount(definition: QuestionnaireDefinition): number {
  return placesFor(definition.respondentKind).length;
}

/** `count` responses from `count` different places; the first is `sampleResponse` for the seed. */
export function sampleResponses(definition: QuestionnaireDefinition, count: number, options: SampleOptions): ResponseFile[] {
  const places = placesFor(definition.respondentKind);
  if (!Number.isInteger(count) || count < 1 || count > places.length) {
    throw new RangeError(`count must be a whole number from 1 to ${String(places.length)}`);
  }
  // The order of places depends on the seed alone, so respondent i is the same for any count > i.
  const order = createRandom(options.seed).fork('places').shuffle(places);
  return order.slice(0, count).map((place, index) => {
    const random = createRandom(`${options.seed}#${String(index)}`);
    const profile = makeProfile(random.fork('profile'), definition.respondentKind, place);
    const surveyYear = /^\d{4}$/.test(definition.edition) ? Number(definition.edition) : 2024;
    const times = random.fork('times');
    // Started in the first months of the survey year during office hours, finished weeks later.
    const created = Date.UTC(surveyYear, 1, 1) + times.int(0, 60) * 86_400_000 + times.int(8 * 3600, 17 * 3600) * 1000;
    const updated = created + times.int(5, 40) * 86_400_000 + times.int(0, 8 * 3600) * 1000;
    const today = new Date(updated).toISOString().slice(0, 10);
    const draft = draftResponse(definition, profile, random.fork('answers'), {
      surveyYear,
      started: new Date(created).toISOString().slice(0, 10),
      today,
    });
    return responseFileSchema.parse({
      format: RESPONSE_FILE_FORMAT,
      formatVersion: RESPONSE_FILE_FORMAT_VERSION,
      responseId: random.fork('id').uuid(),
      questionnaire: {
        id: definition.id,
        version: definition.version,
        ...(options.contentHash === undefined ? {} : { contentHash: options.contentHash }),
      },
      respondent: respondentOf(profile),
      answers: Object.fromEntries(draft.answers),
      evidence: Object.fromEntries(draft.evidence),
      acknowledgedWarnings: [...draft.acknowledged],
      createdAt: new Date(created).toISOString(),
      updatedAt: new Date(updated).toISOString(),
    });
  });
}

export function sampleResponse(definition: QuestionnaireDefinition, options: SampleOptions): ResponseFile {
  const [first] = sampleResponses(definition, 1, options);
  if (!first) throw new RangeError('no sample was made');
  return first;
}
