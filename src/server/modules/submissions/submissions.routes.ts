import { createReadStream } from 'node:fs';
import multipart from '@fastify/multipart';
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { DomainError } from '../../../domain/errors.ts';
import type { Database } from '../../db/schema.ts';
import { requireActor, STAFF_ROLES } from '../../http/request-context.ts';
import { binaryResponse, errorResponses, PDF } from '../../http/schemas.ts';
import { appendAudit } from '../audit.repository.ts';
import { getProcedure } from '../catalog/procedure.repository.ts';
import { DOSSIER_CODE_PATTERN } from '../dossier/dossier-code.ts';
import { findPendingSupplement, getDossier } from '../dossier/dossier.repository.ts';
import { checkPublicAccess } from '../dossier/public-lookup.ts';
import { performAction } from '../dossier/perform-action.ts';
import { lookupUrl, wardName } from '../notifications/deliver-notice.ts';
import { ensureNotification, markAttemptFailed, markSent } from '../notifications/outbound-message.repository.ts';
import { renderNotice } from '../notifications/templates.ts';
import { readSetting } from '../settings.repository.ts';
import { submitPage, supplementPage } from './pages.ts';
import { checkApplicant, checkComponents, checkOtp, confirmSubmission, onlineProcedure, startSubmission } from './submit-online-dossier.ts';
import { recordUpload } from './upload.repository.ts';
import { removeStored, type StoredFile, storedPath, storeUpload } from './uploads.ts';

/** One-time codes per phone or e-mail address per hour. */
const OTP_PER_HOUR = 3;

const signedIn = { preValidation: async (request: FastifyRequest) => void requireActor(request, STAFF_ROLES) };
const Obj = Type.Object({}, { additionalProperties: true });

interface ParsedForm {
  fields: Record<string, string>;
  files: (StoredFile & { componentId: number })[];
}

/** RFC 5987 ext-value: percent-encode everything but attr-char (encodeURIComponent leaves ' ( ) * ! as they are). */
function rfc5987(name: string): string {
  return encodeURIComponent(name).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function maskContact(channel: string, address: string): string {
  return channel === 'email' ? address.replace(/^(.).*(@.*)$/, '$1***$2') : `******${address.slice(-4)}`;
}

export const submissionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock } = app.deps;
  const uploads = app.citizen.uploads;
  await app.register(multipart, {
    limits: { fileSize: uploads.maxFileBytes, files: uploads.maxFiles, fields: 40, fieldSize: 20_000, parts: uploads.maxFiles + 40 },
  });

  /** Reads a multipart form, streaming each file `component_<id>` to the upload directory as it arrives. */
  async function readForm(request: FastifyRequest): Promise<ParsedForm> {
    if (!request.isMultipart()) throw new DomainError('VALIDATION_ERROR', 'Cần gửi biểu mẫu dạng multipart/form-data.');
    // A declared length beyond every file at its limit plus the fields is refused before a byte is read.
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > uploads.maxFiles * uploads.maxFileBytes + 1024 * 1024) {
      throw new DomainError('PAYLOAD_TOO_LARGE', `Hồ sơ gửi lên quá lớn (tối đa ${uploads.maxFiles} tệp, mỗi tệp ${Math.round(uploads.maxFileBytes / 1024 / 1024)} MB).`);
    }
    const form: ParsedForm = { fields: {}, files: [] };
    try {
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          const m = /^component_(\d{1,9})$/.exec(part.fieldname);
          if (!m) {
            part.file.resume();
            throw new DomainError('VALIDATION_ERROR', `Trường tệp không hợp lệ: ${part.fieldname}.`, { field: part.fieldname });
          }
          if (!part.filename) {
            part.file.resume();
            continue;
          }
          // The citizen's file name is only shown (cleaned: no path, no control characters); the stored name is random.
          const stored = await storeUpload(part.file, part.filename, uploads.dir, part.fieldname, uploads.maxFileBytes);
          form.files.push({ ...stored, componentId: Number(m[1]) });
        } else {
          const value = String(part.value ?? '');
          // NUL never belongs in text (PostgreSQL cannot store it); refused like in JSON bodies (http/input-guards.ts).
          if (value.includes('\u0000') || part.fieldname.includes('\u0000')) {
            throw new DomainError('VALIDATION_ERROR', `Trường ${part.fieldname.replaceAll('\u0000', '')} chứa ký tự không hợp lệ (NUL).`, { field: part.fieldname.replaceAll('\u0000', '') });
          }
          form.fields[part.fieldname] = value;
        }
      }
    } catch (err) {
      await removeStored(uploads.dir, form.files.map((f) => f.storedName));
      const code = (err as { code?: string }).code;
      if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
        throw new DomainError('PAYLOAD_TOO_LARGE', `Quá nhiều tệp hoặc trường (tối đa ${uploads.maxFiles} tệp).`);
      }
      if (code === 'FST_REQ_FILE_TOO_LARGE') throw new DomainError('PAYLOAD_TOO_LARGE', `Mỗi tệp tối đa ${Math.round(uploads.maxFileBytes / 1024 / 1024)} MB.`);
      // Our own refusals, and the system's failures (disk, permissions), are what they are.
      if (err instanceof DomainError || (err as NodeJS.ErrnoException).syscall) throw err;
      // Anything else the multipart parser rejects is a malformed request (truncated body, bad boundary, bad headers).
      throw new DomainError('VALIDATION_ERROR', 'Biểu mẫu gửi lên không đọc được (multipart/form-data không hợp lệ); xin gửi lại.');
    }
    return form;
  }

  async function unitCode(trx: Kysely<Database>): Promise<string> {
    return (await readSetting<{ code: string }>(trx, 'ward'))?.code ?? 'MOTCUA';
  }

  // ---- Pages ----
  app.get('/nop-ho-so', { schema: { hide: true } }, async (_req, reply) => reply.type('text/html; charset=utf-8').send(submitPage({ wardName: await wardName(db.kysely) })));
  // The lookup itself is the server-rendered /tra-cuu (modules/citizen); it links here while a supplement waits.
  app.get('/nop-ho-so/bo-sung', { schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/html; charset=utf-8').send(supplementPage({ wardName: await wardName(db.kysely) })),
  );

  // ---- Citizen: submit, confirm by one-time code ----
  app.post(
    '/api/public/submissions',
    {
      schema: {
        tags: ['public'],
        summary: 'Nộp hồ sơ trực tuyến (multipart: thông tin, tệp component_<id>); gửi mã xác nhận',
        consumes: ['multipart/form-data'],
        response: { 201: Obj, ...errorResponses },
      },
    },
    async (request, reply) => {
      const form = await readForm(request);
      const f = form.fields;
      let started: { token: string; otp: string; expiresAt: string };
      let channel: 'sms' | 'email';
      let address: string;
      try {
        const procedure = await onlineProcedure(db.kysely, f.procedureCode ?? '');
        const applicant = checkApplicant(f);
        const request_ = (f.request ?? '').normalize('NFC').trim();
        if (f.consent !== 'true' && f.consent !== 'on') {
          throw new DomainError('VALIDATION_ERROR', 'Cần đồng ý nhận thông báo về hồ sơ qua kênh đã chọn (consent).', { field: 'consent' });
        }
        if (f.contactChannel !== 'sms' && f.contactChannel !== 'email') {
          throw new DomainError('VALIDATION_ERROR', 'Chọn nhận mã xác nhận qua tin nhắn hoặc thư điện tử (contactChannel).', { field: 'contactChannel' });
        }
        channel = f.contactChannel;
        if (channel === 'email' && !applicant.email) throw new DomainError('VALIDATION_ERROR', 'Cần địa chỉ thư điện tử (email) để nhận mã.', { field: 'email' });
        if (!app.citizen.channels[channel]) {
          throw new DomainError('CHANNEL_UNAVAILABLE', 'Hiện chưa gửi được mã qua kênh này; xin chọn kênh khác hoặc nộp tại Bộ phận Một cửa.', { field: 'contactChannel' });
        }
        address = channel === 'email' ? applicant.email! : applicant.phone;
        // A public form that sends SMS must not become a way to flood someone's phone (or the ward's SMS bill).
        const since = new Date(clock.now().getTime() - 3_600_000).toISOString();
        const recent = await db.kysely
          .selectFrom('outbound_message')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('event', '=', 'otp')
          .where('recipient', '=', address)
          .where('created_at', '>=', since)
          .executeTakeFirst();
        if (Number(recent?.n ?? 0) >= OTP_PER_HOUR) {
          throw new DomainError('RATE_LIMITED', `Đã gửi ${OTP_PER_HOUR} mã xác nhận tới địa chỉ này trong một giờ qua; xin thử lại sau.`, { field: 'contactChannel' });
        }
        checkComponents(procedure, form.files.map((x) => x.componentId));
        started = await db.kysely.transaction().execute((trx) =>
          startSubmission(trx, { procedure, data: { applicant, request: request_ }, contactChannel: channel, files: form.files }, clock.now()),
        );
      } catch (err) {
        await removeStored(uploads.dir, form.files.map((x) => x.storedName));
        throw err;
      }
      // The code goes out now (the citizen is waiting); the stored message hides it.
      const ward = await wardName(db.kysely);
      const msg = renderNotice('otp', { wardName: ward, applicantName: null, dossierCode: null, procedureName: null, dueAt: null, lookupUrl: null, ratingUrl: null, otp: started.otp });
      const n = await ensureNotification(
        db.kysely,
        { key: `otp:${started.token}`, dossierId: null, dossierCode: null, event: 'otp', channel, recipient: address, subject: msg.subject, body: msg.body.replace(started.otp, '******'), status: 'pending' },
        clock.now(),
      );
      try {
        const sent = await app.citizen.channels[channel]!.send({ idempotencyKey: n.idempotencyKey, recipient: address, subject: msg.subject, body: msg.body });
        await markSent(db.kysely, n.id, sent.providerId, clock.now());
      } catch (err) {
        await markAttemptFailed(db.kysely, n.id, err instanceof Error ? err.message : String(err), true, clock.now());
        throw new DomainError('CHANNEL_UNAVAILABLE', 'Chưa gửi được mã xác nhận; xin thử lại sau ít phút.', { field: 'contactChannel' });
      }
      return reply.status(201).send({ submissionId: started.token, sentTo: maskContact(channel, address), channel, expiresAt: started.expiresAt });
    },
  );

  app.post(
    '/api/public/submissions/:token/confirm',
    {
      schema: {
        tags: ['public'],
        summary: 'Xác nhận bằng mã một lần; nhận mã hồ sơ để tra cứu',
        params: Type.Object({ token: Type.String({ minLength: 16, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) }),
        body: Type.Object({ code: Type.String({ pattern: '^\\d{6}$' }) }, { additionalProperties: false }),
        response: { 201: Obj, ...errorResponses },
      },
    },
    async (request, reply) => {
      const check = await db.kysely.transaction().execute((trx) => checkOtp(trx, request.params.token, request.body.code, clock.now()));
      if (!check.ok) {
        throw new DomainError('VALIDATION_ERROR', `Mã xác nhận (code) không đúng; còn ${check.left} lần thử.`, { field: 'code', details: { attemptsLeft: check.left } });
      }
      const code = await db.kysely.transaction().execute(async (trx) => confirmSubmission(trx, check.submission.id, await unitCode(trx), clock.now()));
      return reply.status(201).send({
        code,
        status: 'submitted',
        statusLabel: 'Đã nộp trực tuyến, chờ tiếp nhận',
        lookupUrl: lookupUrl(app.citizen.publicBaseUrl, code),
        message: 'Hồ sơ đã được gửi. Bộ phận Một cửa sẽ kiểm tra và thông báo kết quả tiếp nhận. Xin cảm ơn ông/bà!',
      });
    },
  );

  // ---- Citizen: online supplement (the one request) ----
  app.post(
    '/api/public/dossiers/:code/supplement',
    {
      schema: {
        tags: ['public'],
        summary: 'Nộp bổ sung trực tuyến các giấy tờ được yêu cầu (multipart: phone = 4 số cuối, tệp component_<id>)',
        consumes: ['multipart/form-data'],
        params: Type.Object({ code: Type.String({ maxLength: 64 }) }),
        response: { 201: Obj, ...errorResponses },
      },
    },
    async (request, reply) => {
      const form = await readForm(request);
      try {
        // Same check, budget and answers as the public lookup: an unknown code and a wrong phone look alike.
        await checkPublicAccess(app, request, reply, request.params.code, form.fields.phone ?? '');
        const d = await getDossier(db.kysely, request.params.code);
        // Issue 4's request (form 02) is the only notion of a supplement; the upload answers its listed components.
        const req = d.status === 'supplement_requested' ? await findPendingSupplement(db.kysely, d.id) : null;
        if (!req) throw new DomainError('CONFLICT', 'Hồ sơ này không có yêu cầu bổ sung đang chờ.');
        if (req.uploadedAt) throw new DomainError('CONFLICT', 'Ông/bà đã nộp bổ sung; Bộ phận Một cửa đang kiểm tra.');
        // Items outside the published list (leader's override) are brought to the counter, not uploaded.
        const wanted = req.items.flatMap((i) => (i.componentId === null ? [] : [i.componentId]));
        const given = form.files.map((f) => f.componentId);
        const extra = given.filter((id) => !wanted.includes(id));
        if (extra.length > 0) throw new DomainError('UNKNOWN_COMPONENT', 'Chỉ nộp các giấy tờ được yêu cầu bổ sung.', { field: `component_${extra[0]}` });
        const missing = wanted.filter((id) => !given.includes(id));
        if (missing.length > 0) {
          throw new DomainError('MISSING_COMPONENT', `Còn thiếu: ${missing.map((id) => `"${req.items.find((i) => i.componentId === id)?.name ?? id}"`).join('; ')}.`, {
            field: `component_${missing[0]}`,
          });
        }
        const at = clock.now().toISOString();
        await db.kysely.transaction().execute(async (trx) => {
          // Conditional update first: of two concurrent uploads, exactly one is recorded.
          const r = await trx.updateTable('supplement_request').set({ uploaded_at: at }).where('id', '=', req.id).where('uploaded_at', 'is', null).where('received_at', 'is', null).executeTakeFirst();
          if (Number(r.numUpdatedRows) === 0) throw new DomainError('CONFLICT', 'Ông/bà đã nộp bổ sung; Bộ phận Một cửa đang kiểm tra.');
          for (const f of form.files) await recordUpload(trx, { purpose: 'supplement', dossierId: d.id, supplementRequestId: req.id }, f, at);
          await appendAudit(trx, null, 'dossier.supplement_uploaded', 'dossier', d.code, { components: given, supplementRequestId: req.id }, clock.now());
        });
      } catch (err) {
        await removeStored(uploads.dir, form.files.map((f) => f.storedName));
        throw err;
      }
      return reply.status(201).send({ message: 'Đã nhận giấy tờ bổ sung. Bộ phận Một cửa sẽ kiểm tra và thông báo cho ông/bà. Xin cảm ơn!' });
    },
  );

  // ---- Reception reviews ----
  app.post(
    '/api/dossiers/:code/redirect',
    {
      ...signedIn,
      schema: {
        tags: ['dossiers'],
        summary: 'Từ chối vì không thuộc thẩm quyền, hướng dẫn nộp tại cơ quan có thẩm quyền',
        params: Type.Object({ code: Type.String({ pattern: DOSSIER_CODE_PATTERN, maxLength: 64 }) }),
        body: Type.Object({ reason: Type.String({ minLength: 3, maxLength: 2000 }), competentBody: Type.String({ minLength: 3, maxLength: 300 }) }, { additionalProperties: false }),
        response: { 200: Obj, ...errorResponses },
      },
    },
    async (request) => {
      // Reception's review of an online submission; any other refusal is the workflow's `refuse` action.
      const actor = requireActor(request, ['reception']);
      const online = await getDossier(db.kysely, request.params.code);
      if (online.channel !== 'online' || online.status !== 'submitted') {
        throw new DomainError('CONFLICT', 'Chỉ hồ sơ nộp trực tuyến đang chờ tiếp nhận mới được từ chối và hướng dẫn nộp tại cơ quan có thẩm quyền theo cách này.');
      }
      const calendar = await app.calendars.current();
      const reason = `${request.body.reason.trim()} Đề nghị ông/bà nộp hồ sơ tại: ${request.body.competentBody.trim()}.`;
      const d = await db.kysely.transaction().execute((trx) => performAction({ db: trx, clock, calendar, unitCode: '' }, actor, request.params.code, 'refuse', { reason }, null));
      return { code: d.code, status: d.status, reason };
    },
  );

  app.get(
    '/api/dossiers/:code/uploads',
    {
      ...signedIn,
      schema: {
        tags: ['dossiers'],
        summary: 'Tệp đã nộp trực tuyến (hồ sơ và bổ sung)',
        params: Type.Object({ code: Type.String({ pattern: DOSSIER_CODE_PATTERN, maxLength: 64 }) }),
        response: { 200: Type.Object({ items: Type.Array(Obj) }), ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request, ['reception', 'specialist', 'division_head', 'leader', 'admin']);
      const d = await getDossier(db.kysely, request.params.code);
      if ((actor.role === 'specialist' || actor.role === 'division_head') && actor.divisionId !== d.divisionId) throw new DomainError('FORBIDDEN', 'Hồ sơ thuộc phòng chuyên môn khác.');
      const rows = await db.kysely.selectFrom('upload').selectAll().where('dossier_id', '=', d.id).orderBy('id').execute();
      const p = await getProcedure(db.kysely, d.procedureCode);
      return {
        items: rows.map((u) => ({
          id: u.id,
          componentId: u.component_id,
          componentName: p.components.find((c) => c.id === u.component_id)?.name ?? null,
          purpose: u.purpose,
          supplementRequestId: u.supplement_request_id,
          originalName: u.original_name,
          mime: u.mime,
          size: u.size,
          sha256: u.sha256,
          createdAt: u.created_at,
          url: `/api/dossiers/${d.code}/uploads/${u.id}`,
        })),
      };
    },
  );

  app.get(
    '/api/dossiers/:code/uploads/:id',
    {
      ...signedIn,
      schema: {
        tags: ['dossiers'],
        summary: 'Tải một tệp đã nộp (luôn là tệp đính kèm)',
        params: Type.Object({ code: Type.String({ pattern: DOSSIER_CODE_PATTERN, maxLength: 64 }), id: Type.Integer({ minimum: 1 }) }),
        response: { 200: binaryResponse('Tệp đã nộp', [PDF, 'image/jpeg', 'image/png']), ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, ['reception', 'specialist', 'division_head', 'leader', 'admin']);
      const d = await getDossier(db.kysely, request.params.code);
      if ((actor.role === 'specialist' || actor.role === 'division_head') && actor.divisionId !== d.divisionId) throw new DomainError('FORBIDDEN', 'Hồ sơ thuộc phòng chuyên môn khác.');
      const u = await db.kysely.selectFrom('upload').selectAll().where('id', '=', request.params.id).where('dossier_id', '=', d.id).executeTakeFirst();
      if (!u) throw new DomainError('NOT_FOUND', 'Không tìm thấy tệp.');
      const ext = u.mime === 'application/pdf' ? 'pdf' : u.mime === 'image/png' ? 'png' : 'jpg';
      return reply
        .type(u.mime)
        .header('content-disposition', `attachment; filename="tep-${u.id}.${ext}"; filename*=UTF-8''${rfc5987(u.original_name)}`)
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(createReadStream(storedPath(uploads.dir, u.stored_name)));
    },
  );
};
