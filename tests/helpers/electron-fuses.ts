/**
 * Electron's fuse wire V1 in the order the binary holds it (FuseV1Options in @electron/fuses). The
 * packaging tests use it twice: to check the config sets every fuse, and to read the packed binary.
 */
export const FUSE_WIRE_ORDER = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
] as const;
