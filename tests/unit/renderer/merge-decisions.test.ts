import { describe, expect, it } from 'vitest';
import { mergeSubmissions } from '../../../shared/merge/merge';
import type { ConflictDecision } from '../../../shared/merge/model';
import type { MergeDecisionRow } from '../../../renderer/src/db/records';
import { applicableChoices, applicableDecisions, decisionsOf, rowFor } from '../../../renderer/src/features/merge/stored-decisions';
import { withCurrentTrust } from '../../../renderer/src/features/merge/use-merge';
import { cardOf, intakeOf, mergeSigner, signedDocument } from '../../helpers/merge-fixtures';

const ESTONIA = 'test-all-types@1.0.0/country/estonia';

async function twoMinistries() {
  const finance = await mergeSigner('Mari Mets', 'Ministry of Finance');
  const economy = await mergeSigner('Jaan Tamm', 'Ministry of Economic Affairs');
  const files = await intakeOf([
    await signedDocument({ signer: finance, answers: { 'A.1': 'https://www.eesti.ee/', 'B.3': 12 } }),
    await signedDocument({ signer: economy, answers: { 'A.1': 'https://www.gov.ee/', 'B.3': 12 } }),
  ]);
  return { files, finance, economy };
}

function row(question: string, fingerprint: string, storedAt: number, reason: string, respondent = ESTONIA): MergeDecisionRow {
  const decision: ConflictDecision = {
    respondent,
    question,
    ...(fingerprint === '*' ? {} : { fingerprint }),
    resolution: { choice: { kind: 'write', value: 'https://www.eesti.ee/' }, reason, decidedAt: '2024-06-01T10:00:00.000Z' },
  };
  return { respondent, question, fingerprint, decision, storedAt };
}

describe('stored decisions applied to the intake', () => {
  it('takes the decision made for exactly the current values, even when a later one exists for other values', async () => {
    const { files } = await twoMinistries();
    const undecided = mergeSubmissions(files);
    const conflict = undecided.respondents[0]?.answers.find((a) => a.questionId === 'A.1');
    expect(conflict?.status).toBe('conflict');
    const fingerprint = conflict?.fingerprint ?? '';
    const rows = [row('A.1', fingerprint, 1, 'the portal of record'), row('A.1', 'sha256:other-values', 5, 'made for other files')];
    const chosen = applicableDecisions(rows, undecided);
    expect(chosen.map((r) => r.decision.resolution.reason)).toEqual(['the portal of record']);

    const decided = mergeSubmissions(files, { decisions: decisionsOf(chosen) });
    const answer = decided.respondents[0]?.answers.find((a) => a.questionId === 'A.1');
    expect(answer?.status).toBe('resolved');
    expect(answer?.value).toBe('https://www.eesti.ee/');
    expect(decided.openConflicts).toBe(0);
    expect(decided.staleDecisions).toEqual([]);
  });

  it('falls back to a decision that names no values, then to the latest (which the merge reports stale)', async () => {
    const { files } = await twoMinistries();
    const undecided = mergeSubmissions(files);
    expect(applicableDecisions([row('A.1', 'sha256:old', 1, 'old'), row('A.1', '*', 2, 'from a hand-written file')], undecided).map((r) => r.decision.resolution.reason)).toEqual([
      'from a hand-written file',
    ]);
    const onlyOld = applicableDecisions([row('A.1', 'sha256:old', 1, 'older'), row('A.1', 'sha256:older', 3, 'latest')], undecided);
    expect(onlyOld.map((r) => r.decision.resolution.reason)).toEqual(['latest']);
    const result = mergeSubmissions(files, { decisions: decisionsOf(onlyOld) });
    expect(result.staleDecisions).toEqual([{ respondent: ESTONIA, question: 'A.1', why: 'valuesChanged' }]);
    // The stale one can be found again, to be forgotten.
    expect(rowFor(onlyOld, ESTONIA, 'A.1')?.fingerprint).toBe('sha256:older');
  });

  it('leaves out decisions about respondents not in the intake, and keeps those about a question that no longer conflicts', async () => {
    const { files } = await twoMinistries();
    const undecided = mergeSubmissions(files);
    const chosen = applicableDecisions([row('A.1', '*', 1, 'Latvia', 'test-all-types@1.0.0/country/latvia'), row('B.3', 'sha256:x', 2, 'they agree now')], undecided);
    expect(chosen.map((r) => r.question)).toEqual(['B.3']);
    expect(mergeSubmissions(files, { decisions: decisionsOf(chosen) }).staleDecisions).toEqual([{ respondent: ESTONIA, question: 'B.3', why: 'noSuchConflict' }]);
  });

  it('passes on only the file choices about files in the intake', async () => {
    const { files } = await twoMinistries();
    const [first] = files;
    const choices = applicableChoices(
      [
        { fileHash: first?.fileHash ?? '', include: false, reason: 'duplicate upload', storedAt: 1 },
        { fileHash: 'sha256:not-here', include: true, reason: 'another merge', storedAt: 2 },
      ],
      files,
    );
    expect(choices).toEqual([{ fileHash: first?.fileHash, include: false, reason: 'duplicate upload' }]);
  });

  it('shows trust as of now, without checking the files again', async () => {
    const { files, finance } = await twoMinistries();
    expect(files.map((f) => f.report.status === 'valid' && f.report.trusted)).toEqual([false, false]);
    const now = withCurrentTrust(files, [cardOf(finance)]);
    expect(now.map((f) => f.report.status === 'valid' && f.report.trusted)).toEqual([true, false]);
    // Unchanged files are the same objects, so nothing downstream recomputes for them.
    expect(now[1]).toBe(files[1]);
    expect(withCurrentTrust(now, []).map((f) => f.report.status === 'valid' && f.report.trusted)).toEqual([false, false]);
  });
});
