import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { randomToken } from './crypto.js';

/**
 * Where media files live. Local disk under DATA_DIR today; an S3-compatible store can implement the
 * same three calls later without touching the modules.
 */
export interface Storage {
  put(companyId: number, bytes: Buffer, extension: string): Promise<{ key: string; size: number }>;
  open(key: string): Promise<{ stream: Readable; size: number } | null>;
  /** The whole file, for re-uploading it to a provider. */
  read(key: string): Promise<Buffer | null>;
  /** Deletes the file for good (LGPD anonymisation); a key already gone is not an error. */
  remove(key: string): Promise<void>;
}

const EXTENSION = /^[a-z0-9]{1,8}$/;

export class LocalStorage implements Storage {
  constructor(private readonly root: string) {}

  async put(companyId: number, bytes: Buffer, extension: string): Promise<{ key: string; size: number }> {
    const ext = EXTENSION.test(extension) ? extension : 'bin';
    const day = new Date().toISOString().slice(0, 10);
    const key = `${companyId}/${day}/${randomToken(16)}.${ext}`;
    const file = this.resolve(key);
    await mkdir(path.dirname(file), { recursive: true });
    // Write then rename, so a crash never leaves a half-written file under a real key.
    await writeFile(`${file}.part`, bytes);
    await rename(`${file}.part`, file);
    return { key, size: bytes.length };
  }

  async open(key: string): Promise<{ stream: Readable; size: number } | null> {
    const file = this.resolve(key);
    try {
      const info = await stat(file);
      return { stream: createReadStream(file), size: info.size };
    } catch {
      return null;
    }
  }

  async read(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.resolve(key));
    } catch {
      return null;
    }
  }

  async remove(key: string): Promise<void> {
    await rm(this.resolve(key), { force: true });
  }

  /** Where a key lives on disk (tests check that a removed file is really gone). */
  pathOf(key: string): string {
    return this.resolve(key);
  }

  private resolve(key: string): string {
    const file = path.resolve(this.root, key);
    if (!file.startsWith(path.resolve(this.root) + path.sep)) throw new Error('storage key escapes the media folder');
    return file;
  }
}

const byMime: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'video/mp4': 'mp4',
  'video/3gpp': '3gp',
  'audio/ogg': 'ogg',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
  'audio/aac': 'aac',
  'audio/webm': 'webm',
  'application/pdf': 'pdf',
  'text/plain': 'txt',
};

export function extensionFor(mimeType: string | undefined, fileName?: string | null): string {
  const fromName = fileName?.split('.').pop()?.toLowerCase();
  if (fromName && fromName !== fileName?.toLowerCase() && EXTENSION.test(fromName)) return fromName;
  const base = mimeType?.split(';')[0]?.trim().toLowerCase();
  return (base && byMime[base]) ?? 'bin';
}
