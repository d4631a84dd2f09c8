/**
 * Vietnamese search folding: lowercase, no tone or vowel marks, đ → d, single spaces.
 * "Đăng ký khai sinh" → "dang ky khai sinh". Stored in a column both dialects index (DESIGN.md 4).
 */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** "Nguyễn Văn An" → "N*** V** A*": enough for the applicant to recognise, nothing for anyone else. */
export function maskName(fullName: string): string {
  return fullName
    .normalize('NFC')
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => {
      const chars = [...w];
      return chars[0] + '*'.repeat(Math.max(chars.length - 1, 1));
    })
    .join(' ');
}

export function maskDigits(value: string, visible = 3): string {
  if (value.length <= visible) return '*'.repeat(value.length);
  return '*'.repeat(value.length - visible) + value.slice(-visible);
}
