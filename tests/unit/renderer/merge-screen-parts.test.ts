import i18next from 'i18next';
import type { TFunction } from 'i18next';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mergeSubmissions } from '../../../shared/merge/merge';
import { parseRoute, routeHref } from '../../../renderer/src/app/router';
import { en } from '../../../renderer/src/i18n/locales/en';
import { matchesFilter, standingText, verificationText } from '../../../renderer/src/features/merge/FilesTable';
import { timeLeftText } from '../../../renderer/src/features/merge/IntakePanel';
import { addToIntake, cancelVerification, clearIntake, intakeState } from '../../../renderer/src/features/merge/intake-store';
import type { WorkerPort } from '../../../renderer/src/features/merge/verify-pool';
import type { FromWorker, ToWorker } from '../../../renderer/src/features/merge/verify-protocol';
import { badSignatureBytes, editedBytes, intakeOf, jsonBytes, mergeSigner, signedDocument } from '../../helpers/merge-fixtures';

let t: TFunction;
beforeAll(async () => {
  const instance = i18next.createInstance();
  await instance.init({ lng: 'en', resources: { en: { translation: en } }, interpolation: { escapeValue: false } });
  t = instance.t;
});

afterEach(() => {
  clearIntake();
});

describe('the merge route', () => {
  it('is #/merge both ways', () => {
    expect(parseRoute('#/merge')).toEqual({ name: 'merge' });
    expect(routeHref({ name: 'merge' })).toBe('#/merge');
  });
});

describe('what the files table says about each file', () => {
  it('names the verification result and the standing, and filters by them', async () => {
    const signer = await mergeSigner('Mari Mets', 'Ministry of Finance');
    const document = await signedDocument({ signer, answers: { 'A.1': 'https://www.eesti.ee/', 'B.3': 12 } });
    const older = await signedDocument({ signer, answers: { 'A.1': 'https://www.eesti.ee/' }, signedAt: '2024-01-01T00:00:00.000Z' });
    const files = await intakeOf([
      { name: 'a.json', document },
      { name: 'a-copy.json', document },
      { name: 'edited.json', bytes: editedBytes(document, 'B.3', 13) },
      { name: 'forged.json', bytes: badSignatureBytes(await signedDocument({ place: 'Latvia' })) },
      { name: 'notes.json', bytes: new TextEncoder().encode('{"hello":"world"}') },
      { name: 'old.json', bytes: jsonBytes(older) },
    ]);
    const result = mergeSubmissions(files, { choices: [{ fileHash: files[3]?.fileHash ?? '', include: false, reason: 'forged' }] });
    const nameOf = (index: number) => files[index]?.name ?? '?';
    const said = result.files.map((file) => [file.file.name, verificationText(t, file), standingText(t, file, nameOf, undefined)]);
    expect(said).toEqual([
      ['a.json', 'Valid', 'Merged'],
      ['a-copy.json', 'Valid', 'Duplicate of a.json'],
      ['edited.json', 'Changed after signing: answers.B.3', 'Kept out: needs your decision'],
      ['forged.json', 'Signature invalid: The signature does not match the content.', 'Excluded: forged'],
      ['notes.json', 'Unreadable: this is not an EGov Desk submission', 'Cannot be merged'],
      ['old.json', 'Valid', 'Superseded by a.json'],
    ]);
    expect(result.files.filter((f) => matchesFilter(f, 'needsDecision')).map((f) => f.file.name)).toEqual(['edited.json']);
    expect(result.files.filter((f) => matchesFilter(f, 'problems')).map((f) => f.file.name)).toEqual(['edited.json', 'forged.json', 'notes.json']);
    expect(result.files.filter((f) => matchesFilter(f, 'all'))).toHaveLength(6);
  });

  it('says the time left in seconds, then minutes', () => {
    expect(timeLeftText(t, 0.2)).toBe('about 1 second left');
    expect(timeLeftText(t, 42)).toBe('about 42 seconds left');
    expect(timeLeftText(t, 600)).toBe('about 10 minutes left');
  });
});

describe('the intake', () => {
  /** A worker that verifies for real, but only when the test releases a file. */
  function slowWorker(release: { next?: () => void }): WorkerPort {
    const messages: ((message: FromWorker) => void)[] = [];
    const waiting: ToWorker[] = [];
    release.next = () => {
      const message = waiting.shift();
      if (message?.type !== 'verify') return;
      void intakeOf([{ name: message.job.name, bytes: message.job.bytes }]).then(([file]) => {
        if (file) messages.forEach((l) => { l({ type: 'verified', file: { ...file, index: message.job.index } }); });
      });
    };
    return {
      post: (message) => {
        if (message.type === 'init') queueMicrotask(() => { messages.forEach((l) => { l({ type: 'ready' }); }); });
        else waiting.push(message);
      },
      onMessage: (listener) => { messages.push(listener); },
      onFailure: () => undefined,
      terminate: () => undefined,
    };
  }

  it('adds files after those already there, one add at a time; a cancel stops the files in flight; refused files are listed', async () => {
    const documents = await Promise.all([1, 2, 3, 4].map((n) => signedDocument({ place: `Place ${String(n)}` })));
    const context = { trusted: [], definitions: [] };
    const first = await addToIntake({ files: [{ name: 'one.json', data: new Uint8Array(jsonBytes(documents[0] ?? (await signedDocument()))) }], refused: [] }, context, {
      createWorker: () => {
        throw new Error('no workers here');
      },
    });
    expect(first).toMatchObject({ checked: 1, notAdded: 0, cancelled: false, ranOn: 'mainThread' });

    const release: { next?: () => void } = {};
    const adding = addToIntake(
      { files: documents.slice(1).map((d, i) => ({ name: `more-${String(i)}.json`, data: new Uint8Array(jsonBytes(d)) })), refused: [{ name: 'huge.json', reason: 'The file is larger than the 64 MB limit.' }] },
      context,
      { workers: 1, createWorker: () => slowWorker(release) },
    );
    // One add at a time: a second one while this runs is refused.
    expect(await addToIntake({ files: [], refused: [] }, context)).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(intakeState().verifying).toMatchObject({ done: 0, total: 3 });
    cancelVerification();
    const outcome = await adding;
    // The three files were in the worker: none is waited for, each is listed as not added.
    expect(outcome).toMatchObject({ checked: 0, cancelled: true, ranOn: 'workers' });
    const state = intakeState();
    expect(state.verifying).toBeUndefined();
    expect(state.files.map((f) => [f.index, f.name])).toEqual([[0, 'one.json']]);
    expect(state.notAdded.map((n) => n.name)).toEqual(['huge.json', 'more-0.json', 'more-1.json', 'more-2.json']);
    expect(state.notAdded[0]).toEqual({ name: 'huge.json', reason: { kind: 'refused', text: 'The file is larger than the 64 MB limit.' } });
  });

  it('keeps the index of every file equal to its place when a failed worker leaves a gap; the lost file is listed', async () => {
    const documents = await Promise.all([1, 2, 3].map((n) => signedDocument({ place: `Place ${String(n)}` })));
    const context = { trusted: [], definitions: [] };
    const healthy: { next?: () => void } = {};
    const dying: { next?: () => void } = {};
    const failures: ((reason: string) => void)[] = [];
    const workers = [
      slowWorker(healthy),
      { ...slowWorker(dying), onFailure: (listener: (reason: string) => void) => { failures.push(listener); } },
    ];
    let created = 0;
    const adding = addToIntake({ files: documents.map((d, i) => ({ name: `f${String(i)}.json`, data: new Uint8Array(jsonBytes(d)) })), refused: [] }, context, {
      workers: 2,
      perWorker: 1,
      createWorker: () => workers[created++] ?? slowWorker({}),
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    // Each worker holds some of the files; the second one dies with its files.
    failures.forEach((fail) => { fail('crashed'); });
    for (let i = 0; i < 3; i += 1) {
      healthy.next?.();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const outcome = await adding;
    const state = intakeState();
    expect(outcome?.checked).toBeGreaterThan(0);
    expect(state.files.map((f) => f.index)).toEqual(state.files.map((_, i) => i));
    expect(state.files.length + state.notAdded.length).toBe(3);
    expect(state.notAdded.length).toBeGreaterThan(0);
    expect(state.notAdded.every((n) => n.reason.kind === 'workerFailed')).toBe(true);
  });
});
