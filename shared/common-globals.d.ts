/**
 * The few web-platform globals that every runtime of this app has (Node 20, Chromium, Electron):
 * the "minimum common API" subset shared/ may use. Declared here by hand because the `DOM` lib
 * would also admit `document`, `window` and friends, which shared/ must never touch.
 */

declare class URL {
  constructor(url: string, base?: string | URL);
  hash: string;
  host: string;
  hostname: string;
  href: string;
  readonly origin: string;
  password: string;
  pathname: string;
  port: string;
  protocol: string;
  search: string;
  username: string;
  toString(): string;
}
