import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { BIEU06_COLUMNS, type Bieu06Column, type Bieu06Counts, VIEWS } from '../../../domain/report/bieu06.ts';
import { CUTOFF_RULES, type CutoffRule, parsePeriod } from '../../../domain/report/period.ts';
import { DomainError } from '../../../domain/errors.ts';
import type { Role } from '../../../domain/procedure/procedure.ts';
import { requireActor } from '../../http/request-context.ts';
import { binaryResponse, errorResponses, PDF, XLSX } from '../../http/schemas.ts';
import { readSetting } from '../settings.repository.ts';
import { bieu06Document, bieu06Pdf, bieu06Xlsx } from './bieu06.document.ts';
import { buildBieu06 } from './bieu06.report.ts';
import { bieu06CellDossiers } from './bieu06.sql.ts';
import { dueChangesOf } from './report.repository.ts';

/** Who reads reports: the monitoring officer, leaders, division heads, admins and the Front's supervisors (read-only). */
export const REPORT_ROLES: readonly Role[] = ['monitor', 'leader', 'division_head', 'admin', 'supervisor'];
const reportReader = { preValidation: async (request: FastifyRequest) => void requireActor(request, REPORT_ROLES) };

const PeriodQuery = {
  period: Type.String({ minLength: 4, maxLength: 10, description: '2026-07, 2026-Q3, 2026-H1 hoặc 2026' }),
  cutoff: Type.Optional(Type.Union(CUTOFF_RULES.map((c) => Type.Literal(c)), { description: 'calendar (mặc định) hoặc day15' })),
};

export async function cutoffRule(db: Parameters<typeof readSetting>[0], requested: CutoffRule | undefined): Promise<CutoffRule> {
  if (requested) return requested;
  const setting = await readSetting<CutoffRule>(db, 'report.cutoff');
  return setting && (CUTOFF_RULES as readonly string[]).includes(setting) ? setting : 'calendar';
}

function presentView(b: Bieu06Counts) {
  return { total: b.total, rows: b.rows };
}

/** The drill-down answers one page of a cell; the console shows it 20 rows at a time. */
const DRILL_LIMIT = 1000;

const WARD_FALLBACK = { committeeName: 'Ủy ban nhân dân phường', province: 'Tỉnh', chairmanName: '' };

export const reportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock } = app.deps;

  async function build(periodKey: string, cutoff: CutoffRule | undefined) {
    const period = parsePeriod(periodKey, await cutoffRule(db.kysely, cutoff));
    const now = clock.now();
    const asOf = now.toISOString();
    const { views } = await buildBieu06(db.kysely, period, asOf);
    return { period, now, asOf, views };
  }

  app.get(
    '/reports/bieu-06',
    {
      ...reportReader,
      schema: {
        tags: ['reports'],
        summary: 'Biểu số 06/VPCP/KSTT: tình hình, kết quả giải quyết TTHC theo lĩnh vực và thủ tục (JSON, XLSX hoặc PDF)',
        querystring: Type.Object({
          ...PeriodQuery,
          view: Type.Optional(Type.Union(VIEWS.map((v) => Type.Literal(v)), { description: 'Cho XLSX/PDF: original (mặc định) hoặc extended' })),
          format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('xlsx'), Type.Literal('pdf')])),
        }),
        response: { 200: binaryResponse('Biểu 06 (JSON, XLSX hoặc PDF)', [XLSX, PDF], Type.Unknown()), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { period, now, asOf, views } = await build(request.query.period, request.query.cutoff);
      const format = request.query.format ?? 'json';
      if (format === 'json') {
        return {
          form: 'Biểu số 06/VPCP/KSTT',
          period: { key: period.key, label: period.label, cutoff: period.cutoff, firstDay: period.firstDay, lastDay: period.lastDay, start: period.start, end: period.end },
          asOf,
          columns: BIEU06_COLUMNS,
          views: { original: presentView(views.original), extended: presentView(views.extended) },
        };
      }
      const ward = (await readSetting<typeof WARD_FALLBACK>(db.kysely, 'ward')) ?? WARD_FALLBACK;
      const view = request.query.view ?? 'original';
      const doc = bieu06Document(views[view], period, ward, now);
      const filename = `bieu-06-${period.key}-${view}.${format}`;
      reply.header('content-disposition', `attachment; filename="${filename}"`);
      if (format === 'xlsx') {
        return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await bieu06Xlsx(doc));
      }
      return reply.type('application/pdf').send(await bieu06Pdf(doc));
    },
  );

  app.get(
    '/reports/bieu-06/dossiers',
    {
      ...reportReader,
      schema: {
        tags: ['reports'],
        summary: 'Các hồ sơ đứng sau một ô của Biểu 06 (theo cột, lĩnh vực hoặc thủ tục)',
        querystring: Type.Object({
          ...PeriodQuery,
          column: Type.String({ description: 'Số cột 3–13' }),
          view: Type.Optional(Type.Union(VIEWS.map((v) => Type.Literal(v)))),
          field: Type.Optional(Type.String({ maxLength: 300 })),
          procedure: Type.Optional(Type.String({ maxLength: 50 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: DRILL_LIMIT, description: `Số hồ sơ tối đa trả về (mặc định ${DRILL_LIMIT})` })),
          offset: Type.Optional(Type.Integer({ minimum: 0, description: 'Bỏ qua bao nhiêu hồ sơ đầu' })),
        }),
        response: { 200: Type.Unknown(), ...errorResponses },
      },
    },
    async (request) => {
      const column = request.query.column as Bieu06Column;
      if (!(BIEU06_COLUMNS as readonly string[]).includes(column)) {
        throw new DomainError('VALIDATION_ERROR', 'Cột (column) phải là một số từ 3 đến 13.', { field: 'column' });
      }
      const period = parsePeriod(request.query.period, await cutoffRule(db.kysely, request.query.cutoff));
      const view = request.query.view ?? 'original';
      const { field, procedure } = request.query;
      const limit = request.query.limit ?? DRILL_LIMIT;
      const offset = request.query.offset ?? 0;
      const { count, dossiers } = await bieu06CellDossiers(db.kysely, { ...period, asOf: clock.now().toISOString() }, { view, column, field, procedure }, { limit, offset });
      const dues = await dueChangesOf(db.kysely, dossiers.map((d) => d.id));
      return {
        period: period.key,
        view,
        column,
        count,
        limit,
        offset,
        dossiers: dossiers.map(({ id, ...d }) => ({ ...d, dueChanges: dues.get(id) ?? [] })),
      };
    },
  );
};
