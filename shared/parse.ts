import type { z } from 'zod';
import { SchemaParseError } from './errors';

/** Formats zod issues as `path: message` lines a developer or a person can act on. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => `${formatPath(issue.path)}: ${issue.message}`)
    .join('; ');
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${String(key)}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out || '(root)';
}

/** Parses a value that came from outside the process; throws a named error with every issue. */
export function parseUnknown<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new SchemaParseError(`${what}: ${describeIssues(result.error.issues)}`);
  return result.data;
}
