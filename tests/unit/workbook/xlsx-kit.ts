import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

/**
 * Test tools for .xlsx files: raw XML of a sheet, edits and re-saves by other writers. JSZip is the
 * zip library exceljs itself uses. Re-saves by openpyxl and LibreOffice run only where installed.
 */

const toBytes = (data: ArrayBuffer | Uint8Array): Uint8Array => (data instanceof Uint8Array ? new Uint8Array(data) : new Uint8Array(data));

/** The XML of a worksheet part, found by sheet name through the workbook's relationships. */
export async function sheetXml(bytes: Uint8Array, sheetName: string): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const workbook = (await zip.file('xl/workbook.xml')?.async('string')) ?? '';
  const rels = (await zip.file('xl/_rels/workbook.xml.rels')?.async('string')) ?? '';
  const escaped = sheetName.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  const id = new RegExp(`<sheet [^>]*name="${escaped.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*r:id="([^"]+)"`).exec(workbook)?.[1];
  const target = id === undefined ? undefined : new RegExp(`Id="${id}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${id}"`).exec(rels);
  const path = (target?.[1] ?? target?.[2] ?? '').replace(/^\/?(xl\/)?/, 'xl/');
  const xml = await zip.file(path)?.async('string');
  if (xml === undefined) throw new Error(`no sheet named ${sheetName}`);
  return xml;
}

/** The `<sheet>` element of a sheet in xl/workbook.xml (for its `state`). */
export async function sheetEntry(bytes: Uint8Array, sheetName: string): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const workbook = (await zip.file('xl/workbook.xml')?.async('string')) ?? '';
  return workbook.match(/<sheet [^>]*>/g)?.find((element) => element.includes(`name="${sheetName.replace(/"/g, '&quot;')}"`)) ?? '';
}

export async function loadWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return workbook;
}

export async function saveWorkbook(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  return toBytes(await workbook.xlsx.writeBuffer());
}

/** Loads with exceljs, lets `edit` change the workbook, saves. */
export async function edited(bytes: Uint8Array, edit: (workbook: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const workbook = await loadWorkbook(bytes);
  edit(workbook);
  return saveWorkbook(workbook);
}

export function sheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const found = workbook.getWorksheet(name);
  if (!found) throw new Error(`no sheet named ${name}`);
  return found;
}

/** Rewrites the zip with JSZip: same parts, another archive layout and compression. */
export async function rezipped(bytes: Uint8Array, change?: (zip: JSZip) => void): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  change?.(zip);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

function withTempDir<T>(run: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'egov-xlsx-'));
  try {
    return run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A Python that has openpyxl (Debian's lives in /usr/bin/python3, not always first on PATH). */
export function findOpenpyxlPython(): string | undefined {
  return ['python3', '/usr/bin/python3'].find((python) => spawnSync(python, ['-c', 'import openpyxl'], { stdio: 'ignore' }).status === 0);
}

export function resaveWithOpenpyxl(bytes: Uint8Array, python: string): Uint8Array {
  return withTempDir((dir) => {
    const input = join(dir, 'in.xlsx');
    const output = join(dir, 'out.xlsx');
    writeFileSync(input, bytes);
    const script = 'import sys, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\nwb.save(sys.argv[2])\n';
    const result = spawnSync(python, ['-c', script, input, output], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`openpyxl failed: ${result.stderr}`);
    return new Uint8Array(readFileSync(output));
  });
}

/** LibreOffice's command, when installed. */
export function findSoffice(): string | undefined {
  return ['soffice', 'libreoffice'].find((command) => spawnSync(command, ['--version'], { stdio: 'ignore', timeout: 60_000 }).status === 0);
}

/** Opens and saves the file as .xlsx with LibreOffice Calc, headless, in a fresh profile. */
export function resaveWithLibreOffice(bytes: Uint8Array, command: string): Uint8Array {
  return withTempDir((dir) => {
    const input = join(dir, 'in.xlsx');
    writeFileSync(input, bytes);
    const out = join(dir, 'out');
    const result = spawnSync(
      command,
      [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--norestore', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', out, input],
      { encoding: 'utf8', timeout: 120_000 },
    );
    if (result.status !== 0) throw new Error(`LibreOffice failed: ${result.stderr}`);
    return new Uint8Array(readFileSync(join(out, 'in.xlsx')));
  });
}
