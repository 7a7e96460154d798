import type { DesktopApi } from '../../shared/ipc/contract';
import type { WebKeyStore } from '../../renderer/src/platform/web-keys';

function unused(): never {
  throw new Error('not used by this test');
}

/** A preload API where only the given methods answer; any other call fails the test loudly. */
export function desktopApiStub(methods: Partial<DesktopApi>): DesktopApi {
  return {
    getAppInfo: unused,
    openExternal: unused,
    openFiles: unused,
    saveFile: unused,
    generateSigningKey: unused,
    listSigningKeys: unused,
    signWithKey: unused,
    checkLinks: unused,
    takeOpenedFiles: unused,
    pickSubmissions: unused,
    ...methods,
  };
}

/** A web key store that is never used by the test. */
export const unusedWebKeys: WebKeyStore = { generate: unused, list: unused, sign: unused };
