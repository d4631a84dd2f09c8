import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../../../domain/errors.ts';
import { requireActor } from '../../http/request-context.ts';
import { errorResponses } from '../../http/schemas.ts';
import { appendAudit } from '../audit.repository.ts';
import { deleteDayRule, findDayRule, listDayRules, upsertDayRule } from './calendar.repository.ts';

const PlainDateSchema = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const DayRuleSchema = Type.Object({
  date: Type.String(),
  kind: Type.String(),
  reason: Type.String(),
  source: Type.String(),
  provisional: Type.Optional(Type.Boolean()),
});

function assertRealDate(date: string): void {
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== date) {
    throw new DomainError('VALIDATION_ERROR', `Ngày (date) ${date} không tồn tại.`, { field: 'date' });
  }
}

const signedIn = { preValidation: async (request: FastifyRequest) => void requireActor(request) };

export const calendarRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock } = app.deps;

  app.get(
    '/calendar/years/:year',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Lịch làm việc của một năm: ngày nghỉ lễ, nghỉ bù, ngày làm bù',
        params: Type.Object({ year: Type.Integer({ minimum: 1990, maximum: 2100 }) }),
        response: {
          200: Type.Object({
            year: Type.Integer(),
            workingDays: Type.Integer(),
            days: Type.Array(Type.Object({ ...DayRuleSchema.properties, weekday: Type.Integer() })),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { year } = request.params;
      const calendar = await app.calendars.current();
      const days = await listDayRules(db.kysely, `${year}-01-01`, `${year}-12-31`);
      return {
        year,
        workingDays: calendar.workingDaysBetween(`${year}-01-01`, `${year}-12-31`),
        days: days.map((d) => ({ ...d, weekday: new Date(`${d.date}T00:00:00Z`).getUTCDay() })),
      };
    },
  );

  app.put(
    '/calendar/days/:date',
    {
      ...signedIn,
      schema: {
        tags: ['calendar'],
        summary: 'Đặt một ngày nghỉ hoặc ngày làm bù (quản trị; có ghi nhật ký)',
        params: Type.Object({ date: PlainDateSchema }),
        body: Type.Object(
          {
            kind: Type.Union([Type.Literal('off'), Type.Literal('work')]),
            reason: Type.String({ minLength: 3, maxLength: 200 }),
            source: Type.String({ minLength: 3, maxLength: 300 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: DayRuleSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request, ['admin']);
      const { date } = request.params;
      assertRealDate(date);
      const rule = { date, ...request.body, provisional: false };
      const now = clock.now();
      await db.kysely.transaction().execute(async (trx) => {
        const before = await findDayRule(trx, date);
        await upsertDayRule(trx, rule, actor.id, now);
        await appendAudit(trx, actor, 'calendar.set_day', 'calendar_day', date, { before: before ?? null, after: rule }, now);
      });
      app.calendars.invalidate();
      return rule;
    },
  );

  app.delete(
    '/calendar/days/:date',
    {
      ...signedIn,
      schema: {
        tags: ['calendar'],
        summary: 'Bỏ một ngày ngoại lệ, trở về lịch tuần thường (quản trị; có ghi nhật ký)',
        params: Type.Object({ date: PlainDateSchema }),
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, ['admin']);
      const { date } = request.params;
      assertRealDate(date);
      const now = clock.now();
      await db.kysely.transaction().execute(async (trx) => {
        const before = await findDayRule(trx, date);
        if (!before) throw new DomainError('NOT_FOUND', `Ngày ${date} không có trong lịch ngoại lệ.`);
        await deleteDayRule(trx, date);
        await appendAudit(trx, actor, 'calendar.delete_day', 'calendar_day', date, { before }, now);
      });
      app.calendars.invalidate();
      return reply.status(204).send(null);
    },
  );
};
