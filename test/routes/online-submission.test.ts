import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../../src/server/db/database.ts';
import { SmsGatewayChannel } from '../../src/server/modules/notifications/channels.ts';
import { describeEachDialect, openTestDb } from '../databases.ts';
import { act, APPLICANT, procedureDetail, receive, requiredComponentIds } from '../fixtures.ts';
import { startGateway } from '../notify-servers.ts';
import { PDF, PNG } from '../sample-files.ts';
import { getDossier, listEvents } from '../../src/server/modules/dossier/dossier.repository.ts';
import { foldEvents } from '../../src/server/modules/dossier/fold-events.ts';
import { purgeAbandonedSubmissions } from '../../src/server/modules/submissions/purge-abandoned.ts';
import { buildTestApp, type TestApp } from '../test-app.ts';


async function multipart(fields: Record<string, string>, files: Record<string, { name: string; data: Buffer; type?: string }>) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  for (const [k, f] of Object.entries(files)) fd.append(k, new Blob([new Uint8Array(f.data)], { type: f.type ?? 'application/octet-stream' }), f.name);
  const req = new Request('http://localhost/', { method: 'POST', body: fd });
  return { payload: Buffer.from(await req.arrayBuffer()), headers: { 'content-type': req.headers.get('content-type')! } };
}

describeEachDialect('online submission (nộp hồ sơ trực tuyến) and the online supplement', (dialect) => {
  let db: Db;
  let t: TestApp;
  let sms: Awaited<ReturnType<typeof startGateway>>;
  let dir: string;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    sms = await startGateway();
    dir = mkdtempSync(join(tmpdir(), 'motcua-uploads-'));
    t = await buildTestApp(db, '2026-12-01T02:00:00.000Z', {
      citizen: { publicBaseUrl: 'https://motcua.dongthanh.example', channels: { sms: new SmsGatewayChannel({ url: `${sms.url}/sms`, token: null }) }, uploads: { dir, maxFileBytes: 256 * 1024, maxFiles: 6 } },
    });
  });
  afterAll(async () => {
    await t.app.close();
    await sms.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const PROC = '1.001193';
  const applicantFields = { fullName: APPLICANT.fullName, idNumber: APPLICANT.idNumber, phone: APPLICANT.phone, email: APPLICANT.email, address: APPLICANT.address };
  async function submit(extra: Record<string, string> = {}, files?: Record<string, { name: string; data: Buffer }>) {
    const p = await procedureDetail(t.app, PROC);
    const required = requiredComponentIds(p, 'online');
    const defaultFiles = Object.fromEntries(required.map((id) => [`component_${id}`, { name: `giay-to-${id}.pdf`, data: PDF }]));
    const body = await multipart({ procedureCode: PROC, request: 'Đăng ký khai sinh cho con.', contactChannel: 'sms', consent: 'true', ...applicantFields, ...extra }, files ?? defaultFiles);
    return t.app.inject({ method: 'POST', url: '/api/public/submissions', ...body });
  }
  const lastOtp = () => /là (\d{6})\./.exec(String(sms.requests.at(-1)!.body.text))![1]!;

  let code = '';
  let componentIds: number[] = [];

  it('pages render', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/nop-ho-so' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/tra-cuu' })).body).toContain('4 số cuối');
  });

  it('rejects bad input with a 4xx naming the field, and leaves no file behind', async () => {
    const p = await procedureDetail(t.app, PROC);
    componentIds = requiredComponentIds(p, 'online');
    expect(componentIds.length).toBeGreaterThan(0);
    const json = await t.app.inject({ method: 'POST', url: '/api/public/submissions', payload: { procedureCode: PROC } });
    expect([400, 415]).toContain(json.statusCode);
    const noConsent = await submit({ consent: '' });
    expect(noConsent.statusCode).toBe(400);
    expect(noConsent.json().error.field).toBe('consent');
    const badId = await submit({ idNumber: '123' });
    expect(badId.json().error.field).toBe('idNumber');
    const unknown = await submit({ procedureCode: '9.999999' });
    expect(unknown.statusCode).toBe(422);
    const fake = await submit({}, { [`component_${componentIds[0]}`]: { name: 'hoa-don.pdf', data: Buffer.from('<html>not a pdf</html>') } });
    expect(fake.statusCode).toBe(415);
    expect(fake.json().error.code).toBe('UNSUPPORTED_FILE_TYPE');
    const big = await submit({}, { [`component_${componentIds[0]}`]: { name: 'lon.pdf', data: Buffer.concat([PDF, Buffer.alloc(300 * 1024)]) } });
    expect(big.statusCode).toBe(413);
    const missing = await submit({}, {});
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.code).toBe('MISSING_COMPONENT');
    const email = await submit({ contactChannel: 'email' });
    expect(email.statusCode).toBe(503); // no e-mail channel configured here
    expect(readdirSync(dir)).toEqual([]);
    expect(sms.requests).toHaveLength(0);
  });

  it('a one-time code by SMS confirms the submission; the dossier is created in status submitted', async () => {
    const res = await submit();
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().sentTo).toBe('******5678');
    expect(sms.requests).toHaveLength(1);
    expect(sms.requests[0]!.body.to).toBe('0912345678');
    const otp = lastOtp();
    const stored = await db.kysely.selectFrom('outbound_message').select(['body', 'status']).where('event', '=', 'otp').execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.status).toBe('sent');
    expect(stored[0]!.body).not.toContain(otp);
    expect(readdirSync(dir).every((f) => /^[0-9a-f]{32}\.bin$/.test(f))).toBe(true);

    const id = res.json().submissionId;
    const url = `/api/public/submissions/${id}/confirm`;
    expect((await t.app.inject({ method: 'POST', url: '/api/public/submissions/AAAAAAAAAAAAAAAAAAAAAAAA/confirm', payload: { code: '123456' } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url, payload: { code: '12ab' } })).statusCode).toBe(400);
    const wrong = await t.app.inject({ method: 'POST', url, payload: { code: otp === '000000' ? '111111' : '000000' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details.attemptsLeft).toBe(4);
    const ok = await t.app.inject({ method: 'POST', url, payload: { code: otp } });
    expect(ok.statusCode, ok.body).toBe(201);
    code = ok.json().code;
    expect(ok.json().lookupUrl).toContain('/tra-cuu?ma=');
    const again = await t.app.inject({ method: 'POST', url, payload: { code: otp } });
    expect(again.json().code).toBe(code); // a double click does not create a second dossier

    const reception = await t.login('tiepnhan1');
    const detail = (await t.app.inject({ method: 'GET', url: `/api/dossiers/${code}`, headers: { cookie: reception } })).json();
    expect(detail).toMatchObject({ status: 'submitted', channel: 'online', receivedAt: null, dueAt: null });
    expect(detail.availableActions.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['receive', 'request_supplement', 'refuse']));
    const uploads = await t.app.inject({ method: 'GET', url: `/api/dossiers/${code}/uploads`, headers: { cookie: reception } });
    expect(uploads.json().items).toHaveLength(componentIds.length);
    const file = await t.app.inject({ method: 'GET', url: uploads.json().items[0].url, headers: { cookie: reception } });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.equals(PDF)).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: uploads.json().items[0].url })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: `/api/dossiers/${code}/uploads`, headers: { cookie: await t.login('diachinh1') } })).statusCode).toBe(403);
  });

  it('reception requests the one supplement; the citizen sees it and uploads the items; then it is accepted', async () => {
    const reception = await t.login('tiepnhan1');
    // Issue 4's action is the one supplement request (form 02): items chosen from the procedure's components.
    const url = `/api/dossiers/${code}/actions/request_supplement`;
    const wanted = [componentIds[0]!];
    const items = wanted.map((componentId) => ({ componentId, note: 'bản chụp rõ nét' }));
    expect((await t.app.inject({ method: 'POST', url, payload: { reason: 'x', items } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url, headers: { cookie: await t.login('mattran') }, payload: { reason: 'Ảnh chụp mờ', items } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url, headers: { cookie: reception }, payload: { reason: 'Ảnh chụp mờ' } })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'POST', url, headers: { cookie: reception }, payload: { reason: 'Ảnh chụp mờ', items: [{ componentId: 999999 }] } })).statusCode).toBe(422);
    const ok = await t.app.inject({ method: 'POST', url, headers: { cookie: reception }, payload: { reason: 'Bản chụp giấy chứng sinh bị mờ, không đọc được.', items } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().status).toBe('supplement_requested');
    expect((await t.app.inject({ method: 'POST', url: `/api/dossiers/${code}/supplement-request`, headers: { cookie: reception }, payload: {} })).statusCode).toBe(404);

    // The server-rendered lookup shows the channel, the items and the link to the upload page.
    const page = await t.app.inject({ method: 'GET', url: `/tra-cuu?ma=${code}&sdt=5678` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Nộp trực tuyến');
    expect(page.body).toContain('bản chụp rõ nét');
    expect(page.body).toContain(`/nop-ho-so/bo-sung?ma=${code}`);
    expect((await t.app.inject({ method: 'GET', url: '/nop-ho-so/bo-sung' })).statusCode).toBe(200);

    const lookup = (await t.app.inject({ method: 'GET', url: `/api/public/dossiers/${code}?phone=5678` })).json();
    expect(lookup.status).toBe('supplement_requested');
    expect(lookup.channel).toBe('online');
    expect(lookup.supplement).toMatchObject({ note: 'Bản chụp giấy chứng sinh bị mờ, không đọc được.', uploadedAt: null });
    expect(lookup.supplement.items.map((i: { componentId: number }) => i.componentId)).toEqual(wanted);

    const supp = `/api/public/dossiers/${code}/supplement`;
    const wrongPhone = await multipart({ phone: '0000' }, { [`component_${wanted[0]}`]: { name: 'ro.png', data: PNG } });
    expect((await t.app.inject({ method: 'POST', url: supp, ...wrongPhone })).statusCode).toBe(404);
    const none = await multipart({ phone: '5678' }, {});
    expect((await t.app.inject({ method: 'POST', url: supp, ...none })).statusCode).toBe(422);
    const good = await multipart({ phone: '5678' }, { [`component_${wanted[0]}`]: { name: 'giay-chung-sinh-ro.png', data: PNG } });
    const sent = await t.app.inject({ method: 'POST', url: supp, ...good });
    expect(sent.statusCode, sent.body).toBe(201);
    const twice = await multipart({ phone: '5678' }, { [`component_${wanted[0]}`]: { name: 'lai.png', data: PNG } });
    expect((await t.app.inject({ method: 'POST', url: supp, ...twice })).statusCode).toBe(409);
    expect((await t.app.inject({ method: 'GET', url: `/api/public/dossiers/${code}?phone=5678` })).json().supplement.uploadedAt).not.toBeNull();
    // The files answer issue 4's request: linked to the dossier and to that supplement_request row.
    const request = await db.kysely.selectFrom('supplement_request').select(['id', 'uploaded_at']).where('dossier_id', '=', (await getDossier(db.kysely, code)).id).executeTakeFirstOrThrow();
    expect(request.uploaded_at).not.toBeNull();
    const linked = await db.kysely.selectFrom('upload').select(['supplement_request_id', 'purpose']).where('purpose', '=', 'supplement').execute();
    expect(linked).toEqual([{ supplement_request_id: request.id, purpose: 'supplement' }]);

    expect((await act(t.app, reception, code, 'receive_supplement')).json().status).toBe('submitted');
    // "Không bổ sung hồ sơ quá 1 lần": the second request is refused (issue 4's SUPPLEMENT_LIMIT).
    const second = await act(t.app, reception, code, 'request_supplement', { reason: 'Lần hai', items });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('SUPPLEMENT_LIMIT');
    const received = await act(t.app, reception, code, 'receive');
    expect(received.statusCode, received.body).toBe(200);
    expect(received.json().status).toBe('received');
    expect(received.json().dueAt).not.toBeNull();
    // The event log alone rebuilds the projection of an online dossier too.
    const row = await getDossier(db.kysely, code);
    const folded = foldEvents(await listEvents(db.kysely, row.id));
    expect(folded).toMatchObject({ status: row.status, divisionId: row.divisionId, receivedAt: row.receivedAt, dueAt: row.dueAt, supplementCount: 1, version: row.version });
    const jobs = await db.kysely.selectFrom('job').select(['dedupe_key']).where('kind', '=', 'notify.applicant').execute();
    expect(jobs.map((j) => j.dedupe_key).filter((k) => k!.startsWith(`notify:${code}:`)).sort()).toEqual([
      `notify:${code}:received:4`,
      `notify:${code}:supplement_requested:2`,
    ]);
    const payload = await db.kysely.selectFrom('job').select('payload').where('dedupe_key', '=', `notify:${code}:supplement_requested:2`).executeTakeFirstOrThrow();
    expect(JSON.parse(payload.payload).items).toHaveLength(1);
  });

  it('an expired code, and a refusal that redirects to the competent body', async () => {
    const res = await submit();
    const otp = lastOtp();
    t.clock.advanceMinutes(11);
    const late = await t.app.inject({ method: 'POST', url: `/api/public/submissions/${res.json().submissionId}/confirm`, payload: { code: otp } });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('CODE_EXPIRED');

    // At most three codes an hour to one phone: the third is sent, the fourth refused.
    expect((await submit()).statusCode).toBe(201);
    const flood = await submit();
    expect(flood.statusCode).toBe(429);
    expect(flood.json().error.code).toBe('RATE_LIMITED');
    const before = readdirSync(dir).length;
    t.clock.advanceMinutes(2 * 24 * 60);
    expect(await purgeAbandonedSubmissions(db.kysely, dir, t.clock.now())).toBe(2); // the expired draft and the third one
    expect(readdirSync(dir).length).toBe(before - 2 * componentIds.length);
    expect(await db.kysely.selectFrom('submission').select('id').where('dossier_id', 'is', null).execute()).toEqual([]);
    const kept = await t.app.inject({ method: 'GET', url: `/api/dossiers/${code}/uploads`, headers: { cookie: await t.login('tiepnhan1') } });
    expect(kept.json().items.length).toBe(componentIds.length + 1); // confirmed dossiers keep their files
    const file = await t.app.inject({ method: 'GET', url: kept.json().items[0].url, headers: { cookie: await t.login('tiepnhan1') } });
    expect(file.statusCode).toBe(200);

    const reception = await t.login('tiepnhan1');
    // Only reception's review of an online submission redirects this way; a counter dossier uses the workflow's refuse.
    const direct = (await receive(t.app, reception, '1.001022')).json().code;
    const onCounter = await t.app.inject({ method: 'POST', url: `/api/dossiers/${direct}/redirect`, headers: { cookie: reception }, payload: { reason: 'Không thuộc thẩm quyền', competentBody: 'Sở Tư pháp tỉnh' } });
    expect(onCounter.statusCode).toBe(409);
    const sent = await submit();
    expect(sent.statusCode, sent.body).toBe(201);
    const confirmed = await t.app.inject({ method: 'POST', url: `/api/public/submissions/${sent.json().submissionId}/confirm`, payload: { code: lastOtp() } });
    expect(confirmed.statusCode, confirmed.body).toBe(201);
    const d = confirmed.json().code as string;
    const url = `/api/dossiers/${d}/redirect`;
    expect((await t.app.inject({ method: 'POST', url, headers: { cookie: await t.login('hotich1') }, payload: { reason: 'Không thuộc thẩm quyền', competentBody: 'UBND tỉnh' } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url, payload: { reason: 'abc', competentBody: 'UBND tỉnh' } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url, headers: { cookie: reception }, payload: { reason: 'Không thuộc thẩm quyền' } })).statusCode).toBe(400);
    const ok = await t.app.inject({ method: 'POST', url, headers: { cookie: reception }, payload: { reason: 'Không thuộc thẩm quyền của phường.', competentBody: 'Sở Tư pháp tỉnh' } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().status).toBe('refused');
    expect((await t.app.inject({ method: 'POST', url, headers: { cookie: reception }, payload: { reason: 'Lần hai nữa', competentBody: 'Sở Tư pháp tỉnh' } })).statusCode).toBe(409);
  });
});
