import { parseArgs } from 'node:util';
import { UsageError } from './errors';

/** One option of a command: a flag, a value, or a value that may be given several times. */
export type OptionSpec = { readonly type: 'boolean'; readonly short?: string } | { readonly type: 'string'; readonly multiple?: boolean; readonly short?: string };

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

export interface ParsedArgs {
  readonly values: ReadonlyMap<string, string | boolean | readonly string[]>;
  readonly positionals: readonly string[];
}

/**
 * Parses a command's arguments with Node's own parser, but reports every mistake in our words
 * (node's strict mode throws errors worded for developers): an unknown option, a value missing or
 * given to a flag, a single-value option given twice.
 */
export function parseCommandArgs(args: readonly string[], specs: OptionSpecs): ParsedArgs {
  const options = Object.fromEntries(
    Object.entries(specs).map(([name, spec]) => [name, spec.type === 'boolean' ? { type: 'boolean' as const, ...(spec.short ? { short: spec.short } : {}) } : { type: 'string' as const, multiple: true, ...(spec.short ? { short: spec.short } : {}) }]),
  );
  const { tokens } = parseArgs({ args: [...args], options, strict: false, allowPositionals: true, tokens: true });
  const values = new Map<string, string | boolean | string[]>();
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') {
      positionals.push(token.value);
      continue;
    }
    if (token.kind === 'option-terminator') continue;
    const spec = Object.hasOwn(specs, token.name) ? specs[token.name] : undefined;
    if (!spec) throw new UsageError(`unknown option '${token.rawName}'`);
    if (spec.type === 'boolean') {
      if (token.value !== undefined) throw new UsageError(`option '${token.rawName}' does not take a value`);
      values.set(token.name, true);
      continue;
    }
    if (token.value === undefined || token.value === '') throw new UsageError(`option '${token.rawName}' needs a value`);
    const previous = values.get(token.name);
    if (spec.multiple === true) values.set(token.name, [...(Array.isArray(previous) ? previous : []), token.value]);
    else if (previous !== undefined) throw new UsageError(`option '${token.rawName}' is given more than once`);
    else values.set(token.name, token.value);
  }
  return { values, positionals };
}

export function flag(parsed: ParsedArgs, name: string): boolean {
  return parsed.values.get(name) === true;
}

export function optionalString(parsed: ParsedArgs, name: string): string | undefined {
  const value = parsed.values.get(name);
  return typeof value === 'string' ? value : undefined;
}

export function requiredString(parsed: ParsedArgs, name: string): string {
  const value = optionalString(parsed, name);
  if (value === undefined) throw new UsageError(`option '--${name}' is required`);
  return value;
}

export function strings(parsed: ParsedArgs, name: string): readonly string[] {
  const value = parsed.values.get(name);
  return typeof value === 'string' || typeof value === 'boolean' || value === undefined ? [] : value;
}
