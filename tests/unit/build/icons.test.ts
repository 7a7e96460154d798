import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The committed icons (build/icons/) are what packaging uses, so they must be exactly what
 * `npm run icons` makes from the current icon.svg, and each container must be well formed. The
 * files are parsed here by hand, independently of the script that wrote them.
 */

const iconsDir = join(import.meta.dirname, '../../../build/icons');
/** What the targets need, stated here rather than taken from the script, so the two check each other. */
const PNG_SIZES = [16, 24, 32, 48, 64, 128, 192, 256, 512, 1024];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
/** ICNS element types with a PNG payload and their pixel size (`@2x` types carry the doubled size). */
const ICNS_TYPES: readonly (readonly [string, number])[] = [
  ['icp4', 16],
  ['icp5', 32],
  ['ic11', 32],
  ['icp6', 64],
  ['ic12', 64],
  ['ic07', 128],
  ['ic13', 256],
  ['ic08', 256],
  ['ic14', 512],
  ['ic09', 512],
  ['ic10', 1024],
];
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

interface Manifest {
  readonly source: string;
  readonly sourceSha256: string;
  readonly files: Record<string, string>;
}

const manifest = JSON.parse(readFileSync(join(iconsDir, 'icons.json'), 'utf8')) as Manifest;
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
const read = (name: string): Buffer => readFileSync(join(iconsDir, name));

/** Width and height from a PNG's IHDR chunk, which must come first. */
function pngSize(bytes: Buffer, what: string): { width: number; height: number } {
  expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE), `${what} is not a PNG`).toBe(true);
  expect(bytes.toString('latin1', 12, 16), `${what}: IHDR is not the first chunk`).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('app icons', () => {
  it('were generated from the current icon.svg (run `npm run icons` after editing it)', () => {
    expect(manifest.source).toBe('icon.svg');
    expect(sha256(read('icon.svg')), 'icon.svg changed since the icons were made: run `npm run icons`').toBe(manifest.sourceSha256);
  });

  it('are unchanged since they were generated, and nothing else is in the folder', () => {
    for (const [name, hash] of Object.entries(manifest.files)) {
      expect(sha256(read(name)), `${name} was changed after \`npm run icons\` wrote it`).toBe(hash);
    }
    const onDisk = [...readdirSync(iconsDir).filter((name) => name !== 'png'), ...readdirSync(join(iconsDir, 'png')).map((name) => `png/${name}`)];
    expect(onDisk.sort()).toEqual([...Object.keys(manifest.files), 'icon.svg', 'icons.json'].sort());
  });

  it('include the Linux set: one PNG per size, named by its real size', () => {
    for (const size of PNG_SIZES) {
      const name = `png/${String(size)}.png`;
      expect(pngSize(read(name), name)).toEqual({ width: size, height: size });
    }
  });

  it('include a Windows .ico whose directory lists 16–256 px, each pointing at a valid PNG of that size', () => {
    const ico = read('icon.ico');
    expect(ico.readUInt16LE(0)).toBe(0);
    expect(ico.readUInt16LE(2)).toBe(1);
    const count = ico.readUInt16LE(4);
    const sizes: number[] = [];
    let end = 6 + 16 * count;
    for (let index = 0; index < count; index++) {
      const at = 6 + 16 * index;
      const width = ico.readUInt8(at) === 0 ? 256 : ico.readUInt8(at);
      const height = ico.readUInt8(at + 1) === 0 ? 256 : ico.readUInt8(at + 1);
      expect(ico.readUInt16LE(at + 4), 'colour planes').toBe(1);
      expect(ico.readUInt16LE(at + 6), 'bits per pixel').toBe(32);
      const length = ico.readUInt32LE(at + 8);
      const offset = ico.readUInt32LE(at + 12);
      expect(offset, `entry ${String(index)} overlaps the previous image`).toBe(end);
      end = offset + length;
      expect(pngSize(ico.subarray(offset, offset + length), `icon.ico entry ${String(index)}`)).toEqual({ width, height });
      expect(width).toBe(height);
      sizes.push(width);
    }
    expect(end, 'bytes after the last image').toBe(ico.length);
    expect(sizes).toEqual(ICO_SIZES);
  });

  it('include a macOS .icns whose elements and table of contents agree, each a PNG of its type’s size', () => {
    const icns = read('icon.icns');
    expect(icns.toString('latin1', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4), 'declared length').toBe(icns.length);
    const elements: [string, number][] = [];
    let toc: [string, number][] = [];
    for (let at = 8; at < icns.length; ) {
      const type = icns.toString('latin1', at, at + 4);
      const length = icns.readUInt32BE(at + 4);
      expect(length, `${type} length`).toBeGreaterThan(8);
      expect(at + length, `${type} runs past the end`).toBeLessThanOrEqual(icns.length);
      const data = icns.subarray(at + 8, at + length);
      if (type === 'TOC ') {
        toc = Array.from({ length: data.length / 8 }, (_, index) => [data.toString('latin1', index * 8, index * 8 + 4), data.readUInt32BE(index * 8 + 4)]);
      } else {
        const expected = ICNS_TYPES.find(([name]) => name === type);
        expect(expected, `unexpected element ${type}`).toBeDefined();
        const size = expected?.[1] ?? 0;
        expect(pngSize(data, `icon.icns ${type}`)).toEqual({ width: size, height: size });
        elements.push([type, length]);
      }
      at += length;
    }
    expect(toc).toEqual(elements);
    // Every size macOS uses for the Finder, the Dock and Retina screens, 16 to 1024 px.
    expect(elements.map(([type]) => type)).toEqual(ICNS_TYPES.map(([type]) => type));
  });
});
