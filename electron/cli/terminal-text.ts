/**
 * Text from files (a place, an organisation, a signer's name, a file name, a parser's reason that
 * quotes the file) must not steer the terminal it is printed on: an escape sequence could clear
 * the screen, retitle the window, or erase the line that says a file was kept out; a carriage
 * return could overwrite it; a bidirectional override could make "valid" read backwards. Every
 * field of the text reports goes through `terminalSafe`, which shows such characters instead of
 * obeying them.
 */

/**
 * Control characters (\p{Cc}: C0 with tab and line feed, DEL, C1), bidi formatting (marks,
 * embeddings, overrides, isolates) and the line and paragraph separators.
 */
const UNSAFE = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/gu;

function visible(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  // C0 controls and DEL have pictures of their own (␛ for ESC, ␍ for CR, ␡ for DEL).
  if (code < 0x20) return String.fromCodePoint(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
}

/**
 * `text` with every control and bidi formatting character replaced by a visible stand-in. A field
 * never needs a line break of its own (one could forge a report line), so by default line feeds
 * are shown too; `keepLines` keeps them, for whole messages the CLI itself wrote over lines.
 */
export function terminalSafe(text: string, options: { readonly keepLines?: boolean } = {}): string {
  const keepLines = options.keepLines === true;
  return text.replace(UNSAFE, (character) => (keepLines && character === '\n' ? character : visible(character)));
}

/**
 * JSON for a terminal: JSON.stringify escapes C0 controls inside strings but writes C1 controls and
 * bidi formatting as they are. Those can only occur inside strings, where `\uXXXX` means the same,
 * so the parsed value is unchanged. (The only raw controls left are the line feeds of the
 * indentation, which stay.)
 */
export function terminalSafeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(UNSAFE, (character) => (character === '\n' ? character : `\\u${(character.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`));
}
