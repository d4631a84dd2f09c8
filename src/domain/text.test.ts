import { describe, expect, it } from 'vitest';
import { normalizePhone, isCitizenIdNumber } from './applicant.ts';
import { isRequiredOn } from './procedure/components.ts';
import { fold, maskName } from './text.ts';

describe('fold', () => {
  it('ignores case and diacritics, đ included', () => {
    expect(fold('Đăng ký khai sinh')).toBe('dang ky khai sinh');
    expect(fold('  CHỨNG   THỰC bản sao ')).toBe('chung thuc ban sao');
    expect(fold('Đ đ Ư ơ Ỹ')).toBe('d d u o y');
  });
  it('folds composed and decomposed input the same way', () => {
    expect(fold('Hộ tịch'.normalize('NFD'))).toBe(fold('Hộ tịch'.normalize('NFC')));
  });
});

describe('maskName', () => {
  it('keeps initials only', () => {
    expect(maskName('Nguyễn Văn An')).toBe('N***** V** A*');
  });
});

describe('applicant checks', () => {
  it('accepts Vietnamese mobile and fixed-line formats', () => {
    expect(normalizePhone('0912 345 678')).toBe('0912345678');
    expect(normalizePhone('+84 912.345.678')).toBe('0912345678');
    expect(normalizePhone('84912345678')).toBe('0912345678');
    expect(normalizePhone('0238 3844 123')).toBe('02383844123');
  });
  it('rejects the rest', () => {
    for (const bad of ['091234567', '0112345678', '12345', 'abc', '0912345678901', '+1 202 555 0100']) expect(normalizePhone(bad), bad).toBeNull();
  });
  it('needs 12 digits for the personal identification number', () => {
    expect(isCitizenIdNumber('038095001234')).toBe(true);
    expect(isCitizenIdNumber('38095001234')).toBe(false);
    expect(isCitizenIdNumber('03809500123a')).toBe(false);
  });
});

describe('components required per channel', () => {
  it('asks for the paper form at the counter and the e-form online, never both', () => {
    const paper = { isMandatory: true, condition: 'khi nộp trực tiếp hoặc qua bưu chính' };
    const eform = { isMandatory: true, condition: 'khi nộp trực tuyến' };
    expect(isRequiredOn(paper, 'direct')).toBe(true);
    expect(isRequiredOn(paper, 'postal')).toBe(true);
    expect(isRequiredOn(paper, 'online')).toBe(false);
    expect(isRequiredOn(eform, 'online')).toBe(true);
    expect(isRequiredOn(eform, 'direct')).toBe(false);
  });
  it('optional components are never required; unconditional mandatory ones always are', () => {
    expect(isRequiredOn({ isMandatory: false, condition: null }, 'direct')).toBe(false);
    expect(isRequiredOn({ isMandatory: true, condition: 'không phải nộp bản giấy nếu đã có bản điện tử' }, 'online')).toBe(true);
  });
});
