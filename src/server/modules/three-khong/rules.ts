import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { readSetting } from '../settings.repository.ts';

/**
 * The configurable "3 không" rules (DOMAIN.md 17: each rule is configuration with a default), stored in the
 * `setting` table under the key `threeKhong`. A missing key means the defaults below, never a silent zero.
 */
export interface ThreeKhongRules {
  deadline: {
    /** "Sắp đến hạn" when at most this many working days are left (DOMAIN.md 12: alerts 2 and 1 days before). */
    dueSoonWorkingDays: number;
    /** An at-risk dossier with no action for this many working hours escalates to the next level. */
    escalateAfterWorkingHours: number;
    /** Local time (Asia/Ho_Chi_Minh) of the daily digest on working days: the start of office hours. */
    digestAt: string;
  };
  supplement: {
    /** Decree 61 Art 19(4): the time limit is counted again from zero once the full dossier is received. */
    clockRule: 'restart' | 'pause';
  };
  apology: {
    /** Cap on the new return date: the procedure's own legal time limit again (DOMAIN.md 17.5), or a number of working days. */
    cap: { mode: 'legal_limit' } | { mode: 'working_days'; workingDays: number };
    /** Form 04 must be drafted this many working days before the deadline (Decree 61 Art 19(9): 1 day). */
    draftWorkingDaysBefore: number;
  };
}

export const DEFAULT_RULES: ThreeKhongRules = {
  deadline: { dueSoonWorkingDays: 1, escalateAfterWorkingHours: 4, digestAt: '07:30' },
  supplement: { clockRule: 'restart' },
  apology: { cap: { mode: 'legal_limit' }, draftWorkingDaysBefore: 1 },
};

export const RULES_KEY = 'threeKhong';

export async function readRules(db: Kysely<Database>): Promise<ThreeKhongRules> {
  const stored = await readSetting<Partial<ThreeKhongRules>>(db, RULES_KEY);
  return {
    deadline: { ...DEFAULT_RULES.deadline, ...stored?.deadline },
    supplement: { ...DEFAULT_RULES.supplement, ...stored?.supplement },
    apology: { ...DEFAULT_RULES.apology, ...stored?.apology },
  };
}
