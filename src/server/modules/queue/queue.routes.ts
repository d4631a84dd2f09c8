import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { DomainError } from '../../../domain/errors.ts';
import type { Database } from '../../db/schema.ts';
import { requireActor, STAFF_ROLES } from '../../http/request-context.ts';
import { errorResponses } from '../../http/schemas.ts';
import type { Actor } from '../auth/actor.ts';
import { ratingUrl } from '../ratings/rating.repository.ts';
import { qrSvg } from '../ratings/ratings.routes.ts';
import { readSetting } from '../settings.repository.ts';
import { SLOGANS } from '../../seed/demo-ward.ts';
import { callNext, closeCounter, finishTicket, linkTicket, openCounter, recallTicket, serveTicket, skipTicket, transferTicket } from './counter-actions.ts';
import { estimateWait, issueTicket } from './issue-ticket.ts';
import { boardPage } from './pages/board.page.ts';
import { counterPage } from './pages/counter.page.ts';
import { kioskPage } from './pages/kiosk.page.ts';
import { QueueBus, type QueueEvent } from './queue-bus.ts';
import { type QueueCounter, listAreas, listCounters, listDayTickets, localDay, type Ticket } from './queue.repository.ts';
import { dailyStats } from './queue-stats.ts';

const signedIn = { preValidation: async (request: FastifyRequest) => void requireActor(request, STAFF_ROLES) };
const COUNTER_ROLES = ['reception'] as const;
const Obj = Type.Object({}, { additionalProperties: true });

function presentTicket(t: Ticket) {
  return {
    id: t.id,
    display: t.display,
    areaCode: t.areaCode,
    status: t.status,
    issuedAt: t.issuedAt,
    calledAt: t.calledAt,
    servingAt: t.servingAt,
    doneAt: t.doneAt,
    recalls: t.recalls,
    counterId: t.counterId,
    dossierId: t.dossierId,
  };
}

async function wardName(db: Kysely<Database>): Promise<string> {
  return (await readSetting<{ name?: string }>(db, 'ward'))?.name ?? 'Bộ phận Một cửa';
}

export const queueRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock } = app.deps;
  const bus = new QueueBus();
  const streams = new Set<() => void>();
  app.addHook('onClose', async () => {
    for (const end of streams) end();
  });

  function publish(type: QueueEvent['type'], ticket: Ticket | null, counter: QueueCounter | null) {
    bus.publish({
      type,
      at: clock.now().toISOString(),
      ...(ticket ? { ticket: { id: ticket.id, display: ticket.display, areaCode: ticket.areaCode, status: ticket.status } } : {}),
      counter: counter ? { code: counter.code, name: counter.name, officerName: counter.officerName } : null,
    });
  }

  async function areasWithWait() {
    const day = localDay(clock.now());
    const [areas, counters, tickets] = await Promise.all([listAreas(db.kysely), listCounters(db.kysely), listDayTickets(db.kysely, day)]);
    return areas.map((a) => {
      const open = counters.filter((c) => c.officerId !== null && c.areas.includes(a.code)).length;
      return { code: a.code, name: a.name, fields: a.fields, ...estimateWait(tickets, a.code, open) };
    });
  }

  async function board() {
    const day = localDay(clock.now());
    const [counters, tickets] = await Promise.all([listCounters(db.kysely), listDayTickets(db.kysely, day)]);
    const byCounter = new Map(counters.map((c) => [c.id, c]));
    const called = tickets
      .filter((t) => t.calledAt && (t.status === 'called' || t.status === 'serving'))
      .sort((a, b) => Date.parse(b.calledAt!) - Date.parse(a.calledAt!));
    return {
      day,
      calls: called.map((t) => {
        const c = byCounter.get(t.counterId ?? -1);
        return { display: t.display, status: t.status, calledAt: t.calledAt, recalls: t.recalls, counter: c ? { code: c.code, name: c.name, officerName: c.officerName } : null };
      }),
      counters: counters.map((c) => ({
        code: c.code,
        name: c.name,
        isOpen: c.officerId !== null,
        officerName: c.officerName,
        current: tickets.find((t) => t.counterId === c.id && (t.status === 'called' || t.status === 'serving'))?.display ?? null,
      })),
      waiting: tickets.filter((t) => t.status === 'waiting').length,
    };
  }

  // ---- Pages (server-rendered, small vanilla JS) ----
  app.get('/kiosk', { schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/html; charset=utf-8').send(kioskPage({ wardName: await wardName(db.kysely), areas: await areasWithWait(), slogans: SLOGANS.map((s) => s.text) })),
  );
  app.get('/quay', { schema: { hide: true } }, async (_req, reply) => reply.type('text/html; charset=utf-8').send(counterPage({ wardName: await wardName(db.kysely) })));
  app.get('/man-hinh', { schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/html; charset=utf-8').send(boardPage({ wardName: await wardName(db.kysely), slogans: SLOGANS.map((s) => s.text) })),
  );

  // ---- Public: kiosk and display board ----
  app.get('/api/public/queue/areas', { schema: { tags: ['queue'], summary: 'Lĩnh vực lấy số, số người chờ và thời gian chờ dự kiến', response: { 200: Type.Object({ items: Type.Array(Obj) }), ...errorResponses } } }, async () => ({
    items: await areasWithWait(),
  }));

  app.post(
    '/api/public/queue/tickets',
    {
      schema: {
        tags: ['queue'],
        summary: 'Lấy số thứ tự tại máy (kiosk)',
        body: Type.Object({ areaCode: Type.String({ minLength: 1, maxLength: 8 }) }, { additionalProperties: false }),
        response: { 201: Obj, ...errorResponses },
      },
    },
    async (request, reply) => {
      const now = clock.now();
      let issued: Awaited<ReturnType<typeof issueTicket>> | undefined;
      for (let attempt = 0; attempt < 5 && !issued; attempt++) {
        try {
          issued = await db.kysely.transaction().execute((trx) => issueTicket(trx, request.body.areaCode, now));
        } catch (err) {
          if (err instanceof DomainError || attempt === 4) throw err;
        }
      }
      const { ticket, areaName, wait } = issued!;
      publish('issued', ticket, null);
      const ward = await wardName(db.kysely);
      return reply.status(201).send({
        ...presentTicket(ticket),
        areaName,
        greeting: `${ward} xin chào ông/bà!`,
        ...wait,
      });
    },
  );

  app.get('/api/public/queue/board', { schema: { tags: ['queue'], summary: 'Màn hình gọi số: số đang được mời và quầy', response: { 200: Obj, ...errorResponses } } }, async () => board());

  app.get('/api/public/queue/stream', { schema: { tags: ['queue'], summary: 'Cập nhật trực tiếp (server-sent events)', hide: false } }, (request, reply) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no', 'x-content-type-options': 'nosniff' });
    res.write('retry: 3000\n\n');
    const unsubscribe = bus.subscribe((e) => res.write(`event: queue\ndata: ${JSON.stringify(e)}\n\n`));
    const heartbeat = setInterval(() => res.write(': ping\n\n'), 25_000);
    const end = () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(end);
      if (!res.writableEnded) res.end();
    };
    streams.add(end);
    request.raw.on('close', end);
  });

  // ---- Counter (reception officers) ----
  app.get('/api/queue/counters', { ...signedIn, schema: { tags: ['queue'], summary: 'Các quầy và số đang phục vụ', response: { 200: Obj, ...errorResponses } } }, async (request) => {
    const actor = requireActor(request, STAFF_ROLES);
    const b = await board();
    const counters = await listCounters(db.kysely);
    const day = localDay(clock.now());
    const tickets = await listDayTickets(db.kysely, day);
    const mine = counters.find((c) => c.officerId === actor.id) ?? null;
    const current = mine ? tickets.find((t) => t.counterId === mine.id && (t.status === 'called' || t.status === 'serving')) : undefined;
    return {
      me: { id: actor.id, fullName: actor.fullName, role: actor.role },
      counters: counters.map((c) => ({ code: c.code, name: c.name, areas: c.areas, officerName: c.officerName, isMine: c.officerId === actor.id })),
      mine: mine ? { code: mine.code, name: mine.name, areas: mine.areas } : null,
      current: current ? presentTicket(current) : null,
      waitingForMe: mine ? tickets.filter((t) => t.status === 'waiting' && (t.counterId === mine.id || (t.counterId === null && mine.areas.includes(t.areaCode)))).map((t) => t.display) : [],
      board: b,
    };
  });

  const CounterParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 8 }) });
  const counterOp = (path: string, summary: string, fn: (trx: Kysely<Database>, actor: Actor, code: string, now: Date) => Promise<QueueCounter | { ticket: Ticket; counter: QueueCounter }>, type: QueueEvent['type']) =>
    app.post(path, { ...signedIn, schema: { tags: ['queue'], summary, params: CounterParams, response: { 200: Obj, ...errorResponses } } }, async (request) => {
      const actor = requireActor(request, COUNTER_ROLES);
      const out = await db.kysely.transaction().execute((trx) => fn(trx, actor, (request.params as { code: string }).code, clock.now()));
      if ('ticket' in out) {
        const counter = { ...out.counter, officerName: actor.fullName };
        publish(type, out.ticket, counter);
        return { ticket: presentTicket(out.ticket), counter: { code: counter.code, name: counter.name, officerName: counter.officerName } };
      }
      publish('counter', null, out);
      return { counter: { code: out.code, name: out.name, officerName: out.officerName, isOpen: out.officerId !== null } };
    });
  counterOp('/api/queue/counters/:code/open', 'Cán bộ mở quầy (nhận phụ trách quầy)', openCounter, 'counter');
  counterOp('/api/queue/counters/:code/close', 'Đóng quầy', closeCounter, 'counter');
  counterOp('/api/queue/counters/:code/call-next', 'Gọi số tiếp theo', callNext, 'called');

  const TicketParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
  const ticketOp = (
    verb: string,
    summary: string,
    body: ReturnType<typeof Type.Object> | undefined,
    fn: (trx: Kysely<Database>, actor: Actor, id: number, body: Record<string, string>, now: Date) => Promise<{ ticket: Ticket; counter: QueueCounter; rating?: { token: string } }>,
    type: QueueEvent['type'],
  ) =>
    app.post(
      `/api/queue/tickets/:id/${verb}`,
      { ...signedIn, schema: { tags: ['queue'], summary, params: TicketParams, ...(body ? { body } : {}), response: { 200: Obj, ...errorResponses } } },
      async (request) => {
        const actor = requireActor(request, COUNTER_ROLES);
        const out = await db.kysely.transaction().execute((trx) => fn(trx, actor, (request.params as { id: number }).id, (request.body ?? {}) as Record<string, string>, clock.now()));
        const counter = type === 'transferred' ? out.counter : { ...out.counter, officerName: actor.fullName };
        publish(type, out.ticket, counter);
        const result: Record<string, unknown> = { ticket: presentTicket(out.ticket), counter: { code: counter.code, name: counter.name } };
        if (out.rating) {
          const url = ratingUrl(app.citizen.publicBaseUrl, out.rating.token);
          result.thanks = {
            message: `${await wardName(db.kysely)} xin chân thành cảm ơn ông/bà! Mời ông/bà dành một phút đánh giá mức độ hài lòng.`,
            ratingUrl: url,
            ratingPath: `/danh-gia/${out.rating.token}`,
            qrSvg: await qrSvg(url),
          };
        }
        return result;
      },
    );
  ticketOp('recall', 'Gọi lại số đang mời', undefined, (trx, a, id, _b, now) => recallTicket(trx, a, id, now), 'recalled');
  ticketOp('skip', 'Bỏ qua (công dân vắng mặt)', undefined, (trx, a, id, _b, now) => skipTicket(trx, a, id, now), 'skipped');
  ticketOp('serve', 'Bắt đầu phục vụ', undefined, (trx, a, id, _b, now) => serveTicket(trx, a, id, now), 'serving');
  ticketOp(
    'transfer',
    'Chuyển sang quầy khác',
    Type.Object({ counterCode: Type.String({ minLength: 1, maxLength: 8 }) }, { additionalProperties: false }),
    (trx, a, id, b, now) => transferTicket(trx, a, id, b.counterCode!, now),
    'transferred',
  );
  ticketOp(
    'link',
    'Gắn số thứ tự với hồ sơ đang tiếp nhận hoặc trả kết quả',
    Type.Object({ dossierCode: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false }),
    (trx, a, id, b, now) => linkTicket(trx, a, id, b.dossierCode!, now),
    'serving',
  );
  ticketOp('finish', 'Hoàn thành giao dịch: lời cảm ơn và mời đánh giá', undefined, (trx, a, id, _b, now) => finishTicket(trx, a, id, now), 'done');

  app.get(
    '/api/queue/stats',
    {
      ...signedIn,
      schema: {
        tags: ['queue'],
        summary: 'Thống kê trong ngày: thời gian chờ và thời gian phục vụ theo quầy và cán bộ',
        querystring: Type.Object({ date: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })) }, { additionalProperties: false }),
        response: { 200: Obj, ...errorResponses },
      },
    },
    async (request) => {
      requireActor(request, ['reception', 'monitor', 'leader', 'admin', 'supervisor']);
      const day = request.query.date ?? localDay(clock.now());
      const [tickets, counters, staff] = await Promise.all([
        listDayTickets(db.kysely, day),
        listCounters(db.kysely),
        db.kysely.selectFrom('staff_user').select(['id', 'full_name']).execute(),
      ]);
      return { day, ...dailyStats(tickets, new Map(counters.map((c) => [c.id, c.name])), new Map(staff.map((s) => [s.id, s.full_name]))) };
    },
  );
};
