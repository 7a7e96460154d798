import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { questionnaireJsonSchema } from '../../../shared/questionnaire/load';

const file = join(import.meta.dirname, '../../../questionnaires/questionnaire.schema.json');

describe('questionnaires/questionnaire.schema.json', () => {
  it('is the JSON Schema generated from the zod definition schema (npm run schema rewrites it)', () => {
    const generated = `${JSON.stringify(questionnaireJsonSchema(), null, 2)}\n`;
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(file, generated);
    expect(readFileSync(file, 'utf8')).toBe(generated);
  });
});
