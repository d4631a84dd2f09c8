import type { NotificationSettings } from '../config.ts';
import { CalendarService } from '../modules/calendar/calendar.service.ts';
import { buildChannels, type Channels } from '../modules/notifications/channels.ts';
import { notificationJobHandlers } from '../modules/notifications/deliver-notice.ts';
import { purgeAbandonedSubmissions } from '../modules/submissions/purge-abandoned.ts';
import { digest, evaluateDossier, sweep } from '../modules/three-khong/deadline-watch.ts';
import { readRules } from '../modules/three-khong/rules.ts';
import type { JobHandler, Recurring } from './job-worker.ts';

/**
 * Every kind of background job the product runs, and the recurring ones. Each module adds its handlers
 * here; `motcua worker` and the default `motcua start` run them.
 */
export function jobRegistry(
  options: { notifications?: NotificationSettings; channels?: Channels; publicBaseUrl?: string; uploadDir?: string } = {},
): { handlers: Record<string, JobHandler>; recurring: Recurring[] } {
  const channels = options.channels ?? buildChannels(options.notifications ?? { email: null, sms: null, zalo: null });
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
      // Messages to applicants (e-mail, SMS, Zalo), each stored with its delivery state (docs/adr/0040).
      ...notificationJobHandlers({ channels, publicBaseUrl: options.publicBaseUrl ?? 'http://localhost:3000' }),
      'submissions.purge': async (_job, { db, clock }) => void (await purgeAbandonedSubmissions(db.kysely, options.uploadDir ?? './data/uploads', clock.now())),
    },
    recurring: [
      { kind: 'deadline.sweep', everyMs: 5 * 60_000 },
      { kind: 'submissions.purge', everyMs: 3_600_000 },
    ],
  };
}
