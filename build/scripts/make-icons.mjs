// `npm run icons`: every app icon from ONE drawing, build/icons/icon.svg.
//
// Writes into build/icons/:
//   png/<N>.png      N = 16 … 1024: the Linux icon set (electron-builder installs them into the
//                    hicolor theme by size; it reads `<N>.png` as well as `<N>x<N>.png`), also the
//                    offline web app's favicon and manifest icons (192 and 512, build/vite-plugin-offline.ts)
//   icon.ico         Windows: 16–256 px, each a PNG inside the ICO container (Vista and later)
//   icon.icns        macOS: icp4 … ic10, each a PNG (10.7 and later), with a table of contents
//   icons.json       the SHA-256 of the SVG and of every file made from it, so a test can tell when
//                    the icons are stale (the SVG changed) or were edited by hand
//                    (tests/unit/build/icons.test.ts parses every container independently)
//
// The outputs are committed, so packaging never needs sharp (a dev dependency with a native
// library); only changing the drawing does. Sizes are rasterised one by one from the vector, not
// scaled down from the largest, so small sizes stay crisp.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const iconsDir = fileURLToPath(new URL('../icons/', import.meta.url));
const svgPath = `${iconsDir}icon.svg`;

/** Every PNG size made; the Linux set uses them all, the web app manifest 192 and 512. */
const PNG_SIZES = [16, 24, 32, 48, 64, 128, 192, 256, 512, 1024];
/** Windows shows 16–48 in lists and 256 in large views; larger entries are not allowed in an ICO. */
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
/**
 * ICNS element types that take a PNG payload, with their pixel size (Apple's `iconutil` layout:
 * the `@2x` variants are separate types with the doubled size).
 */
/** @type {[string, number][]} */
const ICNS_TYPES = [
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

/** The SVG's nominal size (its width/height attributes): the density below scales from it. */
const SVG_NOMINAL_PX = 1024;

/** @param {Buffer} bytes */
function sha256(bytes) {
  return createHash('sha256').update(bytes).digest('hex');
}

/** @param {Buffer} svg @param {number} size @returns {Promise<Buffer>} */
async function rasterise(svg, size) {
  // librsvg renders at 72 dpi by default; scaling the density draws the vector at `size` pixels.
  // The resize only absorbs rounding, so it never resamples by more than a pixel.
  return sharp(svg, { density: (72 * size) / SVG_NOMINAL_PX })
    .resize(size, size, { fit: 'fill' })
    .png({ compressionLevel: 9, adaptiveFiltering: true })
    .toBuffer();
}

/**
 * ICO: a 6-byte header, one 16-byte directory entry per image, then the images. Width and height
 * are one byte each, where 0 means 256.
 * @param {{ size: number, png: Buffer }[]} images
 */
function buildIco(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  const directory = Buffer.alloc(16 * images.length);
  let offset = header.length + directory.length;
  images.forEach(({ size, png }, index) => {
    const at = index * 16;
    directory.writeUInt8(size >= 256 ? 0 : size, at);
    directory.writeUInt8(size >= 256 ? 0 : size, at + 1);
    directory.writeUInt8(0, at + 2); // no palette
    directory.writeUInt8(0, at + 3); // reserved
    directory.writeUInt16LE(1, at + 4); // colour planes
    directory.writeUInt16LE(32, at + 6); // bits per pixel
    directory.writeUInt32LE(png.length, at + 8);
    directory.writeUInt32LE(offset, at + 12);
    offset += png.length;
  });
  return Buffer.concat([header, directory, ...images.map(({ png }) => png)]);
}

/**
 * ICNS: big-endian throughout. 'icns' + total length, then elements of type + length (header
 * included) + data. The 'TOC ' element lists the others' types and lengths, as iconutil writes it.
 * @param {{ type: string, png: Buffer }[]} elements
 */
function buildIcns(elements) {
  /** @param {string} type @param {Buffer} data */
  const element = (type, data) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([head, data]);
  };
  const toc = Buffer.alloc(8 * elements.length);
  elements.forEach(({ type, png }, index) => {
    toc.write(type, index * 8, 'latin1');
    toc.writeUInt32BE(png.length + 8, index * 8 + 4);
  });
  const body = Buffer.concat([element('TOC ', toc), ...elements.map(({ type, png }) => element(type, png))]);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

async function main() {
  const svg = readFileSync(svgPath);
  /** @type {Map<number, Buffer>} */
  const pngs = new Map();
  for (const size of new Set([...PNG_SIZES, ...ICO_SIZES, ...ICNS_TYPES.map(([, size]) => size)])) {
    pngs.set(size, await rasterise(svg, size));
  }
  /** @param {number} size */
  const png = (size) => {
    const bytes = pngs.get(size);
    if (bytes === undefined) throw new Error(`No ${String(size)} px rendering was made.`);
    return bytes;
  };

  /** @type {Record<string, string>} */
  const files = {};
  /** @param {string} name @param {Buffer} bytes */
  const write = (name, bytes) => {
    writeFileSync(`${iconsDir}${name}`, bytes);
    files[name] = sha256(bytes);
  };

  // The folder is only ever what this script writes: a size dropped from the list disappears too.
  rmSync(`${iconsDir}png`, { recursive: true, force: true });
  mkdirSync(`${iconsDir}png`, { recursive: true });
  for (const size of PNG_SIZES) write(`png/${String(size)}.png`, png(size));
  write('icon.ico', buildIco(ICO_SIZES.map((size) => ({ size, png: png(size) }))));
  write('icon.icns', buildIcns(ICNS_TYPES.map(([type, size]) => ({ type, png: png(size) }))));

  const manifest = { source: 'icon.svg', sourceSha256: sha256(svg), generator: 'build/scripts/make-icons.mjs', files };
  writeFileSync(`${iconsDir}icons.json`, `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`Wrote ${String(Object.keys(files).length)} icon files to build/icons/ from icon.svg (${manifest.sourceSha256.slice(0, 12)}…).`);
}

main().catch((/** @type {unknown} */ error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
