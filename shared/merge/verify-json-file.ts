import { DEFAULT_MAX_JSON_DEPTH, parseJsonSafely } from '../safe-json';
import type { SignerCard } from '../submission/document';
import { MAX_SUBMISSION_BYTES } from '../submission/document';
import type { VerificationReport } from '../submission/verify';
import { verifySubmissionDocument } from '../submission/verify';
import type { ConsolidatedVerification } from './consolidated';
import { CONSOLIDATED_FORMAT, verifyConsolidatedJson } from './consolidated';

/**
 * A JSON file someone asks to verify is either a signed submission or a coordinator's consolidated
 * dataset; they are told apart by content, never by name. Shared by the app's Verify screen and
 * `egov-desk verify`, so both read a file the same way.
 */
export type VerifiedJsonFile =
  | { readonly kind: 'submission'; readonly report: VerificationReport }
  | { readonly kind: 'consolidated'; readonly verification: ConsolidatedVerification };

/** How much of a file is looked at to recognise a consolidated dataset before parsing it. */
export const CONSOLIDATED_HEAD_BYTES = 256;

/**
 * EGov Desk writes a consolidated dataset with `format` as its first member, so its first bytes
 * say what it is and the (possibly very large) file is parsed once, by its own verifier.
 */
const CONSOLIDATED_START = /^\s*\{\s*"format"\s*:\s*"egov-desk\/consolidated"/;

export function startsLikeConsolidated(bytes: Uint8Array): boolean {
  // The decoder drops a byte order mark; a character cut in two at the end of the head is harmless.
  return CONSOLIDATED_START.test(new TextDecoder().decode(bytes.subarray(0, CONSOLIDATED_HEAD_BYTES)));
}

/**
 * Verifies a JSON file's bytes, each kind parsed once. Only a consolidated dataset whose members
 * a tool reordered (so `format` is not first) is parsed twice: here to find out what it is, then
 * by its verifier, which takes bytes. A file larger than a submission may be is refused here
 * unless it starts like a consolidated dataset. Never throws.
 */
export async function verifyJsonFile(bytes: Uint8Array, trusted: readonly SignerCard[]): Promise<VerifiedJsonFile> {
  if (startsLikeConsolidated(bytes)) return { kind: 'consolidated', verification: await verifyConsolidatedJson(bytes, trusted) };
  const parsed = parseJsonSafely(bytes, { maxBytes: MAX_SUBMISSION_BYTES, maxDepth: DEFAULT_MAX_JSON_DEPTH });
  if (!parsed.ok) return { kind: 'submission', report: { status: 'unreadable', reason: parsed.reason } };
  const { value } = parsed;
  const format = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as { format?: unknown }).format : undefined;
  if (format === CONSOLIDATED_FORMAT) return { kind: 'consolidated', verification: await verifyConsolidatedJson(bytes, trusted) };
  return { kind: 'submission', report: await verifySubmissionDocument(value, trusted) };
}
