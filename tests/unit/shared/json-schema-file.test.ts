import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { questionnaireJsonSchema } from '../../../shared/questionnaire/load';
import { reviewJsonSchema } from '../../../shared/review/document';
import { submissionJsonSchema } from '../../../shared/submission/document';

/**
 * The published JSON Schemas are generated from the zod schemas; `npm run schema` rewrites them
 * (UPDATE_SCHEMA=1), and these tests fail when a file is stale.
 */
const root = join(import.meta.dirname, '../../..');
const published = [
  { file: 'questionnaires/questionnaire.schema.json', generate: questionnaireJsonSchema, what: 'the zod definition schema' },
  { file: 'shared/submission/submission.schema.json', generate: submissionJsonSchema, what: 'the zod submission schema' },
  { file: 'shared/review/review.schema.json', generate: reviewJsonSchema, what: 'the zod review schema' },
];

describe.each(published)('$file', ({ file, generate, what }) => {
  it(`is the JSON Schema generated from ${what} (npm run schema rewrites it)`, () => {
    const path = join(root, file);
    const generated = `${JSON.stringify(generate(), null, 2)}\n`;
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(path, generated);
    expect(readFileSync(path, 'utf8')).toBe(generated);
  });
});
