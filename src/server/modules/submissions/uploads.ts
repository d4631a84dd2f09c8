import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DomainError } from '../../../domain/errors.ts';

/** Accepted types, recognised by their first bytes, never by the name or the browser's claim. */
const SIGNATURES: { mime: string; ext: string; bytes: number[] }[] = [
  { mime: 'application/pdf', ext: 'pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { mime: 'image/png', ext: 'png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { mime: 'image/jpeg', ext: 'jpg', bytes: [0xff, 0xd8, 0xff] },
];

export function sniffType(head: Buffer): { mime: string; ext: string } | null {
  const s = SIGNATURES.find((sig) => head.length >= sig.bytes.length && sig.bytes.every((b, i) => head[i] === b));
  return s ? { mime: s.mime, ext: s.ext } : null;
}

export interface StoredFile {
  storedName: string;
  originalName: string;
  mime: string;
  size: number;
  sha256: string;
}

/**
 * Streams one uploaded file to `dir` under a random name, checking its type by content on the first bytes
 * and its size while it streams (the multipart parser stops at the limit and marks the stream truncated).
 * The directory is outside the web root: no route serves it except the staff download, by id.
 */
export async function storeUpload(
  file: NodeJS.ReadableStream & { truncated?: boolean },
  originalName: string,
  dir: string,
  field: string,
  maxBytes: number,
): Promise<StoredFile> {
  const root = resolve(dir);
  await mkdir(root, { recursive: true });
  const storedName = `${randomBytes(16).toString('hex')}.bin`;
  const path = join(root, storedName);
  const hash = createHash('sha256');
  let head = Buffer.alloc(0);
  let type: { mime: string; ext: string } | null = null;
  let size = 0;
  let rejected = false;
  // A file of the wrong type is still read to its end (and dropped), so that the multipart stream goes on.
  const inspect = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (rejected) return done();
      hash.update(chunk);
      if (!type) {
        head = Buffer.concat([head, chunk]).subarray(0, 16);
        if (head.length >= 8) {
          type = sniffType(head);
          if (!type) {
            rejected = true;
            return done();
          }
        }
      }
      done(null, chunk);
    },
  });
  try {
    await pipeline(file, inspect, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
    if (file.truncated) {
      throw new DomainError('PAYLOAD_TOO_LARGE', `Tệp "${originalName}" (${field}) vượt quá ${Math.round(maxBytes / 1024 / 1024)} MB.`, { field });
    }
    if (!type && !rejected) type = sniffType(head);
    if (rejected || !type || size === 0) throw new DomainError('UNSUPPORTED_FILE_TYPE', `Tệp "${originalName}" (${field}) không phải PDF, JPEG hoặc PNG.`, { field });
  } catch (err) {
    await rm(path, { force: true });
    throw err;
  }
  return { storedName, originalName: originalName.normalize('NFC').slice(0, 200), mime: type.mime, size, sha256: hash.digest('hex') };
}

export async function removeStored(dir: string, names: string[]): Promise<void> {
  await Promise.all(names.map((n) => rm(join(resolve(dir), n), { force: true })));
}

export function storedPath(dir: string, storedName: string): string {
  if (!/^[0-9a-f]{32}\.bin$/.test(storedName)) throw new Error('bad stored name');
  return join(resolve(dir), storedName);
}
