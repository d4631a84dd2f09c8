import type { Kysely, Selectable } from 'kysely';
import { notFound } from '../../../domain/errors.ts';
import type { ComplaintTable, Database } from '../../db/schema.ts';

export type ComplaintRow = Selectable<ComplaintTable>;

export async function getComplaint(db: Kysely<Database>, trackingCode: string): Promise<ComplaintRow> {
  const row = await db.selectFrom('complaint').selectAll().where('tracking_code', '=', trackingCode.trim().toUpperCase()).executeTakeFirst();
  if (!row) throw notFound(`phản ánh, kiến nghị mã ${trackingCode}`);
  return row;
}

export interface ComplaintFilter {
  from?: string | undefined;
  to?: string | undefined;
  status?: string | undefined;
}

/** Complaints received in [from, to), newest first, with the dossier code they name. */
export async function listComplaintRows(db: Kysely<Database>, f: ComplaintFilter) {
  let q = db
    .selectFrom('complaint as c')
    .leftJoin('dossier as d', 'd.id', 'c.dossier_id')
    .selectAll('c')
    .select(['d.code as dossier_code', 'd.handler_id as dossier_handler_id']);
  if (f.from) q = q.where('c.received_at', '>=', f.from);
  if (f.to) q = q.where('c.received_at', '<', f.to);
  if (f.status) q = q.where('c.status', '=', f.status);
  return q.orderBy('c.received_at', 'desc').orderBy('c.id', 'desc').execute();
}
