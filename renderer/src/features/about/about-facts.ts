import { z } from 'zod';

/** The app's own licence, as package.json declares it (a unit test keeps the two equal). */
export const APP_LICENCE = { name: 'Apache License 2.0', spdx: 'Apache-2.0' } as const;

/** Written by the build (build/vite-plugin-offline.ts) next to index.html. */
export const LIBRARIES_FILE = './third-party-licenses.json';

const librarySchema = z.strictObject({
  name: z.string().min(1).max(214),
  version: z.string().min(1).max(64),
  license: z.string().min(1).max(200),
  /** The package's licence file, verbatim (absent when it ships none). */
  licenseText: z.string().max(100_000).optional(),
});
export type BundledLibrary = z.infer<typeof librarySchema>;

export const librariesSchema = z.array(librarySchema).max(1000);

/** Unavailable: the development server writes no list, or the file could not be read. */
export type Libraries = { readonly kind: 'loaded'; readonly list: readonly BundledLibrary[] } | { readonly kind: 'unavailable' };

/** Reads the list of bundled open-source libraries; never rejects. */
export async function loadLibraries(fetcher: (url: string) => Promise<Response> = (url) => fetch(url)): Promise<Libraries> {
  try {
    const response = await fetcher(LIBRARIES_FILE);
    if (!response.ok) return { kind: 'unavailable' };
    const parsed = librariesSchema.safeParse(await response.json());
    return parsed.success ? { kind: 'loaded', list: parsed.data } : { kind: 'unavailable' };
  } catch {
    return { kind: 'unavailable' };
  }
}

/**
 * The build date for people: the ISO day from the build (`2026-11-29`) in the UI language's medium
 * style; anything else as it is.
 */
export function formatBuildDate(isoDay: string, language: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDay)) return isoDay;
  const date = new Date(`${isoDay}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDay;
  return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}
