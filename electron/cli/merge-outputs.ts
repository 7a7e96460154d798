import { readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { CommandFailedError, UsageError } from './errors';
import { describeFsError, writeOutput } from './files';

/**
 * The output folder of `merge`, which is also the coordinator's folder: a run replaces its own
 * outputs and nothing else. Each run records what it wrote in a manifest
 * (`.egov-desk-merge.json`: name, size and modification time of each file); the next run removes
 * an output it no longer makes (the wide CSV of a questionnaire gone from the merge) only when the
 * manifest lists it and it is unchanged since. A file the coordinator put there, or edited, stays.
 *
 * The decisions file gets one more guard: decisions-needed.json is both an output (the template)
 * and, once filled in, the coordinator's input. Before a run writes a new template over a file
 * that is not the template it wrote last (the coordinator edited it, or gave it with
 * --decisions), it keeps a copy as decisions-needed.previous.json, so no decision and no reason is
 * ever lost, even one that no longer applies.
 */

export const MANIFEST = '.egov-desk-merge.json';
export const DECISIONS_NEEDED = 'decisions-needed.json';
export const PREVIOUS_DECISIONS = 'decisions-needed.previous.json';
const MANIFEST_FORMAT = 'egov-desk/merge-outputs';
/** A manifest is a few hundred bytes per output; anything far larger is not one. */
const MAX_MANIFEST_BYTES = 1024 * 1024;
/**
 * The only names a manifest can make a run delete: plain names of the kinds merge writes, never a
 * path. A manifest edited by someone else must not become a way to delete other files.
 */
const OUTPUT_NAME = /^(?:consolidated\.(?:xlsx|json)|[a-z0-9][a-z0-9._-]*\.csv|decisions-needed\.json)$/i;

interface ManifestEntry {
  readonly name: string;
  readonly size: number;
  readonly mtimeMs: number;
}

/** How a command names files in its messages: relative to the working folder, never a full path when avoidable. */
export type ShowPath = (file: string) => string;

export class OutputFolder {
  private readonly written: string[] = [];
  private readonly recorded: ManifestEntry[] = [];
  private previous: readonly ManifestEntry[] = [];

  constructor(
    readonly folder: string,
    private readonly show: ShowPath,
  ) {}

  /** Reads the manifest of the last run; a missing or unreadable one means "nothing is known to be ours". */
  async open(): Promise<void> {
    let text: string;
    try {
      const file = path.join(this.folder, MANIFEST);
      const info = await stat(file);
      if (!info.isFile() || info.size > MAX_MANIFEST_BYTES) return;
      text = await readFile(file, 'utf8');
    } catch {
      return;
    }
    this.previous = parseManifest(text);
  }

  /** Files written by this run, full paths, in the order written. */
  get files(): readonly string[] {
    return this.written;
  }

  async write(name: string, data: Uint8Array | string): Promise<void> {
    const file = path.join(this.folder, name);
    await failing(() => writeOutput(file, data, undefined, this.show(file)));
    this.written.push(file);
    const info = await stat(file).catch(() => undefined);
    if (info) this.recorded.push({ name, size: info.size, mtimeMs: info.mtimeMs });
  }

  /**
   * Writes the new decisions template, first keeping the file it replaces when that file holds
   * the coordinator's work. Returns the full path of the kept copy, if one was made.
   */
  async writeDecisionsTemplate(text: string, decisionsInput: string | undefined): Promise<string | undefined> {
    const target = path.join(this.folder, DECISIONS_NEEDED);
    const existing = await this.readIfFile(target);
    let kept: string | undefined;
    if (existing !== undefined && existing.toString('utf8') !== text && (target === decisionsInput || !(await this.isOurs(DECISIONS_NEEDED)))) {
      await this.write(PREVIOUS_DECISIONS, new Uint8Array(existing));
      kept = path.join(this.folder, PREVIOUS_DECISIONS);
    }
    await this.write(DECISIONS_NEEDED, text);
    return kept;
  }

  /**
   * Removes the outputs of the last run that this run did not write again, if unchanged since;
   * returns those left in place because they changed. decisions-needed.json is never removed when
   * it was given with --decisions (it is the coordinator's record); the kept copy of a decisions
   * file is never removed at all.
   */
  async removeStale(decisionsInput: string | undefined): Promise<string[]> {
    const now = new Set(this.recorded.map((entry) => entry.name));
    const kept: string[] = [];
    const candidates = new Set(this.previous.map((entry) => entry.name).filter((name) => !now.has(name)));
    // Left by a run without a manifest, or by an earlier version: if it is not known to be ours it stays, said so.
    if (!now.has(DECISIONS_NEEDED)) candidates.add(DECISIONS_NEEDED);
    for (const name of candidates) {
      const file = path.join(this.folder, name);
      if (file === decisionsInput) continue;
      const info = await stat(file).catch(() => undefined);
      if (info === undefined) continue;
      if (await this.isOurs(name)) await failing(() => rm(file, { force: true }), file, this.show);
      else kept.push(file);
    }
    return kept;
  }

  /** Records what this run wrote, last: a run that failed half-way leaves the older record. */
  async close(): Promise<void> {
    const manifest = {
      format: MANIFEST_FORMAT,
      formatVersion: 1,
      about: 'The files the last `egov-desk merge` wrote in this folder. The next run removes those it no longer writes, if unchanged; it never touches other files.',
      files: this.recorded,
    };
    const file = path.join(this.folder, MANIFEST);
    await failing(() => writeOutput(file, `${JSON.stringify(manifest, null, 2)}\n`, undefined, this.show(file)));
  }

  /** True when the last run's manifest lists `name` and the file is as that run left it. */
  private async isOurs(name: string): Promise<boolean> {
    const entry = this.previous.find((e) => e.name === name);
    if (entry === undefined || !OUTPUT_NAME.test(name)) return false;
    const info = await stat(path.join(this.folder, name)).catch(() => undefined);
    return info !== undefined && info.isFile() && info.size === entry.size && info.mtimeMs === entry.mtimeMs;
  }

  private async readIfFile(file: string): Promise<Buffer | undefined> {
    const info = await stat(file).catch(() => undefined);
    if (info === undefined || !info.isFile()) return undefined;
    return failing(() => readFile(file), file, this.show);
  }
}

function parseManifest(text: string): ManifestEntry[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  if (typeof value !== 'object' || value === null || (value as { format?: unknown }).format !== MANIFEST_FORMAT) return [];
  const files = (value as { files?: unknown }).files;
  if (!Array.isArray(files)) return [];
  return files.flatMap((item: unknown): ManifestEntry[] => {
    if (typeof item !== 'object' || item === null) return [];
    const { name, size, mtimeMs } = item as { name?: unknown; size?: unknown; mtimeMs?: unknown };
    if (typeof name !== 'string' || !OUTPUT_NAME.test(name) || typeof size !== 'number' || typeof mtimeMs !== 'number') return [];
    return [{ name, size, mtimeMs }];
  });
}

/**
 * Runs a file-system step of writing the outputs; any failure becomes a `CommandFailedError`
 * worded with the file as the person knows it (the merge failed, exit 3, not "wrong usage").
 */
async function failing<T>(step: () => Promise<T>, file?: string, show?: ShowPath): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof UsageError) throw new CommandFailedError(error.message);
    if (file !== undefined && show !== undefined) throw new CommandFailedError(describeFsError(error, show(file)));
    throw error;
  }
}
