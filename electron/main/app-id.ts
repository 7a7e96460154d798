/**
 * The installed app's identity: the macOS bundle id and the Windows AppUserModelID. NEVER change it
 * after a release: a new id installs beside the old app instead of updating it. The installer puts
 * it on the Start-menu and desktop shortcuts (build/electron-builder.config.ts `appId`; a test keeps
 * the two equal), and the main process claims it at start, or Windows shows a pinned shortcut and
 * the running window as two taskbar entries.
 */
export const APP_ID = 'org.egovdesk.desktop';
