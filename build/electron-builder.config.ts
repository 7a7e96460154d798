import type { Configuration, FileAssociation } from 'electron-builder';

/**
 * Desktop packaging (electron-builder 26): `npm run package:win | package:mac | package:linux |
 * package:dir`, see README "Packaging". Paths are relative to the repository root (the project
 * directory); `build/` doubles as electron-builder's resources folder (icons, entitlements, NSIS
 * include).
 *
 * What ships is an allow-list: the bundles the main process loads and the renderer build, nothing
 * else. Vite inlines every library into those bundles, so the app has no production dependencies
 * and app.asar holds no node_modules (tests/unit/build/runtime-dependencies.test.ts keeps it so;
 * tests/package/asar-contents.test.ts packs the app and checks what is inside).
 */

/**
 * NEVER change after a release. The bundle id (macOS) and AppUserModelID (Windows shortcuts,
 * taskbar grouping, notifications) identify the installed app; a new id installs beside the old one
 * instead of updating it. (Saved data is located by `productName`, "EGov Desk", in package.json.)
 */
export const APP_ID = 'org.egovdesk.desktop';
// (electron/main/app-id.ts holds the same id for setAppUserModelId; a test keeps them equal.)

/** Who answers for the Linux packages (deb `Maintainer`): the project's maintainers. */
export const MAINTAINER = 'EGov Desk maintainers <maintainers@users.noreply.r-seed-3e816ef3.example>';

/**
 * Files of the renderer build that only the offline web app uses (build/vite-plugin-offline.ts): the
 * desktop app loads its files from app.asar and registers no service worker. (The web manifest
 * stays: index.html links it, and a missing file would be an error in the desktop app's console.)
 */
export const WEB_ONLY_FILES = ['sw.js'];

/**
 * The packed files. Source maps (`*.map`: 9.5 MB against 3.5 MB of code) stay out: the code is
 * open source, so they hide nothing, but they serve no one in a packaged app (the main process
 * could use them only with `--enable-source-maps`, which NODE_OPTIONS would have to pass and the
 * fuse below refuses; debugging is done from a checkout), and they would nearly quadruple app.asar. package.json is always packed (its `main` is the entry point,
 * its `productName` names the data folder).
 */
export const PACKED_FILES = ['dist/electron/*.cjs', 'dist/renderer/**/*', '!**/*.map', ...WEB_ONLY_FILES.map((file) => `!dist/renderer/${file}`)];

/**
 * Submissions and reviews are `.json` and `.xlsx` files (renderer/src/features/submit,
 * features/review; electron/main/open-with.ts opens them). Those extensions belong to other tools
 * first, so the app registers as one more program that can open them, never as the default:
 * - macOS: rank `Alternate` (listed under "Open With", never chosen by Launch Services on its own)
 *   and role `Viewer` (the app reads these files; it writes new ones instead of editing them).
 * - Linux: the MIME types in the .desktop entry only (`linux.mimeTypes`), so the file manager lists
 *   the app; no MIME database file is installed, since these types already exist.
 * - Windows: NOT electron-builder's `fileAssociations`, whose NSIS macro sets the extension's
 *   default program (`HKCU\Software\Classes\.json` = our ProgID). build/installer.nsh writes only
 *   `OpenWithProgids` and the `Applications\…\SupportedTypes` list, and removes them on uninstall.
 */
export const MAC_FILE_ASSOCIATIONS: FileAssociation[] = [
  { ext: 'json', name: 'EGov Desk submission or review (JSON)', role: 'Viewer', rank: 'Alternate' },
  { ext: 'xlsx', name: 'EGov Desk signed workbook', role: 'Viewer', rank: 'Alternate' },
];
/**
 * Linux has no "alternate" rank: where no default is set, the desktop picks the first application
 * registered for the exact MIME type. Few programs register `application/json` (editors register
 * text/plain), so listing it would make EGov Desk open every JSON file on a double-click. Only the
 * workbook type is listed, which office suites claim first; a JSON submission opens with "Open With
 * Other Application", by a drop on the window, or from the app's own Open buttons.
 */
export const LINUX_MIME_TYPES = ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'];

/**
 * Electron fuses, flipped in the packaged binary before signing: off what the app never uses.
 * - runAsNode off: `ELECTRON_RUN_AS_NODE` would turn the signed app into a general Node runtime
 *   (the main process forks nothing; the command-line tool runs on plain Node from a checkout).
 * - enableNodeOptionsEnvironmentVariable off: `NODE_OPTIONS` / `NODE_EXTRA_CA_CERTS` could inject
 *   code or trust into the main process.
 * - enableNodeCliInspectArguments off: `--inspect` and SIGUSR1 would open a debugger on the main
 *   process, which holds the signing keys' decryption.
 * - grantFileProtocolExtraPrivileges off: the renderer is served from `app://egov-desk`
 *   (electron/main/protocol.ts), never from `file://`.
 * - enableCookieEncryption on: the app sets no cookies, but anything Chromium stores is encrypted
 *   with the OS key store (one-way: never turn it back off after a release).
 * - onlyLoadAppFromAsar on: only `resources/app.asar` is loaded, never a planted `resources/app/`.
 * - enableEmbeddedAsarIntegrityValidation on: app.asar's hash is checked against the one
 *   electron-builder embeds at packaging (Info.plist on macOS, an executable resource on Windows);
 *   Electron has no such check on Linux, where the fuse does nothing.
 * - loadBrowserProcessSpecificV8Snapshot off: no custom snapshot is shipped.
 */
export const ELECTRON_FUSE_STATES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  grantFileProtocolExtraPrivileges: false,
  enableCookieEncryption: true,
  onlyLoadAppFromAsar: true,
  enableEmbeddedAsarIntegrityValidation: true,
  loadBrowserProcessSpecificV8Snapshot: false,
} as const;

export const ELECTRON_FUSES = {
  ...ELECTRON_FUSE_STATES,
  // Flipping fuses rewrites Electron's framework and breaks its signature; Apple silicon kills an
  // app whose signature is broken. Re-signing ad hoc keeps an unsigned build (a local package:mac)
  // launchable; a release machine's real signing replaces it.
  resetAdHocDarwinSignature: true,
} as const satisfies NonNullable<Configuration['electronFuses']>;

const config: Configuration = {
  appId: APP_ID,
  productName: 'EGov Desk',
  copyright: 'Copyright © EGov Desk contributors. Apache License 2.0.',
  directories: {
    // dist/ is the build's own output (renderer, bundles, CLI); installers go elsewhere.
    output: 'release',
    buildResources: 'build',
  },
  files: PACKED_FILES,
  asar: true,
  // The bundles are self-contained: nothing to rebuild or collect for Electron's ABI.
  npmRebuild: false,
  nodeGypRebuild: false,
  buildDependenciesFromSource: false,
  electronFuses: ELECTRON_FUSES,
  // One pattern for every target; the `arch` part is what each platform calls it (x64, arm64,
  // x86_64 for AppImage, amd64 for deb).
  artifactName: '${name}-${version}-${arch}.${ext}',

  win: {
    target: [
      { target: 'nsis', arch: ['x64'] },
      { target: 'portable', arch: ['x64'] },
    ],
    icon: 'build/icons/icon.ico',
    // Signing: WIN_CSC_LINK / WIN_CSC_KEY_PASSWORD (or CSC_*) on the release machine.
  },
  nsis: {
    // An assisted installer: the person chooses "only for me" (no administrator rights needed, as on
    // locked-down government PCs) or "everyone" (asks for elevation), and the folder.
    oneClick: false,
    perMachine: false,
    allowElevation: true,
    allowToChangeInstallationDirectory: true,
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    shortcutName: 'EGov Desk',
    // Responses, keys and settings live in the user's data folder: uninstalling never deletes them.
    deleteAppDataOnUninstall: false,
    include: 'build/installer.nsh',
    artifactName: '${name}-${version}-setup-${arch}.${ext}',
  },
  portable: {
    // Runs without installing; registers nothing ("Open with" needs the installer).
    artifactName: '${name}-${version}-portable-${arch}.${ext}',
  },

  mac: {
    target: [{ target: 'dmg', arch: ['x64', 'arm64'] }],
    category: 'public.app-category.productivity',
    icon: 'build/icons/icon.icns',
    hardenedRuntime: true,
    gatekeeperAssess: false,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.plist',
    fileAssociations: MAC_FILE_ASSOCIATIONS,
    // Signing: CSC_LINK / CSC_KEY_PASSWORD (Developer ID Application). Notarisation runs when the
    // release machine sets APPLE_API_KEY, APPLE_API_KEY_ID and APPLE_API_ISSUER (or APPLE_ID,
    // APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID).
  },
  dmg: {
    artifactName: '${name}-${version}-${arch}.${ext}',
  },

  linux: {
    target: [
      { target: 'AppImage', arch: ['x64'] },
      { target: 'deb', arch: ['x64'] },
    ],
    executableName: 'egov-desk',
    // The .desktop file is named after package.json `desktopName` (egov-desk.desktop), which Electron
    // also reports as the window's app id / WM_CLASS, so docks group the windows under the entry.
    syncDesktopName: true,
    // <size>.png files (npm run icons), installed into the hicolor theme by size.
    icon: 'build/icons/png',
    category: 'Office',
    synopsis: 'Answer and review the UN E-Government Survey questionnaires, offline',
    maintainer: MAINTAINER,
    vendor: 'EGov Desk contributors',
    mimeTypes: LINUX_MIME_TYPES,
  },
  deb: {
    artifactName: '${name}_${version}_${arch}.${ext}',
  },
};

export default config;
