import { isCommonPassword } from './common-passwords.ts';
import argon2 from 'argon2';

// argon2id with the OWASP Password Storage Cheat Sheet parameters (m = 19 MiB, t = 2, p = 1).
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password.normalize('NFC'), OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password.normalize('NFC'));
  } catch {
    return false;
  }
}

/** A hash to verify against when the username is unknown, so both paths cost the same time. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('motcua-dummy-password-for-timing');
  return dummyHash;
}

/**
 * Rules for staff passwords (ASVS 5.0 V6.2): at least 12 characters, up to 128, any character allowed and
 * no composition rules; refused when common, a trivial pattern or built on the username (V6.2.4, V6.2.11).
 */
export function passwordProblem(password: string, contextWords: readonly string[] = []): string | null {
  if ([...password].length < 12) return 'Mật khẩu phải có ít nhất 12 ký tự.';
  if ([...password].length > 128) return 'Mật khẩu không được dài quá 128 ký tự.';
  if (isCommonPassword(password, contextWords)) {
    return 'Mật khẩu quá phổ biến hoặc dễ đoán (có trong danh sách mật khẩu hay dùng, hoặc chứa tên đăng nhập); hãy chọn một cụm từ dài khác.';
  }
  return null;
}
