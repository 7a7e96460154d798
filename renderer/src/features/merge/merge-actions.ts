import { fromBase64 } from '../../../../shared/crypto/base64';
import { AppError } from '../../../../shared/errors';
import { buildConsolidated, consolidatedFileText, signConsolidated } from '../../../../shared/merge/consolidated';
import { csvFiles } from '../../../../shared/merge/csv';
import { decisionsFileText, decisionsTemplate, parseDecisionsFile } from '../../../../shared/merge/decisions';
import type { ConflictDecision, FileChoice, MergeResult, ResolutionChoice } from '../../../../shared/merge/model';
import { consolidatedTables } from '../../../../shared/merge/tables';
import { renderConsolidatedWorkbook } from '../../../../shared/merge/workbook';
import type { QuestionnaireDefinition } from '../../../../shared/schemas/questionnaire';
import type { IdentityRow } from '../../db';
import { storage } from '../../db';
import { platform } from '../../platform';
import type { AddOutcome } from './intake-store';
import { addToIntake } from './intake-store';
import type { VerifyContext } from './verify-protocol';

/** What the merge screen does beyond showing things: pick, decide, save and export. */

/** Today as `YYYY-MM-DD`, for file names. */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Lets the person pick files (or a folder) and adds them to the intake; undefined when they cancel. */
export async function pickAndAdd(folder: boolean, title: string, context: VerifyContext): Promise<AddOutcome | undefined> {
  const picked = await platform().pickSubmissions({ title, folder });
  if (picked.files.length === 0 && picked.refused.length === 0) return undefined;
  return addToIntake(picked, context);
}

export interface DecisionInput {
  readonly respondent: string;
  readonly question: string;
  readonly fingerprint: string;
  readonly choice: ResolutionChoice;
  readonly reason: string;
}

/** Stores a conflict decision, signed off with the coordinator's identity name when there is one. */
export async function saveConflictDecision(input: DecisionInput): Promise<void> {
  const identity = await storage().identities.current();
  const decision: ConflictDecision = {
    respondent: input.respondent,
    question: input.question,
    fingerprint: input.fingerprint,
    resolution: {
      choice: input.choice,
      reason: input.reason.trim(),
      ...(identity ? { decidedBy: identity.name } : {}),
      decidedAt: new Date().toISOString(),
    },
  };
  await storage().merge.saveDecision(decision);
}

export async function saveFileChoice(choice: FileChoice): Promise<void> {
  await storage().merge.saveFileChoice({ ...choice, reason: choice.reason.trim() });
}

/** The saved file's name, or undefined when the person cancelled the save. */
/** What a save dialog shows, in the person's language (the caller translates). */
export interface DialogText {
  readonly title: string;
  readonly filter: string;
}

async function save(dialog: DialogText, suggestedName: string, extension: string, data: Uint8Array): Promise<string | undefined> {
  // A copy over a plain ArrayBuffer, as the save contract takes.
  const saved = await platform().saveFile({ title: dialog.title, suggestedName, filters: [{ name: dialog.filter, extensions: [extension] }], data: new Uint8Array(data) });
  return saved.saved ? (saved.fileName ?? suggestedName) : undefined;
}

export async function exportWorkbook(result: MergeResult, definitions: readonly QuestionnaireDefinition[], language: string, dialog: DialogText): Promise<string | undefined> {
  const createdAt = new Date().toISOString();
  const tables = consolidatedTables(result, definitions, language);
  const bytes = await renderConsolidatedWorkbook(tables, { title: 'EGov Desk consolidated dataset', createdAt });
  return save(dialog, `consolidated-${today()}.xlsx`, 'xlsx', bytes);
}

/** Saves each CSV file in turn; stops at the first one the person cancels. The names saved come back. */
export async function exportCsv(result: MergeResult, definitions: readonly QuestionnaireDefinition[], language: string, dialog: DialogText): Promise<{ saved: string[]; cancelled: boolean }> {
  const tables = consolidatedTables(result, definitions, language);
  const saved: string[] = [];
  const encoder = new TextEncoder();
  for (const file of csvFiles(tables)) {
    const name = await save(dialog, `consolidated-${today()}-${file.name}`, 'csv', encoder.encode(file.text));
    if (name === undefined) return { saved, cancelled: true };
    saved.push(name);
  }
  return { saved, cancelled: false };
}

/** Builds the consolidated JSON with the coordinator as signer, signs it with their key, and saves it. */
export async function exportSignedJson(result: MergeResult, definitions: readonly QuestionnaireDefinition[], identity: IdentityRow, dialog: DialogText): Promise<string | undefined> {
  const publicKey = fromBase64(identity.publicKey);
  if (!publicKey) throw new AppError('KEYSTORE_UNAVAILABLE', 'The identity has no readable public key.');
  const unsigned = buildConsolidated(result, {
    consolidationId: crypto.randomUUID(),
    createdAt: new Date().toISOString(),
    coordinator: { name: identity.name, organisation: identity.organisation, email: identity.email, keyId: identity.keyId },
    generatorVersion: __APP_VERSION__,
    // The definitions give each scored respondent (OSI, LOSI) its score summary in the JSON.
    definitions,
  });
  const signed = await signConsolidated(unsigned, { publicKey, sign: (data) => platform().signWithKey(identity.keyId, data) });
  const bytes = new TextEncoder().encode(consolidatedFileText(signed));
  return save(dialog, `consolidated-${today()}.json`, 'json', bytes);
}

/** The decisions file: every open question with `null` to fill in, and every decision made. */
export async function saveDecisionsFile(result: MergeResult, choices: readonly FileChoice[], decisions: readonly ConflictDecision[], dialog: DialogText): Promise<string | undefined> {
  const text = decisionsFileText(decisionsTemplate(result, { choices, decisions }));
  return save(dialog, `merge-decisions-${today()}.json`, 'json', new TextEncoder().encode(text));
}

export type LoadDecisionsOutcome =
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'loaded'; readonly file: string; readonly choices: number; readonly decisions: number; readonly undecided: number }
  | { readonly kind: 'refused'; readonly file: string; readonly reason: string };

/** Reads a decisions file (the app's or one edited by hand for the CLI) and stores what it decides. */
export async function loadDecisionsFile(dialog: DialogText): Promise<LoadDecisionsOutcome> {
  const [file] = await platform().openFiles({ title: dialog.title, filters: [{ name: dialog.filter, extensions: ['json'] }], multiple: false });
  if (!file) return { kind: 'cancelled' };
  const parsed = parseDecisionsFile(file.data, new Date());
  if (!parsed.ok) return { kind: 'refused', file: file.name, reason: parsed.reason };
  await storage().merge.importDecisions({ choices: parsed.choices, decisions: parsed.decisions });
  return { kind: 'loaded', file: file.name, choices: parsed.choices.length, decisions: parsed.decisions.length, undecided: parsed.undecided };
}
