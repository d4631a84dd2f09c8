import type { Kysely, Selectable } from 'kysely';
import type { Database, OutboundMessageTable } from '../../db/schema.ts';
import type { ChannelName } from './channels.ts';

export type DeliveryStatus = 'pending' | 'sent' | 'retrying' | 'failed' | 'skipped';

export interface NotificationRecord {
  id: number;
  idempotencyKey: string;
  dossierCode: string | null;
  event: string;
  channel: string;
  recipient: string;
  subject: string;
  body: string;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  providerId: string | null;
  createdAt: string;
  sentAt: string | null;
}

type Row = Selectable<OutboundMessageTable>;

function toRecord(r: Row): NotificationRecord {
  return {
    id: r.id,
    idempotencyKey: r.idempotency_key,
    dossierCode: r.dossier_code,
    event: r.event,
    channel: r.channel,
    recipient: r.recipient,
    subject: r.subject,
    body: r.body,
    status: r.status as DeliveryStatus,
    attempts: r.attempts,
    lastError: r.last_error,
    providerId: r.provider_id,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  };
}

/** Creates the message once per idempotency key; a second call returns the stored one unchanged. */
export async function ensureNotification(
  db: Kysely<Database>,
  n: { key: string; dossierId: number | null; dossierCode: string | null; event: string; channel: string; recipient: string; subject: string; body: string; status: DeliveryStatus; lastError?: string },
  now: Date,
): Promise<NotificationRecord> {
  const at = now.toISOString();
  await db
    .insertInto('outbound_message')
    .values({
      idempotency_key: n.key,
      dossier_id: n.dossierId,
      dossier_code: n.dossierCode,
      event: n.event,
      channel: n.channel,
      recipient: n.recipient,
      subject: n.subject,
      body: n.body,
      status: n.status,
      attempts: 0,
      last_error: n.lastError ?? null,
      provider_id: null,
      created_at: at,
      updated_at: at,
      sent_at: null,
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .execute();
  const row = await db.selectFrom('outbound_message').selectAll().where('idempotency_key', '=', n.key).executeTakeFirstOrThrow();
  return toRecord(row);
}

/** Marks a message sent; only the first call wins, so a message is recorded as sent once. */
export async function markSent(db: Kysely<Database>, id: number, providerId: string | null, now: Date): Promise<boolean> {
  const at = now.toISOString();
  const r = await db
    .updateTable('outbound_message')
    .set((eb) => ({ status: 'sent', provider_id: providerId, sent_at: at, updated_at: at, last_error: null, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where('status', 'in', ['pending', 'retrying'])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function markAttemptFailed(db: Kysely<Database>, id: number, error: string, final: boolean, now: Date): Promise<void> {
  await db
    .updateTable('outbound_message')
    .set((eb) => ({ status: final ? 'failed' : 'retrying', last_error: error.slice(0, 1000), updated_at: now.toISOString(), attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where('status', 'in', ['pending', 'retrying'])
    .execute();
}

export async function listNotifications(db: Kysely<Database>, dossierId: number): Promise<NotificationRecord[]> {
  const rows = await db.selectFrom('outbound_message').selectAll().where('dossier_id', '=', dossierId).orderBy('id').execute();
  return rows.map((r) => toRecord(r));
}

export type ConsentStatus = 'granted' | 'opted_out';

export async function recordConsent(
  db: Kysely<Database>,
  c: { channel: ChannelName; address: string; status: ConsentStatus; source: string },
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  await db
    .insertInto('contact_consent')
    .values({ channel: c.channel, address: c.address, status: c.status, source: c.source, updated_at: at })
    .onConflict((oc) => oc.columns(['channel', 'address']).doUpdateSet({ status: c.status, source: c.source, updated_at: at }))
    .execute();
}

/**
 * Records consent only where nothing is recorded yet: an earlier opt-out is never overwritten by a new
 * dossier. Several channels in one statement (a receipt records them all).
 */
export async function recordConsentIfAbsent(db: Kysely<Database>, cs: { channel: ChannelName; address: string; source: string }[], now: Date): Promise<void> {
  if (cs.length === 0) return;
  await db
    .insertInto('contact_consent')
    .values(cs.map((c) => ({ channel: c.channel, address: c.address, status: 'granted', source: c.source, updated_at: now.toISOString() })))
    .onConflict((oc) => oc.columns(['channel', 'address']).doNothing())
    .execute();
}

export async function findConsent(db: Kysely<Database>, channel: ChannelName, address: string): Promise<ConsentStatus | null> {
  const r = await db.selectFrom('contact_consent').select('status').where('channel', '=', channel).where('address', '=', address).executeTakeFirst();
  return (r?.status as ConsentStatus | undefined) ?? null;
}
