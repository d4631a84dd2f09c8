/**
 * Applicant identity checks at the counter. The personal identification number (số định danh cá nhân) is
 * the 12-digit number on the citizen identity card (Law on Identification 26/2023/QH15 Art 12);
 * Circular 03/2025 form 01 records it (DOMAIN.md 4.2).
 */

/** Normalises a Vietnamese phone number to its national form "0xxxxxxxxx", or returns null. */
export function normalizePhone(raw: string): string | null {
  let digits = raw.replace(/[\s.\-()]/g, '');
  if (digits.startsWith('+84')) digits = `0${digits.slice(3)}`;
  else if (digits.startsWith('84') && digits.length === 11) digits = `0${digits.slice(2)}`;
  // Mobile: 03x, 05x, 07x, 08x, 09x + 8 digits (10 digits in all since the 2018 renumbering).
  if (/^0[35789]\d{8}$/.test(digits)) return digits;
  // Fixed line: 02 + area code, 11 digits in all (since 2017).
  if (/^02\d{9}$/.test(digits)) return digits;
  return null;
}

export function isCitizenIdNumber(value: string): boolean {
  return /^\d{12}$/.test(value);
}

export function isEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(value);
}
