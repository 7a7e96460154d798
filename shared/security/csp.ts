/**
 * The Content-Security-Policy of the renderer. No inline script, no eval, no remote origin: the
 * app works offline and must never load code or send data anywhere. The app:// protocol handler
 * sends it as a header; renderer/index.html carries the same policy in a meta tag for the web build
 * (a test keeps the two equal). `frame-ancestors` only works as a header, so it is added there.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export const CONTENT_SECURITY_POLICY_HEADER = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;
