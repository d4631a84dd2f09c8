import { CalendarService } from '../modules/calendar/calendar.service.ts';
import { digest, evaluateDossier, sweep } from '../modules/three-khong/deadline-watch.ts';
import { readRules } from '../modules/three-khong/rules.ts';
import type { JobHandler, Recurring } from './job-worker.ts';

/**
 * Every kind of background job the product runs, and the recurring ones. Each module adds its handlers
 * here; `motcua worker` and the default `motcua start` run them.
 */
export function jobRegistry(): { handlers: Record<string, JobHandler>; recurring: Recurring[] } {
  return {
    handlers: {
      // Deadline watch ("không trễ hẹn"): after each dossier event, and every five minutes.
      'deadline.evaluate': async (job, { db, clock }) => {
        const calendar = await new CalendarService(db.kysely).current();
        const rules = await readRules(db.kysely);
        await db.kysely.transaction().execute((trx) => evaluateDossier(trx, calendar, rules, Number(job.payload.dossierId), clock.now()));
      },
      'deadline.sweep': async (_job, { db, clock }) => {
        const calendar = await new CalendarService(db.kysely).current();
        await sweep(db.kysely, calendar, await readRules(db.kysely), clock.now());
      },
      'deadline.digest': async (job, { db, clock }) => {
        const calendar = await new CalendarService(db.kysely).current();
        await db.kysely.transaction().execute(async (trx) => digest(trx, calendar, await readRules(trx), String(job.payload.date), clock.now()));
      },
    },
    recurring: [{ kind: 'deadline.sweep', everyMs: 5 * 60_000 }],
  };
}
