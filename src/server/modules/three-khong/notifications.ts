import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { formatInstantVi } from './format.ts';

export interface NewNotification {
  userId: number;
  kind: string;
  title: string;
  body: string;
  dossierCode: string | null;
  /** One notification per key, ever: a retried job or a second sweep never repeats it. */
  dedupeKey: string;
}

export async function notify(db: Kysely<Database>, n: NewNotification, now: Date): Promise<boolean> {
  const r = await db
    .insertInto('notification')
    .values({
      user_id: n.userId,
      kind: n.kind,
      title: n.title.normalize('NFC'),
      body: n.body.normalize('NFC'),
      dossier_code: n.dossierCode,
      dedupe_key: n.dedupeKey,
      created_at: now.toISOString(),
      read_at: null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function activeUserIds(db: Kysely<Database>, f: { roles: string[]; divisionId?: number | null }): Promise<number[]> {
  let q = db.selectFrom('staff_user').select('id').where('is_active', '=', 1).where('role', 'in', f.roles);
  if (f.divisionId !== undefined && f.divisionId !== null) q = q.where('division_id', '=', f.divisionId);
  return (await q.orderBy('id').execute()).map((r) => r.id);
}

export async function notifyLeadersOfDraft(db: Kysely<Database>, dossierCode: string, newDueAt: string, now: Date): Promise<void> {
  for (const userId of await activeUserIds(db, { roles: ['leader'] })) {
    await notify(
      db,
      {
        userId,
        kind: 'apology_to_sign',
        title: `Văn bản xin lỗi chờ ký: hồ sơ ${dossierCode}`,
        body: `Phòng chuyên môn đề nghị gia hạn đến ${formatInstantVi(newDueAt)}. Vui lòng xem và ký (mẫu 04).`,
        dossierCode,
        dedupeKey: `apology_to_sign:${dossierCode}:${newDueAt}`,
      },
      now,
    );
  }
}

export interface NotificationView {
  id: number;
  kind: string;
  title: string;
  body: string;
  dossierCode: string | null;
  createdAt: string;
  readAt: string | null;
}

export async function listNotifications(
  db: Kysely<Database>,
  userId: number,
  f: { unreadOnly: boolean; limit: number },
): Promise<{ unread: number; items: NotificationView[] }> {
  let q = db.selectFrom('notification').selectAll().where('user_id', '=', userId);
  if (f.unreadOnly) q = q.where('read_at', 'is', null);
  const rows = await q.orderBy('id', 'desc').limit(f.limit).execute();
  const unread = await db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return {
    unread: Number(unread.n),
    items: rows.map((r) => ({ id: r.id, kind: r.kind, title: r.title, body: r.body, dossierCode: r.dossier_code, createdAt: r.created_at, readAt: r.read_at })),
  };
}
