/**
 * Due-date cases written from DOMAIN.md 3.5 (15:00 cut-off), 7 (working days, calendar days, Civil Code
 * Arts 144–148), 8.3 (notices) and 17.2–17.3 (sessions 07:30–11:30 / 13:30–17:30, 8 hours a working day).
 * January 2026: Mon 12, Tue 13, Wed 14, Thu 15, Fri 16, Sat 17, Sun 18; Saturday 10/01/2026 is worked.
 */
import { describe, expect, it } from 'vitest';
import { defaultCalendarSettings } from './default-calendar.ts';
import { localInstant, localText } from './test-helpers.ts';
import type { DueDate } from './types.ts';
import { WorkingCalendar } from './working-calendar.ts';
import type { TimeLimit } from '../procedure/procedure.ts';

const calendar = new WorkingCalendar(defaultCalendarSettings(2024, 2028));

function due(received: string, limit: TimeLimit): DueDate {
  return calendar.dueDate(localInstant(received), limit);
}

const workingDays = (value: number): TimeLimit => ({ unit: 'working_days', value });
const workingHours = (value: number): TimeLimit => ({ unit: 'working_hours', value });
const calendarDays = (value: number): TimeLimit => ({ unit: 'days', value });
const sameDay: TimeLimit = { unit: 'same_day', value: null };

describe('clock start (DOMAIN 17.3)', () => {
  it('starts at receipt during a session', () => {
    const result = due('2026-01-12 10:00', workingDays(3));
    expect(localText(result.startAt)).toBe('2026-01-12 10:00');
    expect(localText(result.dueAt)).toBe('2026-01-15 10:00');
    expect(result.explanation.start).toBe('Tiếp nhận trong giờ làm việc: tính từ lúc tiếp nhận (10:00 thứ Hai, 12/01/2026).');
  });

  it('15:00 is still the same day; 15:01 is after the cut-off', () => {
    expect(localText(due('2026-01-12 15:00', workingDays(1)).dueAt)).toBe('2026-01-13 15:00');
    const late = due('2026-01-12 15:01', workingDays(1));
    expect(localText(late.startAt)).toBe('2026-01-13 07:30');
    expect(localText(late.dueAt)).toBe('2026-01-13 17:30');
    expect(late.explanation.start).toBe(
      'Tiếp nhận sau 15:00: tính từ 07:30 ngày làm việc tiếp theo (thứ Ba, 13/01/2026).',
    );
  });

  it('seconds are dropped: 15:00:59 counts as 15:00', () => {
    expect(localText(due('2026-01-12 15:00:59', workingDays(1)).startAt)).toBe('2026-01-12 15:00');
  });

  it('during the lunch break starts at the afternoon session', () => {
    const result = due('2026-01-12 12:15', workingDays(0.5));
    expect(localText(result.startAt)).toBe('2026-01-12 13:30');
    // Four hours end exactly at the end of the afternoon session: due 17:30, not the next morning.
    expect(localText(result.dueAt)).toBe('2026-01-12 17:30');
    expect(result.explanation.start).toBe(
      'Tiếp nhận trong giờ nghỉ giữa hai buổi làm việc: tính từ 13:30 cùng ngày (thứ Hai, 12/01/2026).',
    );
  });

  it('at 11:30 sharp (end of the morning session) starts at 13:30', () => {
    expect(localText(due('2026-01-12 11:30', workingHours(1)).startAt)).toBe('2026-01-12 13:30');
  });

  it('before office hours starts at the first session', () => {
    const result = due('2026-01-12 06:45', workingDays(1));
    expect(localText(result.startAt)).toBe('2026-01-12 07:30');
    expect(localText(result.dueAt)).toBe('2026-01-12 17:30');
    expect(result.explanation.start).toBe('Tiếp nhận trước giờ làm việc: tính từ 07:30 cùng ngày (thứ Hai, 12/01/2026).');
  });

  it('after office hours starts at the next working day', () => {
    const result = due('2026-01-12 18:00', workingDays(1));
    expect(localText(result.startAt)).toBe('2026-01-13 07:30');
    expect(result.explanation.start).toBe(
      'Tiếp nhận sau giờ làm việc (sau 17:30): tính từ 07:30 ngày làm việc tiếp theo (thứ Ba, 13/01/2026).',
    );
  });

  it('on a weekend starts at the next working day', () => {
    const result = due('2026-01-17 09:00', workingDays(2));
    expect(localText(result.startAt)).toBe('2026-01-19 07:30');
    expect(localText(result.dueAt)).toBe('2026-01-20 17:30');
    expect(result.explanation.start).toBe(
      'Tiếp nhận vào ngày nghỉ – Thứ Bảy: tính từ 07:30 ngày làm việc tiếp theo (thứ Hai, 19/01/2026).',
    );
    expect(result.explanation.skipped).toEqual([]);
  });

  it('on a holiday starts after the holiday', () => {
    const result = due('2026-02-18 09:00', workingDays(1));
    expect(localText(result.startAt)).toBe('2026-02-23 07:30');
    expect(result.explanation.start).toBe(
      'Tiếp nhận vào ngày nghỉ – Tết Nguyên Đán (mùng 2 Tết): tính từ 07:30 ngày làm việc tiếp theo (thứ Hai, 23/02/2026).',
    );
  });

  it('clockStart gives the same start and rule', () => {
    const start = calendar.clockStart(localInstant('2026-01-16 16:10'));
    expect(localText(start.startAt)).toBe('2026-01-19 07:30');
    expect(start.kind).toBe('after_cutoff');
    expect(start.rule).toBe('Tiếp nhận sau 15:00: tính từ 07:30 ngày làm việc tiếp theo (thứ Hai, 19/01/2026).');
  });
});

describe('working days', () => {
  it('skips the weekend and lists it', () => {
    const result = due('2026-01-15 10:00', workingDays(3));
    expect(localText(result.dueAt)).toBe('2026-01-20 10:00');
    expect(result.explanation.skipped).toEqual([
      { date: '2026-01-17', reason: 'Thứ Bảy' },
      { date: '2026-01-18', reason: 'Chủ nhật' },
    ]);
  });

  it('skips the whole Tết 2026 break (14/02–22/02) with the notice reasons', () => {
    const result = due('2026-02-12 09:00', workingDays(3));
    expect(localText(result.dueAt)).toBe('2026-02-24 09:00');
    expect(result.explanation.skipped).toEqual([
      { date: '2026-02-14', reason: 'Thứ Bảy' },
      { date: '2026-02-15', reason: 'Chủ nhật' },
      { date: '2026-02-16', reason: 'Tết Nguyên Đán (29 tháng Chạp)' },
      { date: '2026-02-17', reason: 'Tết Nguyên Đán (mùng 1 Tết)' },
      { date: '2026-02-18', reason: 'Tết Nguyên Đán (mùng 2 Tết)' },
      { date: '2026-02-19', reason: 'Tết Nguyên Đán (mùng 3 Tết)' },
      { date: '2026-02-20', reason: 'Tết Nguyên Đán (mùng 4 Tết)' },
      { date: '2026-02-21', reason: 'Thứ Bảy' },
      { date: '2026-02-22', reason: 'Chủ nhật' },
    ]);
  });

  it('counts the worked Saturday 10/01/2026', () => {
    expect(localText(due('2026-01-09 10:00', workingDays(1)).dueAt)).toBe('2026-01-10 10:00');
    expect(localText(due('2026-01-10 09:00', workingHours(1)).startAt)).toBe('2026-01-10 09:00');
    // Friday 02/01/2026 is the day swapped for it.
    expect(localText(due('2025-12-31 10:00', workingDays(1)).dueAt)).toBe('2026-01-05 10:00');
  });

  it('allows half days (0.5 = 4 working hours)', () => {
    expect(localText(due('2026-01-12 10:00', workingDays(0.5)).dueAt)).toBe('2026-01-12 16:00');
    expect(localText(due('2026-01-12 10:00', workingDays(1.5)).dueAt)).toBe('2026-01-13 16:00');
  });

  it('ends at 11:30 rather than 13:30 when the time runs out at the morning session end', () => {
    expect(localText(due('2026-01-12 07:30', workingHours(4)).dueAt)).toBe('2026-01-12 11:30');
    expect(localText(due('2026-01-12 13:30', workingDays(1)).dueAt)).toBe('2026-01-13 11:30');
  });

  it('0 working days is due at the clock start', () => {
    expect(localText(due('2026-01-12 12:00', workingDays(0)).dueAt)).toBe('2026-01-12 13:30');
  });
});

describe('working hours', () => {
  it('counts hours inside sessions', () => {
    expect(localText(due('2026-01-12 08:00', workingHours(5)).dueAt)).toBe('2026-01-12 15:00');
    // After the cut-off: from Tuesday 07:30, 8 hours on Tuesday and 2 on Wednesday.
    expect(localText(due('2026-01-12 16:00', workingHours(10)).dueAt)).toBe('2026-01-14 09:30');
  });
});

describe('same day', () => {
  it('is due at the end of the last session of the clock-start day', () => {
    expect(localText(due('2026-01-12 10:00', sameDay).dueAt)).toBe('2026-01-12 17:30');
    expect(localText(due('2026-01-12 15:30', sameDay).dueAt)).toBe('2026-01-13 17:30');
    expect(localText(due('2026-01-17 10:00', sameDay).dueAt)).toBe('2026-01-19 17:30');
  });
});

describe('calendar days (Civil Code 2015 Arts 144–148)', () => {
  it('counts weekends and ends at the end of the last day', () => {
    const result = due('2026-01-12 10:00', calendarDays(3));
    expect(localText(result.dueAt)).toBe('2026-01-15 17:30');
    expect(result.explanation.skipped).toEqual([]);
  });

  it('moves a last day on Sunday to the next working day', () => {
    const result = due('2026-01-12 10:00', calendarDays(6));
    expect(localText(result.dueAt)).toBe('2026-01-19 17:30');
    expect(result.explanation.skipped).toEqual([{ date: '2026-01-18', reason: 'Chủ nhật' }]);
  });

  it('moves a last day on Saturday past the whole weekend', () => {
    const result = due('2026-01-12 10:00', calendarDays(5));
    expect(localText(result.dueAt)).toBe('2026-01-19 17:30');
    expect(result.explanation.skipped).toEqual([
      { date: '2026-01-17', reason: 'Thứ Bảy' },
      { date: '2026-01-18', reason: 'Chủ nhật' },
    ]);
  });

  it('counts from the clock-start date', () => {
    expect(localText(due('2026-01-16 16:00', calendarDays(1)).dueAt)).toBe('2026-01-20 17:30');
  });
});

describe('explanation', () => {
  it('is one Vietnamese paragraph with receipt, start, limit, skipped days and due', () => {
    const result = due('2026-01-15 15:30', workingDays(2));
    expect(result.explanation.text).toBe(
      'Hồ sơ được tiếp nhận lúc 15:30 thứ Năm, 15/01/2026. ' +
        'Tiếp nhận sau 15:00: tính từ 07:30 ngày làm việc tiếp theo (thứ Sáu, 16/01/2026). ' +
        'Thời hạn giải quyết: 2 ngày làm việc (16 giờ làm việc). ' +
        'Không tính 2 ngày nghỉ: 17/01/2026 – Thứ Bảy; 18/01/2026 – Chủ nhật. ' +
        'Hạn trả kết quả: 17:30 thứ Hai, 19/01/2026.',
    );
  });

  it('says when no day was skipped, and formats half days and hours', () => {
    expect(due('2026-01-12 10:00', workingDays(0.5)).explanation.text).toContain(
      'Thời hạn giải quyết: 0,5 ngày làm việc (4 giờ làm việc). Không có ngày nghỉ xen giữa.',
    );
    expect(due('2026-01-12 10:00', workingHours(3)).explanation.text).toContain('Thời hạn giải quyết: 3 giờ làm việc.');
    expect(due('2026-01-12 10:00', sameDay).explanation.text).toContain(
      'Thời hạn giải quyết: trong ngày (đến hết giờ làm việc của ngày bắt đầu tính).',
    );
  });

  it('explains the move of a calendar-day limit', () => {
    expect(due('2026-01-12 10:00', calendarDays(6)).explanation.text).toBe(
      'Hồ sơ được tiếp nhận lúc 10:00 thứ Hai, 12/01/2026. ' +
        'Tiếp nhận trong giờ làm việc: tính từ lúc tiếp nhận (10:00 thứ Hai, 12/01/2026). ' +
        'Thời hạn giải quyết: 6 ngày theo lịch (tính cả ngày nghỉ, Bộ luật Dân sự 2015 Điều 144–148). ' +
        'Ngày cuối của thời hạn (18/01/2026) là ngày nghỉ nên hạn chuyển sang ngày làm việc tiếp theo; ' +
        'không tính: 18/01/2026 – Chủ nhật. ' +
        'Hạn trả kết quả: 17:30 thứ Hai, 19/01/2026.',
    );
  });

  it('keeps the receipt, the limit and ISO instants in the result', () => {
    const received = localInstant('2026-01-12 10:00');
    const result = calendar.dueDate(received, workingDays(1));
    expect(result.receivedAt).toBe('2026-01-12T03:00:00.000Z');
    expect(result.startAt).toBe('2026-01-12T03:00:00.000Z');
    expect(result.dueAt).toBe('2026-01-13T03:00:00.000Z');
    expect(result.limit).toEqual({ unit: 'working_days', value: 1 });
  });
});

describe('bad input', () => {
  it('throws RangeError with a clear message', () => {
    const at = localInstant('2026-01-12 10:00');
    expect(() => calendar.dueDate(new Date(NaN), workingDays(1))).toThrow(RangeError);
    expect(() => calendar.dueDate(at, workingDays(-1))).toThrow(/non-negative/);
    expect(() => calendar.dueDate(at, { unit: 'working_days', value: null })).toThrow(/requires a value/);
    expect(() => calendar.dueDate(at, { unit: 'days', value: 1.5 })).toThrow(/whole number/);
    expect(() => calendar.dueDate(at, workingHours(Number.POSITIVE_INFINITY))).toThrow(RangeError);
    expect(() => calendar.dueDate(at, { unit: 'weeks' as never, value: 1 })).toThrow(/unit/);
    expect(() => calendar.dueDate(localInstant('1850-01-01 10:00'), workingDays(1))).toThrow(/outside/);
  });
});
