import type { Kysely, Selectable } from 'kysely';
import type { Database, QueueTicketTable } from '../../db/schema.ts';

export interface QueueArea {
  id: number;
  code: string;
  name: string;
  fields: string[];
}

export interface QueueCounter {
  id: number;
  code: string;
  name: string;
  areas: string[];
  officerId: number | null;
  officerName: string | null;
  openedAt: string | null;
}

export type TicketStatus = 'waiting' | 'called' | 'serving' | 'done' | 'skipped';

export interface Ticket {
  id: number;
  day: string;
  areaCode: string;
  number: number;
  display: string;
  status: TicketStatus;
  counterId: number | null;
  officerId: number | null;
  dossierId: number | null;
  issuedAt: string;
  calledAt: string | null;
  servingAt: string | null;
  doneAt: string | null;
  recalls: number;
  transferredFrom: number | null;
  version: number;
}

export function toTicket(r: Selectable<QueueTicketTable>): Ticket {
  return {
    id: r.id,
    day: r.day,
    areaCode: r.area_code,
    number: r.number,
    display: r.display,
    status: r.status as TicketStatus,
    counterId: r.counter_id,
    officerId: r.officer_id,
    dossierId: r.dossier_id,
    issuedAt: r.issued_at,
    calledAt: r.called_at,
    servingAt: r.serving_at,
    doneAt: r.done_at,
    recalls: r.recalls,
    transferredFrom: r.transferred_from,
    version: r.version,
  };
}

/** The ward's calendar day (Asia/Ho_Chi_Minh, UTC+7 without daylight saving) of an instant. */
export function localDay(at: Date): string {
  return new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

export async function listAreas(db: Kysely<Database>): Promise<QueueArea[]> {
  const rows = await db.selectFrom('queue_area').selectAll().where('is_active', '=', 1).orderBy('position').execute();
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, fields: JSON.parse(r.fields) as string[] }));
}

export async function listCounters(db: Kysely<Database>): Promise<QueueCounter[]> {
  const rows = await db
    .selectFrom('queue_counter')
    .leftJoin('staff_user', 'staff_user.id', 'queue_counter.officer_id')
    .select(['queue_counter.id', 'queue_counter.code', 'queue_counter.name', 'queue_counter.areas', 'queue_counter.officer_id', 'queue_counter.opened_at', 'staff_user.full_name'])
    .orderBy('queue_counter.code')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    areas: JSON.parse(r.areas) as string[],
    officerId: r.officer_id,
    officerName: r.full_name,
    openedAt: r.opened_at,
  }));
}

export async function findTicket(db: Kysely<Database>, id: number): Promise<Ticket | undefined> {
  const r = await db.selectFrom('queue_ticket').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toTicket(r) : undefined;
}

export async function listDayTickets(db: Kysely<Database>, day: string): Promise<Ticket[]> {
  const rows = await db.selectFrom('queue_ticket').selectAll().where('day', '=', day).orderBy('id').execute();
  return rows.map(toTicket);
}

/**
 * Moves a ticket only if nobody changed it since it was read (optimistic lock on version); returns the ticket
 * as stored, or undefined when another change won.
 */
export async function updateTicket(db: Kysely<Database>, t: Ticket, patch: Partial<Selectable<QueueTicketTable>>): Promise<Ticket | undefined> {
  const r = await db
    .updateTable('queue_ticket')
    .set({ ...patch, version: t.version + 1 })
    .where('id', '=', t.id)
    .where('version', '=', t.version)
    .returningAll()
    .executeTakeFirst();
  return r ? toTicket(r) : undefined;
}
