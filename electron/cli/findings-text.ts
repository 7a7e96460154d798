import { assertNever } from '../../shared/errors';
import type { EvidenceUrlRefusal } from '../../shared/evidence/evidence-url';
import type { Finding, FindingProblem } from '../../shared/engine/validation/findings';
import { localize } from '../../shared/questionnaire/localize';
import type { QuestionnaireDefinition } from '../../shared/schemas/questionnaire';

/**
 * Findings in plain English for the terminal. The app words them through its i18n catalogue
 * (renderer/src/i18n), which the CLI cannot import; these sentences follow the same wording.
 */
export function describeFinding(finding: Finding, definition: QuestionnaireDefinition): string {
  const language = definition.languages[0] ?? 'en';
  const message = describeProblem(finding.problem, language, evidenceIndex(finding));
  const { place } = finding;
  if (place.kind === 'cell') {
    const group = definition.sections.flatMap((s) => s.questions).find((q) => q.id === finding.questionId);
    const rowLabel = group?.type === 'group' && group.rowLabel ? localize(group.rowLabel, 'en', language) : 'Row';
    return `${rowLabel} ${String(place.rowIndex + 1)}, ${place.subQuestionId}: ${message}`;
  }
  return message;
}

function evidenceIndex(finding: Finding): number {
  return finding.place.kind === 'evidence' ? finding.place.evidenceIndex + 1 : 0;
}

const plural = (count: number, one: string, other: string) => `${String(count)} ${count === 1 ? one : other}`;

function describeProblem(problem: FindingProblem, language: string, index: number): string {
  switch (problem.code) {
    case 'required':
      return 'This question needs an answer.';
    case 'notANumber':
      return 'Enter a number, using digits only.';
    case 'notAWholeNumber':
      return 'Enter a whole number.';
    case 'belowMin':
      return `Enter a value of at least ${String(problem.min)}.`;
    case 'aboveMax':
      return `Enter a value of at most ${String(problem.max)}.`;
    case 'tooLong':
      return `Shorten this answer to at most ${String(problem.maxLength)} characters.`;
    case 'tooShort':
      return `Write at least ${String(problem.minLength)} characters.`;
    case 'patternMismatch':
      return `Write this in the expected form: ${localize(problem.description, 'en', language)}.`;
    case 'notAYear':
      return 'Enter a year with four digits, such as 2024.';
    case 'notADate':
      return 'Enter a complete date (YYYY-MM-DD).';
    case 'notAnEmail':
      return 'Enter an e-mail address such as name@example.org.';
    case 'notAUrl':
      return 'Enter a web address starting with https:// or http://.';
    case 'notAnOption':
      return 'Choose one of the options.';
    case 'tooFewSelected':
      return `Select at least ${plural(problem.min, 'option', 'options')}.`;
    case 'tooManySelected':
      return `Select at most ${plural(problem.max, 'option', 'options')}.`;
    case 'tooFewRows':
      return `Add at least ${plural(problem.min, 'row', 'rows')}.`;
    case 'tooManyRows':
      return `Keep at most ${plural(problem.max, 'row', 'rows')}; remove the extra ones.`;
    case 'evidenceRequired':
      return problem.when === 'yes'
        ? 'A "yes" needs at least one evidence link: add the page that shows it.'
        : 'This answer needs at least one evidence link: add the page that shows it.';
    case 'evidenceUrlRefused':
      return `Evidence link ${String(index)} cannot be used: ${describeRefusal(problem.refusal)}`;
    case 'evidenceDuplicate':
      return `Evidence link ${String(index)} is the same page as link ${String(problem.firstIndex + 1)}; remove one of them.`;
    case 'evidenceLocal':
      return `Evidence link ${String(index)} only works inside your network; reviewers cannot open it.`;
    case 'linkProblem':
      return `Evidence link ${String(index)}: ${describeLinkStatus(problem)}`;
    case 'rule':
      return localize(problem.message, 'en', language);
    default:
      return assertNever(problem);
  }
}

function describeRefusal(refusal: EvidenceUrlRefusal): string {
  switch (refusal.reason) {
    case 'empty':
      return 'enter a web address.';
    case 'tooLong':
      return `the address is longer than ${String(refusal.max)} characters.`;
    case 'controlCharacters':
      return 'the address contains invisible control characters.';
    case 'protocolRelative':
      return 'the address has no scheme; write it with https:// in front.';
    case 'malformed':
      return 'this is not a web address.';
    case 'scheme':
      return `only web addresses (https:// or http://) can be evidence, not "${refusal.scheme}:" links.`;
    case 'credentials':
      return 'the address contains a user name or password.';
    case 'noHost':
      return 'the address has no site name after https://.';
    default:
      return assertNever(refusal);
  }
}

function describeLinkStatus(problem: Extract<FindingProblem, { code: 'linkProblem' }>): string {
  switch (problem.status) {
    case 'redirected':
      return `the page moved to ${problem.finalUrl ?? 'another address'}.`;
    case 'broken':
      return problem.httpStatus === undefined ? 'the site answered with an error.' : `the site answered with error ${String(problem.httpStatus)}.`;
    case 'unreachable':
      return 'the site could not be reached.';
    case 'timeout':
      return 'the site did not answer in time.';
    case 'redirectLoop':
      return 'the site keeps redirecting in a circle.';
    case 'tooManyRedirects':
      return 'the site redirects too many times.';
    case 'refusedRedirect':
      return 'the site redirects to something that is not a web page.';
    default:
      return assertNever(problem.status);
  }
}
