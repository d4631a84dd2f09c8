import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROLES } from '../../domain/procedure/procedure.ts';
import { DEMO_PASSWORD, DEMO_WARD, ELECTRONIC_ID_PATTERN, SLOGANS, type Slogan } from './demo-ward.ts';

const { unit, divisions, staff } = DEMO_WARD;
const plan = readFileSync(new URL('./ke-hoach-3-khong-3-biet.txt', import.meta.url), 'utf8');
const inDivision = (code: string, role: string) => staff.filter((s) => s.divisionCode === code && s.role === role);

describe('DEMO_WARD unit', () => {
  it('is the fictional Phường Đông Thanh with an identifier of the national shape', () => {
    expect(unit.name).toBe('Phường Đông Thanh');
    expect(unit.isFictional).toBe(true);
    expect(unit.code).toMatch(ELECTRONIC_ID_PATTERN);
    expect(unit.province.length).toBeGreaterThan(0);
    expect(unit.email).toMatch(/@example\.org$/);
  });

  it('names the Chairman and the centre Director from the staff list', () => {
    expect(staff.find((s) => s.username === 'chutich')?.fullName).toBe(unit.chairmanName);
    const director = staff.find((s) => s.fullName === unit.centreDirectorName);
    expect(director?.role).toBe('leader');
    expect(director?.title).toMatch(/^Phó Chủ tịch UBND phường, Giám đốc Trung tâm/);
  });

  it('does not reuse the signatory of the real plan', () => {
    expect(plan).toContain('Võ Ngọc Nam');
    expect(staff.map((s) => s.fullName)).not.toContain('Võ Ngọc Nam');
  });
});

describe('DEMO_WARD divisions', () => {
  it('has the centre, the office, the two divisions, the police and the leadership, with unique codes', () => {
    expect(divisions.map((d) => [d.code, d.kind])).toEqual([
      ['TTPVHCC', 'one_stop'],
      ['VP', 'office'],
      ['KTHTDT', 'division'],
      ['VHXH', 'division'],
      ['CA', 'division'],
      ['UBND', 'leadership'],
    ]);
    expect(divisions.find((d) => d.code === 'CA')?.name).toBe('Công an phường (tiếp nhận tại Trung tâm)');
  });
});

describe('DEMO_WARD staff', () => {
  it('covers every role', () => {
    for (const role of ROLES) expect(staff.some((s) => s.role === role), role).toBe(true);
  });

  it('has unique lowercase ascii usernames and Vietnamese full names', () => {
    const usernames = staff.map((s) => s.username);
    expect(new Set(usernames).size).toBe(usernames.length);
    for (const s of staff) {
      expect(s.username).toMatch(/^[a-z][a-z0-9]*$/);
      expect(s.fullName.split(' ').length, s.username).toBeGreaterThanOrEqual(3);
      expect(s.fullName.normalize('NFC')).toBe(s.fullName);
      expect(s.title.length, s.username).toBeGreaterThan(0);
    }
    expect(usernames).toEqual(expect.arrayContaining(['tiepnhan1', 'hotich1', 'chutich', 'admin']));
  });

  it('puts everyone but the Front supervisor in an existing division', () => {
    const codes = new Set(divisions.map((d) => d.code));
    for (const s of staff) {
      if (s.role === 'supervisor') expect(s.divisionCode).toBeNull();
      else expect(codes, s.username).toContain(s.divisionCode);
    }
    const supervisor = staff.find((s) => s.role === 'supervisor');
    expect(supervisor?.title).toBe('Ủy viên Ủy ban MTTQ Việt Nam phường');
  });

  it('has at least three reception officers at the centre and two specialists and a head in every division', () => {
    expect(inDivision('TTPVHCC', 'reception').length).toBeGreaterThanOrEqual(3);
    for (const code of ['VP', 'KTHTDT', 'VHXH', 'CA']) {
      expect(inDivision(code, 'specialist').length, code).toBeGreaterThanOrEqual(2);
    }
    for (const d of divisions.filter((x) => x.kind !== 'leadership')) {
      expect(inDivision(d.code, 'division_head'), d.code).toHaveLength(1);
    }
    expect(inDivision('UBND', 'leader').map((s) => s.title)).toEqual([
      'Chủ tịch UBND phường',
      'Phó Chủ tịch UBND phường, Giám đốc Trung tâm Phục vụ hành chính công phường',
    ]);
    const monitor = staff.find((s) => s.role === 'monitor');
    expect(['TTPVHCC', 'VP']).toContain(monitor?.divisionCode);
  });

  it('documents a demo password', () => {
    expect(DEMO_PASSWORD).toBe('DongThanh@2026');
  });
});

const LABEL_IN_PLAN: Record<Slogan['key'], string> = {
  'ba-khong': '“3 không, 3 biết”',
  'ba-biet': '“3 không, 3 biết”',
  'sau-biet': '“6 biết”',
  'ba-the-hien': '“3 thể hiện”',
  'nam-khong': '“5 không”',
  'phuong-cham': 'phương châm',
};

describe('SLOGANS', () => {
  it('has the model and the staff slogans of the plan', () => {
    expect(SLOGANS.map((s) => s.text)).toEqual([
      '3 không: không trễ hẹn, không gây phiền hà, không bổ sung hồ sơ quá 1 lần',
      '3 biết: biết xin chào, biết xin lỗi, biết cảm ơn',
      '6 biết: biết nghe dân nói; biết nói dân hiểu; biết làm dân tin; biết chia sẻ; biết xin lỗi; biết cảm ơn',
      '3 thể hiện: Tôn trọng: trong quan hệ giao tiếp. Văn minh: lịch sự, văn hóa trong giao tiếp, giải quyết công việc. Gần gũi: trong quan hệ giải quyết công việc nhanh chóng',
      '5 không: không hách dịch, cửa quyền; không quan liêu, sách nhiễu, gây phiền hà nhân dân; không tham ô, lãng phí; không né tránh trách nhiệm; không chậm trễ giải quyết hồ sơ, công việc',
      'Phương châm: Đơn giản - thân thiện - đúng hẹn',
    ]);
  });

  it('words every slogan exactly as the plan does', () => {
    for (const s of SLOGANS) {
      const wording = s.text.slice(`${s.label}: `.length);
      expect(plan, s.key).toContain(wording);
      expect(plan, s.key).toContain(LABEL_IN_PLAN[s.key]);
      for (const item of s.items) expect(plan, `${s.key}: ${item}`).toContain(item);
    }
    expect(SLOGANS.find((s) => s.key === 'sau-biet')?.items).toHaveLength(6);
    expect(SLOGANS.find((s) => s.key === 'ba-the-hien')?.items).toHaveLength(3);
    expect(SLOGANS.find((s) => s.key === 'nam-khong')?.items).toHaveLength(5);
  });
});
