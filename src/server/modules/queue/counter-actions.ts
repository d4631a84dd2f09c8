import type { Kysely } from 'kysely';
import { DomainError } from '../../../domain/errors.ts';
import type { Database } from '../../db/schema.ts';
import { appendAudit } from '../audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { findDossier } from '../dossier/dossier.repository.ts';
import { ensureDossierRating, ensureTicketRating, type Rating } from '../ratings/rating.repository.ts';
import { findTicket, listCounters, localDay, type QueueCounter, type Ticket, toTicket, updateTicket } from './queue.repository.ts';

/** The counter's state changes. Each runs in the caller's transaction and is audited (audit_log). */

async function counterOf(db: Kysely<Database>, code: string): Promise<QueueCounter> {
  const c = (await listCounters(db)).find((x) => x.code === code);
  if (!c) throw new DomainError('NOT_FOUND', `Không có quầy số ${code}.`);
  return c;
}

/** Only the officer sitting at a counter works its tickets. */
async function heldCounter(db: Kysely<Database>, actor: Actor, code: string): Promise<QueueCounter> {
  const c = await counterOf(db, code);
  // A closed counter is a state to change (409); another officer's counter is not this officer's to work (403).
  if (c.officerId === null) throw new DomainError('CONFLICT', `${c.name} chưa mở; hãy mở quầy trước.`);
  if (c.officerId !== actor.id) throw new DomainError('FORBIDDEN', `${c.name} đang do ${c.officerName ?? 'cán bộ khác'} phụ trách.`);
  return c;
}

async function ticketAt(db: Kysely<Database>, actor: Actor, id: number): Promise<{ ticket: Ticket; counter: QueueCounter }> {
  const ticket = await findTicket(db, id);
  if (!ticket) throw new DomainError('NOT_FOUND', `Không có số thứ tự ${id}.`);
  const counter = (await listCounters(db)).find((c) => c.id === ticket.counterId);
  if (!counter || counter.officerId !== actor.id || ticket.status === 'waiting') {
    throw new DomainError('FORBIDDEN', `Số ${ticket.display} không do quầy của bạn phục vụ.`);
  }
  return { ticket, counter };
}

function conflict(ticket: Ticket, doing: string): DomainError {
  const label: Record<string, string> = { waiting: 'đang chờ', called: 'đã được gọi', serving: 'đang được phục vụ', done: 'đã phục vụ xong', skipped: 'đã bỏ qua' };
  return new DomainError('CONFLICT', `Không thể ${doing}: số ${ticket.display} ${label[ticket.status] ?? ticket.status}.`, { details: { status: ticket.status } });
}

async function save(db: Kysely<Database>, t: Ticket, patch: Parameters<typeof updateTicket>[2]): Promise<Ticket> {
  const saved = await updateTicket(db, t, patch);
  if (!saved) throw new DomainError('CONFLICT', `Số ${t.display} vừa được thay đổi ở nơi khác; hãy tải lại.`);
  return saved;
}

export async function openCounter(db: Kysely<Database>, actor: Actor, code: string, now: Date): Promise<QueueCounter> {
  const c = await counterOf(db, code);
  if (c.officerId !== null && c.officerId !== actor.id) throw new DomainError('CONFLICT', `${c.name} đang do ${c.officerName} phụ trách.`);
  // An officer sits at one counter at a time.
  await db.updateTable('queue_counter').set({ officer_id: null, opened_at: null }).where('officer_id', '=', actor.id).execute();
  await db.updateTable('queue_counter').set({ officer_id: actor.id, opened_at: now.toISOString() }).where('id', '=', c.id).execute();
  await appendAudit(db, actor, 'queue.counter_opened', 'queue_counter', c.code, {}, now);
  return counterOf(db, code);
}

export async function closeCounter(db: Kysely<Database>, actor: Actor, code: string, now: Date): Promise<QueueCounter> {
  const c = await heldCounter(db, actor, code);
  const open = await db.selectFrom('queue_ticket').select('display').where('counter_id', '=', c.id).where('status', 'in', ['called', 'serving']).executeTakeFirst();
  if (open) throw new DomainError('CONFLICT', `Quầy còn đang phục vụ số ${open.display}; hãy hoàn thành hoặc chuyển trước khi đóng.`);
  await db.updateTable('queue_counter').set({ officer_id: null, opened_at: null }).where('id', '=', c.id).execute();
  await appendAudit(db, actor, 'queue.counter_closed', 'queue_counter', c.code, {}, now);
  return counterOf(db, code);
}

/** Calls the next citizen: tickets transferred to this counter first, then the oldest waiting in its areas. */
export async function callNext(db: Kysely<Database>, actor: Actor, code: string, now: Date): Promise<{ ticket: Ticket; counter: QueueCounter }> {
  const counter = await heldCounter(db, actor, code);
  const busy = await db.selectFrom('queue_ticket').select('display').where('counter_id', '=', counter.id).where('status', 'in', ['called', 'serving']).executeTakeFirst();
  if (busy) throw new DomainError('CONFLICT', `Quầy đang phục vụ số ${busy.display}; hãy hoàn thành, bỏ qua hoặc chuyển trước khi gọi số mới.`);
  const day = localDay(now);
  for (let attempt = 0; attempt < 5; attempt++) {
    const row =
      (await db.selectFrom('queue_ticket').selectAll().where('day', '=', day).where('status', '=', 'waiting').where('counter_id', '=', counter.id).orderBy('id').executeTakeFirst()) ??
      (await db
        .selectFrom('queue_ticket')
        .selectAll()
        .where('day', '=', day)
        .where('status', '=', 'waiting')
        .where('counter_id', 'is', null)
        .where('area_code', 'in', counter.areas.length > 0 ? counter.areas : ['-'])
        .orderBy('id')
        .executeTakeFirst());
    if (!row) throw new DomainError('QUEUE_EMPTY', 'Không còn công dân nào đang chờ ở các lĩnh vực của quầy này.');
    const t = toTicket(row);
    // Another counter may call the same ticket at the same instant: the version check lets one win.
    const called = await updateTicket(db, t, { status: 'called', counter_id: counter.id, officer_id: actor.id, called_at: now.toISOString() });
    if (called) {
      await appendAudit(db, actor, 'queue.called', 'queue_ticket', String(t.id), { display: t.display, counter: counter.code }, now);
      return { ticket: called, counter };
    }
  }
  throw new DomainError('CONFLICT', 'Nhiều quầy cùng gọi một lúc; hãy thử lại.');
}

export async function recallTicket(db: Kysely<Database>, actor: Actor, id: number, now: Date) {
  const { ticket, counter } = await ticketAt(db, actor, id);
  if (ticket.status !== 'called') throw conflict(ticket, 'gọi lại');
  const t = await save(db, ticket, { recalls: ticket.recalls + 1, called_at: now.toISOString() });
  await appendAudit(db, actor, 'queue.recalled', 'queue_ticket', String(id), { recalls: t.recalls }, now);
  return { ticket: t, counter };
}

export async function skipTicket(db: Kysely<Database>, actor: Actor, id: number, now: Date) {
  const { ticket, counter } = await ticketAt(db, actor, id);
  if (ticket.status !== 'called') throw conflict(ticket, 'bỏ qua');
  const t = await save(db, ticket, { status: 'skipped', done_at: now.toISOString() });
  await appendAudit(db, actor, 'queue.skipped', 'queue_ticket', String(id), {}, now);
  return { ticket: t, counter };
}

export async function serveTicket(db: Kysely<Database>, actor: Actor, id: number, now: Date) {
  const { ticket, counter } = await ticketAt(db, actor, id);
  if (ticket.status !== 'called') throw conflict(ticket, 'bắt đầu phục vụ');
  const t = await save(db, ticket, { status: 'serving', serving_at: now.toISOString() });
  await appendAudit(db, actor, 'queue.serving', 'queue_ticket', String(id), {}, now);
  return { ticket: t, counter };
}

export async function transferTicket(db: Kysely<Database>, actor: Actor, id: number, toCode: string, now: Date) {
  const { ticket, counter } = await ticketAt(db, actor, id);
  if (ticket.status !== 'called' && ticket.status !== 'serving') throw conflict(ticket, 'chuyển quầy');
  const target = (await listCounters(db)).find((c) => c.code === toCode);
  if (!target) throw new DomainError('UNKNOWN_REFERENCE', `Không có quầy số ${toCode} (counterCode).`, { field: 'counterCode' });
  if (target.id === counter.id) throw new DomainError('VALIDATION_ERROR', 'Quầy chuyển đến (counterCode) phải khác quầy hiện tại.', { field: 'counterCode' });
  // Back to waiting, reserved for the target counter, keeping its place (its id) ahead of newer tickets.
  const t = await save(db, ticket, { status: 'waiting', counter_id: target.id, officer_id: null, transferred_from: counter.id, called_at: null, serving_at: null });
  await appendAudit(db, actor, 'queue.transferred', 'queue_ticket', String(id), { from: counter.code, to: target.code }, now);
  return { ticket: t, counter: target };
}

export async function linkTicket(db: Kysely<Database>, actor: Actor, id: number, dossierCode: string, now: Date) {
  const { ticket, counter } = await ticketAt(db, actor, id);
  if (ticket.status !== 'called' && ticket.status !== 'serving') throw conflict(ticket, 'gắn hồ sơ');
  const dossier = await findDossier(db, dossierCode);
  if (!dossier) throw new DomainError('UNKNOWN_REFERENCE', `Không có hồ sơ mã ${dossierCode} (dossierCode).`, { field: 'dossierCode' });
  const t = await save(db, ticket, { dossier_id: dossier.id });
  await appendAudit(db, actor, 'queue.linked', 'queue_ticket', String(id), { dossier: dossier.code }, now);
  return { ticket: t, counter };
}

/** Ends the transaction at the counter with a thank-you and the rating link (the dossier's, or the ticket's own). */
export async function finishTicket(db: Kysely<Database>, actor: Actor, id: number, now: Date): Promise<{ ticket: Ticket; counter: QueueCounter; rating: Rating }> {
  const { ticket, counter } = await ticketAt(db, actor, id);
  if (ticket.status !== 'serving') throw conflict(ticket, 'hoàn thành');
  const t = await save(db, ticket, { status: 'done', done_at: now.toISOString() });
  const rating = t.dossierId !== null ? await ensureDossierRating(db, t.dossierId, actor.id, now) : await ensureTicketRating(db, t.id, actor.id, now);
  await appendAudit(db, actor, 'queue.done', 'queue_ticket', String(id), { dossierId: t.dossierId }, now);
  return { ticket: t, counter, rating };
}
