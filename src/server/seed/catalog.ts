/**
 * The demo ward's procedure catalog, mapped from procedures-commune.json (40 commune-level procedures with
 * their sources; copied unchanged from the shared data set, which is the source of record).
 *
 * Rules (see also derive-steps.ts and internal-steps.ts):
 * - Only procedures with a usable legal time limit are kept: units working_days, working_hours, days with a
 *   value, or same_day. "staged", "unspecified" and a null value are excluded with a reason
 *   (buildProcedureCatalog().excluded), because a deadline cannot be computed from them.
 * - The handling division follows the field (Decree 150/2025 commune structure, DOMAIN.md 2.3);
 *   residence is handled by the ward police ("CA"), which is not a division of the People's Committee.
 * - Steps are the province's published internal process where the data has one ("real"), otherwise
 *   allocated from the legal time limit ("derived").
 */
import {
  CHANNELS,
  COMPONENT_KINDS,
  TIME_UNITS,
  type Channel,
  type ComponentKind,
  type ComponentSeed,
  type FeeSeed,
  type ProcedureSeed,
  type TimeLimit,
  type TimeUnit,
} from '../../domain/procedure/procedure.ts';
import { deriveSteps, derivedStepsNote, WARD_COMMITTEE_PROFILE, WARD_POLICE_PROFILE } from './derive-steps.ts';
import { mapInternalSteps, type InternalStepSource } from './internal-steps.ts';
import data from './procedures-commune.json' with { type: 'json' };

/** Division codes used by the catalog; DEMO_WARD.divisions defines them. */
export const DIVISION_CODES = {
  office: 'VP',
  economy: 'KTHTDT',
  cultureSociety: 'VHXH',
  police: 'CA',
} as const;

/** Field (as written in the data) → handling division. Unknown fields fail loudly rather than default. */
export const FIELD_DIVISION: Readonly<Record<string, string>> = {
  'Hộ tịch': DIVISION_CODES.office,
  'Chứng thực': DIVISION_CODES.office,
  'Nuôi con nuôi': DIVISION_CODES.office,
  'Giải quyết khiếu nại': DIVISION_CODES.office,
  'Giải quyết tố cáo': DIVISION_CODES.office,
  'Thành lập và hoạt động doanh nghiệp (hộ kinh doanh)': DIVISION_CODES.economy,
  'Hoạt động xây dựng': DIVISION_CODES.economy,
  'Đất đai': DIVISION_CODES.economy,
  'Tài chính đất đai': DIVISION_CODES.economy,
  'Giảm nghèo': DIVISION_CODES.cultureSociety,
  'Bảo trợ xã hội': DIVISION_CODES.cultureSociety,
  'Người có công': DIVISION_CODES.cultureSociety,
  'Chính sách (quân sự, quốc phòng)': DIVISION_CODES.cultureSociety,
  'Văn hóa': DIVISION_CODES.cultureSociety,
  'Giáo dục trung học': DIVISION_CODES.cultureSociety,
  'Đăng ký, quản lý cư trú': DIVISION_CODES.police,
};

export function divisionForField(field: string): string {
  const code = FIELD_DIVISION[field];
  if (code === undefined) throw new Error(`No division is configured for the field "${field}"`);
  return code;
}

export interface ExcludedProcedure {
  code: string;
  name: string;
  reason: string;
}

export interface ProcedureCatalog {
  procedures: ProcedureSeed[];
  excluded: ExcludedProcedure[];
}

/** Unit values of the source that carry no usable time limit. */
const UNUSABLE_UNITS = ['staged', 'unspecified'] as const;

/** The demo ward's catalog (fresh objects on every call). */
export function loadProcedureCatalog(): ProcedureSeed[] {
  return buildProcedureCatalog(data).procedures;
}

/** Maps a procedures-commune.json document, validated as it goes, to seeds plus the excluded procedures. */
export function buildProcedureCatalog(document: unknown): ProcedureCatalog {
  const root = asRecord(document, 'document');
  const list = asArray(root['procedures'], 'procedures');
  const procedures: ProcedureSeed[] = [];
  const excluded: ExcludedProcedure[] = [];
  const seen = new Set<string>();
  list.forEach((item, index) => {
    const raw = asRecord(item, `procedures[${index}]`);
    const code = asString(raw['code'], `procedures[${index}].code`);
    if (seen.has(code)) throw new Error(`Duplicate procedure code ${code}`);
    seen.add(code);
    const name = asString(raw['name'], `${code}.name`);
    const limit = readTimeLimit(raw['processingTime'], code);
    if ('reason' in limit) {
      excluded.push({ code, name, reason: limit.reason });
      return;
    }
    procedures.push(mapProcedure(raw, code, name, limit.timeLimit, limit.note));
  });
  return { procedures, excluded };
}

type LimitReading = { timeLimit: TimeLimit; note: string | null } | { reason: string };

function readTimeLimit(value: unknown, code: string): LimitReading {
  const pt = asRecord(value, `${code}.processingTime`);
  const unit = asString(pt['unit'], `${code}.processingTime.unit`);
  const note = asNullableString(pt['note'] ?? null, `${code}.processingTime.note`);
  const amount = pt['value'];
  const cite = note === null ? '' : ` Nguồn ghi: ${note}`;
  if ((UNUSABLE_UNITS as readonly string[]).includes(unit)) {
    return { reason: `Thời hạn "${unit}": không có một con số thời hạn pháp định để tính hạn.${cite}` };
  }
  if (!isTimeUnit(unit)) throw new Error(`${code}: unknown processingTime.unit "${unit}"`);
  if (unit === 'same_day') return { timeLimit: { value: null, unit }, note };
  if (amount === null || amount === undefined) {
    return { reason: `Đơn vị "${unit}" nhưng không có giá trị thời hạn (chưa xác minh sau 01/7/2025).${cite}` };
  }
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount <= 0) {
    throw new Error(`${code}: processingTime.value must be a positive number, got ${JSON.stringify(amount)}`);
  }
  return { timeLimit: { value: amount, unit }, note };
}

function mapProcedure(
  raw: Record<string, unknown>,
  code: string,
  name: string,
  timeLimit: TimeLimit,
  timeLimitNote: string | null,
): ProcedureSeed {
  const field = asString(raw['field'], `${code}.field`);
  const divisionCode = divisionForField(field);
  const confidence = asString(raw['confidence'], `${code}.confidence`);
  if (confidence !== 'confirmed' && confidence !== 'memory') {
    throw new Error(`${code}: unknown confidence "${confidence}"`);
  }
  const { steps, stepsOrigin, stepsNote } = mapSteps(raw, code, timeLimit, divisionCode);
  return {
    code,
    name,
    field,
    level: asString(raw['level'], `${code}.level`),
    implementingBody: asString(raw['implementingBody'], `${code}.implementingBody`),
    divisionCode,
    nationalDecision: asNullableString(raw['nationalDecision'], `${code}.nationalDecision`),
    timeLimit,
    timeLimitNote,
    components: asArray(raw['components'], `${code}.components`).map((c, i) => mapComponent(c, `${code}.components[${i}]`)),
    fees: asArray(raw['fees'], `${code}.fees`).map((f, i) => mapFee(f, `${code}.fees[${i}]`)),
    legalBasis: asArray(raw['legalBasis'], `${code}.legalBasis`).map((s, i) => asString(s, `${code}.legalBasis[${i}]`)),
    result: asString(raw['result'], `${code}.result`),
    channels: asArray(raw['channels'], `${code}.channels`).map((c, i) => asChannel(c, `${code}.channels[${i}]`)),
    steps,
    stepsOrigin,
    stepsNote,
    dataQuality: confidence,
    sources: asArray(raw['source'], `${code}.source`).map((s, i) => asString(s, `${code}.source[${i}]`)),
  };
}

function mapSteps(
  raw: Record<string, unknown>,
  code: string,
  timeLimit: TimeLimit,
  divisionCode: string,
): Pick<ProcedureSeed, 'steps' | 'stepsOrigin' | 'stepsNote'> {
  const internal = raw['internalSteps'];
  if (internal !== undefined && internal !== null) {
    const source = asString(raw['internalStepsSource'], `${code}.internalStepsSource`);
    const steps = mapInternalSteps(
      asArray(internal, `${code}.internalSteps`).map((s, i) => readInternalStep(s, `${code}.internalSteps[${i}]`)),
    );
    const total = steps.reduce((sum, s) => sum + s.hours, 0);
    const declared = raw['internalStepsTotalHours'];
    if (typeof declared === 'number' && declared !== total) {
      throw new Error(`${code}: internal steps add up to ${total} hours, the data says ${declared}`);
    }
    const conversion = asNullableString(raw['internalStepsNote'] ?? null, `${code}.internalStepsNote`);
    return {
      steps,
      stepsOrigin: 'real',
      stepsNote:
        `Quy trình nội bộ do tỉnh công bố, giữ nguyên thứ tự và số giờ (tổng ${total} giờ làm việc). ` +
        `Nguồn: ${source}.` +
        (conversion === null ? '' : ` ${conversion}`) +
        ' Các bước do cơ quan cấp tỉnh thực hiện được ghi là bước xử lý, tên bước nêu cơ quan thực hiện.',
    };
  }
  const profile = divisionCode === DIVISION_CODES.police ? WARD_POLICE_PROFILE : WARD_COMMITTEE_PROFILE;
  const steps = deriveSteps(timeLimit, profile);
  return { steps, stepsOrigin: 'derived', stepsNote: derivedStepsNote(timeLimit, steps) };
}

function readInternalStep(value: unknown, path: string): InternalStepSource {
  const s = asRecord(value, path);
  const hours = s['hours'];
  if (typeof hours !== 'number' || !Number.isFinite(hours) || hours < 0) {
    throw new Error(`${path}.hours must be a number ≥ 0`);
  }
  const step = s['step'];
  if (typeof step !== 'number' || !Number.isInteger(step)) throw new Error(`${path}.step must be an integer`);
  return { step, actor: asString(s['actor'], `${path}.actor`), task: asString(s['task'], `${path}.task`), hours };
}

function mapComponent(value: unknown, path: string): ComponentSeed {
  const c = asRecord(value, path);
  const kind = asString(c['kind'], `${path}.kind`);
  if (!(COMPONENT_KINDS as readonly string[]).includes(kind)) throw new Error(`${path}: unknown kind "${kind}"`);
  const count = c['count'];
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) {
    throw new Error(`${path}.count must be a positive integer`);
  }
  const mandatory = c['mandatory'];
  if (typeof mandatory !== 'boolean') throw new Error(`${path}.mandatory must be a boolean`);
  return {
    name: asString(c['name'], `${path}.name`),
    kind: kind as ComponentKind,
    count,
    isMandatory: mandatory,
    condition: asNullableString(c['condition'] ?? null, `${path}.condition`),
    form: asNullableString(c['form'] ?? null, `${path}.form`),
  };
}

function mapFee(value: unknown, path: string): FeeSeed {
  const f = asRecord(value, path);
  const amount = f['amount'];
  if (amount !== null && (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0)) {
    throw new Error(`${path}.amount must be a number ≥ 0 or null`);
  }
  return {
    name: asString(f['name'], `${path}.name`),
    amount,
    note: asNullableString(f['note'] ?? null, `${path}.note`),
  };
}

function isTimeUnit(unit: string): unit is TimeUnit {
  return (TIME_UNITS as readonly string[]).includes(unit);
}

function asChannel(value: unknown, path: string): Channel {
  const s = asString(value, path);
  if (!(CHANNELS as readonly string[]).includes(s)) throw new Error(`${path}: unknown channel "${s}"`);
  return s as Channel;
}

function asRecord(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${path} must be an object`);
  return value as Record<string, unknown>;
}

function asArray(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw new Error(`${path} must be an array`);
  return value;
}

function asString(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new Error(`${path} must be a non-empty string`);
  return value;
}

function asNullableString(value: unknown, path: string): string | null {
  return value === null ? null : asString(value, path);
}
