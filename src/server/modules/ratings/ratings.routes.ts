import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { DomainError } from '../../../domain/errors.ts';
import { requireActor, STAFF_ROLES } from '../../http/request-context.ts';
import { errorResponses } from '../../http/schemas.ts';
import { DOSSIER_CODE_PATTERN } from '../dossier/dossier-code.ts';
import { getDossier } from '../dossier/dossier.repository.ts';
import { ratingPage } from './rating.page.ts';
import { ensureDossierRating, findRatingByToken, RATING_CRITERIA, ratingUrl, SCORE_LABEL } from './rating.repository.ts';
import { resolveFollowUp, submitRating } from './submit-rating.ts';

const signedIn = { preValidation: async (request: FastifyRequest) => void requireActor(request, STAFF_ROLES) };
const TOKEN = Type.String({ minLength: 16, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });
const FOLLOW_UP_READERS = ['monitor', 'leader', 'admin', 'supervisor'] as const;

/** SVG QR code of a link, for slips and the counter screen. */
export async function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
}

export const ratingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock } = app.deps;
  const base = () => app.citizen.publicBaseUrl;

  async function subjectOf(token: string) {
    const rating = await findRatingByToken(db.kysely, token);
    if (!rating) return undefined;
    const dossier = rating.dossierId
      ? await db.kysely.selectFrom('dossier').select(['code', 'procedure_name']).where('id', '=', rating.dossierId).executeTakeFirst()
      : undefined;
    const ticket = rating.ticketId ? await db.kysely.selectFrom('queue_ticket').select(['display']).where('id', '=', rating.ticketId).executeTakeFirst() : undefined;
    const officer = rating.officerId ? await db.kysely.selectFrom('staff_user').select(['full_name']).where('id', '=', rating.officerId).executeTakeFirst() : undefined;
    return {
      rating,
      view: {
        dossierCode: dossier?.code ?? null,
        procedureName: dossier?.procedure_name ?? null,
        ticket: ticket?.display ?? null,
        officerName: officer?.full_name ?? null,
        rated: rating.ratedAt !== null,
        criteria: RATING_CRITERIA,
        scores: SCORE_LABEL,
      },
    };
  }

  app.get('/danh-gia/:token', { schema: { hide: true, params: Type.Object({ token: Type.String({ maxLength: 64 }) }) } }, async (request, reply) => {
    const s = await subjectOf(request.params.token);
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .status(s ? 200 : 404)
      .send(ratingPage(request.params.token, s?.view ?? null));
  });

  app.get(
    '/api/public/ratings/:token',
    {
      schema: {
        tags: ['public'],
        summary: 'Phiếu đánh giá mức độ hài lòng (theo đường dẫn riêng)',
        params: Type.Object({ token: TOKEN }),
        response: { 200: Type.Object({}, { additionalProperties: true }), ...errorResponses },
      },
    },
    async (request) => {
      const s = await subjectOf(request.params.token);
      if (!s) throw new DomainError('NOT_FOUND', 'Không tìm thấy phiếu đánh giá; vui lòng kiểm tra lại đường dẫn.');
      return s.view;
    },
  );

  app.post(
    '/api/public/ratings/:token',
    {
      schema: {
        tags: ['public'],
        summary: 'Gửi đánh giá (một lần cho mỗi hồ sơ hoặc lượt giao dịch)',
        params: Type.Object({ token: TOKEN }),
        body: Type.Object(
          {
            score: Type.Integer({ minimum: 1, maximum: 5 }),
            reasons: Type.Optional(Type.Array(Type.String({ maxLength: 32 }), { maxItems: 6 })),
            trips: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
            extraCosts: Type.Optional(Type.Boolean()),
            comment: Type.Optional(Type.String({ maxLength: 2000 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ message: Type.String(), score: Type.Integer(), followUp: Type.String() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const r = await db.kysely.transaction().execute((trx) => submitRating(trx, request.params.token, request.body, clock.now()));
      return reply.status(201).send({
        message: 'Xin chân thành cảm ơn ông/bà đã đánh giá! Ý kiến của ông/bà giúp chúng tôi phục vụ tốt hơn.',
        score: r.score ?? 0,
        followUp: r.followUp,
      });
    },
  );

  app.get(
    '/api/dossiers/:code/rating-link',
    {
      ...signedIn,
      schema: {
        tags: ['ratings'],
        summary: 'Đường dẫn và mã QR đánh giá của hồ sơ (in trên phiếu hẹn, phiếu trả kết quả)',
        params: Type.Object({ code: Type.String({ pattern: DOSSIER_CODE_PATTERN, maxLength: 64 }) }),
        response: { 200: Type.Object({ url: Type.String(), qrSvg: Type.String(), rated: Type.Boolean() }), ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request, ['reception', 'leader', 'admin', 'division_head', 'specialist']);
      const d = await getDossier(db.kysely, request.params.code);
      if ((actor.role === 'specialist' || actor.role === 'division_head') && actor.divisionId !== d.divisionId) {
        throw new DomainError('FORBIDDEN', 'Hồ sơ thuộc phòng chuyên môn khác.');
      }
      const r = await db.kysely.transaction().execute((trx) => ensureDossierRating(trx, d.id, null, clock.now()));
      const url = ratingUrl(base(), r.token);
      return { url, qrSvg: await qrSvg(url), rated: r.ratedAt !== null };
    },
  );

  app.get(
    '/api/rating-follow-ups',
    {
      ...signedIn,
      schema: {
        tags: ['ratings'],
        summary: 'Đánh giá chưa hài lòng cần theo dõi, xử lý (cán bộ kiểm soát)',
        querystring: Type.Object({ status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('resolved')])) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(Type.Object({}, { additionalProperties: true })) }), ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request, FOLLOW_UP_READERS);
      const rows = await db.kysely
        .selectFrom('rating')
        .leftJoin('dossier', 'dossier.id', 'rating.dossier_id')
        .leftJoin('queue_ticket', 'queue_ticket.id', 'rating.ticket_id')
        .leftJoin('staff_user', 'staff_user.id', 'rating.officer_id')
        .select([
          'rating.id',
          'rating.score',
          'rating.reasons',
          'rating.trips',
          'rating.extra_costs',
          'rating.comment',
          'rating.rated_at',
          'rating.follow_up',
          'rating.follow_up_note',
          'rating.resolved_at',
          'dossier.code as dossier_code',
          'dossier.procedure_name',
          'queue_ticket.display as ticket',
          'staff_user.full_name as officer_name',
        ])
        .where('rating.follow_up', '=', request.query.status ?? 'open')
        .orderBy('rating.rated_at', 'desc')
        .limit(500)
        .execute();
      return {
        items: rows.map((r) => ({
          id: r.id,
          score: r.score,
          scoreLabel: r.score ? SCORE_LABEL[r.score] : null,
          reasons: (r.reasons ? (JSON.parse(r.reasons) as (keyof typeof RATING_CRITERIA)[]) : []).map((k) => ({ code: k, label: RATING_CRITERIA[k] ?? k })),
          trips: r.trips,
          extraCosts: r.extra_costs === null ? null : r.extra_costs === 1,
          comment: actor.role === 'supervisor' ? null : r.comment,
          ratedAt: r.rated_at,
          status: r.follow_up,
          note: r.follow_up_note,
          resolvedAt: r.resolved_at,
          dossierCode: r.dossier_code,
          procedureName: r.procedure_name,
          ticket: r.ticket,
          officerName: r.officer_name,
        })),
      };
    },
  );

  app.post(
    '/api/rating-follow-ups/:id/resolve',
    {
      ...signedIn,
      schema: {
        tags: ['ratings'],
        summary: 'Ghi kết quả xử lý một đánh giá chưa hài lòng',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        body: Type.Object({ note: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ id: Type.Integer(), status: Type.String(), note: Type.Union([Type.String(), Type.Null()]) }), ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request, ['monitor', 'leader']);
      const r = await db.kysely.transaction().execute((trx) => resolveFollowUp(trx, actor, request.params.id, request.body.note, clock.now()));
      return { id: r.id, status: r.followUp, note: r.followUpNote };
    },
  );
};
