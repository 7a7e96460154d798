import i18next from 'i18next';
import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatKeyIdForReading } from '../../../shared/crypto/key-id';
import type { ConsolidatedDocument, UnsignedConsolidated } from '../../../shared/merge/consolidated';
import { buildConsolidated, consolidatedFileText, signConsolidated, verifyConsolidatedJson } from '../../../shared/merge/consolidated';
import { mergeSubmissions } from '../../../shared/merge/merge';
import type { MergeResult } from '../../../shared/merge/model';
import type { Signer, SignerCard, SubmissionDocument } from '../../../shared/submission/document';
import { consolidatedView } from '../../../renderer/src/features/verify/consolidated-view';
import type { VerifiedFile } from '../../../renderer/src/features/verify/verify-file';
import { startsLikeConsolidated } from '../../../shared/merge/verify-json-file';
import { verifyAnyFile, verifyFile } from '../../../renderer/src/features/verify/verify-file';
import { formatDateTime } from '../../../renderer/src/i18n/format';
import { en } from '../../../renderer/src/i18n/locales/en';
import { fr } from '../../../renderer/src/i18n/locales/fr';
import type { TestKey } from '../../helpers/merge-fixtures';
import { bundled, cardOf, editedBytes, intakeOf, jsonBytes, mergeSigner, signedDocument, signerCardOf, testKey, workbookBytes } from '../../helpers/merge-fixtures';

/**
 * The Verify screen on a coordinator's consolidated dataset: verify-file's dispatch (a consolidated
 * file goes to its own verifier, by content; submissions still go to theirs) and what the screen
 * says about each verdict, in English and French.
 */

const CONSOLIDATION_ID = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const CREATED_AT = '2024-06-02T08:00:00.000Z';
const MB = 1024 * 1024;

let coordinatorKey: TestKey;
let coordinator: Signer;
let coordinatorCard: SignerCard;
let financeCard: SignerCard;
let submission: SubmissionDocument;
let result: MergeResult;
let signedText: string;
let tEn: TFunction;
let tFr: TFunction;

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

beforeAll(async () => {
  coordinatorKey = await testKey();
  coordinator = { name: 'Mari Kask', organisation: 'Government Office', email: 'mari@riigikantselei.example', keyId: coordinatorKey.keyId };
  coordinatorCard = { ...signerCardOf(coordinatorKey), name: coordinator.name, organisation: coordinator.organisation, email: coordinator.email };
  const finance = await mergeSigner('Ama Boateng', 'Ministry of Finance', 'ama@finance.example');
  const health = await mergeSigner('Lars Eriksen', 'Ministry of Health', 'lars@health.example');
  financeCard = cardOf(finance);
  submission = await signedDocument({ signer: finance, place: 'Estonia', answers: { 'A.1': 'https://www.eesti.ee/', 'B.3': 5 } });
  const other = await signedDocument({ signer: health, place: 'Estonia', answers: { 'A.1': 'https://www.eesti.ee/', 'B.3': 7 } });
  const latvia = await signedDocument({ signer: health, place: 'Latvia', answers: { 'A.1': 'https://latvija.gov.example/' } });
  // Two Estonian ministries disagree on B.3 (an open conflict); Latvia's file was edited after signing (kept out, needs a decision).
  const files = await intakeOf([submission, other, { name: 'latvia-edited.json', bytes: editedBytes(latvia, 'A.1', 'https://elsewhere.example/') }], { trusted: [financeCard] });
  result = mergeSubmissions(files, { definitions: [bundled('test-all-types')] });
  signedText = consolidatedFileText(await signed());

  const english = i18next.createInstance();
  await english.init({ lng: 'en', resources: { en: { translation: en } }, interpolation: { escapeValue: false } });
  tEn = english.t;
  const french = i18next.createInstance();
  await french.init({ lng: 'fr', resources: { fr: { translation: fr } }, interpolation: { escapeValue: false } });
  tFr = french.t;
});

function unsignedDocument(): UnsignedConsolidated {
  return buildConsolidated(result, { consolidationId: CONSOLIDATION_ID, createdAt: CREATED_AT });
}

function signed(): Promise<ConsolidatedDocument> {
  return signConsolidated(buildConsolidated(result, { consolidationId: CONSOLIDATION_ID, createdAt: CREATED_AT, coordinator }), coordinatorKey);
}

const verify = (bytes: Uint8Array, trusted: readonly SignerCard[] = []): Promise<VerifiedFile> => verifyAnyFile(bytes, trusted, [bundled('test-all-types')]);

/** One byte of the signed text changed: the "a" ending the respondent's place, Estonia, becomes "b". */
function tampered(): Uint8Array {
  const bytes = encode(signedText);
  const at = signedText.indexOf('"place": "Estonia"') + '"place": "Estoni'.length;
  expect(String.fromCharCode(bytes[at] ?? 0)).toBe('a');
  bytes[at] = 'b'.charCodeAt(0);
  return bytes;
}

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, sortedKeys(v)]));
}

describe('verifyAnyFile: what the Verify screen checks a file as', () => {
  it('a signed consolidated dataset: consolidated and valid, trusted only with the coordinator’s card', async () => {
    const plain = await verify(encode(signedText));
    expect(plain).toMatchObject({ kind: 'consolidated', verification: { status: 'valid', trusted: false, document: { coordinator: { name: 'Mari Kask' } } } });
    expect(await verify(encode(signedText), [coordinatorCard])).toMatchObject({ kind: 'consolidated', verification: { status: 'valid', trusted: true } });
    expect(await verify(encode(signedText), [financeCard])).toMatchObject({ kind: 'consolidated', verification: { status: 'valid', trusted: false } });
  });

  it('gives the same verdict as the consolidated verifier itself', async () => {
    for (const bytes of [encode(signedText), tampered(), encode(consolidatedFileText(unsignedDocument()))]) {
      const verified = await verify(bytes, [coordinatorCard]);
      expect(verified.kind).toBe('consolidated');
      if (verified.kind === 'consolidated') expect(verified.verification).toStrictEqual(await verifyConsolidatedJson(bytes, [coordinatorCard]));
    }
  });

  it('one byte changed after signing: signature invalid (badSignature)', async () => {
    expect(await verify(tampered(), [coordinatorCard])).toMatchObject({ kind: 'consolidated', verification: { status: 'signatureInvalid', problem: 'badSignature' } });
  });

  it('an unsigned dataset: unsigned, with its summary', async () => {
    expect(await verify(encode(consolidatedFileText(unsignedDocument())))).toMatchObject({
      kind: 'consolidated',
      verification: { status: 'unsigned', document: { summary: { respondents: 1, merged: 2, openConflicts: 1, filesNeedingDecision: 1 } } },
    });
  });

  it('recognised by content whatever the layout: byte order mark, compact, members reordered, "\\/" in the format', async () => {
    const document = JSON.parse(signedText) as Record<string, unknown>;
    const layouts = [
      `\uFEFF${signedText}`,
      JSON.stringify(document),
      JSON.stringify(sortedKeys(document)),
      signedText.replace('"egov-desk/consolidated"', '"egov-desk\\/consolidated"'),
    ];
    for (const text of layouts) expect(await verify(encode(text)), text.slice(0, 60)).toMatchObject({ kind: 'consolidated', verification: { status: 'valid' } });
    // Only the first layouts are recognised from their first bytes; the others after parsing.
    expect(layouts.map((text) => startsLikeConsolidated(encode(text)))).toStrictEqual([true, true, false, false]);
  });

  it('a consolidated dataset in another format version, or truncated: consolidated and unreadable, with the reason', async () => {
    expect(await verify(encode(signedText.replace('"formatVersion": 1', '"formatVersion": 2')))).toStrictEqual({
      kind: 'consolidated',
      verification: { status: 'unreadable', reason: 'this consolidated dataset is in format version 2, which this version of EGov Desk cannot read' },
    });
    expect(await verify(encode(signedText.slice(0, 500)))).toMatchObject({ kind: 'consolidated', verification: { status: 'unreadable', reason: expect.stringContaining('not valid JSON') as unknown } });
  });

  it('larger than a submission may be: read as a consolidated dataset when it starts like one, refused unparsed otherwise', async () => {
    const padding = ' '.repeat(33 * MB);
    expect(await verify(encode(`${signedText}${padding}`))).toMatchObject({ kind: 'consolidated', verification: { status: 'valid' } });
    expect(await verify(encode(`${JSON.stringify(sortedKeys(JSON.parse(signedText)))}${padding}`))).toStrictEqual({
      kind: 'submission',
      report: { status: 'unreadable', reason: 'the file is larger than 32 MB' },
    });
  });

  it('submissions still go to the submission verifier, JSON and Excel alike', async () => {
    expect(await verify(jsonBytes(submission), [financeCard])).toMatchObject({ kind: 'submission', report: { status: 'valid', trusted: true, document: { submissionId: submission.submissionId } } });
    expect(await verify(editedBytes(submission, 'B.3', 6))).toMatchObject({ kind: 'submission', report: { status: 'changed', changes: [{ where: 'answers.B.3' }] } });
    expect(await verify(await workbookBytes(submission), [financeCard])).toMatchObject({ kind: 'submission', report: { status: 'valid', trusted: true } });
  });

  it('other files are unreadable submissions with the reason the submission verifier gives', async () => {
    for (const text of ['{"hello":"world"}', '[1,2,3]', '', 'not json', '{"format":"egov-desk/review"}']) {
      const verified = await verify(encode(text));
      expect(verified.kind, text).toBe('submission');
      if (verified.kind === 'submission') expect(verified.report, text).toStrictEqual(await verifyFile(encode(text), [], []));
    }
    expect(await verify(encode('{"hello":"world"}'))).toStrictEqual({ kind: 'submission', report: { status: 'unreadable', reason: 'this is not an EGov Desk submission' } });
  });
});

describe('what the Verify screen says about a consolidated dataset', () => {
  const keyLine = (t: TFunction): string => t('verify.keyId', { keyId: formatKeyIdForReading(coordinatorKey.keyId) });
  const created = (language: string): string => formatDateTime(Date.parse(CREATED_AT), language);

  it('valid and trusted, in English: the coordinator, the trust, the file awaiting a decision, the summary and the key', async () => {
    const verified = await verifyConsolidatedJson(encode(signedText), [coordinatorCard]);
    expect(consolidatedView(tEn, verified, 'en')).toStrictEqual({
      tone: 'ok',
      verdict: 'Valid consolidated dataset: signed by the coordinator Mari Kask (Government Office) and unchanged since signing.',
      details: ['The coordinator is on your trusted list.', '1 file still awaits the coordinator’s decision and is not in the merge.'],
      summary: `Respondents: 1 · merged files: 2 · open conflicts: 1 · created ${created('en')}`,
      keyId: keyLine(tEn),
    });
  });

  it('valid but not trusted, in French', async () => {
    const view = consolidatedView(tFr, await verifyConsolidatedJson(encode(signedText)), 'fr');
    expect(view.tone).toBe('ok');
    expect(view.verdict).toBe('Jeu de données consolidé valide : signé par le coordonnateur Mari Kask (Government Office) et inchangé depuis la signature.');
    expect(view.details[0]).toBe('Le coordonnateur ne figure pas sur votre liste de confiance : comparez l’identifiant de clé avec lui avant de vous y fier.');
    expect(view.details[1]).toBe('1 fichier attend encore la décision du coordonnateur et ne figure pas dans la fusion.');
    expect(view.summary).toBe(`Répondants : 1 · fichiers fusionnés : 2 · conflits ouverts : 1 · créé le ${created('fr')}`);
  });

  it('unsigned: a warning that nothing vouches for it, its summary, no key', async () => {
    const view = consolidatedView(tEn, await verifyConsolidatedJson(encode(consolidatedFileText(unsignedDocument()))), 'en');
    expect(view).toStrictEqual({
      tone: 'warning',
      verdict: 'Unsigned consolidated dataset: no coordinator signed it, so nothing shows who made it or that it is unchanged.',
      details: ['1 file still awaits the coordinator’s decision and is not in the merge.'],
      summary: `Respondents: 1 · merged files: 2 · open conflicts: 1 · created ${created('en')}`,
    });
  });

  it('signature invalid: says not to rely on it and why', async () => {
    const view = consolidatedView(tEn, await verifyConsolidatedJson(tampered(), [coordinatorCard]), 'en');
    expect(view.tone).toBe('danger');
    expect(view.verdict).toBe('Signature invalid: this consolidated dataset was changed after signing, or was not signed by the key it names. Do not rely on it.');
    expect(view.details).toStrictEqual(['The signature does not match the content.']);
    expect(view.keyId).toBe(keyLine(tEn));
    const french = consolidatedView(tFr, await verifyConsolidatedJson(tampered()), 'fr');
    expect(french.details).toStrictEqual(['La signature ne correspond pas au contenu.']);
  });

  it('unreadable: the reason only', () => {
    const view = consolidatedView(tEn, { status: 'unreadable', reason: 'the file is not valid JSON' }, 'en');
    expect(view).toStrictEqual({ tone: 'danger', verdict: 'Unreadable consolidated dataset: the file is not valid JSON.', details: [] });
    expect(consolidatedView(tFr, { status: 'unreadable', reason: 'x' }, 'fr').verdict).toBe('Jeu de données consolidé illisible : x.');
  });

  it('counts several undecided files with the plural, and none when there are none', () => {
    const document = unsignedDocument();
    const many = { status: 'unsigned', document: { ...document, summary: { ...document.summary, filesNeedingDecision: 3 } } } as const;
    expect(consolidatedView(tEn, many, 'en').details).toStrictEqual(['3 files still await the coordinator’s decision and are not in the merge.']);
    expect(consolidatedView(tFr, many, 'fr').details).toStrictEqual(['3 fichiers attendent encore la décision du coordonnateur et ne figurent pas dans la fusion.']);
    const none = { status: 'unsigned', document: { ...document, summary: { ...document.summary, filesNeedingDecision: 0 } } } as const;
    expect(consolidatedView(tEn, none, 'en').details).toStrictEqual([]);
  });
});
