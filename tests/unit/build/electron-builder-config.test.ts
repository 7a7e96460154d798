import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FileAssociation, TargetConfiguration } from 'electron-builder';
import { describe, expect, it } from 'vitest';
import config, { APP_ID, ELECTRON_FUSE_STATES, ELECTRON_FUSES, LINUX_MIME_TYPES, PACKED_FILES, WEB_ONLY_FILES } from '../../../build/electron-builder.config';
import { APP_ID as MAIN_PROCESS_APP_ID } from '../../../electron/main/app-id';
import { FUSE_WIRE_ORDER } from '../../helpers/electron-fuses';

/**
 * The packaging configuration as data: each decision that the stub-Electron pack test
 * (tests/package) cannot see, because it only builds a Linux folder.
 */

const root = join(import.meta.dirname, '../../..');
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string;
  desktopName?: string;
  homepage?: string;
  scripts: Record<string, string>;
};

function targets(value: unknown): { target: string; arch: string[] }[] {
  return (value as TargetConfiguration[]).map(({ target, arch }) => ({ target, arch: [arch ?? []].flat().map(String) }));
}

describe('electron-builder configuration', () => {
  it('turns each Electron fuse the way the app needs', () => {
    expect(config.electronFuses).toBe(ELECTRON_FUSES);
    // Off: what the app never uses and an attacker with local access could.
    expect(config.electronFuses?.runAsNode).toBe(false);
    expect(config.electronFuses?.enableNodeOptionsEnvironmentVariable).toBe(false);
    expect(config.electronFuses?.enableNodeCliInspectArguments).toBe(false);
    expect(config.electronFuses?.grantFileProtocolExtraPrivileges).toBe(false);
    expect(config.electronFuses?.loadBrowserProcessSpecificV8Snapshot).toBe(false);
    // On: encrypted storage, and only the packed, integrity-checked app.asar is ever loaded.
    expect(config.electronFuses?.enableCookieEncryption).toBe(true);
    expect(config.electronFuses?.onlyLoadAppFromAsar).toBe(true);
    expect(config.electronFuses?.enableEmbeddedAsarIntegrityValidation).toBe(true);
    // An unsigned macOS build stays launchable on Apple silicon after the fuses are flipped.
    expect(config.electronFuses?.resetAdHocDarwinSignature).toBe(true);
    // Every fuse of wire V1 is set explicitly, none left to Electron's default.
    expect(Object.keys(ELECTRON_FUSE_STATES).sort()).toEqual([...FUSE_WIRE_ORDER].sort());
    // Integrity validation needs the hash electron-builder embeds; turning that off would stop the app.
    expect(config.disableAsarIntegrity).toBeUndefined();
    expect(config.asar).toBe(true);
  });

  it('packs an allow-list of built files, never the repository', () => {
    expect(config.files).toBe(PACKED_FILES);
    const includes = PACKED_FILES.filter((pattern) => !pattern.startsWith('!'));
    expect(includes.every((pattern) => pattern.startsWith('dist/electron/') || pattern.startsWith('dist/renderer/'))).toBe(true);
    expect(PACKED_FILES).toContain('!**/*.map');
    // The service worker and manifest serve only the web app.
    for (const file of WEB_ONLY_FILES) expect(PACKED_FILES).toContain(`!dist/renderer/${file}`);
    expect(config.extraResources).toBeUndefined();
    expect(config.extraFiles).toBeUndefined();
    // Installers must not land in dist/, which holds the build (and is what gets packed).
    expect(config.directories?.output).toBe('release');
  });

  it('names the app and every artifact with its version', () => {
    expect(config.appId).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
    expect(config.productName).toBe('EGov Desk');
    // The main process claims the same id on Windows (setAppUserModelId), or shortcuts and the
    // running window would show as two taskbar entries.
    expect(config.appId).toBe(APP_ID);
    expect(MAIN_PROCESS_APP_ID).toBe(APP_ID);
    const patterns = [config.artifactName, config.nsis?.artifactName, config.portable?.artifactName, config.dmg?.artifactName, config.deb?.artifactName];
    for (const pattern of patterns) expect(pattern).toMatch(/\$\{version\}.*\$\{arch\}\.\$\{ext\}$/);
    // nsis and portable are both .exe: their names must differ.
    expect(config.nsis?.artifactName).not.toBe(config.portable?.artifactName);
  });

  it('builds NSIS and portable on Windows, with a per-user install that needs no administrator', () => {
    expect(targets(config.win?.target)).toEqual([
      { target: 'nsis', arch: ['x64'] },
      { target: 'portable', arch: ['x64'] },
    ]);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true, deleteAppDataOnUninstall: false });
    expect(config.win?.icon).toBe('build/icons/icon.ico');
    expect(existsSync(join(root, String(config.win?.icon)))).toBe(true);
  });

  it('builds a dmg with the hardened runtime and only the entitlements Electron needs on macOS', () => {
    expect(targets(config.mac?.target)).toEqual([{ target: 'dmg', arch: ['x64', 'arm64'] }]);
    expect(config.mac?.hardenedRuntime).toBe(true);
    expect(config.mac?.icon).toBe('build/icons/icon.icns');
    const plist = readFileSync(join(root, String(config.mac?.entitlements)), 'utf8');
    expect(config.mac?.entitlementsInherit).toBe(config.mac?.entitlements);
    const granted = [...plist.matchAll(/<key>([^<]+)<\/key>\s*<true\/>/g)].map((match) => match[1]);
    expect(granted).toEqual(['com.apple.security.cs.allow-jit']);
  });

  it('builds an AppImage and a deb on Linux, with the metadata a deb needs', () => {
    expect(targets(config.linux?.target)).toEqual([
      { target: 'AppImage', arch: ['x64'] },
      { target: 'deb', arch: ['x64'] },
    ]);
    expect(config.linux?.category).toBe('Office');
    expect(config.linux?.maintainer).toMatch(/^.+ <[^@\s]+@[^@\s]+>$/);
    expect(config.linux?.executableName).toBe(packageJson.name);
    // The .desktop entry and the window's app id agree, so docks group the app's windows under it.
    expect(config.linux?.syncDesktopName).toBe(true);
    expect(packageJson.desktopName).toBe(`${packageJson.name}.desktop`);
    expect(existsSync(join(root, String(config.linux?.icon), '256.png'))).toBe(true);
    // The deb's homepage comes from package.json.
    expect(packageJson.homepage).toMatch(/^https:\/\//);
  });

  it('offers the app for .json and .xlsx files without taking them over', () => {
    // Not at the top level or for Windows: electron-builder's NSIS association sets the default program.
    expect(config.fileAssociations).toBeUndefined();
    expect(config.win?.fileAssociations).toBeUndefined();
    expect(config.linux?.fileAssociations).toBeUndefined();
    const mac: FileAssociation[] = [config.mac?.fileAssociations ?? []].flat();
    expect(mac.map(({ ext }) => ext).sort()).toEqual(['json', 'xlsx']);
    for (const association of mac) expect(association).toMatchObject({ rank: 'Alternate', role: 'Viewer' });
    expect(config.linux?.mimeTypes).toBe(LINUX_MIME_TYPES);
    // Not application/json: with no alternate rank on Linux, the app would become every JSON file's opener.
    expect([...LINUX_MIME_TYPES]).toEqual(['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
  });

  it('registers "Open with" on Windows through OpenWithProgids only, and removes exactly that', () => {
    expect(config.nsis?.include).toBe('build/installer.nsh');
    const nsh = readFileSync(join(root, 'build/installer.nsh'), 'utf8');
    const code = nsh
      .split('\n')
      .filter((line) => !line.trimStart().startsWith(';'))
      .join('\n');
    for (const ext of ['json', 'xlsx']) {
      expect(code).toContain(`WriteRegNone SHELL_CONTEXT "Software\\Classes\\.${ext}\\OpenWithProgids" "\${EGOV_PROGID}"`);
      expect(code).toContain(`DeleteRegValue SHELL_CONTEXT "Software\\Classes\\.${ext}\\OpenWithProgids" "\${EGOV_PROGID}"`);
      expect(code).toContain(`SupportedTypes" ".${ext}"`);
    }
    // Never the extension key's default value (that would make the app the default program), and
    // never a delete of the extension key itself (it belongs to Windows and other programs).
    expect(code).not.toMatch(/WriteRegStr\s+\S+\s+"Software\\Classes\\\.[a-z]+"\s+""/);
    expect(code).not.toMatch(/DeleteRegKey\s+\S+\s+"Software\\Classes\\\.[a-z]+"/);
    expect(code).toMatch(/!macro customInstall\b[\s\S]*!macroend/);
    expect(code).toMatch(/!macro customUnInstall\b[\s\S]*!macroend/);
  });

  it('has an npm script per target, each building first', () => {
    for (const [script, flag] of [
      ['package:win', '--win'],
      ['package:mac', '--mac'],
      ['package:linux', '--linux'],
      ['package:dir', '--dir'],
    ] as const) {
      expect(packageJson.scripts[script]).toBe(`npm run build && electron-builder --config build/electron-builder.config.ts ${flag}`);
    }
  });
});
