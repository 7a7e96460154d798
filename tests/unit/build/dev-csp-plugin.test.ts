import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEV_STYLE_NONCE, allowDevStyles, devStyleCsp } from '../../../build/vite-plugin-dev-csp';

const indexHtml = readFileSync(join(import.meta.dirname, '../../../renderer/index.html'), 'utf8');
const policyOf = (html: string): string => /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1] ?? '';

describe('the dev server’s styles under the CSP', () => {
  it('adds the dev nonce to style-src alone, leaving every other directive as written', () => {
    const before = policyOf(indexHtml).split('; ');
    const after = policyOf(allowDevStyles(indexHtml)).split('; ');
    expect(after).toEqual(before.map((directive) => (directive === "style-src 'self'" ? `style-src 'self' 'nonce-${DEV_STYLE_NONCE}'` : directive)));
    expect(after.find((directive) => directive.startsWith('script-src'))).toBe("script-src 'self'");
  });

  it('refuses a page whose policy it cannot find, rather than serve it without styles', () => {
    expect(() => allowDevStyles('<html></html>')).toThrow(/no "style-src 'self'"/);
  });

  it('applies to the dev server only: the built page keeps its policy exactly', () => {
    const plugin = devStyleCsp();
    expect(plugin.apply).toBe('serve');
  });
});
