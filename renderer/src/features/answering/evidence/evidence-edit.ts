import { checkEvidenceUrl } from '../../../../../shared/evidence/evidence-url';
import type { EvidenceUrlRefusal } from '../../../../../shared/evidence/evidence-url';
import type { EvidenceItem } from '../../../../../shared/schemas/evidence';

/** What the evidence form holds while a person edits it. */
export interface EvidenceDraft {
  readonly url: string;
  readonly title: string;
  readonly note: string;
  readonly accessed: string;
}

export type DraftResult =
  | { readonly ok: true; readonly item: EvidenceItem }
  | { readonly ok: false; readonly field: 'url'; readonly refusal: EvidenceUrlRefusal }
  | { readonly ok: false; readonly field: 'title' };

/** Today's date where the person is, as an ISO date (what "date accessed" means to them). */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(now.getFullYear())}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function emptyDraft(): EvidenceDraft {
  return { url: '', title: '', note: '', accessed: todayIso() };
}

export function draftOf(item: EvidenceItem): EvidenceDraft {
  return { url: item.url, title: item.title, note: item.note ?? '', accessed: item.accessed };
}

/**
 * Turns a draft into a stored item, or says which field is wrong and why. The URL is stored in its
 * normalised form; a changed URL drops the previous link check, which was about another address.
 */
export function itemFromDraft(draft: EvidenceDraft, previous: EvidenceItem | undefined, newId: () => string): DraftResult {
  const url = checkEvidenceUrl(draft.url);
  if (!url.ok) return { ok: false, field: 'url', refusal: url.refusal };
  const title = draft.title.trim();
  if (title === '') return { ok: false, field: 'title' };
  const note = draft.note.trim();
  const accessed = /^\d{4}-\d{2}-\d{2}$/.test(draft.accessed) ? draft.accessed : todayIso();
  const keepCheck = previous?.check !== undefined && previous.url === url.url;
  return {
    ok: true,
    item: {
      id: previous?.id ?? newId(),
      url: url.url,
      title: title.slice(0, 500),
      ...(note === '' ? {} : { note: note.slice(0, 5000) }),
      accessed,
      ...(keepCheck && previous.check ? { check: previous.check } : {}),
    },
  };
}
