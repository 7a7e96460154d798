import type { SubmissionDocument } from '../submission/document';
import type { ClassifiedFile, FileChoice, FileStanding, IntakeFile } from './model';
import { respondentKeyOf } from './respondent-key';

/**
 * Decides each file's standing in the merge, from the verification reports and the coordinator's
 * file choices (keyed by file hash; the last choice for a hash counts). Every file comes back, in
 * the order given: nothing is dropped, only told apart.
 *
 * 1. No submission could be read: `unreadable` (no choice can change that).
 * 2. The same submission id with the same content hash as another file: a `duplicate` of the best
 *    copy (a valid one first, then the first added). A JSON file and a workbook of one submission
 *    are duplicates; the same id with other content is not (it is another version, or an edit).
 * 3. Signature invalid or changed after signing: `keptOut`, needing a decision, unless a choice
 *    includes it (`includedDespiteProblem`) or excludes it (`excluded`).
 * 4. Valid: `merged`, unless a choice excludes it.
 * 5. Among valid files still in, per respondent and signing key, the latest version wins and the others
 *    are `superseded` by it: a file revised by another (`revises`) loses to it; otherwise the
 *    later signing time wins (then the later file). A valid file the coordinator explicitly
 *    included is never superseded.
 */
export function classifyIntake(files: readonly IntakeFile[], choices: readonly FileChoice[] = []): ClassifiedFile[] {
  const choiceByHash = new Map(choices.map((choice) => [choice.fileHash, choice]));
  const { primaryOf, copiesOf } = duplicateSets(files);
  const standings = new Map<IntakeFile, FileStanding>();
  const protectedFiles = new Set<IntakeFile>();

  for (const file of files) {
    const document = documentOf(file);
    if (document === undefined) {
      standings.set(file, { kind: 'unreadable' });
      continue;
    }
    const primary = primaryOf.get(file) ?? file;
    if (primary !== file) {
      standings.set(file, { kind: 'duplicate', of: primary.index });
      continue;
    }
    const choice = choiceFor(file, copiesOf.get(file) ?? [file], choiceByHash);
    if (file.report.status === 'valid') {
      if (choice?.include === false) standings.set(file, { kind: 'excluded', reason: choice.reason });
      else standings.set(file, { kind: 'merged' });
      if (choice?.include === true) protectedFiles.add(file);
    } else if (choice === undefined) {
      standings.set(file, { kind: 'keptOut' });
    } else {
      standings.set(file, choice.include ? { kind: 'includedDespiteProblem', reason: choice.reason } : { kind: 'excluded', reason: choice.reason });
    }
  }

  markSuperseded(files, standings, protectedFiles);

  return files.map((file) => {
    const standing = standings.get(file) ?? { kind: 'unreadable' };
    const document = documentOf(file);
    return {
      file,
      standing,
      ...(document === undefined ? {} : { respondentKey: respondentKeyOf(document) }),
      needsDecision: standing.kind === 'keptOut',
    };
  });
}

function documentOf(file: IntakeFile): SubmissionDocument | undefined {
  return file.report.status === 'unreadable' ? undefined : file.report.document;
}

/**
 * Readable files grouped by submission id and content hash: for each file, the primary copy of its
 * set (itself when it has no copies), and for each primary, every copy including itself.
 */
function duplicateSets(files: readonly IntakeFile[]): { primaryOf: Map<IntakeFile, IntakeFile>; copiesOf: Map<IntakeFile, IntakeFile[]> } {
  const sets = new Map<string, IntakeFile[]>();
  for (const file of files) {
    const document = documentOf(file);
    if (document === undefined) continue;
    // Without a content hash a copy cannot be proven identical, so the file stands alone.
    const key = file.contentHash === undefined ? `file:${String(file.index)}` : `${document.submissionId}\n${file.contentHash}`;
    const set = sets.get(key);
    if (set === undefined) sets.set(key, [file]);
    else set.push(file);
  }
  const primaryOf = new Map<IntakeFile, IntakeFile>();
  const copiesOf = new Map<IntakeFile, IntakeFile[]>();
  for (const set of sets.values()) {
    let primary: IntakeFile | undefined;
    for (const file of set) {
      if (primary === undefined || isBetterCopy(file, primary)) primary = file;
    }
    if (primary === undefined) continue;
    for (const file of set) primaryOf.set(file, primary);
    copiesOf.set(primary, set);
  }
  return { primaryOf, copiesOf };
}

function isBetterCopy(file: IntakeFile, than: IntakeFile): boolean {
  const valid = file.report.status === 'valid';
  const thanValid = than.report.status === 'valid';
  if (valid !== thanValid) return valid;
  return file.index < than.index;
}

/**
 * The coordinator's choice for a primary file: its own, else one made for any copy of it (the copies
 * have the same content, so a choice about one is a choice about the submission).
 */
function choiceFor(primary: IntakeFile, copies: readonly IntakeFile[], choiceByHash: ReadonlyMap<string, FileChoice>): FileChoice | undefined {
  const own = choiceByHash.get(primary.fileHash);
  if (own !== undefined) return own;
  for (const copy of copies) {
    const choice = choiceByHash.get(copy.fileHash);
    if (choice !== undefined) return choice;
  }
  return undefined;
}

function markSuperseded(files: readonly IntakeFile[], standings: Map<IntakeFile, FileStanding>, protectedFiles: ReadonlySet<IntakeFile>): void {
  const groups = new Map<string, { file: IntakeFile; document: SubmissionDocument }[]>();
  for (const file of files) {
    const kind = standings.get(file)?.kind;
    const document = documentOf(file);
    // Only verified files take part: the key id of a file whose signature fails is just a claim,
    // and a forged "later version" must never push a genuine one out. An included problem file
    // stays its own contribution.
    if (kind !== 'merged' || file.report.status !== 'valid' || document === undefined) continue;
    const key = `${respondentKeyOf(document)}\n${document.signature.keyId}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [{ file, document }]);
    else group.push({ file, document });
  }
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const winner = latestVersion(group);
    if (winner === undefined) continue;
    for (const { file } of group) {
      if (file === winner || protectedFiles.has(file)) continue;
      standings.set(file, { kind: 'superseded', by: winner.index });
    }
  }
}

/**
 * The latest version in a group from one signer: among the files no other file revises, the one
 * signed last (then the one added last). If `revises` links form a loop (every file is revised by
 * another), the signing time alone decides. Undefined only for an empty group.
 */
function latestVersion(group: readonly { file: IntakeFile; document: SubmissionDocument }[]): IntakeFile | undefined {
  const revised = new Set<string>();
  for (const { document } of group) if (document.revises !== undefined) revised.add(document.revises);
  const heads = group.filter(({ document }) => !revised.has(document.submissionId));
  let best: IntakeFile | undefined;
  let bestTime = Number.NEGATIVE_INFINITY;
  for (const { file, document } of heads.length > 0 ? heads : group) {
    const time = Date.parse(document.timestamps.signed);
    if (best === undefined || time > bestTime || (time === bestTime && file.index > best.index)) {
      best = file;
      bestTime = time;
    }
  }
  return best;
}
