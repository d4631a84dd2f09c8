import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../domain/errors.ts';
import { requireActor, STAFF_ROLES } from '../http/request-context.ts';
import { binaryResponse, DOCX, errorResponses, PDF, XLSX } from '../http/schemas.ts';
import { getProcedure } from '../modules/catalog/procedure.repository.ts';
import { getDossier } from '../modules/dossier/dossier.repository.ts';
import { DOSSIER_CODE_PATTERN } from '../modules/dossier/dossier-code.ts';
import type { OfficialDocument } from './document-model.ts';
import { loadFormContext, loadUnit, timeLimitText } from './form-context.ts';
import { buildDossierForm, buildGuidance, buildRegister, DOSSIER_FORMS, type DossierForm, type FormContext } from './forms.ts';

const signedIn = { preValidation: async (request: FastifyRequest) => void requireActor(request, STAFF_ROLES) };

/** A form exists only once the event it records has happened (409 otherwise, naming what is missing). */
function assertAvailable(form: DossierForm, ctx: FormContext): void {
  const missing: Partial<Record<DossierForm, string | false>> = {
    receipt: !ctx.dossier.receivedAt && 'Hồ sơ chưa được tiếp nhận',
    'supplement-request': !ctx.supplement && 'Hồ sơ chưa có yêu cầu bổ sung',
    refusal: !ctx.refusal && 'Hồ sơ không bị từ chối',
    apology: !ctx.apology && 'Hồ sơ chưa có văn bản xin lỗi, đề nghị gia hạn',
    'stop-notice': !ctx.stop && 'Hồ sơ chưa dừng giải quyết',
  };
  const why = missing[form];
  if (why) throw new DomainError('CONFLICT', `${why}; không có mẫu "${form}" để in.`, { field: 'form' });
}

export async function sendDocument(reply: FastifyReply, doc: OfficialDocument, name: string, format: 'pdf' | 'docx') {
  // Renderers load on first use: pdfkit, docx and exceljs are heavy, and the CLI never needs them.
  const body = format === 'pdf' ? await (await import('./pdf-renderer.ts')).renderPdf(doc) : await (await import('./docx-renderer.ts')).renderDocx(doc);
  return reply
    .type(format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    .header('content-disposition', `inline; filename="${name}.${format}"`)
    .send(body);
}

export const documentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock } = app.deps;
  const Format = Type.Union([Type.Literal('pdf'), Type.Literal('docx')]);

  app.get(
    '/dossiers/:code/forms/:file',
    {
      ...signedIn,
      schema: {
        tags: ['forms'],
        summary: 'Biểu mẫu của hồ sơ (PDF hoặc DOCX): receipt, supplement-request, refusal, apology, stop-notice, control-slip',
        params: Type.Object({
          code: Type.String({ pattern: DOSSIER_CODE_PATTERN, maxLength: 64 }),
          file: Type.String({ pattern: `^(${DOSSIER_FORMS.join('|')})\\.(pdf|docx)$`, maxLength: 40 }),
        }),
        response: { 200: binaryResponse('Biểu mẫu của hồ sơ', [PDF, DOCX]), ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, STAFF_ROLES);
      const [form, format] = request.params.file.split('.') as [DossierForm, 'pdf' | 'docx'];
      const d = await getDossier(db.kysely, request.params.code);
      if ((actor.role === 'specialist' || actor.role === 'division_head') && actor.divisionId !== d.divisionId) {
        throw new DomainError('FORBIDDEN', 'Hồ sơ thuộc phòng chuyên môn khác.');
      }
      const ctx = await loadFormContext(db.kysely, d.code, clock.now());
      assertAvailable(form, ctx);
      const qr = form === 'receipt' ? await (await import('qrcode')).default.toBuffer(ctx.publicLookupUrl, { type: 'png', margin: 1, width: 240, errorCorrectionLevel: 'M' }) : undefined;
      return sendDocument(reply, buildDossierForm(form, ctx, qr), `${form}-${d.code}`, format);
    },
  );

  app.get(
    '/forms/:file',
    {
      ...signedIn,
      schema: {
        tags: ['forms'],
        summary: 'Sổ theo dõi hồ sơ trong một khoảng thời gian (PDF A4 ngang hoặc XLSX)',
        params: Type.Object({ file: Type.Union([Type.Literal('register.pdf'), Type.Literal('register.xlsx')]) }),
        querystring: Type.Object(
          { from: Type.String({ format: 'date' }), to: Type.String({ format: 'date' }), division: Type.Optional(Type.String({ maxLength: 32 })) },
          { additionalProperties: false },
        ),
        response: { 200: binaryResponse('Sổ theo dõi hồ sơ', [PDF, XLSX]), ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, ['reception', 'division_head', 'leader', 'monitor', 'admin']);
      const { from, to } = request.query;
      if (to < from) throw new DomainError('VALIDATION_ERROR', 'Ngày kết thúc (to) phải không trước ngày bắt đầu (from).', { field: 'to' });
      // Local dates in Vietnam → UTC instants.
      const fromAt = new Date(Date.parse(`${from}T00:00:00+07:00`)).toISOString();
      const toAt = new Date(Date.parse(`${to}T00:00:00+07:00`) + 86_400_000).toISOString();
      const rows = await db.kysely
        .selectFrom('dossier')
        .innerJoin('division', 'division.id', 'dossier.division_id')
        .select([
          'dossier.code',
          'dossier.procedure_name',
          'dossier.applicant_name',
          'dossier.applicant_address',
          'dossier.applicant_phone',
          'division.name as division_name',
          'dossier.received_at',
          'dossier.due_at',
          'dossier.returned_at',
          'dossier.channel',
        ])
        .where('dossier.received_at', '>=', fromAt)
        .where('dossier.received_at', '<', toAt)
        // A division head reads the register of the own division only (as with dossiers: dossier.routes.ts assertCanRead).
        .$if(actor.role === 'division_head', (q) => q.where('dossier.division_id', '=', actor.divisionId ?? -1))
        .orderBy('dossier.received_at')
        .orderBy('dossier.id')
        .execute();
      const unit = await loadUnit(db.kysely);
      const items = rows.map((r) => ({
        code: r.code,
        procedureName: r.procedure_name,
        applicantName: r.applicant_name,
        addressPhone: `${r.applicant_address}; ${r.applicant_phone}`,
        leadBody: r.division_name,
        receivedAt: r.received_at,
        dueAt: r.due_at,
        returnedAt: r.returned_at,
        channel: r.channel,
      }));
      if (request.params.file === 'register.xlsx') {
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="so-theo-doi-${from}-${to}.xlsx"`)
          .send(await (await import('./xlsx-renderer.ts')).renderRegisterXlsx(unit, from, to, items));
      }
      return sendDocument(reply, buildRegister(unit, clock.now().toISOString(), from, to, items), `so-theo-doi-${from}-${to}`, 'pdf');
    },
  );

  app.get(
    '/procedures/:code/guidance.:format',
    {
      ...signedIn,
      schema: {
        tags: ['forms'],
        summary: 'Phiếu hướng dẫn thủ tục: thành phần hồ sơ, mẫu đơn, phí, thời hạn',
        params: Type.Object({ code: Type.String({ minLength: 1, maxLength: 20 }), format: Format }),
        response: { 200: binaryResponse('Phiếu hướng dẫn thủ tục', [PDF, DOCX]), ...errorResponses },
      },
    },
    async (request, reply) => {
      requireActor(request, STAFF_ROLES);
      const p = await getProcedure(db.kysely, request.params.code);
      const doc = buildGuidance({
        unit: await loadUnit(db.kysely),
        now: clock.now().toISOString(),
        procedure: {
          code: p.code,
          name: p.name,
          timeLimitText: timeLimitText(p.timeLimit) + (p.timeLimitNote ? ` (${p.timeLimitNote})` : ''),
          fees: p.fees,
          legalBasis: p.legalBasis,
          result: p.result,
          channels: p.channels,
          components: p.components,
        },
      });
      return sendDocument(reply, doc, `huong-dan-${p.code}`, request.params.format);
    },
  );
};
