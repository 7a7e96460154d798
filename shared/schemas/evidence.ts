import { z } from 'zod';

/**
 * Evidence backs an answer with a page a reviewer can open: a URL, a title, an optional note and
 * the date the focal point last looked at it. The URL is stored normalised (see
 * `shared/evidence/evidence-url.ts`), so two spellings of one address compare equal.
 */

/** Longest evidence URL accepted: the practical limit of browsers, servers and spreadsheet cells. */
export const MAX_EVIDENCE_URL_LENGTH = 2048;

/**
 * Outcome of checking one link:
 * - `ok`: answered 2xx without a redirect;
 * - `redirected`: answered 2xx after one or more redirects (`finalUrl` says where);
 * - `broken`: the server answered with an error status (`httpStatus`);
 * - `unreachable`: no answer (DNS failure, connection refused, TLS error);
 * - `timeout`: no answer in time;
 * - `redirectLoop` / `tooManyRedirects`: the redirects never ended;
 * - `refusedRedirect`: a redirect pointed to something other than http(s), which is not followed.
 */
export const LINK_STATUSES = ['ok', 'redirected', 'broken', 'unreachable', 'timeout', 'redirectLoop', 'tooManyRedirects', 'refusedRedirect'] as const;
export type LinkStatus = (typeof LINK_STATUSES)[number];

export const linkCheckSchema = z.strictObject({
  status: z.enum(LINK_STATUSES),
  /** Last HTTP status received, when there was one. */
  httpStatus: z.int().min(100).max(599).optional(),
  /** Where the redirects ended (or stopped), when it differs from the URL checked. */
  finalUrl: z.string().max(8192).optional(),
  /** When the check ran, in milliseconds since the epoch. */
  checkedAt: z.int().nonnegative(),
  /** Technical detail for the curious (e.g. "ECONNREFUSED"); never shown as the main message. */
  detail: z.string().max(500).optional(),
});
export type LinkCheck = z.infer<typeof linkCheckSchema>;

/** One link check as returned by a checker: the URL it was asked about, and the outcome. */
export const linkCheckResultSchema = linkCheckSchema.extend({ url: z.string().max(8192) });
export type LinkCheckResult = z.infer<typeof linkCheckResultSchema>;

export const evidenceItemSchema = z.strictObject({
  /** Stable id, so editing or removing one item never touches another. */
  id: z.string().min(1).max(64),
  url: z.string().min(1).max(MAX_EVIDENCE_URL_LENGTH),
  title: z.string().max(500),
  note: z.string().max(5000).optional(),
  /** The day the focal point last opened the page (ISO date). */
  accessed: z.iso.date(),
  /** Result of the last link check; cleared when the URL changes. */
  check: linkCheckSchema.optional(),
});
export type EvidenceItem = z.infer<typeof evidenceItemSchema>;

/** Evidence of one response, keyed by question id. */
export type EvidenceByQuestion = ReadonlyMap<string, readonly EvidenceItem[]>;
