import { bundledDefinitions } from '../definitions';
import { loadTrustedCards } from '../trusted-cards';
import { flag, parseCommandArgs, strings } from '../args';
import type { CliContext } from '../context';
import { CommandFailedError, EXIT_FAILURE, EXIT_OK, UsageError } from '../errors';
import type { SkippedEntry } from '../files';
import { displayPath, expandInputs } from '../files';
import { terminalSafe, terminalSafeJson } from '../terminal-text';
import { defaultWorkerCount, verifyVerdicts } from '../verify-pool';
import type { Command } from './command';

const OPTIONS = {
  trusted: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const HELP = `Usage: egov-desk verify FILE... [--trusted CARD]... [--json]

Checks signed submissions (JSON or Excel) and consolidated datasets (the consolidated.json
'egov-desk merge' writes), told apart by their content, not their name, and prints one verdict
per file. For a submission:
  valid, signed by NAME (ORGANISATION), key 3f2a 9c01 …, trusted | not on the trusted list
  signature invalid: why
  changed after signing: each part that differs from what was signed (answers.A.1, …)
For a consolidated dataset:
  valid consolidated dataset, signed by NAME (ORGANISATION), key 3f2a 9c01 …, trusted | not on
    the trusted list; N respondents from M files, C open conflicts
  unsigned consolidated dataset (no coordinator signature); N respondents from M files, …
  signature invalid: why
For any file:
  unreadable: why (empty, truncated, not an EGov Desk file, too large, …)
A FILE may be a folder: its *.json and *.xlsx files are checked, in its subfolders too (links
are followed; hidden files are passed over). An entry that cannot be read (a broken link, a
folder without permission) is listed as 'not checked' with its reason; anything that is not a
regular file (a device, a pipe) is unreadable, and is never read. Each file is checked on a
worker thread: one that crashes or stalls its checker (a minute, and a second more per MB) is
reported unreadable, and the rest go on.

Options:
  --trusted CARD  A signer card (signer-card.json from 'egov-desk keygen') whose key you trust:
                  a focal point's or a coordinator's. Repeat for several signers.
  --json          Print a JSON array with one report per file instead of text; each report's
                  "kind" is "submission" or "consolidated".
  -h, --help      Show this help.

Exit codes: 0 every file is valid (signed and unchanged); 1 at least one is not (an unsigned
consolidated dataset is not valid), or an entry of a folder could not be checked; 2 wrong usage.
`;

async function run(args: readonly string[], { io, cwd }: CliContext): Promise<number> {
  const parsed = parseCommandArgs(args, OPTIONS);
  if (flag(parsed, 'help')) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  if (parsed.positionals.length === 0) throw new UsageError('name at least one submission or consolidated file to verify');
  const trusted = await loadTrustedCards(strings(parsed, 'trusted'), cwd);
  const { files, skipped } = await expandInputs(cwd, parsed.positionals, ['.json', '.xlsx'], { recursive: true });
  const definitions = (await bundledDefinitions()).map((a) => a.definition);
  // On worker threads, as merge's files: a workbook that exhausts memory or never finishes costs
  // its own verdict ("unreadable"), not the whole command.
  const jobs = files.map((file, index) => ({ index, name: displayPath(cwd, file), path: file }));
  let outcomes;
  try {
    ({ outcomes } = await verifyVerdicts(jobs, { trusted, definitions, workers: defaultWorkerCount() }));
  } catch (error) {
    throw new CommandFailedError(`the files could not be checked: ${error instanceof Error ? error.message : String(error)}`);
  }
  const verdicts = outcomes.flatMap((outcome) => {
    if (outcome.kind === 'usage') throw new UsageError(outcome.message);
    return [outcome];
  });

  if (flag(parsed, 'json')) io.stdout(`${terminalSafeJson([...skipped.map(skippedJson), ...verdicts.map((v) => v.json)])}\n`);
  else {
    for (const entry of skipped) io.stdout(`${terminalSafe(entry.name)}: not checked: ${terminalSafe(entry.reason)}\n`);
    for (const verdict of verdicts) io.stdout(verdict.text);
  }
  // A broken link or an unreadable folder may hide a file: "every file is valid" cannot be said.
  return verdicts.every((v) => v.valid) && !skipped.some((entry) => entry.missed) ? EXIT_OK : EXIT_FAILURE;
}

function skippedJson(entry: SkippedEntry): Record<string, unknown> {
  return { file: entry.name, kind: 'notChecked', reason: entry.reason, missed: entry.missed };
}

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'Check the signature of submissions and consolidated datasets, and who signed them.',
  help: HELP,
  run,
};
