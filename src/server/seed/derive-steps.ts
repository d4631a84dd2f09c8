/**
 * Internal steps ("quy trình nội bộ") derived by motcua from a procedure's legal time limit, for the many
 * procedures whose province-approved internal process we do not have. Provinces publish such processes in
 * working hours, 8 hours = 1 working day, half days common (DOMAIN.md 3.9, 7); this keeps the same shape.
 * Pure: no I/O.
 */
import type { Role, Stage, StepSeed, TimeLimit } from '../../domain/procedure/procedure.ts';

export const HOURS_PER_WORKING_DAY = 8;

/**
 * Working hours available under a legal time limit.
 * - working_days: value × 8; working_hours: value.
 * - days (calendar days; the text does not say "làm việc"): approximated as value × 5/7 working days,
 *   rounded down to a half day, × 8. Only for allocating internal steps; the appointment itself is still
 *   computed in calendar days by the deadline engine.
 * - same_day: one working day (8 hours): "within the day", or the next working day after the 15:00 cut-off.
 */
export function limitToWorkingHours(limit: TimeLimit): number {
  if (limit.unit === 'same_day') return HOURS_PER_WORKING_DAY;
  const value = limit.value;
  if (value === null || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`Time limit ${limit.unit} needs a positive value, got ${String(value)}`);
  }
  switch (limit.unit) {
    case 'working_days':
      return value * HOURS_PER_WORKING_DAY;
    case 'working_hours':
      return value;
    case 'days':
      return calendarDaysToWorkingDays(value) * HOURS_PER_WORKING_DAY;
  }
}

/** value × 5/7 rounded down to a half working day (15 days → 10.5, 30 → 21, 45 → 32). */
export function calendarDaysToWorkingDays(days: number): number {
  return Math.floor(((days * 5) / 7) * 2) / 2;
}

/** Who does each stage and how the step is named; the hours come from the limit. */
export type StepProfile = Record<Stage, { role: Role; name: string }>;

/** Procedures decided by the ward People's Committee: its divisions advise, the Chairman/Vice-Chairman signs. */
export const WARD_COMMITTEE_PROFILE: StepProfile = {
  reception: { role: 'reception', name: 'Tiếp nhận, kiểm tra, số hóa hồ sơ; chuyển bộ phận chuyên môn' },
  assignment: { role: 'division_head', name: 'Lãnh đạo phòng chuyên môn xem xét, phân công thụ lý' },
  processing: { role: 'specialist', name: 'Công chức chuyên môn thẩm định, xử lý hồ sơ; dự thảo kết quả' },
  approval: { role: 'leader', name: 'Lãnh đạo UBND phường xem xét, ký duyệt kết quả' },
  issuance: { role: 'specialist', name: 'Văn thư vào sổ, lấy số, đóng dấu, phát hành; chuyển kết quả về Trung tâm' },
  return: { role: 'reception', name: 'Trả kết quả cho tổ chức, cá nhân' },
};

/**
 * Residence procedures: the registration body is the ward police ("Công an cấp xã ... không phải UBND xã",
 * data/procedures-commune.json), so its chief, not the Chairman, signs. The chief is the CA division's
 * `division_head`.
 */
export const WARD_POLICE_PROFILE: StepProfile = {
  reception: { role: 'reception', name: 'Tiếp nhận, kiểm tra, số hóa hồ sơ; chuyển Công an phường' },
  assignment: { role: 'division_head', name: 'Lãnh đạo Công an phường phân công thụ lý' },
  processing: { role: 'specialist', name: 'Cán bộ đăng ký cư trú kiểm tra, xác minh, xử lý hồ sơ' },
  approval: { role: 'division_head', name: 'Trưởng Công an phường xem xét, phê duyệt' },
  issuance: { role: 'specialist', name: 'Cập nhật kết quả vào Cơ sở dữ liệu về cư trú; chuyển kết quả về Trung tâm' },
  return: { role: 'reception', name: 'Trả kết quả cho tổ chức, cá nhân' },
};

type FixedStage = Exclude<Stage, 'processing' | 'return'>;

/** Nominal hours of the fixed steps; processing takes the rest. */
const NOMINAL_HOURS: Record<FixedStage, number> = { reception: 4, assignment: 4, approval: 8, issuance: 4 };
const SAME_DAY_HOURS: Record<FixedStage, number> = { reception: 1, assignment: 0.5, approval: 1, issuance: 0.5 };
const FIXED_STAGES: readonly FixedStage[] = ['reception', 'assignment', 'approval', 'issuance'];

/**
 * A limit is "short" when the fixed steps at nominal hours would take more than this share of it; they are
 * then scaled down proportionally so the specialist's processing step keeps at least the rest. Without it a
 * 3-working-day procedure (the most common limit) would leave 4 of 24 hours to processing.
 */
export const MAX_FIXED_SHARE = 0.5;

const HALF_HOUR = 0.5;
const floorToHalf = (hours: number): number => Math.floor(hours / HALF_HOUR) * HALF_HOUR;

/** Hours per stage (return is always 0: not counted, as in published internal processes). */
export function allocateHours(limit: TimeLimit): Record<Stage, number> {
  const total = floorToHalf(limitToWorkingHours(limit));
  const nominal = limit.unit === 'same_day' ? SAME_DAY_HOURS : NOMINAL_HOURS;
  // Every non-return step needs at least half an hour.
  const minimum = (FIXED_STAGES.length + 1) * HALF_HOUR;
  if (total < minimum) {
    throw new RangeError(`A limit of ${total} working hours is too short to allocate steps (minimum ${minimum})`);
  }
  const nominalFixed = FIXED_STAGES.reduce((sum, stage) => sum + nominal[stage], 0);
  const budget = total * MAX_FIXED_SHARE;
  const scale = nominalFixed > budget ? budget / nominalFixed : 1;
  const fixed = {} as Record<FixedStage, number>;
  for (const stage of FIXED_STAGES) {
    fixed[stage] = Math.max(HALF_HOUR, floorToHalf(nominal[stage] * scale));
  }
  const fixedSum = FIXED_STAGES.reduce((sum, stage) => sum + fixed[stage], 0);
  return { ...fixed, processing: total - fixedSum, return: 0 };
}

/** Steps in stage order with hours allocated from the legal time limit; total ≤ limitToWorkingHours(limit). */
export function deriveSteps(limit: TimeLimit, profile: StepProfile = WARD_COMMITTEE_PROFILE): StepSeed[] {
  const hours = allocateHours(limit);
  const stages: readonly Stage[] = ['reception', 'assignment', 'processing', 'approval', 'issuance', 'return'];
  return stages.map((stage) => ({ stage, role: profile[stage].role, name: profile[stage].name, hours: hours[stage] }));
}

const formatHours = (hours: number): string => hours.toLocaleString('vi-VN', { maximumFractionDigits: 1 });

function describeLimit(limit: TimeLimit): string {
  switch (limit.unit) {
    case 'same_day':
      return 'giải quyết trong ngày, tính 01 ngày làm việc = 8 giờ';
    case 'working_days':
      return `${formatHours(limit.value ?? 0)} ngày làm việc = ${formatHours(limitToWorkingHours(limit))} giờ làm việc`;
    case 'working_hours':
      return `${formatHours(limit.value ?? 0)} giờ làm việc`;
    case 'days': {
      const days = limit.value ?? 0;
      return (
        `${formatHours(days)} ngày (văn bản không ghi "làm việc"), quy đổi gần đúng ×5/7 làm tròn xuống nửa ngày ` +
        `≈ ${formatHours(calendarDaysToWorkingDays(days))} ngày làm việc = ${formatHours(limitToWorkingHours(limit))} giờ làm việc ` +
        '(chỉ để phân bổ bước nội bộ; hạn trả kết quả vẫn tính theo ngày)'
      );
    }
  }
}

const STAGE_LABELS: Record<Stage, string> = {
  reception: 'tiếp nhận',
  assignment: 'phân công',
  processing: 'xử lý',
  approval: 'phê duyệt',
  issuance: 'phát hành',
  return: 'trả kết quả',
};

/** Vietnamese note stored with derived steps, saying where the hours come from. */
export function derivedStepsNote(limit: TimeLimit, steps: readonly StepSeed[]): string {
  const allocation = steps.map((s) => `${STAGE_LABELS[s.stage]} ${formatHours(s.hours)} giờ`).join(', ');
  const total = steps.reduce((sum, s) => sum + s.hours, 0);
  return (
    `Quy trình do motcua phân bổ từ thời hạn pháp định (${describeLimit(limit)}), ` +
    `không phải quy trình nội bộ do UBND tỉnh phê duyệt: ${allocation}; tổng ${formatHours(total)} giờ. ` +
    'Định mức: tiếp nhận 4 giờ, phân công 4 giờ, phê duyệt 8 giờ, phát hành 4 giờ (giải quyết trong ngày: 1; 0,5; 1; 0,5 giờ), ' +
    'xử lý nhận phần còn lại; thời hạn ngắn thì các bước cố định được thu nhỏ theo tỷ lệ để chiếm không quá một nửa thời hạn. ' +
    'Cần thay bằng quy trình nội bộ của tỉnh khi có.'
  );
}
