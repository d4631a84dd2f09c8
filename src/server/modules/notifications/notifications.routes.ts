import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { normalizePhone, isEmail } from '../../../domain/applicant.ts';
import { DomainError } from '../../../domain/errors.ts';
import { requireActor, STAFF_ROLES } from '../../http/request-context.ts';
import { errorResponses } from '../../http/schemas.ts';
import { appendAudit } from '../audit.repository.ts';
import { DOSSIER_CODE_PATTERN } from '../dossier/dossier-code.ts';
import { getDossier } from '../dossier/dossier.repository.ts';
import { checkPublicAccess } from '../dossier/public-lookup.ts';
import { CHANNEL_NAMES, type ChannelName } from './channels.ts';
import { listNotifications, recordConsent } from './outbound-message.repository.ts';

const signedIn = { preValidation: async (request: FastifyRequest) => void requireActor(request, STAFF_ROLES) };

function maskAddress(a: string): string {
  return a.includes('@') ? a.replace(/^(.).*(@.*)$/, '$1***$2') : a.replace(/^(.*)(\d{3})$/, (_m, p: string, s: string) => `${'*'.repeat(p.length)}${s}`);
}


export const notificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock } = app.deps;

  app.get(
    '/api/dossiers/:code/notifications',
    {
      ...signedIn,
      schema: {
        tags: ['notifications'],
        summary: 'Tin nhắn đã gửi cho người nộp hồ sơ và trạng thái gửi',
        params: Type.Object({ code: Type.String({ pattern: DOSSIER_CODE_PATTERN, maxLength: 64 }) }),
        response: { 200: Type.Object({ items: Type.Array(Type.Object({}, { additionalProperties: true })) }), ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request, ['reception', 'leader', 'monitor', 'supervisor', 'admin', 'division_head', 'specialist']);
      const d = await getDossier(db.kysely, request.params.code);
      if ((actor.role === 'specialist' || actor.role === 'division_head') && actor.divisionId !== d.divisionId) {
        throw new DomainError('FORBIDDEN', 'Hồ sơ thuộc phòng chuyên môn khác.');
      }
      const masked = actor.role === 'supervisor';
      const items = (await listNotifications(db.kysely, d.id)).map((n) => ({
        id: n.id,
        event: n.event,
        channel: n.channel,
        recipient: masked ? maskAddress(n.recipient) : n.recipient,
        subject: n.subject,
        body: masked ? null : n.body,
        status: n.status,
        attempts: n.attempts,
        lastError: n.lastError,
        createdAt: n.createdAt,
        sentAt: n.sentAt,
      }));
      return { items };
    },
  );

  app.post(
    '/api/notification-consents',
    {
      ...signedIn,
      schema: {
        tags: ['notifications'],
        summary: 'Ghi nhận đồng ý / từ chối nhận tin của người dân (tại quầy)',
        body: Type.Object(
          {
            channel: Type.Union(CHANNEL_NAMES.map((c) => Type.Literal(c))),
            address: Type.String({ minLength: 3, maxLength: 254 }),
            status: Type.Union([Type.Literal('granted'), Type.Literal('opted_out')]),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ channel: Type.String(), address: Type.String(), status: Type.String() }), ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request, ['reception', 'admin']);
      const { channel, status } = request.body;
      const address = channel === 'email' ? request.body.address.trim().toLowerCase() : normalizePhone(request.body.address);
      if (!address || (channel === 'email' && !isEmail(address))) {
        throw new DomainError('VALIDATION_ERROR', 'Địa chỉ nhận tin (address) không hợp lệ cho kênh đã chọn.', { field: 'address' });
      }
      await db.kysely.transaction().execute(async (trx) => {
        await recordConsent(trx, { channel, address, status, source: `staff:${actor.username}` }, clock.now());
        await appendAudit(trx, actor, `consent.${status}`, 'contact', `${channel}:${address}`, { channel }, clock.now());
      });
      return { channel, address, status };
    },
  );

  app.post(
    '/api/public/dossiers/:code/opt-out',
    {
      schema: {
        tags: ['public'],
        summary: 'Người nộp hồ sơ từ chối nhận tin nhắn (theo kênh hoặc tất cả)',
        params: Type.Object({ code: Type.String({ maxLength: 64 }) }),
        body: Type.Object(
          { phone: Type.String({ minLength: 4, maxLength: 4 }), channel: Type.Union([...CHANNEL_NAMES.map((c) => Type.Literal(c)), Type.Literal('all')]) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ optedOut: Type.Array(Type.String()) }), ...errorResponses },
      },
    },
    async (request, reply) => {
      // Same check, budget and answers as the public lookup: an unknown code and a wrong phone look alike.
      await checkPublicAccess(app, request, reply, request.params.code, request.body.phone);
      const d = await getDossier(db.kysely, request.params.code);
      const channels: ChannelName[] = request.body.channel === 'all' ? [...CHANNEL_NAMES] : [request.body.channel];
      const done: string[] = [];
      await db.kysely.transaction().execute(async (trx) => {
        for (const c of channels) {
          const address = c === 'email' ? d.applicant.email : d.applicant.phone;
          if (!address) continue;
          await recordConsent(trx, { channel: c, address, status: 'opted_out', source: `citizen:${d.code}` }, clock.now());
          await appendAudit(trx, null, 'consent.opted_out', 'contact', `${c}:${address}`, { dossier: d.code }, clock.now());
          done.push(c);
        }
      });
      return { optedOut: done };
    },
  );
};
