import { z } from 'zod';

/*
 * Imported first by every bundle that runs under the app's Content-Security-Policy (the page's
 * main.tsx, its workers, the Electron preload), before any module that builds a schema. zod decides
 * whether to compile its object parsers with `new Function` when the first object schema is built,
 * by trying it; the CSP forbids eval, and Chromium reports the refused try as a policy violation
 * even though zod catches it. Set here, before any schema exists, zod never tries. (Set in main.tsx's
 * body, it came after every imported module had built its schemas: the try had already happened.)
 */
z.config({ jitless: true });
