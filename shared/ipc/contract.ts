import { z } from 'zod';
import { linkCheckResultSchema } from '../schemas/evidence';

/**
 * The one IPC contract. Each entry names a method of the renderer's platform API, the channel it
 * travels on (`domain:verb`) and zod schemas for request and response. The main-side registration
 * (electron/main/ipc/register.ts), the preload API (electron/preload/index.ts) and the renderer's
 * type (`DesktopApi` below) are all derived from this object, so they cannot drift apart.
 */

/** Largest file the app reads through a dialog; bigger files are refused with a clear message. */
export const MAX_OPEN_FILE_BYTES = 64 * 1024 * 1024;
/** Largest file the app writes through a save dialog. */
export const MAX_SAVE_FILE_BYTES = 256 * 1024 * 1024;
/**
 * Highest per-call limit an `openFiles` request may ask for (`maxBytes`): a restore reads back
 * backups up to what a save may write. Other callers keep `MAX_OPEN_FILE_BYTES`.
 */
export const MAX_OPEN_FILE_BYTES_CAP = MAX_SAVE_FILE_BYTES;

const fileFilterSchema = z.strictObject({
  name: z.string().min(1).max(100),
  extensions: z.array(z.string().regex(/^[A-Za-z0-9]{1,10}$/)).min(1).max(10),
});
export type FileFilter = z.infer<typeof fileFilterSchema>;

const bytesSchema = z.instanceof(Uint8Array);

export const appInfoSchema = z.strictObject({
  name: z.string(),
  version: z.string(),
  platform: z.enum(['desktop', 'web']),
  os: z.string(),
  /**
   * Desktop: the folder the app keeps its data in (Electron's userData: IndexedDB, signing keys),
   * shown on the About screen. Absent on the web, where the data is in the browser's storage.
   */
  dataFolder: z.string().min(1).max(4096).optional(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

/** A signing key as the renderer sees it: never the private part, which stays in the key store. */
export const signingKeySchema = z.strictObject({
  /** SHA-256 of the raw public key, lower-case hex (see shared/crypto/key-id.ts). */
  keyId: z.string().regex(/^[0-9a-f]{64}$/),
  /** The raw 32-byte Ed25519 public key. */
  publicKey: bytesSchema.refine((key) => key.byteLength === 32, 'an Ed25519 public key has 32 bytes'),
  label: z.string().min(1).max(200),
  createdAt: z.number().int().nonnegative(),
});
export type SigningKey = z.infer<typeof signingKeySchema>;

/** Largest document the key store signs in one call. */
export const MAX_SIGN_BYTES = 64 * 1024 * 1024;

export const openedFileSchema = z.strictObject({ name: z.string(), data: bytesSchema });
export type OpenedFile = z.infer<typeof openedFileSchema>;

/**
 * Most files the OS can hand over ("open with", a file association, a drop on the dock icon)
 * before the page collects them. A launch with hundreds of paths is not a request to review them
 * all; the rest is dropped rather than held in memory.
 */
export const MAX_QUEUED_OPEN_FILES = 20;

/** A file the OS handed over that was not opened: base name only, and why, for the person. */
export const refusedFileSchema = z.strictObject({ name: z.string(), reason: z.string() });
export type RefusedFile = z.infer<typeof refusedFileSchema>;

/**
 * Most links checked in one call. The renderer sends a long list in batches of this size, which
 * keeps each call short and lets it show progress between batches.
 */
export const MAX_LINKS_PER_CHECK = 16;

/**
 * Most files and bytes a coordinator's intake takes from one pick (issue 7): thousands of
 * submissions are normal, but every byte crosses IPC into the page at once, in one reply, and
 * Electron has trouble serialising very large messages (reports of crashes above about 512 MB).
 * 256 MiB is thousands of JSON submissions or hundreds of workbooks; files past either limit are
 * refused, with a reason, rather than dropped (pick the rest next).
 */
export const MAX_INTAKE_FILES = 10_000;
export const MAX_INTAKE_BYTES = 256 * 1024 * 1024;

export const ipcContract = {
  getAppInfo: {
    channel: 'app:get-info',
    request: z.null(),
    response: appInfoSchema,
  },
  openExternal: {
    channel: 'shell:open-external',
    request: z.strictObject({ url: z.string().max(8192) }),
    response: z.strictObject({ opened: z.literal(true) }),
  },
  openFiles: {
    channel: 'dialog:open-files',
    request: z.strictObject({
      title: z.string().max(200),
      filters: z.array(fileFilterSchema).max(10),
      multiple: z.boolean(),
      /** Largest file accepted, per call; default `MAX_OPEN_FILE_BYTES`, at most `MAX_OPEN_FILE_BYTES_CAP`. */
      maxBytes: z.int().positive().max(MAX_OPEN_FILE_BYTES_CAP).optional(),
    }),
    response: z.strictObject({ files: z.array(openedFileSchema) }),
  },
  saveFile: {
    channel: 'dialog:save-file',
    request: z.strictObject({
      title: z.string().max(200),
      suggestedName: z.string().min(1).max(255),
      filters: z.array(fileFilterSchema).max(10),
      data: bytesSchema.refine((d) => d.byteLength <= MAX_SAVE_FILE_BYTES, 'the file is too large to save'),
    }),
    response: z.strictObject({ saved: z.boolean(), fileName: z.string().optional() }),
  },
  generateSigningKey: {
    channel: 'keys:generate',
    request: z.strictObject({ label: z.string().trim().min(1).max(200) }),
    response: signingKeySchema,
  },
  listSigningKeys: {
    channel: 'keys:list',
    request: z.null(),
    response: z.strictObject({ keys: z.array(signingKeySchema) }),
  },
  signWithKey: {
    channel: 'keys:sign',
    request: z.strictObject({
      keyId: z.string().regex(/^[0-9a-f]{64}$/),
      data: bytesSchema.refine((d) => d.byteLength <= MAX_SIGN_BYTES, 'the document is too large to sign'),
    }),
    response: z.strictObject({ signature: bytesSchema.refine((s) => s.byteLength === 64, 'an Ed25519 signature has 64 bytes') }),
  },
  checkLinks: {
    channel: 'links:check',
    request: z.strictObject({ urls: z.array(z.string().min(1).max(8192)).min(1).max(MAX_LINKS_PER_CHECK) }),
    /** `online: false` when the machine has no network: nothing was checked and `results` is empty. */
    response: z.strictObject({ online: z.boolean(), results: z.array(linkCheckResultSchema) }),
  },
  takeOpenedFiles: {
    channel: 'files:take-opened',
    request: z.null(),
    /** Files the OS asked the app to open since the last call; the main process forgets them once taken. */
    response: z.strictObject({
      files: z.array(openedFileSchema).max(MAX_QUEUED_OPEN_FILES),
      refused: z.array(refusedFileSchema).max(MAX_QUEUED_OPEN_FILES),
    }),
  },
  pickSubmissions: {
    channel: 'dialog:pick-submissions',
    /** `folder: true` picks a folder: every *.json and *.xlsx in it and its subfolders. */
    request: z.strictObject({ title: z.string().max(200), folder: z.boolean() }),
    /** Names are base names, or paths inside the picked folder; never full paths. Cancel: both empty. */
    response: z.strictObject({
      files: z.array(openedFileSchema).max(MAX_INTAKE_FILES),
      refused: z.array(refusedFileSchema).max(MAX_INTAKE_FILES),
    }),
  },
} as const satisfies Record<string, { channel: string; request: z.ZodType; response: z.ZodType }>;

export type IpcContract = typeof ipcContract;
export type IpcMethod = keyof IpcContract;
export type IpcRequest<M extends IpcMethod> = z.input<IpcContract[M]['request']>;
export type IpcResponse<M extends IpcMethod> = z.output<IpcContract[M]['response']>;

/** What the preload exposes as `window.egovDesk`: one named async function per contract entry. */
export type DesktopApi = {
  readonly [M in IpcMethod]: (request: IpcRequest<M>) => Promise<IpcResponse<M>>;
};

/** Name of the global the preload exposes; read only by renderer/src/platform. */
export const DESKTOP_API_GLOBAL = 'egovDesk';
