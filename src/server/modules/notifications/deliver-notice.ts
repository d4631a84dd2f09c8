import type { Kysely } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { JobHandler } from '../../jobs/job-worker.ts';
import type { Job } from '../../jobs/job.repository.ts';
import { findDossier } from '../dossier/dossier.repository.ts';
import { ratingUrlForDossier } from '../ratings/rating.repository.ts';
import { readSetting } from '../settings.repository.ts';
import { CHANNEL_NAMES, type Channels, type NotificationChannel } from './channels.ts';
import { ensureNotification, findConsent, markAttemptFailed, markSent, type NotificationRecord } from './outbound-message.repository.ts';
import { type NoticeContext, noticeEvent, renderNotice } from './templates.ts';
import { NOTIFY_APPLICANT } from './notify-applicant.ts';

export interface NotifierDeps {
  channels: Channels;
  publicBaseUrl: string;
}

export async function wardName(db: Kysely<Database>): Promise<string> {
  const ward = await readSetting<{ name?: string }>(db, 'ward');
  return ward?.name ?? 'Bộ phận Một cửa';
}

export function lookupUrl(base: string, code: string): string {
  return `${base}/tra-cuu?ma=${encodeURIComponent(code)}`;
}

/** Sends one stored message through its channel unless it was already sent; records the outcome. */
export async function deliver(db: Kysely<Database>, channel: NotificationChannel, n: NotificationRecord, final: boolean, now: () => Date): Promise<string | null> {
  if (n.status === 'sent' || n.status === 'skipped' || n.status === 'failed') return null;
  try {
    const { providerId } = await channel.send({ idempotencyKey: n.idempotencyKey, recipient: n.recipient, subject: n.subject, body: n.body });
    await markSent(db, n.id, providerId, now());
    return null;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await markAttemptFailed(db, n.id, message, final, now());
    return `${n.channel}: ${message}`;
  }
}

/**
 * Job `notify.applicant` {dossierCode, event, reason?, newDueAt?, items?}: one stored message per channel that
 * reaches the applicant, each keyed by the job and channel. A retried job re-sends only what is not yet sent;
 * an opted-out address gets a 'skipped' row instead of a message.
 */
export async function deliverApplicantNotice(deps: NotifierDeps, job: Job, ctx: { db: Db; clock: { now(): Date } }): Promise<void> {
  const db = ctx.db.kysely;
  const p = job.payload as { dossierCode?: string; event?: string; reason?: string; newDueAt?: string; items?: string[] };
  const event = noticeEvent(String(p.event ?? ''));
  if (!event || !p.dossierCode) throw new Error(`notify.applicant: unknown event "${String(p.event)}" or missing dossierCode`);
  const dossier = await findDossier(db, p.dossierCode);
  if (!dossier) throw new Error(`notify.applicant: no dossier ${p.dossierCode}`);
  const rating = event === 'returned' || event === 'rating_request' ? await ratingUrlForDossier(db, dossier.id, deps.publicBaseUrl, ctx.clock.now()) : null;
  const context: NoticeContext = {
    wardName: await wardName(db),
    applicantName: dossier.applicant.fullName,
    dossierCode: dossier.code,
    procedureName: dossier.procedureName,
    dueAt: dossier.dueAt,
    newDueAt: p.newDueAt ?? null,
    reason: p.reason ?? null,
    items: Array.isArray(p.items) ? p.items.map(String) : [],
    lookupUrl: lookupUrl(deps.publicBaseUrl, dossier.code),
    ratingUrl: rating,
  };
  const { subject, body } = renderNotice(event, context);
  const contact = { phone: dossier.applicant.phone, email: dossier.applicant.email };
  const final = job.attempts >= job.maxAttempts;
  const failures: string[] = [];
  let reachable = 0;
  for (const name of CHANNEL_NAMES) {
    const channel = deps.channels[name];
    const address = channel?.addressOf(contact) ?? null;
    if (!channel || !address) continue;
    reachable++;
    const optedOut = (await findConsent(db, name, address)) === 'opted_out';
    const n = await ensureNotification(
      db,
      {
        key: `${NOTIFY_APPLICANT}:${job.id}:${name}`,
        dossierId: dossier.id,
        dossierCode: dossier.code,
        event,
        channel: name,
        recipient: address,
        subject,
        body,
        status: optedOut ? 'skipped' : 'pending',
        ...(optedOut ? { lastError: 'Người nhận đã từ chối nhận tin qua kênh này (opt-out).' } : {}),
      },
      ctx.clock.now(),
    );
    const failure = await deliver(db, channel, n, final, () => ctx.clock.now());
    if (failure) failures.push(failure);
  }
  if (reachable === 0) {
    // Recorded, so the ward sees that this applicant could not be told (no channel configured or no contact).
    await ensureNotification(
      db,
      { key: `${NOTIFY_APPLICANT}:${job.id}:none`, dossierId: dossier.id, dossierCode: dossier.code, event, channel: 'none', recipient: '', subject, body, status: 'skipped', lastError: 'Không có kênh gửi tin nào tới người nộp hồ sơ.' },
      ctx.clock.now(),
    );
  }
  if (failures.length > 0) throw new Error(failures.join('; '));
}

export function notificationJobHandlers(deps: NotifierDeps): Record<string, JobHandler> {
  return { [NOTIFY_APPLICANT]: (job, ctx) => deliverApplicantNotice(deps, job, ctx) };
}
