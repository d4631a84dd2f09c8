import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../../../domain/errors.ts';
import { parsePeriod, previousPeriod } from '../../../domain/report/period.ts';
import { MIN_STEPS, RECOGNITION_WEIGHTS } from '../../../domain/report/recognition.ts';
import { requireActor } from '../../http/request-context.ts';
import { binaryResponse, DOCX, errorResponses } from '../../http/schemas.ts';
import { SLOGANS } from '../../seed/demo-ward.ts';
import { readSetting } from '../settings.repository.ts';
import { periodFigures, staffLeaderboard } from './recognition.ts';
import { currentReportInputs, type ReportInputs } from './report-inputs.ts';
import { cutoffRule } from './reports.routes.ts';
import { reviewDocx } from './review.document.ts';

/** Leaderboard and review document: the monitoring officer, leaders, admins (not the Front: it sees masked data). */
const RECOGNITION_ROLES = ['monitor', 'leader', 'division_head', 'admin'] as const;
const reader = { preValidation: async (request: FastifyRequest) => void requireActor(request, RECOGNITION_ROLES) };

export function recognitionRoutes(inputs: ReportInputs = currentReportInputs): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { db, clock } = app.deps;

    app.get(
      '/reports/leaderboard',
      {
        ...reader,
        schema: {
          tags: ['reports'],
          summary: 'Bảng xếp hạng cán bộ "Dân vận khéo": đúng hạn, hài lòng, kỷ luật bổ sung, gia hạn (công thức trong docs/reports.md)',
          querystring: Type.Object({ period: Type.String({ minLength: 4, maxLength: 10 }) }),
          response: { 200: Type.Unknown(), ...errorResponses },
        },
      },
      async (request) => {
        const period = parsePeriod(request.query.period, await cutoffRule(db.kysely, undefined));
        const items = await staffLeaderboard(db.kysely, period, inputs);
        return {
          period: { key: period.key, label: period.label },
          formula: { weights: RECOGNITION_WEIGHTS, minSteps: MIN_STEPS, ratings: items.some((i) => i.components.ratings !== null) ? 'computed' : 'pending_data' },
          items,
        };
      },
    );

    app.get(
      '/reports/review.docx',
      {
        ...reader,
        schema: {
          tags: ['reports'],
          summary: 'Báo cáo sơ kết / tổng kết mô hình (DOCX): số liệu kỳ này so với kỳ trước, khẩu hiệu, cá nhân tiêu biểu',
          querystring: Type.Object({ period: Type.String({ minLength: 4, maxLength: 10 }), compareTo: Type.Optional(Type.String({ minLength: 4, maxLength: 10 })) }),
          response: { 200: binaryResponse('Báo cáo sơ kết / tổng kết (DOCX)', [DOCX]), ...errorResponses },
        },
      },
      async (request, reply) => {
        const cutoff = await cutoffRule(db.kysely, undefined);
        const period = parsePeriod(request.query.period, cutoff);
        let before;
        try {
          before = request.query.compareTo ? parsePeriod(request.query.compareTo, cutoff) : previousPeriod(period);
        } catch (err) {
          if (err instanceof DomainError) throw new DomainError('VALIDATION_ERROR', err.message.replace('(period)', '(compareTo)'), { field: 'compareTo' });
          throw err;
        }
        if (before.end > period.start) {
          throw new DomainError('VALIDATION_ERROR', 'Kỳ so sánh (compareTo) phải kết thúc trước kỳ báo cáo (period).', { field: 'compareTo' });
        }
        const now = clock.now();
        const asOf = now.toISOString();
        const [current, previous, board] = await Promise.all([
          periodFigures(db.kysely, period, inputs, asOf),
          periodFigures(db.kysely, before, inputs, asOf),
          staffLeaderboard(db.kysely, period, inputs),
        ]);
        const ward = (await readSetting<{ name?: string; committeeName?: string; province?: string }>(db.kysely, 'ward')) ?? {};
        const kind = period.kind === 'year' ? 'tổng kết' : 'sơ kết';
        const buffer = await reviewDocx({
          committeeName: ward.committeeName ?? 'Ủy ban nhân dân phường',
          wardName: ward.name ?? 'Phường',
          province: ward.province ?? '',
          title: `${kind.toUpperCase()} thực hiện mô hình "3 không, 3 biết" tại Bộ phận Một cửa, ${period.label}`,
          period: { key: period.key, label: period.label },
          compareTo: { key: before.key, label: before.label },
          current,
          previous,
          slogans: SLOGANS.map((s) => ({ label: s.label, text: s.text })),
          topStaff: board
            .filter((s) => s.ranked)
            .slice(0, 5)
            .map((s) => ({ rank: s.rank!, fullName: s.fullName, title: s.title, score: s.score!, onTime: s.components.onTime, stepsFinished: s.stepsFinished, extensions: s.extensions, supplementRequests: s.supplementRequests })),
          issuedOn: new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10),
        });
        reply.header('content-disposition', `attachment; filename="so-ket-${period.key}.docx"`);
        return reply.type('application/vnd.openxmlformats-officedocument.wordprocessingml.document').send(buffer);
      },
    );
  };
}
