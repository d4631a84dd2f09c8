import { describe, expect, it } from 'vitest';
import { classify } from './timeliness.ts';

describe('classify (Biểu 06 early / on time / late)', () => {
  const due = '2026-12-03T10:30:00.000Z'; // 17:30 Thursday 03/12/2026 in Vietnam
  it('finished on an earlier day in Vietnam is early', () => {
    expect(classify('2026-12-02T10:00:00.000Z', due)).toBe('early');
    // 23:30 on 02/12 in Vietnam is still the day before.
    expect(classify('2026-12-02T16:30:00.000Z', due)).toBe('early');
  });
  it('finished on the due day up to the due moment is on time', () => {
    expect(classify('2026-12-02T17:00:00.000Z', due)).toBe('on_time'); // 00:00 03/12 local
    expect(classify(due, due)).toBe('on_time');
  });
  it('one minute after the due moment is late', () => {
    expect(classify('2026-12-03T10:31:00.000Z', due)).toBe('late');
  });
});
