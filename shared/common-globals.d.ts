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

/** WebCrypto, present as `globalThis.crypto` in Node 20, Chromium and Electron alike. */
/** An opaque WebCrypto key handle (only public Ed25519 keys are imported in shared/). */
interface SharedCryptoKey {
  readonly type: string;
}

declare const crypto: {
  readonly subtle: {
    digest(algorithm: 'SHA-256' | 'SHA-384' | 'SHA-512', data: Uint8Array): Promise<ArrayBuffer>;
    importKey(format: 'raw', keyData: Uint8Array, algorithm: { readonly name: 'Ed25519' }, extractable: boolean, usages: readonly 'verify'[]): Promise<SharedCryptoKey>;
    verify(algorithm: { readonly name: 'Ed25519' }, key: SharedCryptoKey, signature: Uint8Array, data: Uint8Array): Promise<boolean>;
  };
  getRandomValues<T extends Uint8Array>(array: T): T;
  randomUUID(): string;
};

declare class TextEncoder {
  encode(input?: string): Uint8Array<ArrayBuffer>;
}

declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array): string;
}
