import type { Kysely } from 'kysely';
import { defaultDayRules } from '../../domain/calendar/default-calendar.ts';
import type { Database } from '../db/schema.ts';
import { hashPassword } from '../modules/auth/password.ts';
import { upsertDayRule } from '../modules/calendar/calendar.repository.ts';
import { DEFAULT_HOURS } from '../modules/calendar/calendar.service.ts';
import { insertProcedure } from '../modules/catalog/procedure.repository.ts';
import { writeSetting } from '../modules/settings.repository.ts';
import { seedAgencyDirectory } from '../modules/three-khong/agency-directory.ts';
import { loadProcedureCatalog } from './catalog.ts';
import { type DemoHistoryResult, seedDemoHistory } from './demo-history.ts';
import { DEMO_PASSWORD, DEMO_WARD } from './demo-ward.ts';

export interface SeedResult {
  seeded: boolean;
  divisions: number;
  staff: number;
  procedures: number;
  calendarDays: number;
  history?: DemoHistoryResult;
}

/** Loads the demo ward into an empty database, in one transaction; a database that has divisions is left alone. */
export async function seedDatabase(db: Kysely<Database>, now: Date, options: { calendarYears?: [number, number]; history?: boolean } = {}): Promise<SeedResult> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('division').select('id').limit(1).execute();
    if (existing.length > 0) return { seeded: false, divisions: 0, staff: 0, procedures: 0, calendarDays: 0 };

    await writeSetting(trx, 'ward', DEMO_WARD.unit, null, now);
    await seedAgencyDirectory(trx);
    await writeSetting(trx, 'calendar.hours', DEFAULT_HOURS, null, now);

    const thisYear = now.getUTCFullYear();
    const [from, to] = options.calendarYears ?? [2024, thisYear + 5];
    const days = defaultDayRules(from, to);
    for (const rule of days) await upsertDayRule(trx, rule, null, now);

    const divisionIds = new Map<string, number>();
    for (const d of DEMO_WARD.divisions) {
      const { id } = await trx.insertInto('division').values(d).returning('id').executeTakeFirstOrThrow();
      divisionIds.set(d.code, id);
    }

    // One hash for the shared demo password keeps seeding fast; every account should change it.
    const hash = await hashPassword(DEMO_PASSWORD);
    const at = now.toISOString();
    for (const s of DEMO_WARD.staff) {
      await trx
        .insertInto('staff_user')
        .values({
          username: s.username,
          full_name: s.fullName,
          title: s.title,
          role: s.role,
          division_id: s.divisionCode ? (divisionIds.get(s.divisionCode) ?? null) : null,
          password_hash: hash,
          is_active: 1,
          created_at: at,
          updated_at: at,
        })
        .execute();
    }

    const catalog = loadProcedureCatalog();
    for (const p of catalog) {
      const divisionId = divisionIds.get(p.divisionCode);
      if (divisionId === undefined) throw new Error(`seed: procedure ${p.code} names unknown division ${p.divisionCode}`);
      await insertProcedure(trx, p, divisionId, now);
    }
    // About six months of dossiers through the real use cases (demo only; the test templates skip it).
    const history = options.history === false ? undefined : await seedDemoHistory(trx, now);
    return { seeded: true, divisions: divisionIds.size, staff: DEMO_WARD.staff.length, procedures: catalog.length, calendarDays: days.length, ...(history ? { history } : {}) };
  });
}
