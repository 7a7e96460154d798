import { AppError } from '../errors';
import { evidenceUrlKey } from '../evidence/evidence-url';
import type { AnswerValue } from '../schemas/answers';
import { isAnswered } from '../schemas/answers';
import type { EvidenceItem } from '../schemas/evidence';
import type { QuestionnaireDefinition } from '../schemas/questionnaire';
import type { SubmissionDocument } from '../submission/document';
import { classifyIntake } from './intake';
import type {
  Candidate,
  ClassifiedFile,
  ConflictDecision,
  Contribution,
  FileChoice,
  IntakeFile,
  MergedAnswer,
  MergedRespondent,
  MergeResult,
  StaleDecision,
} from './model';
import { placeKey } from './respondent-key';
import { candidatesFingerprint, combineValues, valueKey } from './value-key';

export interface MergeOptions {
  readonly choices?: readonly FileChoice[];
  readonly decisions?: readonly ConflictDecision[];
  /** Definitions to order questions by; without one, questions are in natural order of their ids. */
  readonly definitions?: readonly QuestionnaireDefinition[];
}

/**
 * Merges the verified files of an intake, respondent by respondent and question by question. Pure
 * and synchronous: the same files, choices and decisions always give the same result, which is
 * what lets the app, the CLI and the signed consolidated file agree.
 *
 * Where contributions agree (same value key) or only one answered, that value is taken; where they
 * differ, the question is a conflict until a decision made for exactly these candidate values (the
 * fingerprint) resolves it. Decisions that fit nothing are returned as stale, never ignored.
 */
export function mergeSubmissions(files: readonly IntakeFile[], options: MergeOptions = {}): MergeResult {
  const classified = classifyIntake(files, options.choices ?? []);
  const decisions = new DecisionBook(options.decisions ?? []);

  const fingerprints = new Fingerprints();
  const groups = groupContributions(classified);
  const orders = new QuestionOrders(options.definitions ?? [], groups);
  const respondents = groups.map((group) => mergeRespondent(group, decisions, orders, fingerprints));
  const staleDecisions = [...decisions.stale, ...decisions.unused()];
  let openConflicts = 0;
  for (const respondent of respondents) for (const answer of respondent.answers) if (answer.status === 'conflict') openConflicts += 1;
  return {
    files: classified,
    respondents,
    staleDecisions,
    openConflicts,
    filesNeedingDecision: classified.filter((file) => file.needsDecision).length,
  };
}

/** A contribution with what the merge reads from it. */
interface Source {
  readonly contribution: Contribution;
  readonly document: SubmissionDocument;
  readonly time: number;
  readonly index: number;
}

interface RespondentGroup {
  readonly key: string;
  readonly sources: Source[];
}

function groupContributions(classified: readonly ClassifiedFile[]): RespondentGroup[] {
  const groups = new Map<string, Source[]>();
  for (const { file, standing, respondentKey } of classified) {
    if (standing.kind !== 'merged' && standing.kind !== 'includedDespiteProblem') continue;
    const { report } = file;
    if (report.status === 'unreadable' || respondentKey === undefined) continue;
    const { document } = report;
    const contribution: Contribution = {
      file: file.index,
      fileName: file.name,
      fileHash: file.fileHash,
      submissionId: document.submissionId,
      contentHash: file.contentHash ?? '',
      signer: document.signer,
      signed: document.timestamps.signed,
      organisation: document.respondent.organisation,
      verification: report.status,
      // Trust is about a verified signature: a key on the list means nothing on a broken one.
      trusted: report.status === 'valid' && report.trusted,
    };
    const source: Source = { contribution, document, time: Date.parse(document.timestamps.signed), index: file.index };
    const group = groups.get(respondentKey);
    if (group === undefined) groups.set(respondentKey, [source]);
    else group.push(source);
  }
  const list = [...groups].map(([key, sources]) => {
    sources.sort((a, b) => a.time - b.time || a.index - b.index);
    const group: RespondentGroup = { key, sources };
    const { questionnaire, respondent } = latest(group).document;
    return { group, id: questionnaire.id, version: questionnaire.version, place: placeKey(respondent.place) };
  });
  list.sort((a, b) => compareText(a.id, b.id) || compareVersions(a.version, b.version) || compareText(a.place, b.place) || compareText(a.group.key, b.group.key));
  return list.map((entry) => entry.group);
}

function latest(group: RespondentGroup): Source {
  const source = group.sources[group.sources.length - 1];
  // Groups are only made with a first source; this guard keeps the type honest.
  if (source === undefined) throw new AppError('INTERNAL', `Respondent group ${group.key} has no contributions.`);
  return source;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function mergeRespondent(group: RespondentGroup, decisions: DecisionBook, orders: QuestionOrders, fingerprints: Fingerprints): MergedRespondent {
  const newest = latest(group).document;
  const asked = new Set<string>();
  for (const { document } of group.sources) {
    for (const id of Object.keys(document.answers)) asked.add(id);
    for (const id of Object.keys(document.evidence)) asked.add(id);
  }
  const answers: MergedAnswer[] = [];
  for (const questionId of orders.sorted(newest, asked)) {
    const answer = mergeQuestion(group, questionId, decisions, fingerprints);
    if (answer !== undefined) answers.push(answer);
  }
  return {
    key: group.key,
    questionnaire: newest.questionnaire,
    kind: newest.respondent.kind,
    place: newest.respondent.place,
    contributions: group.sources.map((source) => source.contribution),
    answers,
  };
}

interface CandidateBuilder {
  readonly key: string;
  value: AnswerValue;
  readonly contributions: number[];
  readonly evidence: (readonly EvidenceItem[])[];
}

const NO_EVIDENCE: readonly EvidenceItem[] = [];
/** The longest list an answer may hold (shared/schemas/answers.ts). */
const MAX_LIST_LENGTH = 1000;

/**
 * Evidence items of several lists without repeats: two spellings of one page (see `evidenceUrlKey`)
 * count once, the first kept. Most questions have no evidence or one list of one item, which are
 * returned as they are: merging thousands of files must not allocate per question needlessly.
 */
function unionEvidence(lists: readonly (readonly EvidenceItem[])[]): readonly EvidenceItem[] {
  let only: readonly EvidenceItem[] = NO_EVIDENCE;
  let nonEmpty = 0;
  for (const list of lists) {
    if (list.length === 0) continue;
    nonEmpty += 1;
    only = list;
  }
  if (nonEmpty === 0 || (nonEmpty === 1 && only.length === 1)) return only;
  // Several lists, or one list of several items (which may repeat a page): deduplicate.
  const keys = new Set<string>();
  const out: EvidenceItem[] = [];
  for (const list of lists) {
    for (const item of list) {
      const key = evidenceUrlKey(item.url);
      if (keys.has(key)) continue;
      keys.add(key);
      out.push(item);
    }
  }
  return out;
}

/**
 * `candidatesFingerprint`, remembered for single short values: across thousands of respondents the
 * same "yes", option or number recurs, and hashing each again was most of the merge's time.
 */
class Fingerprints {
  private readonly single = new Map<string, string>();
  private readonly none = candidatesFingerprint([]);

  of(keys: readonly string[]): string {
    const [only] = keys;
    if (only === undefined) return this.none;
    return keys.length > 1 ? candidatesFingerprint(keys) : this.ofOne(only);
  }

  ofOne(key: string): string {
    if (key.length > 64) return candidatesFingerprint([key]);
    let fingerprint = this.single.get(key);
    if (fingerprint === undefined) {
      fingerprint = candidatesFingerprint([key]);
      this.single.set(key, fingerprint);
    }
    return fingerprint;
  }
}

/**
 * A record's own entry. Question ids come from files: `constructor` or `toString` is a valid id,
 * and a plain lookup would find Object.prototype's function for a file that lacks it.
 */
function own<T>(record: Readonly<Record<string, T>>, id: string): T | undefined {
  return Object.hasOwn(record, id) ? record[id] : undefined;
}

/** The one-contribution respondent's sources, shared (frozen): most respondents send one file. */
const FIRST_ONLY: readonly number[] = Object.freeze([0]);

function mergeQuestion(group: RespondentGroup, questionId: string, decisions: DecisionBook, fingerprints: Fingerprints): MergedAnswer | undefined {
  const { sources } = group;
  if (sources.length === 1) return singleContribution(group, questionId, decisions, fingerprints);
  const candidates: CandidateBuilder[] = [];
  /** Contributions that answered or gave evidence: the sources of a value made from all of them. */
  const involved: number[] = [];
  const evidenceOnly: number[] = [];
  const allEvidence: (readonly EvidenceItem[])[] = [];
  const unansweredEvidence: (readonly EvidenceItem[])[] = [];

  for (const [position, { document }] of sources.entries()) {
    const value = own(document.answers, questionId);
    const evidence = own(document.evidence, questionId) ?? NO_EVIDENCE;
    const answered = value !== undefined && isAnswered(value);
    if (!answered) {
      if (evidence.length > 0) {
        involved.push(position);
        evidenceOnly.push(position);
        allEvidence.push(evidence);
        unansweredEvidence.push(evidence);
      }
      continue;
    }
    involved.push(position);
    allEvidence.push(evidence);
    const key = valueKey(value);
    // A linear search: a question has as many candidates as disagreeing contributions, a handful.
    let candidate = candidates.find((c) => c.key === key);
    if (candidate === undefined) {
      candidate = { key, value, contributions: [], evidence: [] };
      candidates.push(candidate);
    }
    // Contributions come oldest first: the candidate ends with its latest spelling of the value.
    candidate.value = value;
    candidate.contributions.push(position);
    candidate.evidence.push(evidence);
  }

  // An empty value with no evidence: nobody answered, nothing to keep.
  if (involved.length === 0) return undefined;

  const done: Candidate[] = candidates.map((c) => ({ key: c.key, value: c.value, contributions: c.contributions, evidence: unionEvidence(c.evidence) }));
  const fingerprint = fingerprints.of(done.map((c) => c.key));
  const decision = decisions.take(group.key, questionId);
  const [first, second] = done;

  if (first === undefined || second === undefined) {
    if (decision !== undefined) decisions.markStale(decision, 'noSuchConflict');
    if (first === undefined) {
      const status = evidenceOnly.length > 1 ? 'agreed' : 'single';
      return { questionId, status, value: null, evidence: unionEvidence(allEvidence), sources: evidenceOnly, candidates: done, fingerprint };
    }
    const status = first.contributions.length > 1 ? 'agreed' : 'single';
    const evidence = unansweredEvidence.length === 0 ? first.evidence : unionEvidence([first.evidence, ...unansweredEvidence]);
    return { questionId, status, value: first.value, evidence, sources: first.contributions, candidates: done, fingerprint };
  }

  const conflict: MergedAnswer = { questionId, status: 'conflict', value: null, evidence: unionEvidence(allEvidence), sources: involved, candidates: done, fingerprint };
  if (decision === undefined) return conflict;
  if (decision.fingerprint !== undefined && decision.fingerprint !== fingerprint) {
    decisions.markStale(decision, 'valuesChanged');
    return conflict;
  }
  const { resolution } = decision;
  const { choice } = resolution;
  if (choice.kind === 'choose') {
    const chosen = done.find((c) => c.key === choice.key);
    if (chosen === undefined) {
      decisions.markStale(decision, 'noSuchCandidate');
      return conflict;
    }
    // Evidence given without an answer supports whichever value is taken, so it stays with it.
    const evidence = unansweredEvidence.length === 0 ? chosen.evidence : unionEvidence([chosen.evidence, ...unansweredEvidence]);
    return { ...conflict, status: 'resolved', value: chosen.value, evidence, sources: chosen.contributions, resolution };
  }
  if (choice.kind === 'combine') {
    const combined = combineValues(done.map((c) => c.value));
    // A union longer than an answer may be (1,000 options or rows) could not be exported or signed.
    if (combined === undefined || (Array.isArray(combined) && combined.length > MAX_LIST_LENGTH)) {
      decisions.markStale(decision, 'cannotCombine');
      return conflict;
    }
    return { ...conflict, status: 'resolved', value: combined, resolution };
  }
  return { ...conflict, status: 'resolved', value: choice.value, resolution };
}

/**
 * The common case, without the general path's bookkeeping: one file answers for the respondent, so
 * there is one candidate at most and nothing to compare. (Merging 5,000 single-file respondents
 * was dominated by allocation and garbage collection before this.)
 */
function singleContribution(group: RespondentGroup, questionId: string, decisions: DecisionBook, fingerprints: Fingerprints): MergedAnswer | undefined {
  const document = latest(group).document;
  const value = own(document.answers, questionId);
  const given = own(document.evidence, questionId) ?? NO_EVIDENCE;
  const answered = value !== undefined && isAnswered(value);
  if (!answered && given.length === 0) return undefined;
  const decision = decisions.take(group.key, questionId);
  if (decision !== undefined) decisions.markStale(decision, 'noSuchConflict');
  const evidence = given.length > 1 ? unionEvidence([given]) : given;
  if (!answered) return { questionId, status: 'single', value: null, evidence, sources: FIRST_ONLY, candidates: [], fingerprint: fingerprints.of([]) };
  const key = valueKey(value);
  const candidate: Candidate = { key, value, contributions: FIRST_ONLY, evidence };
  return { questionId, status: 'single', value, evidence, sources: FIRST_ONLY, candidates: [candidate], fingerprint: fingerprints.ofOne(key) };
}

/**
 * The coordinator's conflict decisions, by respondent and question. Each is taken at most once;
 * those never taken (their respondent or question is not in the merge) are stale as `noSuchConflict`.
 */
class DecisionBook {
  readonly stale: StaleDecision[] = [];
  private readonly byQuestion = new Map<string, ConflictDecision>();

  constructor(decisions: readonly ConflictDecision[]) {
    // A later decision for the same question replaces an earlier one (it was made afterwards).
    for (const decision of decisions) this.byQuestion.set(DecisionBook.keyOf(decision.respondent, decision.question), decision);
  }

  private static keyOf(respondent: string, question: string): string {
    return `${respondent}\n${question}`;
  }

  take(respondent: string, question: string): ConflictDecision | undefined {
    if (this.byQuestion.size === 0) return undefined;
    const key = DecisionBook.keyOf(respondent, question);
    const decision = this.byQuestion.get(key);
    if (decision !== undefined) this.byQuestion.delete(key);
    return decision;
  }

  markStale(decision: ConflictDecision, why: StaleDecision['why']): void {
    this.stale.push({ respondent: decision.respondent, question: decision.question, why });
  }

  unused(): StaleDecision[] {
    return [...this.byQuestion.values()].map((d) => ({ respondent: d.respondent, question: d.question, why: 'noSuchConflict' as const }));
  }
}

/**
 * The order of questions per questionnaire version, computed once for all its respondents (sorting
 * each respondent's questions again was a measurable part of merging thousands): the definition's
 * order (sections, then their top-level questions) when the definition is given, ids it does not
 * know after, in natural order; without a definition, natural order of the ids.
 */
class QuestionOrders {
  private readonly definitions: readonly QuestionnaireDefinition[];
  private readonly ids = new Map<string, Set<string>>();
  private readonly orders = new Map<string, ReadonlyMap<string, number>>();

  constructor(definitions: readonly QuestionnaireDefinition[], groups: readonly RespondentGroup[]) {
    this.definitions = definitions;
    for (const group of groups) {
      for (const { document } of group.sources) {
        const key = QuestionOrders.keyOf(document);
        let ids = this.ids.get(key);
        if (ids === undefined) {
          ids = new Set();
          this.ids.set(key, ids);
        }
        for (const id of Object.keys(document.answers)) ids.add(id);
        for (const id of Object.keys(document.evidence)) ids.add(id);
      }
    }
  }

  private static keyOf(document: SubmissionDocument): string {
    return `${document.questionnaire.id}@${document.questionnaire.version}`;
  }

  /**
   * A respondent's own ids in the version's order; `document` names the questionnaire version.
   * Sorting the respondent's ids by position, rather than filtering the version's whole list, keeps
   * one file with thousands of stray ids from costing every other respondent that much work.
   */
  sorted(document: SubmissionDocument, asked: ReadonlySet<string>): string[] {
    const positions = this.positionsOf(document);
    return [...asked].sort((a, b) => (positions.get(a) ?? 0) - (positions.get(b) ?? 0));
  }

  private positionsOf(document: SubmissionDocument): ReadonlyMap<string, number> {
    const key = QuestionOrders.keyOf(document);
    const known = this.orders.get(key);
    if (known !== undefined) return known;
    const all = this.ids.get(key) ?? new Set<string>();
    const { id, version } = document.questionnaire;
    const definition = this.definitions.find((d) => d.id === id && d.version === version);
    const order: string[] = [];
    if (definition !== undefined) {
      for (const section of definition.sections) for (const question of section.questions) if (all.has(question.id)) order.push(question.id);
    }
    const placed = new Set(order);
    // Ids the definition does not know (a newer or edited file) go after the known ones.
    order.push(...[...all].filter((question) => !placed.has(question)).sort(naturalCompare));
    const positions = new Map(order.map((question, position) => [question, position]));
    this.orders.set(key, positions);
    return positions;
  }
}

const CHUNKS = /(\d+)|(\D+)/g;

/** "A.2" before "A.10": digit runs compare as numbers, the rest as text. */
export function naturalCompare(a: string, b: string): number {
  const ca = a.match(CHUNKS) ?? [];
  const cb = b.match(CHUNKS) ?? [];
  for (let i = 0; i < Math.min(ca.length, cb.length); i += 1) {
    const x = ca[i] ?? '';
    const y = cb[i] ?? '';
    if (x === y) continue;
    const nx = /^\d/.test(x) ? Number(x) : Number.NaN;
    const ny = /^\d/.test(y) ? Number(y) : Number.NaN;
    if (!Number.isNaN(nx) && !Number.isNaN(ny) && nx !== ny) return nx - ny;
    return compareText(x, y);
  }
  return ca.length - cb.length || compareText(a, b);
}
