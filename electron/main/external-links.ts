import { shell } from 'electron';
import { parseExternalUrl } from '../../shared/external-url';

/**
 * The only caller of `shell.openExternal`. The URL may come from a hostile questionnaire file or a
 * compromised page, and the OS would happily launch `file:` or custom-scheme handlers, so only a
 * parsed, credential-free http(s) URL is passed on. Rejects with `ExternalUrlRefusedError` otherwise.
 */
export async function openExternalSafely(url: unknown): Promise<void> {
  const parsed = parseExternalUrl(url);
  await shell.openExternal(parsed.href);
}
