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

/** Bytes read before the type is decided: enough for a PNG's IHDR chunk and a look for markup. */
export const HEAD_BYTES = 1024;
/** Largest image accepted, in pixels per side: a tiny file declaring a huge image (a decompression bomb) is refused. */
export const MAX_IMAGE_SIDE = 20_000;
/** Markup that makes a file a polyglot a browser or viewer could run as a page; a scan or photo never holds it. */
const MARKUP = /<(?:!doctype|html|head|body|script|svg|iframe|object|embed)\b|javascript:/i;

/**
 * The type of a file by its content only (never its name or the browser's claim): PDF, PNG or JPEG by their
 * signatures, a PNG's declared size within bounds, and no markup in the first bytes (polyglots). `head` is
 * the file's first HEAD_BYTES bytes (or all of a shorter file).
 */
export function sniffType(head: Buffer): { mime: string; ext: string } | null {
  const s = SIGNATURES.find((sig) => head.length >= sig.bytes.length && sig.bytes.every((b, i) => head[i] === b));
  if (!s) return null;
  if (MARKUP.test(head.toString('latin1'))) return null;
  if (s.mime === 'image/png') {
    // The first chunk is IHDR: width and height, 4 bytes each, big-endian (PNG spec 11.2.2).
    if (head.length < 24 || head.toString('latin1', 12, 16) !== 'IHDR') return null;
    const w = head.readUInt32BE(16);
    const h = head.readUInt32BE(20);
    if (w === 0 || h === 0 || w > MAX_IMAGE_SIDE || h > MAX_IMAGE_SIDE) return null;
  }
  return { mime: s.mime, ext: s.ext };
}

/**
 * The name a citizen's file is shown under: its last path component only, without control characters
 * (NUL included) or bidirectional overrides, at most 200 characters. Never used to build a path.
 */
export function safeOriginalName(name: string): string {
  const base = name.normalize('NFC').split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '').trim().slice(0, 200);
  return clean === '' || clean === '.' || clean === '..' ? 'tep' : clean;
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
  let type = null as { mime: string; ext: string } | null;
  let size = 0;
  let rejected = false;
  // A file of the wrong type is still read to its end (and dropped), so that the multipart stream goes on.
  const inspect = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (rejected) return done();
      hash.update(chunk);
      if (!type) {
        // The first bytes are held back until the type is known, so a refused file never reaches the disk.
        head = Buffer.concat([head, chunk]);
        if (head.length >= HEAD_BYTES) {
          type = sniffType(head.subarray(0, HEAD_BYTES));
          if (!type) {
            rejected = true;
            return done();
          }
          const held = head;
          head = Buffer.alloc(0);
          return done(null, held);
        }
        return done();
      }
      done(null, chunk);
    },
    flush(done) {
      // A file shorter than HEAD_BYTES: decided at its end.
      if (!type && !rejected && head.length > 0) {
        type = sniffType(head);
        if (!type) rejected = true;
        else return done(null, head);
      }
      done();
    },
  });
  try {
    await pipeline(file, inspect, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
    if (file.truncated) {
      throw new DomainError('PAYLOAD_TOO_LARGE', `Tệp "${safeOriginalName(originalName)}" (${field}) vượt quá ${Math.round(maxBytes / 1024 / 1024)} MB.`, { field });
    }
    if (rejected || !type || size === 0) {
      throw new DomainError('UNSUPPORTED_FILE_TYPE', `Tệp "${safeOriginalName(originalName)}" (${field}) không phải PDF, JPEG hoặc PNG hợp lệ.`, { field });
    }
  } catch (err) {
    await rm(path, { force: true });
    throw err;
  }
  return { storedName, originalName: safeOriginalName(originalName), mime: type.mime, size, sha256: hash.digest('hex') };
}

export async function removeStored(dir: string, names: string[]): Promise<void> {
  await Promise.all(names.map((n) => rm(join(resolve(dir), n), { force: true })));
}

export function storedPath(dir: string, storedName: string): string {
  if (!/^[0-9a-f]{32}\.bin$/.test(storedName)) throw new Error('bad stored name');
  return join(resolve(dir), storedName);
}
