import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { consolidatedJsonSchema } from '../../../shared/merge/consolidated';

/**
 * The consolidated format's published JSON Schema is generated from its zod schema, like the
 * submission's (tests/unit/shared/json-schema-file.test.ts); UPDATE_SCHEMA=1 rewrites it, and this
 * test fails when the file is stale.
 */
const file = join(import.meta.dirname, '../../../shared/merge/consolidated.schema.json');

describe('shared/merge/consolidated.schema.json', () => {
  it('is the JSON Schema generated from the zod consolidated schema (UPDATE_SCHEMA=1 rewrites it)', () => {
    const generated = `${JSON.stringify(consolidatedJsonSchema(), null, 2)}\n`;
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(file, generated);
    expect(readFileSync(file, 'utf8')).toBe(generated);
  });

  it('describes the format, with the members a reader relies on', () => {
    type ObjectSchema = { properties?: Record<string, unknown>; required?: string[] };
    const published = JSON.parse(readFileSync(file, 'utf8')) as { $ref?: string; $defs?: Record<string, ObjectSchema> };
    expect(published.$ref).toBe('#/$defs/EGovDeskConsolidated');
    const schema = published.$defs?.EGovDeskConsolidated ?? {};
    expect(Object.keys(schema.properties ?? {})).toEqual(
      expect.arrayContaining(['format', 'formatVersion', 'consolidationId', 'coordinator', 'questionnaires', 'files', 'respondents', 'summary', 'signature']),
    );
    expect(schema.required).toEqual(expect.arrayContaining(['format', 'formatVersion', 'consolidationId', 'createdAt', 'files', 'respondents', 'summary']));
    expect(schema.required).not.toContain('signature');
  });
});
