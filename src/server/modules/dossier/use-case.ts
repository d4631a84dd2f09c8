import type { Kysely } from 'kysely';
import type { WorkingCalendar } from '../../../domain/calendar/working-calendar.ts';
import type { Clock } from '../../clock.ts';
import type { Database } from '../../db/schema.ts';

/** What a dossier use case needs: the open transaction, the time, the calendar, the ward's identity. */
export interface DossierDeps {
  db: Kysely<Database>;
  clock: Clock;
  calendar: WorkingCalendar;
  unitCode: string;
}
