import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { FEATURE_KEYS, type FeatureKey } from './copy-shape.js';
import type { Shots } from './home.js';

export interface Asset {
  body: Buffer;
  br: Buffer | undefined;
  type: string;
}

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.webp': 'image/webp',
  '.png': 'image/png',
};

/** Text is compressed once at start; images are already compressed. */
const compress = (body: Buffer, type: string) =>
  type.startsWith('text/') ? zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }) : undefined;

/** Width × height of a WebP (VP8, VP8L or VP8X) or PNG, read from its header: the <img> reserves its box before it loads. */
function imageSize(body: Buffer): { width: number; height: number } | undefined {
  if (body.subarray(1, 4).toString('latin1') === 'PNG') return { width: body.readUInt32BE(16), height: body.readUInt32BE(20) };
  if (body.subarray(0, 4).toString('latin1') !== 'RIFF') return undefined;
  const chunk = body.subarray(12, 16).toString('latin1');
  if (chunk === 'VP8 ') return { width: body.readUInt16LE(26) & 0x3fff, height: body.readUInt16LE(28) & 0x3fff };
  if (chunk === 'VP8L') {
    const bits = body.readUInt32LE(21);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') return { width: body.readUIntLE(24, 3) + 1, height: body.readUIntLE(27, 3) + 1 };
  return undefined;
}

/**
 * The site's files under versioned names (`site.<hash>.css`): a changed file is a new URL, so every
 * one can be cached for a year. Screenshots are `shots/<feature>.webp` (or .png), as
 * scripts/site-screenshots.mjs writes them; a feature without one renders a plain placeholder.
 */
export function loadSiteAssets(dir: string): { files: Map<string, Asset>; css: string; js: string; shots: Shots } {
  const files = new Map<string, Asset>();
  const add = (relative: string): string => {
    const body = readFileSync(path.join(dir, relative));
    const ext = path.extname(relative);
    const type = TYPES[ext] ?? 'application/octet-stream';
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
    const name = `${relative.slice(0, -ext.length).replaceAll('/', '-')}.${hash}${ext}`;
    files.set(name, { body, br: compress(body, type), type });
    return `/site-assets/${name}`;
  };
  const shots: Shots = {};
  const shotDir = path.join(dir, 'shots');
  const available = existsSync(shotDir) ? readdirSync(shotDir) : [];
  for (const key of [...FEATURE_KEYS, 'hero'] as (FeatureKey | 'hero')[]) {
    const file = available.find((f) => f === `${key}.webp`) ?? available.find((f) => f === `${key}.png`);
    if (!file) continue;
    const size = imageSize(readFileSync(path.join(shotDir, file)));
    if (size) shots[key] = { url: add(`shots/${file}`), ...size };
  }
  return { files, css: add('site.css'), js: add('site.js'), shots };
}
