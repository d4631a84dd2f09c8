import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROLES, STAGES, TIME_UNITS, type ProcedureSeed } from '../../domain/procedure/procedure.ts';
import { buildProcedureCatalog, divisionForField, loadProcedureCatalog } from './catalog.ts';
import { limitToWorkingHours } from './derive-steps.ts';
import { DEMO_WARD } from './demo-ward.ts';
import { classifyInternalSteps } from './internal-steps.ts';

interface RawProcedure {
  code: string;
  field: string;
  components: { name: string; mandatory: boolean }[];
  processingTime: { value: number | null; unit: string; note?: string };
  [key: string]: unknown;
}
const raw = JSON.parse(readFileSync(new URL('./procedures-commune.json', import.meta.url), 'utf8')) as {
  procedures: RawProcedure[];
};

const catalog = loadProcedureCatalog();
const byCode = (code: string): ProcedureSeed => {
  const p = catalog.find((x) => x.code === code);
  if (p === undefined) throw new Error(`procedure ${code} not in catalog`);
  return p;
};
const sumHours = (p: ProcedureSeed): number => p.steps.reduce((sum, s) => sum + s.hours, 0);
const REAL = ['1.012994', '2.000286', '2.002755'];

describe('loadProcedureCatalog', () => {
  it('keeps the 35 procedures with a usable legal time limit, excluding the 5 without one', () => {
    expect(catalog.length).toBeGreaterThanOrEqual(25);
    expect(catalog).toHaveLength(35);
    const { excluded } = buildProcedureCatalog(raw);
    expect(excluded.map((e) => e.code).sort()).toEqual(['1.001731', '1.010824', '2.001263', '2.002481', '2.002516']);
    expect(excluded.find((e) => e.code === '2.001263')?.reason).toContain('staged');
    expect(new Set(catalog.map((p) => p.code)).size).toBe(catalog.length);
  });

  it('gives every procedure a national code, a valid time limit and at least one mandatory component', () => {
    for (const p of catalog) {
      expect(p.code, p.code).toMatch(/^\d\.\d{6}$/);
      expect(TIME_UNITS, p.code).toContain(p.timeLimit.unit);
      if (p.timeLimit.unit === 'same_day') {
        expect(p.timeLimit.value, p.code).toBeNull();
      } else {
        expect(p.timeLimit.value, p.code).toBeGreaterThan(0);
        expect(Number.isFinite(p.timeLimit.value), p.code).toBe(true);
      }
      expect(p.components.some((c) => c.isMandatory), p.code).toBe(true);
      expect(p.sources.length, p.code).toBeGreaterThan(0);
      expect(p.channels.length, p.code).toBeGreaterThan(0);
    }
  });

  it('hands every procedure to a division of the demo ward', () => {
    const divisions = new Set(DEMO_WARD.divisions.map((d) => d.code));
    for (const p of catalog) expect(divisions, p.code).toContain(p.divisionCode);
    for (const r of raw.procedures) expect(() => divisionForField(r.field), r.field).not.toThrow();
    expect(byCode('1.001193').divisionCode).toBe('VP');
    expect(byCode('2.000815').divisionCode).toBe('VP');
    expect(byCode('2.002409').divisionCode).toBe('VP');
    expect(byCode('1.001612').divisionCode).toBe('KTHTDT');
    expect(byCode('1.013978').divisionCode).toBe('KTHTDT');
    expect(byCode('1.012994').divisionCode).toBe('KTHTDT');
    expect(byCode('1.001776').divisionCode).toBe('VHXH');
    expect(byCode('2.002755').divisionCode).toBe('VHXH');
    expect(byCode('1.003622').divisionCode).toBe('VHXH');
    expect(byCode('1.004222').divisionCode).toBe('CA');
  });

  it('keeps component names, kinds and mandatory flags exactly as in the source', () => {
    for (const p of catalog) {
      const source = raw.procedures.find((r) => r.code === p.code);
      expect(p.components.map((c) => c.name)).toEqual(source?.components.map((c) => c.name));
      expect(p.components.map((c) => c.isMandatory)).toEqual(source?.components.map((c) => c.mandatory));
    }
    const birth = byCode('1.001193').components;
    expect(birth[0]?.form).toContain('Thông tư 04/2020/TT-BTP');
    expect(birth[0]?.condition).toBe('khi nộp trực tiếp hoặc qua bưu chính');
    expect(birth.find((c) => c.kind === 'present-only')?.isMandatory).toBe(true);
  });

  it('gives every procedure ordered steps with valid stages and roles and hours ≥ 0', () => {
    for (const p of catalog) {
      expect(p.steps.length, p.code).toBeGreaterThan(0);
      expect(p.steps[0]?.stage, p.code).toBe('reception');
      expect(p.steps.at(-1)?.stage, p.code).toBe('return');
      for (const s of p.steps) {
        expect(STAGES, p.code).toContain(s.stage);
        expect(ROLES, p.code).toContain(s.role);
        expect(s.hours, p.code).toBeGreaterThanOrEqual(0);
        expect(s.name.length, p.code).toBeGreaterThan(0);
      }
    }
  });

  it('keeps derived steps within the legal time limit in working hours', () => {
    const derived = catalog.filter((p) => p.stepsOrigin === 'derived');
    expect(derived).toHaveLength(32);
    for (const p of derived) {
      expect(sumHours(p), p.code).toBeLessThanOrEqual(limitToWorkingHours(p.timeLimit));
      expect(p.steps.map((s) => s.stage), p.code).toEqual([...STAGES]);
      expect(p.stepsNote, p.code).toContain('motcua phân bổ');
    }
  });

  it('keeps the three published internal processes with their hours and order', () => {
    expect(catalog.filter((p) => p.stepsOrigin === 'real').map((p) => p.code).sort()).toEqual([...REAL].sort());
    expect(sumHours(byCode('1.012994'))).toBe(168);
    expect(sumHours(byCode('2.000286'))).toBe(200);
    expect(sumHours(byCode('2.002755'))).toBe(96);
    for (const code of REAL) {
      const p = byCode(code);
      expect(sumHours(p)).toBe(limitToWorkingHours(p.timeLimit));
      expect(p.stepsNote).toContain('tnt305/tai_lieu_noi_bo');
      const source = raw.procedures.find((r) => r.code === code)?.['internalSteps'] as { hours: number }[];
      expect(p.steps.map((s) => s.hours)).toEqual(source.map((s) => s.hours));
    }
    expect(byCode('1.012994').steps.map((s) => `${s.stage}/${s.role}/${s.hours}`)).toEqual([
      'reception/reception/4',
      'assignment/division_head/4',
      'processing/specialist/112',
      'processing/division_head/24',
      'approval/leader/16',
      'issuance/specialist/8',
      'return/reception/0',
    ]);
  });

  it('names the provincial body on steps done outside the ward', () => {
    const pension = byCode('2.002755').steps;
    expect(pension.slice(0, 6).map((s) => s.stage)).toEqual(['reception', 'assignment', 'processing', 'processing', 'approval', 'issuance']);
    const provincial = pension.slice(6, -1);
    expect(provincial).toHaveLength(8);
    for (const s of provincial) {
      expect(s.stage).toBe('processing');
      expect(s.role).toBe('specialist');
      expect(s.name).toMatch(/Sở Nội vụ|tỉnh/);
    }
    expect(pension[8]?.name).toBe('Công chức Phòng Người có công (Sở Nội vụ): Dự thảo báo cáo UBND tỉnh');
    const shelter = byCode('2.000286').steps;
    expect(shelter.slice(6, -1).every((s) => s.stage === 'processing' && /Sở Y tế|cơ sở trợ giúp xã hội/.test(s.name))).toBe(true);
  });

  it('has the real legal figures of the spot-checked procedures', () => {
    expect(byCode('1.001022').timeLimit).toEqual({ value: 3, unit: 'working_days' });
    const residence = byCode('1.004222');
    expect(residence.name).toBe('Đăng ký thường trú');
    expect(residence.timeLimit).toEqual({ value: 7, unit: 'working_days' });
    expect(residence.steps.find((s) => s.stage === 'approval')?.role).toBe('division_head');
    expect(byCode('1.013978').timeLimit).toEqual({ value: 17, unit: 'working_days' });
    expect(byCode('1.001193').timeLimit).toEqual({ value: null, unit: 'same_day' });
    expect(byCode('1.012994').timeLimit).toEqual({ value: 168, unit: 'working_hours' });
    expect(byCode('1.013225').timeLimit).toEqual({ value: 15, unit: 'days' });
    expect(byCode('2.002409').timeLimit).toEqual({ value: 30, unit: 'days' });
    expect(byCode('1.001570').timeLimit).toEqual({ value: 1, unit: 'working_days' });
    expect(byCode('1.001022').timeLimitNote).toContain('Luật Hộ tịch Điều 25');
  });

  it('carries the data quality and sources of the record', () => {
    expect(byCode('1.001699').dataQuality).toBe('memory');
    expect(byCode('1.001022').dataQuality).toBe('confirmed');
    expect(byCode('1.004222').sources).toEqual(raw.procedures.find((r) => r.code === '1.004222')?.['source']);
  });

  it('returns fresh objects on every call', () => {
    const first = loadProcedureCatalog();
    first[0]?.steps.splice(0);
    expect(loadProcedureCatalog()[0]?.steps.length).toBeGreaterThan(0);
  });
});

describe('buildProcedureCatalog validation', () => {
  const base = raw.procedures.find((r) => r.code === '1.001022');
  const withChange = (change: Record<string, unknown>): unknown => ({ procedures: [{ ...base, ...change }] });

  it('fails loudly on a field without a division, an unknown unit or a bad component', () => {
    expect(() => buildProcedureCatalog(withChange({ field: 'Thể dục thể thao' }))).toThrow(/No division/);
    expect(() => buildProcedureCatalog(withChange({ processingTime: { value: 3, unit: 'weeks' } }))).toThrow(/unknown processingTime.unit/);
    expect(() => buildProcedureCatalog(withChange({ components: [{ name: 'X', kind: 'scan', count: 1, mandatory: true }] }))).toThrow(/unknown kind/);
    expect(() => buildProcedureCatalog({ procedures: [base, base] })).toThrow(/Duplicate/);
  });

  it('excludes staged, unspecified and valueless limits with a reason', () => {
    for (const processingTime of [{ value: null, unit: 'staged' }, { value: null, unit: 'unspecified' }, { value: null, unit: 'days' }]) {
      const result = buildProcedureCatalog(withChange({ processingTime }));
      expect(result.procedures).toHaveLength(0);
      expect(result.excluded).toHaveLength(1);
    }
  });

  it('rejects internal steps whose hours do not add up to the declared total', () => {
    const real = raw.procedures.find((r) => r.code === '1.012994');
    expect(() => buildProcedureCatalog({ procedures: [{ ...real, internalStepsTotalHours: 160 }] })).toThrow(/add up/);
  });
});

describe('classifyInternalSteps', () => {
  const step = (n: number, actor: string, task: string) => ({ step: n, actor, task, hours: 4 });

  it('keeps an unnamed actor at the level of the step before, and returns to the ward on an explicit ward actor', () => {
    const result = classifyInternalSteps([
      step(1, 'Công chức Trung tâm Phục vụ hành chính công cấp xã', 'Tiếp nhận'),
      step(2, 'Văn thư UBND cấp xã', 'Chuyển hồ sơ đến Sở Y tế'),
      step(3, 'Lãnh đạo Phòng Bảo trợ xã hội và Trẻ em - Sở Y tế', 'Phân công thụ lý'),
      step(4, 'Chuyên viên Phòng Bảo trợ xã hội và Trẻ em', 'Thẩm định'),
      step(5, 'Lãnh đạo UBND xã, phường', 'Ký văn bản'),
      step(6, 'Bộ phận một cửa', 'Trả kết quả'),
    ]);
    expect(result.map((r) => `${r.stage}/${r.role}/${r.provincialBody ?? '-'}`)).toEqual([
      'reception/reception/-',
      'issuance/specialist/-',
      'processing/specialist/Sở Y tế',
      'processing/specialist/Sở Y tế',
      'approval/leader/-',
      'return/reception/-',
    ]);
  });

  it('refuses a ward step it cannot place', () => {
    expect(() => classifyInternalSteps([step(1, 'Tổ dân phố', 'Niêm yết công khai')])).toThrow(/Cannot map/);
  });
});
