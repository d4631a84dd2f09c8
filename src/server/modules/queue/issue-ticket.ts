import type { Kysely } from 'kysely';
import { DomainError } from '../../../domain/errors.ts';
import type { Database } from '../../db/schema.ts';
import { listAreas, listCounters, listDayTickets, localDay, type Ticket, toTicket } from './queue.repository.ts';

/** Minutes per citizen before the day has its own measurements (a ward setting could replace it). */
export const DEFAULT_SERVICE_MINUTES = 6;

export interface WaitEstimate {
  waitingAhead: number;
  openCounters: number;
  averageServiceMinutes: number;
  estimatedWaitMinutes: number;
}

/** Waiting ahead × today's average service time in the area, shared among the open counters that serve it. */
export function estimateWait(tickets: Ticket[], areaCode: string, openCounters: number, beforeId = Number.POSITIVE_INFINITY): WaitEstimate {
  const ahead = tickets.filter((t) => t.areaCode === areaCode && t.status === 'waiting' && t.id < beforeId).length;
  const served = tickets.filter((t) => t.areaCode === areaCode && t.servingAt && t.doneAt);
  const avg =
    served.length > 0 ? served.reduce((s, t) => s + (Date.parse(t.doneAt!) - Date.parse(t.servingAt!)), 0) / served.length / 60_000 : DEFAULT_SERVICE_MINUTES;
  const counters = Math.max(openCounters, 1);
  return { waitingAhead: ahead, openCounters, averageServiceMinutes: Math.round(avg * 10) / 10, estimatedWaitMinutes: Math.ceil((ahead * avg) / counters) };
}

export async function openCountersFor(db: Kysely<Database>, areaCode: string): Promise<number> {
  return (await listCounters(db)).filter((c) => c.officerId !== null && c.areas.includes(areaCode)).length;
}

/** The kiosk's ticket: the next number of the day in the chosen area ("biết xin chào": it greets the citizen). */
export async function issueTicket(db: Kysely<Database>, areaCode: string, now: Date): Promise<{ ticket: Ticket; areaName: string; wait: WaitEstimate }> {
  const area = (await listAreas(db)).find((a) => a.code === areaCode);
  if (!area) throw new DomainError('VALIDATION_ERROR', `Không có lĩnh vực mã ${areaCode} (areaCode).`, { field: 'areaCode' });
  const day = localDay(now);
  const last = await db
    .selectFrom('queue_ticket')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('day', '=', day)
    .where('area_code', '=', areaCode)
    .executeTakeFirst();
  const number = Number(last?.n ?? 0) + 1;
  // Two kiosks at the same instant: the unique (day, area, number) makes one transaction fail and retry.
  const row = await db
    .insertInto('queue_ticket')
    .values({
      day,
      area_code: areaCode,
      number,
      display: `${areaCode}${String(number).padStart(3, '0')}`,
      status: 'waiting',
      counter_id: null,
      officer_id: null,
      dossier_id: null,
      issued_at: now.toISOString(),
      called_at: null,
      serving_at: null,
      done_at: null,
      recalls: 0,
      transferred_from: null,
      version: 1,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const ticket = toTicket(row);
  const wait = estimateWait(await listDayTickets(db, day), areaCode, await openCountersFor(db, areaCode), ticket.id);
  return { ticket, areaName: area.name, wait };
}
