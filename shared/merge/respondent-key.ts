import type { SubmissionDocument } from '../submission/document';

/**
 * Which contributions belong together: the same questionnaire version answered for the same
 * country or city. Places are typed by people on different devices, so "Kenya", " kenya" and
 * "KENYA" are one place; accents are kept, because "Bogotá" typed without one is still a
 * different spelling a coordinator should see rather than have silently merged.
 */
export function placeKey(place: string): string {
  return place.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** `<questionnaire id>@<version>/<country|city>/<place key>`, e.g. `msq-2024@1.0.0/country/kenya`. */
export function respondentKeyOf(document: SubmissionDocument): string {
  const { questionnaire, respondent } = document;
  return `${questionnaire.id}@${questionnaire.version}/${respondent.kind}/${placeKey(respondent.place)}`;
}
