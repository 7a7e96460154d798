/**
 * A first look at a file before a zip library unpacks it: is it a zip at all, is it complete, is it
 * a workbook, and how big would it be unpacked. Reading the central directory costs nothing and
 * turns "the library threw something" into a reason a person can act on, and it refuses files that
 * would unpack to more memory than a workbook of answers could ever need (a "zip bomb").
 */

/** Largest workbook file accepted; a signed submission of the biggest instrument is well under 1 MB. */
export const MAX_WORKBOOK_BYTES = 64 * 1024 * 1024;
/** Largest total of unpacked parts accepted. */
export const MAX_UNPACKED_BYTES = 512 * 1024 * 1024;
const MAX_ENTRIES = 10_000;

export type ZipCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const fail = (reason: string): ZipCheck => ({ ok: false, reason });

function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 4096);
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(sample.byteLength === bytes.byteLength ? sample : trimPartialUtf8(sample));
    // eslint-disable-next-line no-control-regex
    return !/[\u0000-\u0008\u000e-\u001f]/.test(text);
  } catch {
    return false;
  }
}

/** Drops a UTF-8 sequence cut at the end of a sample, so a sample of text still decodes. */
function trimPartialUtf8(sample: Uint8Array): Uint8Array {
  let end = sample.byteLength;
  for (let back = 1; back <= 3 && end - back >= 0; back += 1) {
    const byte = sample[end - back] ?? 0;
    if ((byte & 0xc0) === 0x80) continue;
    if (byte >= 0xc0) end -= back;
    break;
  }
  return sample.subarray(0, end);
}

function notAZip(bytes: Uint8Array): ZipCheck {
  if (OLE.every((byte, i) => bytes[i] === byte)) {
    return fail('the file is an old-format Excel workbook (.xls) or a password-protected one; a signed submission is an .xlsx file without a password');
  }
  if (looksLikeText(bytes)) return fail('the file is plain text, not an Excel workbook (.xlsx)');
  return fail('the file is not an Excel workbook (.xlsx): it is not a zip archive');
}

interface Directory {
  readonly entries: number;
  readonly offset: number;
  readonly size: number;
}

/** Finds the central directory from the end record (and its zip64 form when the sizes overflow). */
function findDirectory(view: DataView): Directory | undefined {
  const length = view.byteLength;
  for (let pos = length - 22; pos >= 0 && pos >= length - 22 - 0xffff; pos -= 1) {
    if (view.getUint32(pos, true) !== EOCD) continue;
    let entries = view.getUint16(pos + 10, true);
    let size = view.getUint32(pos + 12, true);
    let offset = view.getUint32(pos + 16, true);
    if ((entries === 0xffff || size === 0xffffffff || offset === 0xffffffff) && pos >= 20 && view.getUint32(pos - 20, true) === ZIP64_LOCATOR) {
      const record = Number(view.getBigUint64(pos - 12, true));
      if (record + 56 > length || view.getUint32(record, true) !== ZIP64_EOCD) return undefined;
      entries = Number(view.getBigUint64(record + 32, true));
      size = Number(view.getBigUint64(record + 40, true));
      offset = Number(view.getBigUint64(record + 48, true));
    }
    if (offset + size > length) return undefined;
    return { entries, offset, size };
  }
  return undefined;
}

/** The unpacked size of a central-directory entry, from its zip64 extra field when it overflows. */
function unpackedSize(view: DataView, pos: number, nameLength: number, extraLength: number): number {
  const size = view.getUint32(pos + 24, true);
  if (size !== 0xffffffff) return size;
  let extra = pos + 46 + nameLength;
  const end = extra + extraLength;
  while (extra + 4 <= end) {
    const id = view.getUint16(extra, true);
    const dataLength = view.getUint16(extra + 2, true);
    if (id === 0x0001 && dataLength >= 8) return Number(view.getBigUint64(extra + 4, true));
    extra += 4 + dataLength;
  }
  return Number.POSITIVE_INFINITY;
}

/** Checks the bytes of a supposed .xlsx file; the reason, when it fails, is for a person. */
export function checkWorkbookZip(bytes: Uint8Array): ZipCheck {
  if (bytes.byteLength === 0) return fail('the file is empty');
  if (bytes.byteLength > MAX_WORKBOOK_BYTES) {
    return fail(`the file is larger than ${String(MAX_WORKBOOK_BYTES / 1024 / 1024)} MB, more than any signed submission needs`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 4 || view.getUint32(0, true) !== LOCAL) {
    // An empty zip starts with its end record; it holds no workbook either.
    if (bytes.byteLength >= 4 && view.getUint32(0, true) === EOCD) return fail('the file is an empty zip archive, not an Excel workbook');
    return notAZip(bytes);
  }
  const directory = findDirectory(view);
  if (!directory) return fail('the file is incomplete: the end of the zip archive is missing (was the file cut short while copying or downloading?)');
  if (directory.entries > MAX_ENTRIES) return fail(`the file holds more than ${String(MAX_ENTRIES)} parts, more than any workbook needs`);

  const names = new Set<string>();
  let total = 0;
  let pos = directory.offset;
  for (let i = 0; i < directory.entries; i += 1) {
    if (pos + 46 > bytes.byteLength || view.getUint32(pos, true) !== CENTRAL) return fail('the file is damaged: its zip directory cannot be read');
    const nameLength = view.getUint16(pos + 28, true);
    const extraLength = view.getUint16(pos + 30, true);
    const commentLength = view.getUint16(pos + 32, true);
    if (pos + 46 + nameLength > bytes.byteLength) return fail('the file is damaged: its zip directory cannot be read');
    names.add(new TextDecoder('utf-8').decode(bytes.subarray(pos + 46, pos + 46 + nameLength)));
    total += unpackedSize(view, pos, nameLength, extraLength);
    if (total > MAX_UNPACKED_BYTES) {
      return fail(`the file would take more than ${String(MAX_UNPACKED_BYTES / 1024 / 1024)} MB once unpacked, more than any signed submission needs`);
    }
    pos += 46 + nameLength + extraLength + commentLength;
  }
  if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml')) {
    return fail('the file is a zip archive but not an Excel workbook (it has no xl/workbook.xml)');
  }
  return { ok: true };
}

/** A zip (and so an .xlsx) starts with a local file header, "PK\x03\x04": decided by content, never by name. */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}
