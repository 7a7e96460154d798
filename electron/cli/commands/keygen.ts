import path from 'node:path';
import { formatKeyIdForReading } from '../../../shared/crypto/key-id';
import { flag, parseCommandArgs, requiredString } from '../args';
import type { CliContext } from '../context';
import { CommandRefusedError, EXIT_OK, UsageError } from '../errors';
import { displayPath, exists, isFolder, writeOutput } from '../files';
import { createIdentity, signerCardOf } from '../identity';
import type { Command } from './command';

const OPTIONS = {
  name: { type: 'string' },
  org: { type: 'string' },
  email: { type: 'string' },
  out: { type: 'string' },
  force: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const HELP = `Usage: egov-desk keygen --name NAME --org ORGANISATION --email EMAIL --out FOLDER [--force]

Makes a new Ed25519 signing key and writes two files into FOLDER:
  identity.json     private: your details and the private key (PKCS#8 PEM), file mode 0600.
                    Keep it secret: it signs in your name. Used by 'export --identity'.
  signer-card.json  public: your details, key id and public key. Send it to your coordinator,
                    who checks your submissions with 'verify --trusted signer-card.json'.

Options:
  --name NAME     Your full name.
  --org ORG       Your organisation.
  --email EMAIL   Your e-mail address.
  --out FOLDER    Where to write the two files (created if missing).
  --force         Replace an identity already in FOLDER (its key is then lost).
  -h, --help      Show this help.

Exit codes: 0 written; 1 an identity already exists in FOLDER; 2 wrong usage.
`;

async function run(args: readonly string[], { io, cwd, now }: CliContext): Promise<number> {
  const parsed = parseCommandArgs(args, OPTIONS);
  if (flag(parsed, 'help')) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument '${parsed.positionals[0] ?? ''}'`);
  const details = { name: requiredString(parsed, 'name'), organisation: requiredString(parsed, 'org'), email: requiredString(parsed, 'email') };
  const folder = path.resolve(cwd, requiredString(parsed, 'out'));
  if ((await exists(folder)) && !(await isFolder(folder))) throw new UsageError(`${folder} is a file; --out names a folder`);
  const identityFile = path.join(folder, 'identity.json');
  const cardFile = path.join(folder, 'signer-card.json');
  if (!flag(parsed, 'force') && (await exists(identityFile))) {
    throw new CommandRefusedError(`${identityFile} already exists and was left as it is. Use --force to replace it (its key is then lost).`);
  }
  const identity = await createIdentity(details, now());
  // A new file created with mode 0600, then renamed over any old one: never readable by others.
  await writeOutput(identityFile, `${JSON.stringify(identity, null, 2)}\n`, 0o600);
  await writeOutput(cardFile, `${JSON.stringify(signerCardOf(identity), null, 2)}\n`);
  io.stdout(
    [
      `Identity for ${identity.name} (${identity.organisation})`,
      `  key      ${formatKeyIdForReading(identity.keyId)}`,
      `  private  ${displayPath(cwd, identityFile)} (keep it secret)`,
      `  public   ${displayPath(cwd, cardFile)} (send it to your coordinator)`,
      '',
    ].join('\n'),
  );
  return EXIT_OK;
}

export const keygenCommand: Command = {
  name: 'keygen',
  summary: 'Make a signing identity (private) and its signer card (public).',
  help: HELP,
  run,
};
