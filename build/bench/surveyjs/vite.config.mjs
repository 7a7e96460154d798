// Builds the SurveyJS page of `npm run bench:ui` into dist/bench-surveyjs (see main.mjs).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../../../dist/bench-surveyjs', import.meta.url)),
    emptyOutDir: true,
    // SurveyJS with the questionnaire is one large chunk by design: its size is one of the figures.
    chunkSizeWarningLimit: 4096,
  },
});
