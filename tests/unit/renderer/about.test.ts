import { readFileSync } from 'node:fs';
import i18next from 'i18next';
import type { i18n } from 'i18next';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CatalogEdition } from '../../../renderer/src/app/catalog';
import { AboutView } from '../../../renderer/src/features/about/AboutScreen';
import type { AboutViewProps } from '../../../renderer/src/features/about/AboutScreen';
import { APP_LICENCE, LIBRARIES_FILE, formatBuildDate, loadLibraries } from '../../../renderer/src/features/about/about-facts';
import { en } from '../../../renderer/src/i18n/locales/en';
import { fr } from '../../../renderer/src/i18n/locales/fr';
import { summarizeEdition } from '../../../shared/questionnaire/edition-summary';
import { loadBundledDefinition } from '../../helpers/bundled-definition';

let instance: i18n;
beforeAll(async () => {
  instance = i18next.createInstance();
  await instance.init({ lng: 'en', resources: { en: { translation: en }, fr: { translation: fr } }, interpolation: { escapeValue: false } });
});

const testDefinition = loadBundledDefinition('test-all-types');
const osi = loadBundledDefinition('osi-2024');
const editions: CatalogEdition[] = [
  { ...summarizeEdition(osi, 'sha256:a'), key: `${osi.id}@${osi.version}`, origin: 'bundled' },
  { ...summarizeEdition({ ...testDefinition, version: '9.9.9' }, 'sha256:b'), key: `${testDefinition.id}@9.9.9`, origin: 'imported', importedAt: 1 },
];

function props(extra: Partial<AboutViewProps> = {}): AboutViewProps {
  return {
    name: 'EGov Desk',
    version: '0.1.0',
    buildDate: '2026-11-29',
    platform: 'web',
    dataFolder: { state: 'unknown' },
    origin: 'https://egov.example',
    editions,
    libraries: { kind: 'loaded', list: [{ name: 'react', version: '19.3.1', license: 'MIT' }, { name: 'dexie', version: '4.4.7', license: 'Apache-2.0' }] },
    updateMode: 'service-worker',
    updateStatus: { kind: 'current', checkedAt: Date.UTC(2026, 10, 29, 9, 30) },
    updateBlocked: undefined,
    offlineBuild: '0123456789abcdef',
    onCheck: () => undefined,
    onUpdate: () => undefined,
    onReload: () => undefined,
    ...extra,
  };
}

const render = (viewProps: AboutViewProps) =>
  renderToStaticMarkup(createElement(I18nextProvider, { i18n: instance }, createElement(AboutView, viewProps))).replaceAll('<!-- -->', '');

/** `<dt>term</dt><dd>…</dd>` pairs of the facts list, tags removed from the definitions. */
function facts(html: string): Record<string, string> {
  const list = /<dl[^>]*>(.*?)<\/dl>/s.exec(html)?.[1] ?? '';
  return Object.fromEntries([...list.matchAll(/<dt>(.*?)<\/dt><dd>(.*?)<\/dd>/gs)].map((m) => [m[1] ?? '', (m[2] ?? '').replace(/<[^>]+>/g, '').replace(/&#x27;/g, "'")]));
}

describe('the About screen', () => {
  beforeAll(async () => {
    await instance.changeLanguage('en');
  });

  it('lists the facts in a <dl>: product, version, build date, platform, offline build, data location, licence', () => {
    expect(facts(render(props()))).toStrictEqual({
      Product: 'EGov Desk',
      Version: '0.1.0',
      'Build date': 'November 29, 2026',
      'Runs as': 'Offline web app',
      'Offline copy (build)': '0123456789abcdef',
      'Your data':
        "Kept in this browser's storage for https://egov.example, on this device only. Clearing the browser's site data (or its storage running out) deletes it: keep a backup. Back up or restore your data",
      Licence: 'Apache License 2.0 (SPDX identifier Apache-2.0)',
    });
    expect(render(props())).toContain('<time dateTime="2026-11-29">');
    expect(render(props())).toContain('href="#/backup"');
  });

  it('on the desktop, names the data folder and has no offline copy or update check', () => {
    const html = render(props({ platform: 'desktop', dataFolder: { state: 'found', path: '/home/kai/.config/EGov Desk' }, updateMode: 'installer', offlineBuild: undefined }));
    const list = facts(html);
    expect(list['Runs as']).toBe('Desktop app');
    expect(list['Your data']).toBe('Kept on this computer, in the folder /home/kai/.config/EGov Desk Back up or restore your data');
    expect(list['Offline copy (build)']).toBeUndefined();
    expect(html).toContain('a new installer');
    expect(html).not.toContain('Check for updates');
  });

  it('on the desktop, never says the data is in the browser, while the folder loads or when it cannot be read', () => {
    const loading = facts(render(props({ platform: 'desktop', dataFolder: { state: 'loading' }, updateMode: 'installer' })));
    expect(loading['Your data']).toBe('Finding the data folder… Back up or restore your data');
    const unknown = facts(render(props({ platform: 'desktop', dataFolder: { state: 'unknown' }, updateMode: 'installer' })));
    expect(unknown['Your data']).toContain('Kept on this computer');
    expect(unknown['Your data']).not.toContain('browser');
  });

  it('says when no offline copy can exist, rather than "not stored yet"', () => {
    expect(facts(render(props({ offlineBuild: undefined, updateMode: 'unavailable' })))['Offline copy (build)']).toBe('none: this browser cannot keep an offline copy of the app');
    expect(facts(render(props({ offlineBuild: undefined, updateStatus: { kind: 'failed', reason: 'register' } })))['Offline copy (build)']).toContain('cannot keep an offline copy');
    expect(facts(render(props({ offlineBuild: undefined, updateStatus: { kind: 'idle' } })))['Offline copy (build)']).toContain('not stored yet');
  });

  it('lists each questionnaire edition with id, edition, version and whether it is built in or imported', () => {
    const html = render(props());
    expect(html).toContain('<caption class="visually-hidden">Questionnaire editions on board</caption>');
    const rows = [...html.matchAll(/<tr><th scope="row"[^>]*>(.*?)<\/th><td><code>(.*?)<\/code><\/td><td>(.*?)<\/td><td>(.*?)<\/td><td>(.*?)<\/td><\/tr>/g)].map((m) => m.slice(1));
    expect(rows).toContainEqual([expect.stringContaining('OSI') as string, osi.id, osi.edition, osi.version, 'built in']);
    expect(rows).toContainEqual([expect.any(String) as string, testDefinition.id, testDefinition.edition, '9.9.9', 'imported']);
  });

  it('lists the bundled open-source libraries with their licences, or says the list is not there', () => {
    const html = render(props());
    expect(html).toContain('<th scope="row">react</th><td>19.3.1</td><td>MIT</td>');
    expect(html).toContain('<th scope="row">dexie</th><td>4.4.7</td><td>Apache-2.0</td>');
    expect(render(props({ libraries: { kind: 'unavailable' } }))).toContain('The list of libraries is written by a release build');
  });

  it('shows each package licence text in a <details>, says when a package ships none, and translates an undeclared licence', () => {
    const html = render(
      props({
        libraries: {
          kind: 'loaded',
          list: [
            { name: 'react', version: '19.3.1', license: 'MIT', licenseText: 'MIT License\n\nCopyright (c) Meta Platforms, Inc. and affiliates.' },
            { name: 'mystery', version: '1.0.0', license: 'UNKNOWN' },
          ],
        },
      }),
    );
    expect(html).toContain('<details><summary>Licence texts of the bundled packages</summary>');
    expect(html).toContain('<summary>react 19.3.1</summary><div class="candidate-value" lang="en"><p>MIT License\n\nCopyright (c) Meta Platforms, Inc. and affiliates.</p></div>');
    expect(html).toContain('<th scope="row">mystery</th><td>1.0.0</td><td>not declared</td>');
    expect(html).toContain('This package ships no licence file; its declared licence is not declared.');
    expect(html).not.toContain('UNKNOWN');
  });

  it('says why an update was blocked with a translated message, never an English error text', async () => {
    const blocked = render(props({ updateBlocked: { reason: 'draft', labels: ['update.draft.evidence'] } }));
    expect(blocked).toContain('You have an unsaved evidence link: add or discard it, then update.');
    await instance.changeLanguage('fr');
    const french = render(props({ updateBlocked: { reason: 'unsaved', key: 'update.blockedQuota' } }));
    expect(french).toContain('le navigateur n’a plus de place');
    await instance.changeLanguage('en');
  });

  it('shows the update status in a live region, with "Check for updates" and, when one waits, "Update now"', () => {
    const current = render(props());
    expect(current).toMatch(/<p role="status">You have the latest version \(checked at 09:30:00\sAM\)\.<\/p>/);
    expect(current).toContain('>Check for updates</button>');
    expect(current).not.toContain('Update now');
    expect(render(props({ updateStatus: { kind: 'checking' } }))).toContain('<button type="button" disabled="">Check for updates</button>');
    expect(render(props({ updateStatus: { kind: 'offline' } }))).toContain('Offline: cannot check for updates.');
    expect(render(props({ updateStatus: { kind: 'ready', id: 1 } }))).toContain('>Update now</button>');
    expect(render(props({ updateStatus: { kind: 'idle' }, offlineBuild: undefined }))).toContain('not stored yet');
  });

  it('states the licence package.json declares', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { license: string };
    expect(APP_LICENCE.spdx).toBe(pkg.license);
  });

  it('formats the build day for the language, and leaves anything else as it is', () => {
    expect(formatBuildDate('2026-11-29', 'en')).toBe('November 29, 2026');
    expect(formatBuildDate('2026-11-29', 'fr')).toBe('29 novembre 2026');
    expect(formatBuildDate('unknown', 'en')).toBe('unknown');
  });
});

describe('the list of bundled libraries', () => {
  const reply = (body: unknown, status = 200) => () => Promise.resolve(new Response(JSON.stringify(body), { status }));

  it('reads the file the build writes', async () => {
    let asked = '';
    const list = [{ name: 'zod', version: '4.6.7', license: 'MIT', licenseText: 'MIT License' }, { name: 'mystery', version: '1.0.0', license: 'UNKNOWN' }];
    const libraries = await loadLibraries((url) => {
      asked = url;
      return reply(list)();
    });
    expect(asked).toBe(LIBRARIES_FILE);
    expect(libraries).toStrictEqual({ kind: 'loaded', list });
  });

  it('is unavailable when the file is missing, malformed or unreachable', async () => {
    await expect(loadLibraries(reply({}, 404))).resolves.toStrictEqual({ kind: 'unavailable' });
    await expect(loadLibraries(reply([{ name: 'zod' }]))).resolves.toStrictEqual({ kind: 'unavailable' });
    await expect(loadLibraries(() => Promise.resolve(new Response('<html>')))).resolves.toStrictEqual({ kind: 'unavailable' });
    await expect(loadLibraries(() => Promise.reject(new TypeError('Failed to fetch')))).resolves.toStrictEqual({ kind: 'unavailable' });
  });
});
