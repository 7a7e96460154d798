import type { Visibility } from '../../shared/engine/relevance';
import type { Finding } from '../../shared/engine/validation/findings';
import type { Readiness } from '../../shared/engine/validation/readiness';
import { assessReadiness } from '../../shared/engine/validation/readiness';
import { validateResponse } from '../../shared/engine/validation/validator';
import { AppError } from '../../shared/errors';
import type { AvailableDefinition, ResponseFile } from '../../shared/submission/response-file';
import { definitionForResponse, MAX_RESPONSE_FILE_BYTES, parseResponseFile, responseParts } from '../../shared/submission/response-file';
import { bundledDefinitions } from './definitions';
import { UsageError } from './errors';
import { readLimited } from './files';
import { describeFinding } from './findings-text';

/** A response file read, bound to its definition, and checked by the validation engine. */
export interface CheckedResponse {
  readonly file: string;
  readonly response: ResponseFile;
  readonly available: AvailableDefinition;
  readonly visibility: Visibility;
  readonly findings: readonly Finding[];
  readonly readiness: Readiness;
  readonly acknowledged: ReadonlySet<string>;
}

/** Reads and checks one response file; anything wrong with the file itself is a `UsageError`. */
export async function loadResponse(file: string, shownAs = file): Promise<CheckedResponse> {
  const read = await readLimited(file, MAX_RESPONSE_FILE_BYTES, shownAs);
  if (read.kind === 'tooLarge') throw new UsageError(`${shownAs} is larger than ${String(MAX_RESPONSE_FILE_BYTES / 1024 / 1024)} MB, so it is not a response file`);
  let response: ResponseFile;
  let available: AvailableDefinition;
  try {
    response = parseResponseFile(read.bytes, shownAs);
    available = definitionForResponse(response, await bundledDefinitions(), shownAs);
  } catch (error) {
    if (error instanceof AppError) throw new UsageError(error.message.replace(/\.$/, ''));
    throw error;
  }
  const { answers, evidence, acknowledged } = responseParts(response);
  const { visibility, findings } = validateResponse(available.definition, answers, evidence);
  const readiness = assessReadiness(available.definition, answers, evidence, visibility, findings, acknowledged);
  return { file, response, available, visibility, findings, readiness, acknowledged };
}

const SEVERITY_LABEL = { error: 'ERROR  ', warning: 'WARNING' } as const;

/** One line per finding: severity, section, question and what to do. */
export function findingLines(checked: CheckedResponse): string[] {
  return checked.findings.map((finding) => {
    const note = finding.severity === 'warning' && checked.acknowledged.has(finding.key) ? ' (acknowledged)' : '';
    return `${SEVERITY_LABEL[finding.severity]} section ${finding.sectionId}, question ${finding.questionId}: ${describeFinding(finding, checked.available.definition)}${note}`;
  });
}

/** The verdict in one sentence, with what stands in the way. */
export function readinessLine(readiness: Readiness): string {
  if (readiness.status === 'ready') return 'Ready to submit.';
  const parts = readiness.reasons.map((reason) => {
    switch (reason.code) {
      case 'nothingAnswered':
        return 'nothing is answered yet';
      case 'missing':
        return `${String(reason.count)} required ${reason.count === 1 ? 'answer is' : 'answers are'} missing`;
      case 'errors':
        return `${String(reason.count)} ${reason.count === 1 ? 'error' : 'errors'} to fix`;
      case 'warningsToAcknowledge':
        return `${String(reason.count)} ${reason.count === 1 ? 'warning is' : 'warnings are'} not acknowledged (add ${reason.count === 1 ? 'its key' : 'their keys'} to "acknowledgedWarnings")`;
    }
  });
  return `Not ready to submit: ${parts.join('; ')}.`;
}
