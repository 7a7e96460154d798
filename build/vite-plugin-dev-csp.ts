import type { Plugin } from 'vite';

/**
 * `npm run dev` under the same Content-Security-Policy as the built app, with styles. The dev server
 * puts each CSS file in a `<style>` element, which `style-src 'self'` refuses (the screens showed
 * unstyled, with a CSP error per file). In dev only, Vite marks those elements with a nonce
 * (`html.cspNonce`) and this plugin adds that nonce to `style-src` in index.html's policy. The
 * built app is untouched: its CSS is a file, and its policy stays exactly as written.
 */
export const DEV_STYLE_NONCE = 'egov-desk-dev-styles';

/** index.html's policy with the dev nonce allowed for styles; throws if the policy has no style-src. */
export function allowDevStyles(html: string): string {
  const withNonce = html.replace(/(style-src 'self')(;|")/, `$1 'nonce-${DEV_STYLE_NONCE}'$2`);
  if (withNonce === html) throw new Error("index.html's Content-Security-Policy has no \"style-src 'self'\" to add the dev style nonce to");
  return withNonce;
}

export function devStyleCsp(): Plugin {
  return {
    name: 'egov-desk-dev-csp',
    apply: 'serve',
    config: () => ({ html: { cspNonce: DEV_STYLE_NONCE } }),
    transformIndexHtml: { order: 'pre', handler: allowDevStyles },
  };
}
