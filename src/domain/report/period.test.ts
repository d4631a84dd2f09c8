import { expect, it } from 'vitest';
import { parsePeriod, previousPeriod } from './period.ts';

it('parses months, quarters, half years and years with both cut-off rules', () => {
  expect(parsePeriod('2026-07')).toMatchObject({ kind: 'month', firstDay: '2026-07-01', lastDay: '2026-07-31', start: '2026-06-30T17:00:00.000Z', end: '2026-07-31T17:00:00.000Z' });
  expect(parsePeriod('2026-Q3')).toMatchObject({ firstDay: '2026-07-01', lastDay: '2026-09-30', label: 'Quý III năm 2026' });
  expect(parsePeriod('2026-H1')).toMatchObject({ firstDay: '2026-01-01', lastDay: '2026-06-30' });
  expect(parsePeriod('2028-02')).toMatchObject({ lastDay: '2028-02-29' });
  expect(parsePeriod('2026', 'day15')).toMatchObject({ firstDay: '2025-12-15', lastDay: '2026-12-14' });
  expect(parsePeriod('2026-H1', 'day15')).toMatchObject({ firstDay: '2025-12-15', lastDay: '2026-06-14' });
  expect(parsePeriod('2026-Q3', 'day15')).toMatchObject({ firstDay: '2026-06-15', lastDay: '2026-09-14' });
  for (const bad of ['2026-00', '2026-13', '2026-Q0', '2026-H3', '26', 'x']) expect(() => parsePeriod(bad), bad).toThrow(/period/);
});

it('consecutive periods tile time with no gap and no overlap', () => {
  for (const key of ['2026-01', '2026-Q1', '2026-H1', '2026']) {
    for (const cutoff of ['calendar', 'day15'] as const) {
      const p = parsePeriod(key, cutoff);
      expect(previousPeriod(p).end).toBe(p.start);
    }
  }
});
