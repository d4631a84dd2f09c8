import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/server/config.ts';
import type { Db } from '../src/server/db/database.ts';
import { JobWorker } from '../src/server/jobs/job-worker.ts';
import { backoffMs } from '../src/server/jobs/job.repository.ts';
import { jobRegistry } from '../src/server/jobs/registry.ts';
import { type Channels, EmailChannel, SmsGatewayChannel, ZaloOaChannel } from '../src/server/modules/notifications/channels.ts';
import { deliverApplicantNotice } from '../src/server/modules/notifications/deliver-notice.ts';
import { enqueueApplicantNotice, NOTIFY_APPLICANT } from '../src/server/modules/notifications/notify-applicant.ts';
import { describeEachDialect, openTestDb } from './databases.ts';
import { act, procedureDetail, receive } from './fixtures.ts';
import { formatInstantVi } from '../src/server/modules/notifications/templates.ts';
import { startGateway, startSmtp } from './notify-servers.ts';
import { buildTestApp, type TestApp } from './test-app.ts';

describe('notification settings', () => {
  it('validates gateways at start-up, naming each bad setting', () => {
    expect(() => loadConfig({ SMTP_URL: 'http://x', ZALO_OA_URL: 'https://openapi.zalo.me/x', SMS_GATEWAY_URL: 'nope' })).toThrow(ConfigError);
    try {
      loadConfig({ SMTP_URL: 'smtp://127.0.0.1:25', ZALO_OA_URL: 'https://z.example/send', SMS_GATEWAY_URL: 'nope' });
    } catch (err) {
      const problems = (err as ConfigError).problems.join('\n');
      expect(problems).toContain('MAIL_FROM');
      expect(problems).toContain('ZALO_OA_TOKEN');
      expect(problems).toContain('SMS_GATEWAY_URL');
    }
    const ok = loadConfig({ SMTP_URL: 'smtp://127.0.0.1:2525', MAIL_FROM: 'motcua@dongthanh.example', SMS_GATEWAY_URL: 'http://127.0.0.1:9/sms' });
    expect(ok.notifications.email).toEqual({ url: 'smtp://127.0.0.1:2525', from: 'motcua@dongthanh.example' });
    expect(ok.notifications.zalo).toBeNull();
    expect(ok.publicBaseUrl).toBe('http://localhost:3000');
  });
});

describeEachDialect('notifications to applicants (real SMTP server, real HTTP gateways)', (dialect) => {
  let db: Db;
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let sms: Awaited<ReturnType<typeof startGateway>>;
  let zalo: Awaited<ReturnType<typeof startGateway>>;
  let channels: Channels;
  let worker: JobWorker;

  beforeAll(async () => {
    db = await openTestDb(dialect);
    [smtp, sms, zalo] = await Promise.all([startSmtp(), startGateway(), startGateway()]);
    channels = {
      email: new EmailChannel({ url: smtp.url, from: 'Một cửa Đông Thanh <motcua@dongthanh.example>' }),
      sms: new SmsGatewayChannel({ url: `${sms.url}/sms`, token: 'sms-secret' }),
      zalo: new ZaloOaChannel({ url: `${zalo.url}/zalo/message/template`, token: 'oa-token', templateId: '246810' }),
    };
    t = await buildTestApp(db, '2026-12-01T02:00:00.000Z', {
      citizen: { publicBaseUrl: 'https://motcua.dongthanh.example', channels, uploads: { dir: './data/test-uploads', maxFileBytes: 1 << 20, maxFiles: 5 } },
    });
    const registry = jobRegistry({ channels, publicBaseUrl: 'https://motcua.dongthanh.example' });
    // Only the delivery of notices: the deadline watch's jobs, queued by the same events, are other tests' business.
    worker = new JobWorker({ db, clock: t.clock }, { [NOTIFY_APPLICANT]: registry.handlers[NOTIFY_APPLICANT]! });
  });
  afterAll(async () => {
    await t.app.close();
    await channels.email?.close?.();
    await Promise.all([smtp.close(), sms.close(), zalo.close()]);
    await db.close();
  });

  let code = '';

  it('receipt queues one notice in the same transaction; the worker sends it on every channel, once', async () => {
    const reception = await t.login('tiepnhan1');
    const res = await receive(t.app, reception, '1.001022', { key: 'notify-0001' });
    expect(res.statusCode, res.body).toBe(201);
    code = res.json().code;
    const jobs = await db.kysely.selectFrom('job').selectAll().where('kind', '=', NOTIFY_APPLICANT).execute();
    expect(jobs).toHaveLength(1);
    expect(JSON.parse(jobs[0]!.payload)).toMatchObject({ dossierCode: code, event: 'received' });
    expect(jobs[0]!.dedupe_key).toBe(`notify:${code}:received:1`);

    expect(await worker.runOnce()).toBe(1);
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]!.to).toEqual(['an.nguyen@example.org']);
    const mail = smtp.mails[0]!.raw;
    expect(mail).toMatch(/Message-ID: <notify\.applicant\.\d+\.email@dongthanh\.example>/i);
    expect(sms.requests).toHaveLength(1);
    expect(sms.requests[0]!.headers.authorization).toBe('Bearer sms-secret');
    expect(sms.requests[0]!.body.to).toBe('0912345678');
    expect(String(sms.requests[0]!.body.text)).toContain(`Hồ sơ ${code}`);
    expect(String(sms.requests[0]!.body.text)).toContain('Ngày hẹn trả kết quả: 09:00 ngày 04/12/2026');
    expect(String(sms.requests[0]!.body.text)).toContain(`https://motcua.dongthanh.example/tra-cuu?ma=${encodeURIComponent(code)}`);
    expect(sms.requests[0]!.headers['idempotency-key']).toBe(sms.requests[0]!.body.reference);
    expect(zalo.requests).toHaveLength(1);
    expect(zalo.requests[0]!.headers.access_token).toBe('oa-token');
    expect(zalo.requests[0]!.body).toMatchObject({ phone: '84912345678', template_id: '246810' });

    const rows = await db.kysely.selectFrom('outbound_message').selectAll().where('dossier_code', '=', code).execute();
    expect(rows.map((r) => [r.channel, r.status, r.attempts]).sort()).toEqual([
      ['email', 'sent', 1],
      ['sms', 'sent', 1],
      ['zalo', 'sent', 1],
    ]);
    expect(rows.find((r) => r.channel === 'zalo')!.provider_id).toBe('z1');

    // Never twice: the same dedupe key queues nothing, and another worker pass sends nothing.
    expect(await enqueueApplicantNotice(db.kysely, { dossierCode: code, event: 'received', dedupeKey: `notify:${code}:received:1` }, t.clock.now())).toBe(false);
    expect(await worker.runOnce()).toBe(0);
    expect([smtp.mails.length, sms.requests.length, zalo.requests.length]).toEqual([1, 1, 1]);
  });

  it('a failing gateway is retried with backoff; only the unsent messages go again', async () => {
    smtp.failNext(1);
    sms.failNext(2);
    const reception = await t.login('tiepnhan1');
    t.clock.advanceMinutes(10);
    // Issue 4's form 02: the items come from the procedure's components, and the notice lists them.
    const component = (await procedureDetail(t.app, '1.001022')).components[0]!;
    const r = await act(t.app, reception, code, 'request_supplement', {
      reason: 'Thiếu bản sao giấy chứng nhận kết hôn của cha mẹ.',
      items: [{ componentId: component.id, note: 'bản sao có chứng thực' }],
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(await worker.runOnce()).toBe(1);
    const state = async () =>
      Object.fromEntries(
        (await db.kysely.selectFrom('outbound_message').select(['channel', 'status', 'attempts']).where('dossier_code', '=', code).where('event', '=', 'supplement_requested').execute()).map(
          (x) => [x.channel, `${x.status}/${x.attempts}`],
        ),
      );
    expect(await state()).toEqual({ email: 'retrying/1', sms: 'retrying/1', zalo: 'sent/1' });
    const job = await db.kysely.selectFrom('job').selectAll().where('dedupe_key', 'like', `notify:${code}:supplement_requested:%`).executeTakeFirstOrThrow();
    expect(job.status).toBe('queued');
    expect(job.last_error).toContain('sms: gateway HTTP 503');

    expect(await worker.runOnce()).toBe(0); // waiting for its backoff
    t.clock.advanceMinutes(backoffMs(1) / 60_000);
    expect(await worker.runOnce()).toBe(1);
    expect(await state()).toEqual({ email: 'sent/2', sms: 'retrying/2', zalo: 'sent/1' });
    t.clock.advanceMinutes(backoffMs(2) / 60_000);
    expect(await worker.runOnce()).toBe(1);
    expect(await state()).toEqual({ email: 'sent/2', sms: 'sent/3', zalo: 'sent/1' });
    expect(zalo.requests).toHaveLength(2); // receipt + this notice, never resent
    const supplementMails = smtp.mails.filter((m) => m.raw.includes('Subject:') && m.raw.includes(code));
    expect(supplementMails).toHaveLength(2); // receipt + supplement request, once each
    expect(String(sms.requests.at(-1)!.body.text)).toContain('Thiếu bản sao giấy chứng nhận kết hôn');
    expect(String(sms.requests.at(-1)!.body.text)).toContain(`Giấy tờ cần bổ sung: ${component.name} (bản sao có chứng thực).`);
  });

  it('a handler run again after a crash (lease expired before completion) sends nothing twice', async () => {
    const job = await db.kysely.selectFrom('job').selectAll().where('dedupe_key', '=', `notify:${code}:received:1`).executeTakeFirstOrThrow();
    const before = [smtp.mails.length, sms.requests.length, zalo.requests.length];
    await deliverApplicantNotice({ channels, publicBaseUrl: 'https://x' }, { id: job.id, kind: job.kind, payload: JSON.parse(job.payload), attempts: 2, maxAttempts: 8, runAt: job.run_at }, { db, clock: t.clock });
    expect([smtp.mails.length, sms.requests.length, zalo.requests.length]).toEqual(before);
  });

  it('gives up after the last attempt and records the message as failed', async () => {
    sms.failNext(1);
    await enqueueApplicantNotice(db.kysely, { dossierCode: code, event: 'rating_request', dedupeKey: `test:${code}:rating` }, t.clock.now());
    const job = await db.kysely.selectFrom('job').selectAll().where('dedupe_key', '=', `test:${code}:rating`).executeTakeFirstOrThrow();
    await expect(
      deliverApplicantNotice({ channels, publicBaseUrl: 'https://x' }, { id: job.id, kind: job.kind, payload: JSON.parse(job.payload), attempts: 8, maxAttempts: 8, runAt: job.run_at }, { db, clock: t.clock }),
    ).rejects.toThrow(/503/);
    const rows = await db.kysely.selectFrom('outbound_message').select(['channel', 'status']).where('idempotency_key', 'like', `notify.applicant:${job.id}:%`).execute();
    expect(Object.fromEntries(rows.map((x) => [x.channel, x.status]))).toEqual({ email: 'sent', sms: 'failed', zalo: 'sent' });
    await db.kysely.deleteFrom('job').where('id', '=', job.id).execute();
  });

  it('an opted-out applicant gets a recorded, skipped notice instead of a message; staff see the delivery states', async () => {
    const wrong = await t.app.inject({ method: 'POST', url: `/api/public/dossiers/${code}/opt-out`, payload: { phone: '0000', channel: 'all' } });
    expect(wrong.statusCode).toBe(404);
    const bad = await t.app.inject({ method: 'POST', url: `/api/public/dossiers/${code}/opt-out`, payload: { phone: '5678', channel: 'fax' } });
    expect(bad.statusCode).toBe(400);
    const out = await t.app.inject({ method: 'POST', url: `/api/public/dossiers/${code}/opt-out`, payload: { phone: '5678', channel: 'all' } });
    expect(out.statusCode, out.body).toBe(200);
    expect(out.json().optedOut).toEqual(['email', 'sms', 'zalo']);
    const before = [smtp.mails.length, sms.requests.length, zalo.requests.length];
    const reception = await t.login('tiepnhan1');
    expect((await act(t.app, reception, code, 'receive_supplement')).statusCode).toBe(200);
    expect((await act(t.app, reception, code, 'refuse', { reason: 'Không thuộc thẩm quyền của phường.' })).statusCode).toBe(200);
    await worker.runOnce();
    expect([smtp.mails.length, sms.requests.length, zalo.requests.length]).toEqual(before);
    const refused = await db.kysely.selectFrom('outbound_message').select(['status']).where('dossier_code', '=', code).where('event', '=', 'refused').execute();
    expect(refused.map((r) => r.status)).toEqual(['skipped', 'skipped', 'skipped']);

    expect((await t.app.inject({ method: 'GET', url: `/api/dossiers/${code}/notifications` })).statusCode).toBe(401);
    const list = await t.app.inject({ method: 'GET', url: `/api/dossiers/${code}/notifications`, headers: { cookie: reception } });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.length).toBeGreaterThanOrEqual(9);
    const masked = await t.app.inject({ method: 'GET', url: `/api/dossiers/${code}/notifications`, headers: { cookie: await t.login('mattran') } });
    expect(masked.json().items[0].recipient).not.toContain('an.nguyen');
    const other = await t.app.inject({ method: 'GET', url: `/api/dossiers/${code}/notifications`, headers: { cookie: await t.login('diachinh1') } });
    expect(other.statusCode).toBe(403);

    // Consent recorded at the counter: 401, 403, 400, then success (audited).
    const url = '/api/notification-consents';
    expect((await t.app.inject({ method: 'POST', url, payload: { channel: 'sms', address: '0912345678', status: 'granted' } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url, headers: { cookie: await t.login('hotich1') }, payload: { channel: 'sms', address: '0912345678', status: 'granted' } })).statusCode).toBe(403);
    const invalid = await t.app.inject({ method: 'POST', url, headers: { cookie: reception }, payload: { channel: 'sms', address: 'abc', status: 'granted' } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.field).toBe('address');
    const granted = await t.app.inject({ method: 'POST', url, headers: { cookie: reception }, payload: { channel: 'sms', address: '0912 345 678', status: 'granted' } });
    expect(granted.statusCode, granted.body).toBe(200);
    const audit = await db.kysely.selectFrom('audit_log').selectAll().where('entity', '=', 'contact').where('action', '=', 'consent.granted').execute();
    expect(audit).toHaveLength(1);
  });

  it("issue 4's signed apology (form 04) reaches the applicant as the apology with the new date", async () => {
    const reception = await t.login('tiepnhan1');
    const other = { phone: '0987654321', email: 'binh.tran@example.org', fullName: 'Trần Văn Bình' };
    const created = (await receive(t.app, reception, '1.001022', { applicant: other })).json();
    expect((await act(t.app, reception, created.code, 'assign')).statusCode).toBe(200);
    const newDueAt = new Date(Date.parse(created.dueAt) + 3 * 86_400_000).toISOString();
    const drafted = await act(t.app, await t.login('chanhvanphong'), created.code, 'draft_apology', { newDueAt, reason: 'Cần xác minh thông tin với Công an phường' });
    expect(drafted.statusCode, drafted.body).toBe(200);
    expect((await act(t.app, await t.login('phochutich'), created.code, 'extend_deadline', {})).statusCode).toBe(200);
    await worker.runOnce();
    const rows = await db.kysely.selectFrom('outbound_message').selectAll().where('dossier_code', '=', created.code).where('event', '=', 'apology').execute();
    expect(rows.map((r) => [r.channel, r.status]).sort()).toEqual([
      ['email', 'sent'],
      ['sms', 'sent'],
      ['zalo', 'sent'],
    ]);
    const text = String(sms.requests.at(-1)!.body.text);
    expect(text).toContain(`thành thật xin lỗi ông/bà: hồ sơ ${created.code}`);
    expect(text).toContain(`Ngày hẹn trả kết quả mới: ${formatInstantVi(newDueAt)}`);
    expect(text).toContain('Cần xác minh thông tin với Công an phường');
  });
});
