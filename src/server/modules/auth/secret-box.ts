/**
 * Secrets at rest (ASVS 5.0 V11.1, V13.3): TOTP secrets are stored encrypted with AES-256-GCM under a
 * key kept outside the database (docs/security.md, "Secrets at rest").
 *
 * The key ring comes from MOTCUA_SECRET_KEY: one or more 32-byte keys (64 hex digits or base64),
 * comma-separated, the first one current. A stored value reads `enc:v1:<key id>:<iv>:<ciphertext+tag>`
 * (base64url), the key id being the first 8 hex digits of SHA-256(key): values sealed under an older
 * key of the ring still open, and the start-up pass re-seals them under the current one (rotation).
 * Without MOTCUA_SECRET_KEY, a SQLite install generates `motcua-secret.key` (mode 0600) beside its
 * database file on first start; PostgreSQL installs must set the variable (config validation says so).
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

const PREFIX = 'enc:v1:';
export const SECRET_KEY_FILE = 'motcua-secret.key';
export const REQUIRED_WITH_POSTGRES =
  'bắt buộc khi dùng PostgreSQL: đặt 32 byte ngẫu nhiên, ví dụ `openssl rand -hex 32`, và giữ nó ngoài cơ sở dữ liệu ' +
  '(required with PostgreSQL: the key that encrypts TOTP secrets must live outside the database)';

/** A stored secret that no key of the ring can open: the wrong key was configured (fail closed). */
export class SecretKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretKeyError';
  }
}

const keyId = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 8);

/** Parses one key: 64 hex digits or the base64 of 32 bytes. */
function parseKey(text: string): Buffer | null {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(t)) {
    const b = Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (b.length === 32) return b;
  }
  return null;
}

/** The problem with a MOTCUA_SECRET_KEY value, or null when it is a valid key ring. */
export function secretKeyProblem(raw: string): string | null {
  const parts = raw.split(',');
  return parts.every((p) => parseKey(p) !== null)
    ? null
    : 'mỗi khóa phải là 32 byte viết bằng 64 chữ số hex hoặc base64, nhiều khóa cách nhau bằng dấu phẩy, khóa đầu tiên là khóa hiện hành ' +
        '(each key 32 bytes as 64 hex digits or base64, comma-separated, current key first; e.g. `openssl rand -hex 32`)';
}

export class SecretBox {
  private readonly keys: Map<string, Buffer>;
  readonly currentId: string;

  constructor(keys: readonly Buffer[]) {
    if (keys.length === 0 || keys.some((k) => k.length !== 32)) throw new Error('SecretBox needs 32-byte keys');
    this.keys = new Map(keys.map((k) => [keyId(k), k]));
    this.currentId = keyId(keys[0]!);
  }

  static fromText(raw: string): SecretBox {
    const problem = secretKeyProblem(raw);
    if (problem) throw new SecretKeyError(`MOTCUA_SECRET_KEY: ${problem}`);
    return new SecretBox(raw.split(',').map((p) => parseKey(p)!));
  }

  static isSealed(value: string): boolean {
    return value.startsWith(PREFIX);
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentId)!, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${PREFIX}${this.currentId}:${iv.toString('base64url')}:${body.toString('base64url')}`;
  }

  /** The plain secret; SecretKeyError when the value was sealed under a key that is not in the ring. */
  open(sealed: string): string {
    const [id, iv, body] = sealed.startsWith(PREFIX) ? sealed.slice(PREFIX.length).split(':') : [];
    const key = id ? this.keys.get(id) : undefined;
    if (!key || !iv || !body) {
      throw new SecretKeyError(
        `Không giải mã được khóa TOTP đã lưu (khóa ${id ?? 'không rõ'}): MOTCUA_SECRET_KEY không khớp với khóa đã dùng để mã hóa ` +
          `(the stored TOTP secret was sealed under key ${id ?? '?'}, which is not in MOTCUA_SECRET_KEY)`,
      );
    }
    const data = Buffer.from(body, 'base64url');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(data.subarray(data.length - 16));
      return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretKeyError(`Khóa TOTP đã lưu bị sửa hoặc hỏng (key ${id}: authentication failed)`);
    }
  }

  /** True when the value is sealed under the current key (nothing to re-seal). */
  isCurrent(sealed: string): boolean {
    return sealed.startsWith(`${PREFIX}${this.currentId}:`);
  }
}

/**
 * The key ring of this install: MOTCUA_SECRET_KEY, else (SQLite) the key file beside the database,
 * created with mode 0600 on first start; an in-memory database gets a throw-away key.
 */
export function loadSecretBox(databaseUrl: string, env: NodeJS.ProcessEnv = process.env): SecretBox {
  const raw = env.MOTCUA_SECRET_KEY;
  if (raw) return SecretBox.fromText(raw);
  if (!databaseUrl.startsWith('sqlite:')) {
    throw new SecretKeyError(`MOTCUA_SECRET_KEY: ${REQUIRED_WITH_POSTGRES}`);
  }
  const path = databaseUrl.replace(/^sqlite:(\/\/)?/, '');
  if (path === ':memory:' || path === '') return new SecretBox([randomBytes(32)]);
  const file = join(dirname(resolve(path)), SECRET_KEY_FILE);
  if (!existsSync(file)) {
    try {
      writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err; // another process made it first
    }
  }
  // Readable by the owner only: tighten a file copied with looser permissions.
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  return SecretBox.fromText(readFileSync(file, 'utf8').trim());
}

/**
 * Start-up pass (idempotent, safe with several processes): seals plaintext TOTP secrets left by
 * versions before encryption, and re-seals values of an older key of the ring under the current one.
 * Fails closed with SecretKeyError when a stored secret cannot be opened with the configured keys.
 */
export async function resealTotpSecrets(db: Kysely<Database>, box: SecretBox): Promise<{ sealed: number; resealed: number }> {
  const rows = await db
    .selectFrom('staff_user')
    .select(['id', 'totp_secret', 'totp_pending_secret'])
    .where((eb) => eb.or([eb('totp_secret', 'is not', null), eb('totp_pending_secret', 'is not', null)]))
    .execute();
  let sealed = 0;
  let resealed = 0;
  for (const row of rows) {
    for (const column of ['totp_secret', 'totp_pending_secret'] as const) {
      const value = row[column];
      if (value === null || (SecretBox.isSealed(value) && box.isCurrent(value))) continue;
      const plain = SecretBox.isSealed(value) ? box.open(value) : value;
      if (SecretBox.isSealed(value)) resealed++;
      else sealed++;
      // Conditional: a concurrent pass or a login that changed the value meanwhile wins.
      await db.updateTable('staff_user').set({ [column]: box.seal(plain) }).where('id', '=', row.id).where(column, '=', value).execute();
    }
  }
  return { sealed, resealed };
}
