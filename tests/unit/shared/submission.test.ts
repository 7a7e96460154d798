import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from '../../../shared/crypto/base64';
import { contentHash } from '../../../shared/crypto/hash';
import { keyIdOf } from '../../../shared/crypto/key-id';
import { buildSubmission } from '../../../shared/submission/build';
import type { SignerCard, SubmissionDocument } from '../../../shared/submission/document';
import { MAX_SUBMISSION_BYTES } from '../../../shared/submission/document';
import { signingBytes, signSubmission, submissionFileText } from '../../../shared/submission/sign';
import { verifySubmissionJson } from '../../../shared/submission/verify';
import type { AnswerValue } from '../../../shared/schemas/answers';
import type { EvidenceItem } from '../../../shared/schemas/evidence';
import { canonicalJson } from '../../../shared/canonical-json';
import { loadBundledDefinition } from '../../helpers/bundled-definition';

async function keyPair() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }).subarray(12));
  return { publicKey: raw, keyId: await keyIdOf(raw), sign: (data: Uint8Array) => Promise.resolve(new Uint8Array(sign(null, data, privateKey))) };
}

const definition = loadBundledDefinition('test-all-types');
const respondent = { kind: 'country', place: 'Estonia', organisation: 'Information System Authority', focalPointName: 'Kai Tamm', focalPointEmail: 'kai@example.ee' } as const;
const evidence: EvidenceItem[] = [{ id: 'e1', url: 'https://www.gov.example/strategy', title: 'Strategy', accessed: '2024-05-01', check: { status: 'ok', httpStatus: 200, checkedAt: 1_714_000_000_000 } }];

async function signed(answers: Record<string, AnswerValue>, key?: Awaited<ReturnType<typeof keyPair>>) {
  const k = key ?? (await keyPair());
  const unsigned = await buildSubmission({
    definition,
    contentHash: await contentHash(definition),
    respondent,
    answers: new Map(Object.entries(answers)),
    evidence: new Map([['A.2', evidence]]),
    acknowledged: new Set(),
    signer: { name: 'Kai Tamm', organisation: 'RIA', email: 'kai@example.ee', keyId: k.keyId },
    started: Date.UTC(2024, 4, 1),
    lastChanged: Date.UTC(2024, 4, 2),
    signedAt: Date.UTC(2024, 4, 3),
    submissionId: '6f1d3c2a-8b4e-4c1a-9f2e-0a1b2c3d4e5f',
  });
  return { document: await signSubmission(unsigned, k), key: k };
}

const answers = { 'A.1': 'https://www.gov.example/', 'A.2': 'yes', 'A.2.1': 'Digital Agenda', 'A.2.2': 2021, 'B.1': ['web'], 'B.3': 12, 'B.4': 87.5, 'D.1': 'yes' };
const bytesOf = (document: unknown) => new TextEncoder().encode(typeof document === 'string' ? document : JSON.stringify(document, null, 2));

describe('signed JSON submission', () => {
  it('leaves out hidden questions, and signs the canonical form without the signature', async () => {
    const { document } = await signed(answers);
    expect(Object.keys(document.answers)).not.toContain('D.1');
    expect(document.answers['B.4']).toBe(87.5);
    expect(Object.keys(document.signature)).toEqual(['algorithm', 'keyId', 'publicKey', 'value']);
    const canonical = new TextDecoder().decode(signingBytes(document));
    expect(canonical).not.toContain('"signature"');
    expect(canonical).toBe(canonicalJson({ ...document, signature: undefined }));
  });

  it('signs the trimmed respondent and signer, so padded names still verify as valid', async () => {
    const key = await keyPair();
    const unsigned = await buildSubmission({
      definition,
      contentHash: await contentHash(definition),
      respondent: { ...respondent, place: '  Estonia ', organisation: ' Information System Authority' },
      answers: new Map(Object.entries(answers)),
      evidence: new Map(),
      acknowledged: new Set(),
      signer: { name: ' Kai Tamm ', organisation: 'RIA ', email: 'kai@example.ee', keyId: key.keyId },
      started: Date.UTC(2024, 4, 1),
      lastChanged: Date.UTC(2024, 4, 2),
      signedAt: Date.UTC(2024, 4, 3),
      submissionId: '6f1d3c2a-8b4e-4c1a-9f2e-0a1b2c3d4e5f',
    });
    const document = await signSubmission(unsigned, key);
    expect(document.respondent.place).toBe('Estonia');
    expect(document.signer.name).toBe('Kai Tamm');
    expect(await verifySubmissionJson(bytesOf(submissionFileText(document)))).toMatchObject({ status: 'valid' });
  });

  it('verifies as valid, and as trusted when the signer card is on the list', async () => {
    const { document, key } = await signed(answers);
    expect(await verifySubmissionJson(bytesOf(submissionFileText(document)))).toMatchObject({ status: 'valid', trusted: false });
    const card: SignerCard = { format: 'egov-desk/signer-card', formatVersion: 1, name: 'Kai Tamm', organisation: 'RIA', email: 'kai@example.ee', algorithm: 'Ed25519', keyId: key.keyId, publicKey: toBase64(key.publicKey), createdAt: '2024-01-01T00:00:00.000Z' };
    expect(await verifySubmissionJson(bytesOf(document), [card])).toMatchObject({ status: 'valid', trusted: true });
  });

  it('reports a changed answer as a change, naming the field', async () => {
    const { document } = await signed(answers);
    const edited: SubmissionDocument = { ...document, answers: { ...document.answers, 'B.3': 99 } };
    expect(await verifySubmissionJson(bytesOf(edited))).toMatchObject({ status: 'changed', changes: [{ where: 'answers.B.3' }] });
    const added = { ...document, answers: { ...document.answers, 'A.4': 'x@example.org' } };
    expect(await verifySubmissionJson(bytesOf(added))).toMatchObject({ status: 'changed', changes: [{ where: 'answers.A.4' }] });
    const respondentChanged = { ...document, respondent: { ...document.respondent, place: 'Latvia' } };
    expect(await verifySubmissionJson(bytesOf(respondentChanged))).toMatchObject({ status: 'changed', changes: [{ where: 'respondent' }] });
  });

  it('reports a flipped bit in the signature, a wrong key and a forged digest as an invalid signature', async () => {
    const { document } = await signed(answers);
    const value = fromBase64(document.signature.value) ?? new Uint8Array();
    value[10] = (value[10] ?? 0) ^ 1;
    const flipped = { ...document, signature: { ...document.signature, value: toBase64(value) } };
    expect(await verifySubmissionJson(bytesOf(flipped))).toMatchObject({ status: 'signatureInvalid', problem: 'badSignature' });

    // Another person's key put in the signature block: the signature does not verify with it.
    const other = await keyPair();
    const wrongKey = { ...document, signer: { ...document.signer, keyId: other.keyId }, signature: { ...document.signature, keyId: other.keyId, publicKey: toBase64(other.publicKey) } };
    const report = await verifySubmissionJson(bytesOf(wrongKey));
    expect(report.status === 'changed' || report.status === 'signatureInvalid').toBe(true);
    const swapped = { ...document, signature: { ...document.signature, publicKey: toBase64(other.publicKey) } };
    expect(await verifySubmissionJson(bytesOf(swapped))).toMatchObject({ status: 'signatureInvalid', problem: 'keyIdMismatch' });
  });

  it('reports unreadable files with a reason and never throws', async () => {
    const { document } = await signed(answers);
    const text = submissionFileText(document);
    const cases: [string, Uint8Array, RegExp][] = [
      ['empty', new Uint8Array(), /empty/],
      ['truncated', bytesOf(text.slice(0, text.length / 2)), /not valid JSON/],
      ['random bytes', new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)), /not UTF-8|not valid JSON/],
      ['another JSON document', bytesOf({ hello: 'world' }), /not an EGov Desk submission/],
      ['a broken submission', bytesOf({ ...document, formatVersion: 9 }), /does not follow the format/],
      ['oversized', new Uint8Array(MAX_SUBMISSION_BYTES + 1), /larger than/],
    ];
    for (const [name, bytes, reason] of cases) {
      const report = await verifySubmissionJson(bytes);
      expect(report.status, name).toBe('unreadable');
      if (report.status === 'unreadable') expect(report.reason, name).toMatch(reason);
    }
  });
});

describe('base64', () => {
  it('round-trips every length and refuses non-canonical text', () => {
    for (let n = 0; n < 70; n += 1) {
      const bytes = new Uint8Array(Array.from({ length: n }, (_, i) => (i * 37) % 256));
      const text = toBase64(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64'));
      expect(fromBase64(text)).toEqual(bytes);
    }
    expect(fromBase64('QQ==')).toEqual(new Uint8Array([65]));
    expect(fromBase64('QR==')).toBeUndefined();
    expect(fromBase64('QQ')).toBeUndefined();
    expect(fromBase64('Q Q=')).toBeUndefined();
  });
});

describe('the wrong EGov Desk file', () => {
  it('is named: a review, an unsigned response, a signer card', async () => {
    for (const [format, reason] of [['egov-desk/review', /review/], ['egov-desk/response', /unsigned response/], ['egov-desk/signer-card', /signer card/]] as const) {
      const report = await verifySubmissionJson(bytesOf({ format, formatVersion: 1 }));
      expect(report.status === 'unreadable' && report.reason, format).toMatch(reason);
    }
  });
});

describe('values the schema would tidy', () => {
  it('are checked as written in the file: a padded name is a change, not a valid signature', async () => {
    const { document } = await signed(answers);
    const padded = { ...document, signer: { ...document.signer, name: `  ${document.signer.name}` } };
    expect(await verifySubmissionJson(bytesOf(padded))).toMatchObject({ status: 'changed', changes: [{ where: 'signer' }] });
  });
});

describe('reading a signer card for the trusted list', () => {
  it('accepts a real card and refuses a forged key id, a private identity, garbage and oversized files', async () => {
    const { readSignerCard, signerCardOf, MAX_SIGNER_CARD_BYTES } = await import('../../../shared/submission/signer-card');
    const key = await keyPair();
    const card = signerCardOf({ name: 'Kai', organisation: 'RIA', email: 'kai@example.ee', keyId: key.keyId, publicKey: toBase64(key.publicKey), createdAt: 0 });
    expect(await readSignerCard(bytesOf(card))).toEqual({ ok: true, card });
    const other = await keyPair();
    expect(await readSignerCard(bytesOf({ ...card, keyId: other.keyId }))).toEqual({ ok: false, reason: 'the key id does not match the public key' });
    expect(await readSignerCard(bytesOf({ ...card, format: 'egov-desk/identity' }))).toMatchObject({ ok: false, reason: expect.stringContaining('private identity') as string });
    expect(await readSignerCard(bytesOf('not json at all'))).toMatchObject({ ok: false });
    expect(await readSignerCard(new Uint8Array(MAX_SIGNER_CARD_BYTES + 1))).toMatchObject({ ok: false });
  });
});
