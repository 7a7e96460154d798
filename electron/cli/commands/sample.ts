import path from 'node:path';
import { maxSampleCount, sampleResponses } from '../../../shared/sample';
import { slugify } from '../../../shared/sample/places';
import { responseFileText } from '../../../shared/submission/response-file';
import { flag, optionalString, parseCommandArgs, requiredString } from '../args';
import type { CliContext } from '../context';
import { BUNDLED_DEFINITION_IDS, bundledDefinitions } from '../definitions';
import { EXIT_OK, UsageError } from '../errors';
import { displayPath, ensureFolder, exists, isFolder, safeFileStem, uniqueName, writeOutput } from '../files';
import type { Command } from './command';

const OPTIONS = {
  questionnaire: { type: 'string' },
  seed: { type: 'string' },
  count: { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const HELP = `Usage: egov-desk sample --questionnaire ID --seed SEED [--count N] --out PATH

Writes a complete, valid example response (format egov-desk/response): every shown question
answered, rules satisfied, evidence links for every "yes" that needs one, any warning
acknowledged. The respondent is a real country or city (per the questionnaire) with a made-up
organisation and focal point; every address is under the reserved .example domain.
The same ID and SEED always give the same file, byte for byte.

Options:
  --questionnaire ID  A built-in questionnaire: ${BUNDLED_DEFINITION_IDS.join(', ')}.
  --seed SEED         Any text; each seed gives a different response.
  --count N           Write N responses from N different respondents; PATH is then a folder
                      and each file is named after the respondent's place and the questionnaire.
                      The first of them is the response written without --count.
  --out PATH          The file to write (or the folder, with --count).
  -h, --help          Show this help.

Exit codes: 0 written; 2 wrong usage.
`;

async function run(args: readonly string[], { io, cwd }: CliContext): Promise<number> {
  const parsed = parseCommandArgs(args, OPTIONS);
  if (flag(parsed, 'help')) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument '${parsed.positionals[0] ?? ''}'`);
  const id = requiredString(parsed, 'questionnaire');
  const seed = requiredString(parsed, 'seed');
  const out = path.resolve(cwd, requiredString(parsed, 'out'));
  const available = await bundledDefinitions();
  const match = available.find((a) => a.definition.id === id);
  if (!match) throw new UsageError(`unknown questionnaire '${id}' (available: ${available.map((a) => a.definition.id).join(', ')})`);
  const countText = optionalString(parsed, 'count');
  const max = maxSampleCount(match.definition);
  const count = countText === undefined ? undefined : Number(countText);
  if (count !== undefined && (!/^\d+$/.test(countText ?? '') || count < 1 || count > max)) {
    throw new UsageError(`--count must be a whole number from 1 to ${String(max)} (there are ${String(max)} different ${match.definition.respondentKind === 'city' ? 'cities' : 'countries'})`);
  }
  const responses = sampleResponses(match.definition, count ?? 1, { seed, contentHash: match.contentHash });

  if (count === undefined) {
    const [response] = responses;
    if (!response) return EXIT_OK;
    if (await isFolder(out)) throw new UsageError(`${out} is a folder; without --count, --out names the file to write`);
    await writeOutput(out, responseFileText(response));
    io.stdout(`Wrote a sample ${id} response from ${response.respondent.place} to ${displayPath(cwd, out)}\n`);
    return EXIT_OK;
  }
  if ((await exists(out)) && !(await isFolder(out))) throw new UsageError(`${out} is a file; with --count, --out names a folder`);
  await ensureFolder(out);
  const taken = new Set<string>();
  for (const response of responses) {
    const name = uniqueName(safeFileStem(`${slugify(response.respondent.place) || response.respondent.place}-${id}`), 'json', taken);
    await writeOutput(path.join(out, name), responseFileText(response));
  }
  io.stdout(`Wrote ${String(responses.length)} sample ${id} responses to ${displayPath(cwd, out)}\n`);
  return EXIT_OK;
}

export const sampleCommand: Command = {
  name: 'sample',
  summary: 'Write example responses for a questionnaire (deterministic for a seed).',
  help: HELP,
  run,
};
